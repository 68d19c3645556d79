/**
 * OSCAL mapping collections (model 1.2 `mapping-collection`), in and out. Each `mappings[]` entry maps one
 * source catalog to one target catalog; each of its `maps[]` relates `sources[]` to `targets[]` (every
 * source to every target) by an OSCAL relationship, which we translate to NIST IR 8477 STRM names.
 *
 * Which framework a resource is: the `framework-id` prop of the resource reference, else (href `#uuid`) the
 * back-matter resource it points to, by its `framework-id` prop or the file name of its first rlink
 * ("catalogs/nist-800-53.json" -> nist-800-53), else the last segment of the href itself.
 * Requirements are referenced by `id-ref` = our ref (or the item's crosswalk `ref` prop, which our exports
 * write when the ref is not an OSCAL token). A statement-level id (`ac-2_smt.a`) names a part of control
 * ac-2: the control contains the statement, so "statement equivalent-to T" becomes "control superset-of T",
 * "statement subset-of / intersects-with T" becomes "control intersects-with T" (mirrored on the target
 * side); several statement maps of one control pair combine into one mapping (superset-of only if all say
 * so, else intersects-with), and the explanation names the statements.
 * The matching rationale is the map's own `matching-rationale`, else the mapping's, else the provenance's.
 * OSCAL carries no strength: a `strength` prop is used when present, otherwise a default per relationship.
 */
import { v5 as uuidv5, v4 as uuidv4 } from 'uuid';
import {
  MAPPING_RATIONALES,
  MAPPING_SOURCES,
  MAPPING_STATUSES,
  requirementUid,
  type MappingRelationship,
} from '../../graph/model.ts';
import type { Position, Problems } from '../problems.ts';
import { emptyBatch, type ImportBatch, type MappingRecord } from '../records.ts';
import { child, CROSSWALK_NS, isObject, list, oscalToken, str, type Json, type JsonObject } from './json.ts';

export { CROSSWALK_NS };

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

function prop(node: JsonObject, name: string): string | null {
  const props = Array.isArray(node.props) ? node.props.filter(isObject) : [];
  const found = props.find((p) => p.name === name && (typeof p.value === 'string' || typeof p.value === 'number'));
  return found ? String(found.value).trim() : null;
}

const fileStem = (href: string): string =>
  (
    href
      .replace(/[?#].*$/, '')
      .split('/')
      .filter(Boolean)
      .pop() ?? ''
  ).replace(/\.(json|ya?ml|xml)$/i, '');

function frameworkOf(resource: Json, backMatter: Map<string, JsonObject>, at: Position, problems: Problems): string | null {
  if (!isObject(resource)) {
    problems.add('VALUE_REQUIRED', at, undefined, 'is required: an object naming the catalog (href or a framework-id prop)');
    return null;
  }
  const fromProp = prop(resource, 'framework-id');
  if (fromProp) return fromProp;
  const href = typeof resource.href === 'string' ? resource.href.trim() : '';
  if (href.startsWith('#')) {
    const target = backMatter.get(href.slice(1));
    if (target) {
      const id =
        prop(target, 'framework-id') ?? fileStem(String(list(target, 'rlinks', at, problems).filter(isObject)[0]?.href ?? ''));
      if (id) return id;
      problems.add(
        'REFERENCE_UNKNOWN',
        at,
        'href',
        `the back-matter resource ${href} names no framework: give it a "framework-id" prop or an rlink to the catalog file named after the framework`,
      );
      return null;
    }
    // Our older exports used "#framework-id" without a back-matter entry.
    if (/^[a-z0-9][a-z0-9-]*$/.test(href.slice(1)) && !/^[0-9a-f]{8}-/.test(href.slice(1))) return href.slice(1);
    problems.add('REFERENCE_UNKNOWN', at, 'href', `no back-matter resource with uuid ${href.slice(1)}`);
    return null;
  }
  const id = fileStem(href);
  if (!id)
    problems.add(
      'REFERENCE_UNKNOWN',
      at,
      'href',
      'cannot tell the framework: give a "framework-id" prop or an href ending in the framework id',
    );
  return id || null;
}

/** `ac-2_smt.a` -> { control: 'ac-2', statement: 'ac-2_smt.a' }; a control id stays itself. */
export function statementOf(idRef: string): { control: string; statement: string | null } {
  const match = /^(.+?)_smt(\..*)?$/.exec(idRef);
  return match ? { control: match[1]!, statement: idRef } : { control: idRef, statement: null };
}

/** What a statement-level relationship says about the statement's control (see the module comment). */
function controlLevel(relationship: MappingRelationship, side: 'source' | 'target'): MappingRelationship {
  if (relationship === 'no_relationship') return relationship;
  const whole = side === 'source' ? 'superset_of' : 'subset_of';
  if (relationship === 'equal' || relationship === whole) return whole;
  return 'intersects_with';
}

const RATIONALES = MAPPING_RATIONALES as readonly string[];

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
  const backMatter = new Map<string, JsonObject>();
  if (isObject(collection['back-matter']))
    for (const r of list(collection['back-matter'], 'resources', { file, path: collectionPath }, problems))
      if (isObject(r) && typeof r.uuid === 'string') backMatter.set(r.uuid, r);
  const provenance = isObject(collection.provenance) ? collection.provenance : {};
  const mappings = collection.mappings;
  // The schema allows one mapping object as well as an array.
  const entries = isObject(mappings) ? [mappings] : list(collection, 'mappings', { file, path: collectionPath }, problems);
  /** Statement-level maps collapse onto their controls: one record per control pair. */
  const byPair = new Map<string, { record: MappingRecord; statements: string[]; derived: boolean }>();
  entries.forEach((mapping, i) => {
    const path = isObject(mappings) ? `${collectionPath}.mappings` : `${collectionPath}.mappings[${i}]`;
    if (!isObject(mapping)) return problems.add('VALUE_TYPE', { file, path }, undefined, 'expected a mapping object');
    const sourceFw = frameworkOf(
      mapping['source-resource'] ?? null,
      backMatter,
      { file, path: `${path}["source-resource"]` },
      problems,
    );
    const targetFw = frameworkOf(
      mapping['target-resource'] ?? null,
      backMatter,
      { file, path: `${path}["target-resource"]` },
      problems,
    );
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
      const rationale =
        prop(map, 'rationale') ??
        [map['matching-rationale'], mapping['matching-rationale'], provenance['matching-rationale']]
          .map((v) => (typeof v === 'string' ? v.trim() : null))
          .find(Boolean) ??
        null;
      if (rationale && !RATIONALES.includes(rationale))
        problems.add('VALUE_ENUM', at, 'rationale', `'${rationale}' is not one of ${MAPPING_RATIONALES.join(', ')}`);
      const source = prop(map, 'source') ?? 'imported';
      if (!(MAPPING_SOURCES as readonly string[]).includes(source))
        problems.add('VALUE_ENUM', at, 'source', `'${source}' is not one of ${MAPPING_SOURCES.join(', ')}`);
      // Mappings from another tool wait for review unless they say otherwise (in crosswalk's own prop).
      const status = prop(map, 'status') ?? 'draft';
      if (!(MAPPING_STATUSES as readonly string[]).includes(status))
        problems.add('VALUE_ENUM', at, 'status', `'${status}' is not one of ${MAPPING_STATUSES.join(', ')}`);
      const refs = (key: 'sources' | 'targets') =>
        list(map, key, at, problems).flatMap((item, k) => {
          const itemAt: Position = { file, path: `${mapPath}.${key}[${k}]` };
          if (!isObject(item)) return [];
          const own = prop(item, 'ref');
          if (own) return [{ control: own, statement: null }];
          const ref = str(item, 'id-ref', itemAt, problems, true);
          return ref ? [statementOf(ref)] : [];
        });
      const sources = refs('sources');
      const targets = refs('targets');
      if (sources.length === 0) problems.add('VALUE_REQUIRED', at, 'sources', 'a map needs at least one source');
      if (targets.length === 0) problems.add('VALUE_REQUIRED', at, 'targets', 'a map needs at least one target');
      const remarks = typeof map.remarks === 'string' ? map.remarks.trim() : null;
      for (const s of sources) {
        for (const t of targets) {
          let rel: MappingRelationship | undefined = relationship;
          if (rel && s.statement) rel = controlLevel(rel, 'source');
          if (rel && t.statement) rel = controlLevel(rel, 'target');
          const derived = Boolean(s.statement || t.statement);
          const strength = strengthRaw === null ? (rel ? DEFAULT_STRENGTH[rel] : 0) : Number(strengthRaw);
          // An unknown relationship has no default strength; its own problem is enough.
          if ((strengthRaw !== null || rel) && (!Number.isInteger(strength) || strength < 1 || strength > 10))
            problems.add('VALUE_NUMBER', at, 'strength', `'${strengthRaw}' is not a whole number from 1 to 10`);
          const record: MappingRecord = {
            at,
            sourceUid: requirementUid(sourceFw ?? '', s.control),
            targetUid: requirementUid(targetFw ?? '', t.control),
            relationship: rel ?? raw ?? '',
            strength,
            rationale,
            source,
            explanation: remarks,
            status,
          };
          const statementNote = derived ? `${s.statement ?? s.control} ${raw} ${t.statement ?? t.control}` : null;
          const key = `${record.sourceUid}\u0000${record.targetUid}`;
          const seen = byPair.get(key);
          if (!seen) {
            byPair.set(key, { record, statements: statementNote ? [statementNote] : [], derived });
            batch.mappings.push(record);
          } else if (derived && seen.derived) {
            // Parts of one control pair: superset-of (subset-of) only if every part says so.
            if (seen.record.relationship !== record.relationship) seen.record.relationship = 'intersects_with';
            seen.record.strength = Math.min(seen.record.strength, record.strength);
            if (statementNote) seen.statements.push(statementNote);
          } else {
            // Two maps of the same control pair: the validator reports the duplicate with both positions.
            batch.mappings.push(record);
          }
        }
      }
    });
  });
  for (const { record, statements } of byPair.values()) {
    if (statements.length === 0) continue;
    const note = `From statement-level maps: ${statements.join('; ')}.`;
    record.explanation = record.explanation ? `${record.explanation} ${note}` : note;
  }
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

/** What the back matter says about a framework. */
export interface ExportedFramework {
  id: string;
  name: string;
  version: string | null;
  url: string | null;
}

/** Stable uuids (v5) for what has a stable identity: a framework's back-matter resource. */
const UUID_NS = 'a0c7e1f2-5b7d-4c1e-9f3a-2d6b8e4c1a90';
export const frameworkResourceUuid = (framework: string) => uuidv5(`framework:${framework}`, UUID_NS);

type Method = 'human' | 'automation' | 'hybrid';
/** Mappings crosswalk's authors wrote are human work; imported ones came in by tool and wait for review. */
function methodOf(group: ExportedMapping[]): Method {
  const imported = group.filter((m) => m.source === 'imported').length;
  return imported === 0 ? 'human' : imported === group.length ? 'automation' : 'hybrid';
}
function statusOf(group: ExportedMapping[]): 'complete' | 'draft' | 'not-complete' {
  if (group.every((m) => m.status === 'approved')) return 'complete';
  return group.some((m) => m.status === 'draft') ? 'draft' : 'not-complete';
}
/** The rationale most maps share (ties: the first in syntactic, semantic, functional order). */
function rationaleOf(group: ExportedMapping[]): string {
  const counts = MAPPING_RATIONALES.map((r) => [r, group.filter((m) => m.rationale === r).length] as const);
  const best = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return best[1] > 0 ? best[0] : 'semantic';
}

/**
 * Builds an OSCAL 1.2 mapping collection: one `mappings[]` entry per framework pair and review status, each
 * with its own method, status and matching rationale; a back-matter resource per framework (its name,
 * version and official URL) that the resource references point to by `#uuid`; per map the matching
 * rationale, and strength, rationale, source and status as crosswalk props.
 */
export function toOscalMappingCollection(
  mappings: ExportedMapping[],
  frameworks: ExportedFramework[],
  title: string,
  now = new Date(),
): JsonObject {
  const groups = new Map<string, ExportedMapping[]>();
  for (const m of mappings) {
    const k = `${m.sourceFramework}\u0000${m.targetFramework}\u0000${m.status === 'approved' ? 'approved' : 'other'}`;
    (groups.get(k) ?? groups.set(k, []).get(k)!).push(m);
  }
  const used = [...new Set(mappings.flatMap((m) => [m.sourceFramework, m.targetFramework]))].sort();
  const known = new Map(frameworks.map((f) => [f.id, f]));
  const fwProp = (framework: string): Json => ({ name: 'framework-id', ns: CROSSWALK_NS, value: framework });
  const resourceRef = (framework: string): JsonObject => ({
    type: 'catalog',
    href: `#${frameworkResourceUuid(framework)}`,
    props: [fwProp(framework)],
  });
  const item = (ref: string): JsonObject => {
    const token = oscalToken(ref);
    return {
      type: 'control',
      'id-ref': token,
      ...(token !== ref ? { props: [{ name: 'ref', ns: CROSSWALK_NS, value: ref }] } : {}),
    };
  };
  const ownProps = (m: ExportedMapping): Json[] =>
    [
      ['strength', String(m.strength)],
      ['rationale', m.rationale],
      ['source', m.source],
      ['status', m.status],
    ]
      .filter((p): p is [string, string] => typeof p[1] === 'string')
      .map(([name, value]) => ({ name, ns: CROSSWALK_NS, value }));
  const all = mappings;
  return {
    'mapping-collection': {
      uuid: uuidv4(),
      metadata: { title, 'last-modified': now.toISOString(), version: now.toISOString().slice(0, 10), 'oscal-version': '1.2.0' },
      provenance: {
        method: all.length ? methodOf(all) : 'human',
        'matching-rationale': all.length ? rationaleOf(all) : 'semantic',
        status: all.length ? statusOf(all) : 'complete',
        'mapping-description':
          'NIST IR 8477 set-theory relationship mappings exported from crosswalk. Method: human for mappings written by crosswalk authors (source legal_cross_reference, harmonized_structure or expert_judgement), automation for mappings imported from another tool; status: complete only when every mapping is approved. Strength, rationale, source and status of each map are crosswalk props.',
      },
      mappings: [...groups.values()].map((group) => ({
        uuid: uuidv4(),
        method: methodOf(group),
        'matching-rationale': rationaleOf(group),
        status: statusOf(group),
        'source-resource': resourceRef(group[0]!.sourceFramework),
        'target-resource': resourceRef(group[0]!.targetFramework),
        maps: group.map((m) => ({
          uuid: uuidv4(),
          ...(m.rationale ? { 'matching-rationale': m.rationale } : {}),
          relationship: TO_OSCAL[m.relationship],
          sources: [item(m.sourceRef)],
          targets: [item(m.targetRef)],
          props: ownProps(m),
          ...(m.explanation ? { remarks: m.explanation } : {}),
        })),
      })),
      ...(used.length
        ? {
            'back-matter': {
              resources: used.map((id) => {
                const f = known.get(id);
                return {
                  uuid: frameworkResourceUuid(id),
                  title: f?.name ?? id,
                  props: [fwProp(id), ...(f?.version ? [{ name: 'version', ns: CROSSWALK_NS, value: f.version }] : [])],
                  ...(f?.url ? { rlinks: [{ href: f.url }] } : {}),
                };
              }),
            },
          }
        : {}),
    },
  };
}
