/**
 * The Neo4j Bloom perspective (bloom/crosswalk.json), generated from the model so that it never drifts:
 * `crosswalk export bloom` writes it, test/integration/bloom.test.ts regenerates it and compares.
 *
 * Format: the JSON Bloom 2.20/2.21 writes with "Export perspective" (Neo4j Desktop's Bloom, Aura's Explore).
 * Bloom publishes no schema for it; the structure here follows perspectives exported by real Bloom
 * installations (the sources and the field list they all carry are in test/unit/bloom-format.test.ts):
 * a root `labels` map of every label's properties, `type: STANDARD_PERSPECTIVE`, `metadata` with path
 * segments and the database's indexes, categories with `captions` (label and property captions) and
 * `captionKeys`, relationship types with `size` and captions, templates (search phrases) with
 * `isWriteTransactionChecked` and `hasCypherErrors`, scene actions bound to category ids, UUID ids for the
 * perspective and the scene actions, `tmpl:`/`rule:` ids with a millisecond stamp, ms timestamps. Still only
 * checkable in a real Bloom (which needs an Enterprise database, so not in this repository's tests):
 * - the boolean style rule (written as `equals` on the `<property>_boolean` key with "false", by analogy
 *   with the string rules seen in exports; no export with a boolean rule was found);
 * - `metadata` (Bloom recomputes path segments and indexes with "Refresh perspective" anyway).
 * Ids and timestamps are derived from fixed values so that regenerating gives identical bytes.
 *
 * Coverage status is per organization and not stored on the shared Requirement nodes, while Bloom styles
 * only by stored properties. So the colours are CoverageStatus nodes the maintained coverage keeps current
 * (coverage/colours.cypher, bloom/snapshot.ts), styled by status and drawn on their requirements; the search
 * phrases read the maintained coverage too (the same status block as the API).
 */
import fs from 'node:fs';
import path from 'node:path';
import { v5 as uuidv5 } from 'uuid';
import { cypher as questionCypher } from '../queries/cypher.ts';
import { PROJECT_ROOT } from '../graph/config.ts';
import { INDICATED_COLOR, INHERITED_COLOR, STATUS_COLORS as QUERY_STATUS_COLORS } from '../queries/status.ts';
import {
  CONTROL_STATUSES,
  COVERAGE_STATUS_LABEL,
  COVERAGE_STATUSES,
  COVERAGES,
  EVIDENCE_STATUSES,
  LABELS,
  MAPPING_RELATIONSHIPS,
  RELATIONSHIP_TYPES,
  type BloomDataType,
  type LabelSpec,
  type PropertySpec,
} from './vocabulary.ts';

export const PERSPECTIVE_FILE = path.join(PROJECT_ROOT, 'bloom', 'crosswalk.json');
/** The Bloom version whose export format is written (the newest seen in real exports); see the notes above. */
export const BLOOM_FORMAT_VERSION = '2.21.0';
/** Fixed creation/edit time (2026-11-22T00:00:00Z, in ms as Bloom writes it): regenerating changes nothing. */
const TIMESTAMP = Date.UTC(2026, 10, 22);
/** Namespace of the perspective's UUIDs (v5: the same name always gives the same id). */
const UUID_NAMESPACE = uuidv5('https://github.com/crosswalk/crosswalk/graph/bloom', uuidv5.URL);
const uuid = (name: string) => uuidv5(name, UUID_NAMESPACE);

/** Bloom's names for property types, as its exports write them. */
const BLOOM_TYPE: Record<BloomDataType, string> = {
  String: 'string',
  Integer: 'bigint',
  Float: 'number',
  Boolean: 'boolean',
  Date: 'Date',
  DateTime: 'DateTime',
};
/** Style-rule keys are `<property>_<type>` with the type in the style rule's words. */
const RULE_TYPE: Record<BloomDataType, string> = {
  String: 'string',
  Integer: 'number',
  Float: 'number',
  Boolean: 'boolean',
  Date: 'string',
  DateTime: 'string',
};

// ---- Bloom's perspective shapes (Bloom 2.20/2.21 exports) ----

export interface BloomProperty {
  name: string;
  exclude: boolean;
  dataType: string;
}

/** An entry of the root `labels` map and of a relationship type's `properties`. */
export interface BloomPropertyKey {
  propertyKey: string;
  type: string;
  dataType: string;
}

export interface BloomCaption {
  inTooltip: boolean;
  styles: never[];
  isCaption: boolean;
  key: string;
  type: 'label' | 'property' | 'relationship';
  isGdsData?: false;
}

export interface BloomStyleRule {
  id: string;
  /** `single`: when basedOn meets the condition; `range`: scale size/colour over the values given. */
  type: 'single' | 'range';
  size: number;
  minSize: number;
  maxSize: number;
  minColor: string;
  midColor: string;
  maxColor: string;
  minPoint: 'unprocessed';
  maxPoint: 'unprocessed';
  applyColor: boolean;
  applySize: boolean;
  applyCaption: boolean;
  textAlign: 'center';
  textSize: number;
  captions: BloomCaption[];
  color: string;
  isTimeZoneConvertEnabled: false;
  selectedTimeZone: 'Z';
  /** `<property>_<string|number|boolean>`. */
  basedOn: string;
  valuesMapper: never[];
  existingValues: never[];
  conditionValue: string | null;
  rangeValue: null;
  condition: 'equals' | null;
  minSizeValue?: string;
  maxSizeValue?: string;
  minColorValue?: string;
  midColorValue?: string;
  maxColorValue?: string;
}

export interface BloomCategory {
  id: number;
  name: string;
  labels: string[];
  properties: BloomProperty[];
  createdAt: number;
  lastEditedAt: number;
  color: string;
  size: number;
  icon: string;
  captionKeys: never[];
  captions: BloomCaption[];
  textSize: number;
  textAlign: 'top' | 'middle' | 'bottom';
  styleRules: BloomStyleRule[];
}

export interface BloomRelationshipType {
  properties: BloomPropertyKey[];
  name: string;
  id: string;
  color: string;
  size: number;
  captionKeys: never[];
  captions: BloomCaption[];
  textSize: number;
  textAlign: 'top';
  styleRules: BloomStyleRule[];
}

export interface BloomParam {
  name: string;
  dataType: BloomDataType;
  collapsed: false;
  suggestionLabel: string | null;
  suggestionProp: string | null;
  suggestionBoolean: false;
  /** Cypher returning the suggestions (one column) when they are not a label's property. */
  cypher: string | null;
}

export interface BloomTemplate {
  name: string;
  id: string;
  createdAt: number;
  text: string;
  cypher: string;
  isUpdateQuery: false;
  isWriteTransactionChecked: false;
  params: BloomParam[];
  hasCypherErrors: false;
}

export interface BloomSceneAction {
  name: string;
  id: string;
  createdAt: number;
  cypher: string;
  isUpdateQuery: false;
  isWriteTransactionChecked: false;
  /** Ids of the categories the action is offered on. */
  categories: number[];
  relationshipTypes: null;
  hasCypherErrors: false;
}

export type BloomIndex =
  | { label: string | null; type: 'native'; propertyKeys: { key: string; metadataProp: boolean }[] }
  | {
      type: 'full-text';
      state: 'ONLINE';
      entityType: 'NODE';
      tokenNames: string[];
      name: string;
      propertyNames: string[];
      provider: { key: 'fulltext'; version: string };
    };

export interface BloomPerspective {
  name: string;
  id: string;
  categories: BloomCategory[];
  labels: Record<string, BloomPropertyKey[]>;
  relationshipTypes: BloomRelationshipType[];
  palette: { colors: string[]; currentIndex: number };
  createdAt: number;
  lastEditedAt: number;
  templates: BloomTemplate[];
  sceneActions: BloomSceneAction[];
  hiddenRelationshipTypes: string[];
  hideUncategorisedData: boolean;
  type: 'STANDARD_PERSPECTIVE';
  parentPerspectiveId: null;
  metadata: { pathSegments: { source: string; relationshipType: string; target: string }[]; indexes: BloomIndex[] };
  version: string;
}

// ---- Colours ----

/** Bloom's default palette. */
const PALETTE = [
  '#FFE081',
  '#C990C0',
  '#F79767',
  '#57C7E3',
  '#F16667',
  '#D9C8AE',
  '#8DCC93',
  '#ECB5C9',
  '#4C8EDA',
  '#FFC454',
  '#DA7194',
  '#569480',
  '#848484',
  '#D9D9D9',
];

/** The coverage status colours of the built-in explorer (queries/status.ts), so both views read the same. */
export const STATUS_COLORS: Record<(typeof COVERAGE_STATUSES)[number], string> = QUERY_STATUS_COLORS;
/** The seeded frameworks' colours (requirements take their framework's colour; others keep the default). */
export const FRAMEWORK_COLORS: Record<string, string> = {
  iso42001: '#1565c0',
  iso27001: '#00838f',
  'eu-ai-act': '#6a1b9a',
  gdpr: '#ad1457',
  nis2: '#ef6c00',
  // The implementing regulation of NIS2: a lighter shade of the directive's colour.
  'nis2-ir': '#ffa726',
};
const CONTROL_COLORS: Record<(typeof CONTROL_STATUSES)[number], string> = {
  planned: '#b0bec5',
  implemented: '#546e7a',
  operating: '#37474f',
  retired: '#eceff1',
};
const EVIDENCE_COLORS: Record<(typeof EVIDENCE_STATUSES)[number], string> = {
  approved: '#a1887f',
  draft: '#d7ccc8',
  rejected: '#5d4037',
};
const MAPPING_COLORS: Record<(typeof MAPPING_RELATIONSHIPS)[number], string> = {
  equal: '#2e7d32',
  superset_of: '#1565c0',
  subset_of: '#57C7E3',
  intersects_with: '#f2a900',
  no_relationship: '#D9D9D9',
};
const COVERAGE_COLORS: Record<(typeof COVERAGES)[number], string> = { full: '#2e7d32', partial: '#8bc34a' };

const CATEGORY_STYLE: Record<string, { color: string; size: number }> = {
  Framework: { color: '#4C8EDA', size: 3 },
  Requirement: { color: '#57C7E3', size: 1 },
  Organization: { color: '#FFC454', size: 3 },
  System: { color: '#F79767', size: 2 },
  Control: { color: '#37474f', size: 1 },
  Evidence: { color: '#a1887f', size: 1 },
  Risk: { color: '#F16667', size: 1 },
  [COVERAGE_STATUS_LABEL]: { color: '#D9D9D9', size: 1 },
};

// ---- Style rules ----

let ruleCounter = 0;
/** `rule:<ms>` ids as Bloom writes them, from the fixed timestamp and a counter (deterministic). */
const ruleId = () => `rule:${TIMESTAMP + ++ruleCounter}`;

function rule(basedOn: string, dataType: BloomDataType, fields: Partial<BloomStyleRule>): BloomStyleRule {
  return {
    id: ruleId(),
    type: 'single',
    size: 1,
    minSize: 1,
    maxSize: 2,
    minColor: '#DADADA',
    midColor: '#848484',
    maxColor: '#4F4F4F',
    minPoint: 'unprocessed',
    maxPoint: 'unprocessed',
    applyColor: false,
    applySize: false,
    applyCaption: false,
    textAlign: 'center',
    textSize: 1,
    captions: [],
    color: '#848484',
    isTimeZoneConvertEnabled: false,
    selectedTimeZone: 'Z',
    basedOn: `${basedOn}_${RULE_TYPE[dataType]}`,
    valuesMapper: [],
    existingValues: [],
    conditionValue: null,
    rangeValue: null,
    condition: null,
    ...fields,
  };
}

/** Colour (and optionally size) when a string property equals a value. */
function whenEquals(basedOn: string, value: string, color: string, size?: number): BloomStyleRule {
  return rule(basedOn, 'String', {
    condition: 'equals',
    conditionValue: value,
    applyColor: true,
    color,
    ...(size === undefined ? {} : { applySize: true, size }),
  });
}

function whenFalse(basedOn: string, color: string, size: number): BloomStyleRule {
  return rule(basedOn, 'Boolean', {
    condition: 'equals',
    conditionValue: 'false',
    applyColor: true,
    color,
    applySize: true,
    size,
  });
}

function whenTrue(basedOn: string, color: string): BloomStyleRule {
  return rule(basedOn, 'Boolean', { condition: 'equals', conditionValue: 'true', applyColor: true, color });
}

function sizeRange(basedOn: string, minValue: number, maxValue: number, minSize: number, maxSize: number): BloomStyleRule {
  return rule(basedOn, 'Float', {
    type: 'range',
    applySize: true,
    minSize,
    maxSize,
    minSizeValue: String(minValue),
    maxSizeValue: String(maxValue),
  });
}

const rulesFrom = <K extends string>(
  basedOn: string,
  colors: Record<K, string>,
  sizes: Partial<Record<K, number>> = {},
): BloomStyleRule[] =>
  (Object.entries(colors) as [K, string][]).map(([value, color]) => whenEquals(basedOn, value, color, sizes[value]));

/** Bloom gives the first matching rule precedence: specific rules first. */
const CATEGORY_RULES: Record<string, BloomStyleRule[]> = {
  Requirement: [whenFalse('normative', '#eceff1', 0.75), ...rulesFrom('frameworkId', FRAMEWORK_COLORS)],
  Control: rulesFrom('status', CONTROL_COLORS),
  Evidence: rulesFrom('status', EVIDENCE_COLORS),
  System: [
    whenEquals('aiActRisk', 'prohibited', '#d32f2f', 2),
    whenEquals('aiActRisk', 'high', '#F16667', 2),
    whenEquals('aiActRisk', 'limited', '#F79767'),
  ],
  Risk: [sizeRange('impact', 1, 5, 1, 2)],
  // Met by inheritance and "not met, related work indicated" wear their own colours before the status's.
  [COVERAGE_STATUS_LABEL]: [
    whenEquals('basis', 'inherited', INHERITED_COLOR),
    whenTrue('indicated', INDICATED_COLOR),
    ...rulesFrom('status', STATUS_COLORS, { gap: 1.5, stale: 1.25 }),
  ],
};

const RELATIONSHIP_STYLE: Record<string, { color: string; size: number; rules: BloomStyleRule[] }> = {
  MAPS_TO: {
    color: '#848484',
    size: 2,
    rules: [...rulesFrom('relationship', MAPPING_COLORS), sizeRange('strength', 1, 10, 1, 5)],
  },
  IMPLEMENTS: { color: '#2e7d32', size: 2, rules: rulesFrom('coverage', COVERAGE_COLORS) },
  SUPPORTS: { color: '#a1887f', size: 1, rules: [] },
  STATUS_OF: { color: '#9e9e9e', size: 1, rules: [] },
  EXCLUDES: { color: '#9e9e9e', size: 1, rules: [] },
};

/** The relationship property shown as caption (Bloom shows the type otherwise). */
const RELATIONSHIP_CAPTION: Record<string, string> = { MAPS_TO: 'relationship', IMPLEMENTS: 'coverage' };

// ---- Search phrases and scene actions ----

/**
 * The Cypher of bloom/NAME.cypher as it goes into the perspective, loaded by the one Cypher loader
 * (queries/cypher.ts: `// @include status-block` expands the shared status block, so Bloom judges coverage
 * exactly as the API does), with comment-only and blank lines dropped (the .cypher files carry the
 * explanations).
 */
export function bloomCypher(name: string): string {
  return questionCypher(`bloom/${name}`)
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.trim().startsWith('//'))
    .join('\n');
}

const byLabel = (label: string, prop: string): Pick<BloomParam, 'suggestionLabel' | 'suggestionProp' | 'cypher'> => ({
  suggestionLabel: label,
  suggestionProp: prop,
  cypher: null,
});
const param = (name: string, suggestions: Pick<BloomParam, 'suggestionLabel' | 'suggestionProp' | 'cypher'>): BloomParam => ({
  name: `$${name}`,
  dataType: 'String',
  collapsed: false,
  suggestionLabel: suggestions.suggestionLabel,
  suggestionProp: suggestions.suggestionProp,
  suggestionBoolean: false,
  cypher: suggestions.cypher,
});

const FRAMEWORK = byLabel('Framework', 'id');
const ORG = byLabel('Organization', 'id');
const REQUIREMENT = byLabel('Requirement', 'uid');
/** Dates Bloom suggests: the days evidence expires on (any YYYY-MM-DD may be typed). */
export const EXPIRY_DATES_CYPHER =
  'MATCH (e:Evidence) WHERE e.validUntil IS NOT NULL WITH DISTINCT toString(e.validUntil) AS date RETURN date ORDER BY date';

export interface PhraseSpec {
  file: string;
  text: string;
  params: BloomParam[];
}

export const SEARCH_PHRASES: readonly PhraseSpec[] = [
  {
    file: 'evidence-covering-both',
    text: 'Evidence covering $a and $b for $org',
    params: [param('a', FRAMEWORK), param('b', FRAMEWORK), param('org', ORG)],
  },
  { file: 'gaps', text: 'Gaps in $framework for $org', params: [param('framework', FRAMEWORK), param('org', ORG)] },
  {
    file: 'why-covered',
    text: 'Why is $requirement covered for $org',
    params: [param('requirement', REQUIREMENT), param('org', ORG)],
  },
  {
    file: 'expires-before',
    text: 'What expires before $date for $org',
    params: [param('date', { suggestionLabel: null, suggestionProp: null, cypher: EXPIRY_DATES_CYPHER }), param('org', ORG)],
  },
  {
    file: 'coverage-snapshot',
    text: 'Coverage snapshot of $framework for $org',
    params: [param('framework', FRAMEWORK), param('org', ORG)],
  },
  { file: 'mappings-of', text: 'Mappings of $requirement', params: [param('requirement', REQUIREMENT)] },
];

export interface ActionSpec {
  file: string;
  name: string;
  availableOn: string[];
}

export const SCENE_ACTIONS: readonly ActionSpec[] = [
  { file: 'action-expand-mappings', name: 'Expand mappings', availableOn: ['Requirement'] },
  { file: 'action-expand-mapping-paths', name: 'Expand approved mapping paths (3 hops)', availableOn: ['Requirement'] },
  { file: 'action-controls-and-evidence', name: 'Show controls and evidence', availableOn: ['Requirement'] },
  { file: 'action-coverage-status', name: 'Show coverage status (snapshot)', availableOn: ['Requirement'] },
  { file: 'action-requirements-of-control', name: 'Show implemented requirements', availableOn: ['Control', 'Evidence'] },
];

// ---- The perspective ----

const SCHEMA_DIR = path.join(PROJECT_ROOT, 'graph', 'schema');
const NATIVE = /^CREATE (?:CONSTRAINT|INDEX) \w+ IF NOT EXISTS FOR \(\w+:(\w+)\) (?:REQUIRE|ON) \(?([^)]*?)\)?(?: IS UNIQUE)?;/;
const FULLTEXT = /^CREATE FULLTEXT INDEX (\w+) IF NOT EXISTS FOR \(\w+:(\w+)\) ON EACH \[([^\]]*)\];/;

/**
 * `metadata.indexes` as Bloom lists them, read from the schema migrations (graph/schema/*.cypher) so that
 * the list follows the database: native indexes and constraints per label, the empty native entry every
 * export carries, and the full-text indexes (Bloom's search bar uses them).
 */
export function schemaIndexes(): BloomIndex[] {
  const lines = fs
    .readdirSync(SCHEMA_DIR)
    .filter((f) => f.endsWith('.cypher'))
    .sort()
    .flatMap((f) => fs.readFileSync(path.join(SCHEMA_DIR, f), 'utf8').split('\n'))
    .map((l) => l.trim());
  const native = new Map<string, string[]>();
  const fulltext: BloomIndex[] = [];
  for (const line of lines) {
    const n = NATIVE.exec(line);
    if (n?.[1] && n[2] !== undefined) {
      const keys = n[2].split(',').map((k) => k.trim().replace(/^\w+\./, ''));
      native.set(n[1], [...new Set([...(native.get(n[1]) ?? []), ...keys])]);
    }
    const t = FULLTEXT.exec(line);
    if (t?.[1] && t[2] && t[3] !== undefined) {
      fulltext.push({
        type: 'full-text',
        state: 'ONLINE',
        entityType: 'NODE',
        tokenNames: [t[2]],
        name: t[1],
        propertyNames: t[3].split(',').map((k) => k.trim().replace(/^\w+\./, '')),
        provider: { key: 'fulltext', version: '1.0' },
      });
    }
  }
  return [
    ...[...native].map(([label, keys]): BloomIndex => ({
      label,
      type: 'native',
      propertyKeys: keys.map((key) => ({ key, metadataProp: false })),
    })),
    { label: null, type: 'native', propertyKeys: [] },
    ...fulltext,
  ];
}

const propertyCaption = (key: string, caption: boolean): BloomCaption => ({
  inTooltip: caption,
  styles: [],
  isCaption: caption,
  key,
  type: 'property',
  isGdsData: false,
});

function category(spec: LabelSpec, index: number): BloomCategory {
  const style = CATEGORY_STYLE[spec.label] ?? { color: PALETTE[index % PALETTE.length] ?? '#848484', size: 1 };
  return {
    id: index + 1,
    name: spec.label,
    labels: [spec.label],
    properties: spec.properties.map((p) => ({ name: p.name, exclude: false, dataType: BLOOM_TYPE[p.dataType] })),
    createdAt: TIMESTAMP,
    lastEditedAt: TIMESTAMP,
    color: style.color,
    size: style.size,
    icon: 'no-icon',
    captionKeys: [],
    // Bloom lists the label caption first, then every property (sorted), the shown ones marked isCaption.
    captions: [
      { inTooltip: false, styles: [], isCaption: false, key: spec.label, type: 'label' },
      ...[...spec.properties]
        .map((p) => p.name)
        .sort()
        .map((name) => propertyCaption(name, spec.caption.includes(name))),
    ],
    textSize: 1,
    textAlign: 'top',
    styleRules: CATEGORY_RULES[spec.label] ?? [],
  };
}

const propertyKeys = (type: string, specs: readonly PropertySpec[]): BloomPropertyKey[] =>
  specs.map((p) => ({ propertyKey: p.name, type, dataType: BLOOM_TYPE[p.dataType] }));

export function buildPerspective(): BloomPerspective {
  const categories = LABELS.map(category);
  const categoryId = (label: string) => categories.find((c) => c.name === label)?.id ?? 0;
  return {
    name: 'crosswalk',
    id: uuid('perspective:crosswalk'),
    categories,
    labels: Object.fromEntries(LABELS.map((l) => [l.label, propertyKeys(l.label, l.properties)])),
    relationshipTypes: RELATIONSHIP_TYPES.map((rel) => {
      const caption = RELATIONSHIP_CAPTION[rel.type];
      return {
        properties: propertyKeys(rel.type, rel.properties),
        name: rel.type,
        id: rel.type,
        color: RELATIONSHIP_STYLE[rel.type]?.color ?? '#848484',
        size: RELATIONSHIP_STYLE[rel.type]?.size ?? 1,
        captionKeys: [],
        captions: [
          { inTooltip: true, isCaption: !caption, styles: [], key: rel.type, type: 'relationship' },
          ...(caption ? [propertyCaption(caption, true)] : []),
        ],
        textSize: 1,
        textAlign: 'top',
        styleRules: RELATIONSHIP_STYLE[rel.type]?.rules ?? [],
      };
    }),
    palette: { colors: PALETTE, currentIndex: categories.length % PALETTE.length },
    createdAt: TIMESTAMP,
    lastEditedAt: TIMESTAMP,
    templates: SEARCH_PHRASES.map((phrase, i) => ({
      name: phrase.text,
      id: `tmpl:${TIMESTAMP + 1000 + i}`,
      createdAt: TIMESTAMP,
      text: phrase.text,
      cypher: bloomCypher(phrase.file),
      isUpdateQuery: false,
      isWriteTransactionChecked: false,
      params: phrase.params,
      hasCypherErrors: false,
    })),
    sceneActions: SCENE_ACTIONS.map((action) => ({
      name: action.name,
      id: uuid(`scene-action:${action.file}`),
      createdAt: TIMESTAMP,
      cypher: bloomCypher(action.file),
      isUpdateQuery: false,
      isWriteTransactionChecked: false,
      categories: action.availableOn.map(categoryId),
      relationshipTypes: null,
      hasCypherErrors: false,
    })),
    hiddenRelationshipTypes: [],
    hideUncategorisedData: false,
    type: 'STANDARD_PERSPECTIVE',
    parentPerspectiveId: null,
    metadata: {
      pathSegments: RELATIONSHIP_TYPES.flatMap((rel) =>
        [rel.to].flat().map((target) => ({ source: rel.from, relationshipType: rel.type, target })),
      ),
      indexes: schemaIndexes(),
    },
    version: BLOOM_FORMAT_VERSION,
  };
}

/** The file's text: two-space indented JSON with a final newline. */
export const perspectiveJson = (perspective: BloomPerspective = buildPerspective()): string =>
  `${JSON.stringify(perspective, null, 2)}\n`;
