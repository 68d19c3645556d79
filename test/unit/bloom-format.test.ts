/**
 * bloom/crosswalk.json against the structure real Bloom installations export. Bloom publishes no
 * schema for perspective files, so the field lists below are those carried by EVERY one of these public
 * perspectives exported by Bloom 2.20/2.21 (Neo4j Desktop's Bloom and Aura's Explore), read field by field:
 *   - halftermeyer/quant-temporal-asset-correlation, perspective.json (Bloom 2.21.0)
 *   - halftermeyer/neo4j-data-asset-intelligence-graph, "bloom/data asset intel perspective.json" (2.21.0)
 *   - halftermeyer/risk-process-monitoring-demo, risk_process_CPA_perspective.json (2.21.0)
 *   - halftermeyer/linkspire-traceability-demo, linkspire_perspective.json (2.20.0)
 * Older exports (Bloom 1.1-1.4: neo-technology-field/comms-demo perspective.json, neo4j-graph-examples/bloom
 * bloom/*.bloom-perspective.json, kingsdigitallab/ancient-itineraries bloom_perspective.json) lack `labels`,
 * `type`, `metadata` and `sceneActions` and carry `caption`/`isCaption` instead of `captions`; Bloom 2
 * migrates them on import, so the 2.x structure is the one to write. Fields only some 2.x exports carry
 * (maxLimitToastMsgEnabled, metadata.stats, a param's `id`/`suggestions`) are left out.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PERSPECTIVE_FILE } from '../../bloom/perspective.ts';

const ROOT = [
  'name',
  'id',
  'categories',
  'labels',
  'relationshipTypes',
  'palette',
  'createdAt',
  'lastEditedAt',
  'templates',
  'sceneActions',
  'hiddenRelationshipTypes',
  'hideUncategorisedData',
  'type',
  'parentPerspectiveId',
  'metadata',
  'version',
];
const CATEGORY = [
  'id',
  'name',
  'labels',
  'properties',
  'createdAt',
  'lastEditedAt',
  'color',
  'size',
  'icon',
  'captionKeys',
  'captions',
  'textSize',
  'textAlign',
  'styleRules',
];
const CATEGORY_PROPERTY = ['name', 'exclude', 'dataType'];
const CAPTION = ['inTooltip', 'styles', 'isCaption', 'key', 'type'];
const LABEL_PROPERTY = ['propertyKey', 'type', 'dataType'];
const RELATIONSHIP_TYPE = [
  'properties',
  'name',
  'id',
  'color',
  'size',
  'captionKeys',
  'captions',
  'textSize',
  'textAlign',
  'styleRules',
];
const TEMPLATE = [
  'name',
  'id',
  'createdAt',
  'text',
  'cypher',
  'isUpdateQuery',
  'isWriteTransactionChecked',
  'params',
  'hasCypherErrors',
];
const PARAM = ['name', 'dataType', 'collapsed', 'suggestionLabel', 'suggestionProp', 'suggestionBoolean', 'cypher'];
const SCENE_ACTION = [
  'name',
  'id',
  'createdAt',
  'cypher',
  'isUpdateQuery',
  'isWriteTransactionChecked',
  'categories',
  'relationshipTypes',
  'hasCypherErrors',
];
/** Style rules: the fields of the single and range rules in the 2.20/2.21 exports that have rules. */
const STYLE_RULE = [
  'id',
  'type',
  'size',
  'minSize',
  'maxSize',
  'minColor',
  'midColor',
  'maxColor',
  'minPoint',
  'maxPoint',
  'applyColor',
  'applySize',
  'applyCaption',
  'textAlign',
  'textSize',
  'captions',
  'color',
  'isTimeZoneConvertEnabled',
  'selectedTimeZone',
  'basedOn',
  'valuesMapper',
  'existingValues',
  'conditionValue',
  'rangeValue',
  'condition',
];
/** Property types as Bloom writes them (string, number, bigint, boolean, Date, DateTime, ...). */
const DATA_TYPES = ['string', 'number', 'bigint', 'boolean', 'Date', 'DateTime', 'LocalDateTime', 'Point', 'array'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

type Json = Record<string, unknown>;
const perspective = JSON.parse(fs.readFileSync(PERSPECTIVE_FILE, 'utf8')) as Json;
const list = (value: unknown): Json[] => value as Json[];
const has = (object: Json, fields: string[], where: string) =>
  expect(Object.keys(object), where).toEqual(expect.arrayContaining(fields));

describe('the Bloom perspective file carries the fields real Bloom 2.20/2.21 exports carry', () => {
  it('at the root: a STANDARD_PERSPECTIVE of version 2.21.0 with a UUID id, ms timestamps and metadata', () => {
    has(perspective, ROOT, 'root');
    expect(perspective.type).toBe('STANDARD_PERSPECTIVE');
    expect(perspective.version).toBe('2.21.0');
    expect(perspective.id).toMatch(UUID);
    expect(typeof perspective.createdAt).toBe('number');
    expect(perspective.parentPerspectiveId).toBeNull();
    const metadata = perspective.metadata as Json;
    has(metadata, ['pathSegments', 'indexes'], 'metadata');
    for (const s of list(metadata.pathSegments)) has(s, ['source', 'relationshipType', 'target'], 'pathSegment');
    const indexes = list(metadata.indexes);
    // Every export lists an empty native entry, the labels' native indexes and the full-text ones.
    expect(indexes).toContainEqual({ label: null, type: 'native', propertyKeys: [] });
    for (const i of indexes.filter((x) => x.type === 'native' && x.label)) has(i, ['label', 'type', 'propertyKeys'], 'index');
    expect(indexes).toContainEqual(
      expect.objectContaining({ type: 'full-text', name: 'requirement_text', tokenNames: ['Requirement'], state: 'ONLINE' }),
    );
  });

  it('a root `labels` map with every category label and its properties', () => {
    const labels = perspective.labels as Record<string, Json[]>;
    for (const c of list(perspective.categories)) {
      for (const label of c.labels as string[]) {
        expect(labels[label], label).toBeDefined();
        for (const p of labels[label] ?? []) {
          has(p, LABEL_PROPERTY, `labels.${label}`);
          expect(p.type).toBe(label);
          expect(DATA_TYPES).toContain(p.dataType);
        }
      }
    }
  });

  it('categories with icon, size, captions (label first, then properties) and 2.x style rules', () => {
    const ids = new Set<unknown>();
    for (const c of list(perspective.categories)) {
      has(c, CATEGORY, `category ${String(c.name)}`);
      expect(typeof c.id).toBe('number');
      ids.add(c.id);
      expect(c.icon).toBe('no-icon');
      for (const p of list(c.properties)) {
        has(p, CATEGORY_PROPERTY, 'category property');
        expect(DATA_TYPES).toContain(p.dataType);
      }
      const captions = list(c.captions);
      expect(captions[0]).toMatchObject({ type: 'label', key: (c.labels as string[])[0] });
      for (const x of captions) has(x, CAPTION, 'caption');
      for (const x of captions.filter((y) => y.type === 'property')) expect(x.isGdsData).toBe(false);
      expect(captions.some((x) => x.isCaption)).toBe(true);
      for (const r of list(c.styleRules)) {
        has(r, STYLE_RULE, `style rule of ${String(c.name)}`);
        expect(r.id).toMatch(/^rule:\d+$/);
        expect(r.basedOn).toMatch(/_(string|number|boolean)$/);
      }
    }
    expect(ids.size).toBe(list(perspective.categories).length);
  });

  it('relationship types with size (not width), property keys and a relationship caption', () => {
    for (const r of list(perspective.relationshipTypes)) {
      has(r, RELATIONSHIP_TYPE, `relationship type ${String(r.name)}`);
      expect(r).not.toHaveProperty('width');
      expect(r.id).toBe(r.name);
      expect(typeof r.size).toBe('number');
      for (const p of list(r.properties)) {
        has(p, LABEL_PROPERTY, 'relationship property');
        expect(p.type).toBe(r.name);
      }
      expect(list(r.captions)[0]).toMatchObject({ type: 'relationship', key: r.name });
      for (const rule of list(r.styleRules)) has(rule, STYLE_RULE, 'relationship style rule');
    }
  });

  it('templates (search phrases) and scene actions as Bloom writes them, with unique ids', () => {
    const templates = list(perspective.templates);
    for (const t of templates) {
      has(t, TEMPLATE, `template ${String(t.text)}`);
      expect(t.id).toMatch(/^tmpl:\d+$/);
      for (const p of list(t.params)) {
        has(p, PARAM, 'param');
        expect(p.name).toMatch(/^\$\w+$/);
      }
    }
    const categoryIds = list(perspective.categories).map((c) => c.id);
    const actions = list(perspective.sceneActions);
    for (const a of actions) {
      has(a, SCENE_ACTION, `scene action ${String(a.name)}`);
      expect(a.id).toMatch(UUID);
      expect(a.relationshipTypes).toBeNull();
      for (const id of a.categories as unknown[]) expect(categoryIds).toContain(id);
      // Bloom passes the selection as $nodes (element ids).
      expect(a.cypher).toContain('$nodes');
    }
    const ids = [...templates, ...actions].map((x) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
    const ruleIds = [...list(perspective.categories), ...list(perspective.relationshipTypes)].flatMap((x) =>
      list(x.styleRules).map((r) => r.id),
    );
    expect(new Set(ruleIds).size).toBe(ruleIds.length);
  });
});
