/**
 * OSCAL mapping collections (model 1.2 `mapping-collection`), in and out. Each `mappings[]` entry maps one
 * source catalog to one target catalog; each of its `maps[]` relates `sources[]` to `targets[]` (every
 * source to every target) by an OSCAL relationship, which we translate to NIST IR 8477 STRM names.
 * Requirements are referenced by `id-ref` = our ref, inside the framework named by the resource's
 * `framework-id` prop, or else by the last segment of its href ("#iso42001", "catalogs/iso42001.json").
 * OSCAL carries no strength: a `strength` prop is used when present, otherwise a default per relationship.
 */
import { randomUUID } from 'node:crypto';
import {
  MAPPING_RATIONALES,
  MAPPING_SOURCES,
  MAPPING_STATUSES,
  requirementUid,
  type MappingRelationship,
} from '../../graph/model.ts';
import type { Position, Problems } from '../problems.ts';
import { emptyBatch, type ImportBatch } from '../records.ts';
import { child, isObject, list, str, type Json, type JsonObject } from './json.ts';

export const OSCAL_RELATIONSHIPS: Record<string, MappingRelationship> = {
  'equivalent-to': 'equal',
  'equal-to': 'equal',
  'subset-of': 'subset_of',
  'superset-of': 'superset_of',
  'intersects-with': 'intersects_with',
  'no-relationship': 'no_relationship',
};
const TO_OSCAL: Record<MappingRelationship, string> = {
  equal: 'equivalent-to',
  subset_of: 'subset-of',
  superset_of: 'superset-of',
  intersects_with: 'intersects-with',
  no_relationship: 'no-relationship',
};
/** Strength when a map carries none (documented in the module comment and `crosswalk import --help`). */
export const DEFAULT_STRENGTH: Record<MappingRelationship, number> = {
  equal: 9,
  subset_of: 7,
  superset_of: 7,
  intersects_with: 5,
  no_relationship: 1,
};
/** Namespace of our own props, as OSCAL requires for names outside its core vocabulary. */
export const CROSSWALK_NS = 'https://github.com/crosswalk/crosswalk/ns/oscal';

function prop(node: JsonObject, name: string): string | null {
  const props = Array.isArray(node.props) ? node.props.filter(isObject) : [];
  const found = props.find((p) => p.name === name && (typeof p.value === 'string' || typeof p.value === 'number'));
  return found ? String(found.value).trim() : null;
}

function frameworkOf(resource: Json, at: Position, problems: Problems): string | null {
  if (!isObject(resource)) {
    problems.add('VALUE_REQUIRED', at, undefined, 'is required: an object naming the catalog (href or a framework-id prop)');
    return null;
  }
  const fromProp = prop(resource, 'framework-id');
  if (fromProp) return fromProp;
  const href = typeof resource.href === 'string' ? resource.href : '';
  const last =
    href
      .replace(/[#?].*$/, (m) => (m.startsWith('#') ? m.slice(1) : ''))
      .split('/')
      .filter(Boolean)
      .pop() ?? '';
  const id = last.replace(/\.(json|ya?ml|xml)$/i, '');
  if (!id)
    problems.add(
      'REFERENCE_UNKNOWN',
      at,
      'href',
      'cannot tell the framework: give a "framework-id" prop or an href ending in the framework id',
    );
  return id || null;
}

export function oscalMappings(doc: Json, file: string, problems: Problems): ImportBatch {
  const batch = emptyBatch();
  if (!isObject(doc) || !isObject(doc['mapping-collection'])) {
    problems.add(
      'DOCUMENT_WRONG_KIND',
      { file, path: '$' },
      'mapping-collection',
      'not an OSCAL mapping collection: expected a top-level "mapping-collection" object',
    );
    return batch;
  }
  const collectionPath = '$["mapping-collection"]';
  const collection = doc['mapping-collection'];
  list(collection, 'mappings', { file, path: collectionPath }, problems).forEach((mapping, i) => {
    const path = `${collectionPath}.mappings[${i}]`;
    if (!isObject(mapping)) return problems.add('VALUE_TYPE', { file, path }, undefined, 'expected a mapping object');
    const sourceFw = frameworkOf(mapping['source-resource'] ?? null, { file, path: `${path}["source-resource"]` }, problems);
    const targetFw = frameworkOf(mapping['target-resource'] ?? null, { file, path: `${path}["target-resource"]` }, problems);
    list(mapping, 'maps', { file, path }, problems).forEach((map, j) => {
      const mapPath = `${path}.maps[${j}]`;
      const at: Position = { file, path: mapPath };
      if (!isObject(map)) return problems.add('VALUE_TYPE', at, undefined, 'expected a map object');
      const raw = str(map, 'relationship', at, problems, true);
      const relationship = raw ? OSCAL_RELATIONSHIPS[raw] : undefined;
      if (raw && !relationship)
        problems.add(
          'VALUE_ENUM',
          { file, path: child(mapPath, 'relationship') },
          'relationship',
          `'${raw}' is not one of ${Object.keys(OSCAL_RELATIONSHIPS).join(', ')}`,
        );
      const strengthRaw = prop(map, 'strength');
      const strength = strengthRaw === null ? (relationship ? DEFAULT_STRENGTH[relationship] : 0) : Number(strengthRaw);
      // An unknown relationship has no default strength; its own problem is enough.
      if ((strengthRaw !== null || relationship) && (!Number.isInteger(strength) || strength < 1 || strength > 10))
        problems.add('VALUE_NUMBER', at, 'strength', `'${strengthRaw}' is not a whole number from 1 to 10`);
      const rationale = prop(map, 'rationale');
      if (rationale && !(MAPPING_RATIONALES as readonly string[]).includes(rationale))
        problems.add('VALUE_ENUM', at, 'rationale', `'${rationale}' is not one of ${MAPPING_RATIONALES.join(', ')}`);
      const source = prop(map, 'source') ?? 'imported';
      if (!(MAPPING_SOURCES as readonly string[]).includes(source))
        problems.add('VALUE_ENUM', at, 'source', `'${source}' is not one of ${MAPPING_SOURCES.join(', ')}`);
      // Mappings from another tool wait for review unless they say otherwise.
      const status = prop(map, 'status') ?? 'draft';
      if (!(MAPPING_STATUSES as readonly string[]).includes(status))
        problems.add('VALUE_ENUM', at, 'status', `'${status}' is not one of ${MAPPING_STATUSES.join(', ')}`);
      const refs = (key: 'sources' | 'targets') =>
        list(map, key, at, problems).flatMap((item, k) => {
          const itemAt: Position = { file, path: `${mapPath}.${key}[${k}]` };
          if (!isObject(item)) return [];
          const ref = str(item, 'id-ref', itemAt, problems, true);
          return ref ? [ref] : [];
        });
      const sources = refs('sources');
      const targets = refs('targets');
      if (sources.length === 0) problems.add('VALUE_REQUIRED', at, 'sources', 'a map needs at least one source');
      if (targets.length === 0) problems.add('VALUE_REQUIRED', at, 'targets', 'a map needs at least one target');
      for (const s of sources) {
        for (const t of targets) {
          batch.mappings.push({
            at,
            sourceUid: requirementUid(sourceFw ?? '', s),
            targetUid: requirementUid(targetFw ?? '', t),
            relationship: relationship ?? raw ?? '',
            strength,
            rationale,
            source,
            explanation: typeof map.remarks === 'string' ? map.remarks.trim() : null,
            status,
          });
        }
      }
    });
  });
  return batch;
}

export interface ExportedMapping {
  sourceFramework: string;
  sourceRef: string;
  targetFramework: string;
  targetRef: string;
  relationship: MappingRelationship;
  strength: number;
  rationale: string | null;
  source: string | null;
  explanation: string | null;
  status: string | null;
}

/** Builds an OSCAL 1.2 mapping collection: one `mappings[]` entry per framework pair. */
export function toOscalMappingCollection(mappings: ExportedMapping[], title: string, now = new Date()): JsonObject {
  const pairs = new Map<string, ExportedMapping[]>();
  for (const m of mappings) {
    const k = `${m.sourceFramework}\u0000${m.targetFramework}`;
    (pairs.get(k) ?? pairs.set(k, []).get(k)!).push(m);
  }
  const resource = (framework: string): JsonObject => ({
    type: 'catalog',
    href: `#${framework}`,
    props: [{ name: 'framework-id', ns: CROSSWALK_NS, value: framework }],
  });
  const ownProps = (m: ExportedMapping): Json[] =>
    [
      ['strength', String(m.strength)],
      ['rationale', m.rationale],
      ['source', m.source],
      ['status', m.status],
    ]
      .filter((p): p is [string, string] => typeof p[1] === 'string')
      .map(([name, value]) => ({ name, ns: CROSSWALK_NS, value }));
  return {
    'mapping-collection': {
      uuid: randomUUID(),
      metadata: { title, 'last-modified': now.toISOString(), version: now.toISOString().slice(0, 10), 'oscal-version': '1.2.0' },
      provenance: {
        method: 'human',
        'matching-rationale': 'semantic',
        status: 'complete',
        'mapping-description':
          'NIST IR 8477 set-theory relationship mapping exported from crosswalk; strength, rationale, source and status are crosswalk props.',
      },
      mappings: [...pairs.values()].map((group) => ({
        uuid: randomUUID(),
        'source-resource': resource(group[0]!.sourceFramework),
        'target-resource': resource(group[0]!.targetFramework),
        maps: group.map((m) => ({
          uuid: randomUUID(),
          relationship: TO_OSCAL[m.relationship],
          sources: [{ type: 'control', 'id-ref': m.sourceRef }],
          targets: [{ type: 'control', 'id-ref': m.targetRef }],
          props: ownProps(m),
          ...(m.explanation ? { remarks: m.explanation } : {}),
        })),
      })),
    },
  };
}
