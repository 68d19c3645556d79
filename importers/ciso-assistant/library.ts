/**
 * CISO Assistant libraries (YAML): `objects.framework` becomes a Framework with its requirement nodes,
 * `objects.requirement_mapping_sets[]` (older libraries: one `requirement_mapping_set`) become mappings.
 * A requirement's ref is its `ref_id`; nodes without one (or whose ref_id repeats within the framework)
 * keep their URN as ref. URNs are stored as `urn` on Framework and Requirement so that a library's
 * crosswalk, imported now or later, can be resolved to our uids (importers/resolve.ts).
 * Problems carry the YAML line and path.
 */
import { basename } from 'node:path';
import { LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { requirementUid, type MappingRelationship } from '../../graph/model.ts';
import { isObject, type Json, type JsonObject } from '../oscal/json.ts';
import type { Position, Problems } from '../problems.ts';
import { emptyBatch, type ImportBatch } from '../records.ts';
import { checkTree } from '../text.ts';

export const CISO_RELATIONSHIPS: Record<string, MappingRelationship> = {
  equal: 'equal',
  subset: 'subset_of',
  superset: 'superset_of',
  intersect: 'intersects_with',
  not_related: 'no_relationship',
};
/** Strength when a mapping carries no strength_of_relationship. */
const DEFAULT_STRENGTH: Record<MappingRelationship, number> = {
  equal: 9,
  subset_of: 7,
  superset_of: 7,
  intersects_with: 5,
  no_relationship: 1,
};
const RATIONALES = ['syntactic', 'semantic', 'functional'];

/** Alias expansions yaml allows before refusing; real CISO Assistant libraries use none. */
export const MAX_ALIAS_COUNT = 100;

export interface CisoOptions {
  /** The framework's id, given by the user (`--framework-id [FILE=]ID`). */
  frameworkId?: string;
  /** `--into ID`: add the library's nodes to this existing framework (importers/ciso-assistant/into.ts). */
  into?: string;
  /** `--approve`: the mappings arrive approved, with the reviewer and the time recorded. */
  approve?: boolean;
  reviewer?: string;
  /** The library's own URN (set by the reader). */
  library?: string | null;
}

/** Longest framework id we derive; CISO Assistant's ref_ids run to 90 characters. */
export const MAX_DERIVED_ID = 60;

/**
 * A short, stable framework id: the last part of the framework's URN (`urn:intuitem:risk:framework:
 * iso27001-2022` -> `iso27001-2022`), which CISO Assistant keeps across versions of a library, else a slug
 * of its ref_id or name; cut at a dash so that it never ends in half a word.
 */
export function frameworkIdOf(urn: string | null, refId: string | null, name: string | null): string {
  const fromUrn = urn && /^urn:[^:]+:[^:]+:framework:(.+)$/.exec(urn)?.[1];
  // slug() stops at 60 characters mid-word; cut the full slug at the last dash within the limit instead.
  const id = (fromUrn || refId || name || 'imported')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (!id) return 'imported';
  if (id.length <= MAX_DERIVED_ID) return id;
  const dash = id.lastIndexOf('-', MAX_DERIVED_ID);
  return id.slice(0, dash > 20 ? dash : MAX_DERIVED_ID);
}

const strings = (value: Json | undefined): string[] | undefined =>
  Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim())
    : undefined;
const json = (value: Json | undefined): string | undefined =>
  value !== undefined && value !== null && typeof value === 'object' ? JSON.stringify(value) : undefined;

/** Drops the undefined entries, so that the writer sets only what the library carries. */
function defined<T extends object>(obj: T): T | undefined {
  const entries = Object.entries(obj).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0));
  return entries.length ? (Object.fromEntries(entries) as T) : undefined;
}

type PathPart = string | number;

/** Positions with the YAML line of the node at `path` and its YAML path. */
function positioner(file: string, doc: Document, lines: LineCounter) {
  return (path: PathPart[]): Position => {
    const node = doc.getIn(path, true) as Node | undefined;
    const offset = node?.range?.[0];
    const text = `$${path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('')}`;
    return offset === undefined ? { file, path: text } : { file, line: lines.linePos(offset).line, path: text };
  };
}

const text = (obj: JsonObject, key: string): string | null => {
  const value = obj[key];
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() ? value.trim() : null;
};

export function cisoLibrary(source: string, file: string, problems: Problems, options: CisoOptions = {}): ImportBatch {
  const batch = emptyBatch();
  const lines = new LineCounter();
  // uniqueKeys (the default, spelled out): a repeated key is an error with its line, not "last one wins".
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    // The first error only: later ones are mostly the parser losing its way after it.
    for (const error of doc.errors.slice(0, 1)) {
      const pos = error.linePos?.[0] ?? lines.linePos(error.pos[0]);
      problems.add(
        `YAML_${error.code}`,
        { file, line: pos?.line, column: pos?.col },
        undefined,
        `not readable as YAML: ${error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`,
      );
    }
    return batch;
  }
  const at = positioner(file, doc, lines);
  let root: Json;
  try {
    // yaml refuses to expand aliases past maxAliasCount (the "billion laughs" attack) with a ReferenceError.
    root = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as Json;
  } catch (error) {
    const excessive = /Excessive alias count/.test((error as Error).message);
    problems.add(
      excessive ? 'YAML_ALIAS_LIMIT' : 'YAML_BAD_ALIAS',
      { file },
      undefined,
      excessive
        ? `the YAML aliases expand to too many nodes (more than ${MAX_ALIAS_COUNT} alias uses); refused as a resource exhaustion attack`
        : `not readable as YAML: ${(error as Error).message}`,
    );
    return batch;
  }
  if (!checkTree(root, problems, at)) return batch;
  if (!isObject(root) || !isObject(root.objects)) {
    problems.add('DOCUMENT_WRONG_KIND', at([]), 'objects', 'not a CISO Assistant library: expected a top-level "objects" map');
    return batch;
  }
  const objects = root.objects;
  const library = typeof root.urn === 'string' ? root.urn : null;
  if (objects.framework !== undefined) readFramework(objects.framework, batch, at, problems, { ...options, library });
  const sets: [Json, PathPart[]][] = [];
  if (Array.isArray(objects.requirement_mapping_sets)) {
    objects.requirement_mapping_sets.forEach((s, i) => sets.push([s, ['objects', 'requirement_mapping_sets', i]]));
  }
  if (objects.requirement_mapping_set !== undefined)
    sets.push([objects.requirement_mapping_set, ['objects', 'requirement_mapping_set']]);
  for (const [set, path] of sets) readMappingSet(set, path, batch, at, problems, file, options);
  if (objects.framework === undefined && sets.length === 0) {
    problems.add(
      'DOCUMENT_EMPTY',
      at(['objects']),
      'objects',
      'the library has neither a framework nor requirement mapping sets',
    );
  }
  return batch;
}

function readFramework(
  value: Json,
  batch: ImportBatch,
  at: (p: PathPart[]) => Position,
  problems: Problems,
  options: CisoOptions,
): void {
  const path: PathPart[] = ['objects', 'framework'];
  if (!isObject(value)) return problems.add('VALUE_TYPE', at(path), 'framework', 'expected a map');
  const urn = text(value, 'urn');
  const name = text(value, 'name') ?? text(value, 'ref_id');
  if (!urn) problems.add('VALUE_REQUIRED', at(path), 'urn', 'is required but missing');
  if (!name) problems.add('VALUE_REQUIRED', at(path), 'name', 'is required but missing');
  const frameworkId = options.into ?? options.frameworkId ?? frameworkIdOf(urn, text(value, 'ref_id'), name);
  batch.frameworks.push({
    at: at(path),
    id: frameworkId,
    name: name ?? '',
    version: text(value, 'version'),
    publisher: text(value, 'provider'),
    kind: 'standard',
    url: null,
    publishedOn: null,
    urn,
    extras: defined({
      implementationGroupsDefinition: json(value.implementation_groups_definition),
      translations: json(value.translations),
    }),
    library: options.library ?? null,
    ...(options.into ? { into: true } : {}),
    ...(options.frameworkId ? { idGiven: true } : {}),
  });
  const nodes = value.requirement_nodes;
  if (!Array.isArray(nodes) || nodes.length === 0)
    return problems.add('VALUE_REQUIRED', at(path), 'requirement_nodes', 'expected a non-empty list');
  const refByUrn = new Map<string, string>();
  const refs = new Set<string>();
  const rows: { node: JsonObject; nodePath: PathPart[]; ref: string; urn: string }[] = [];
  nodes.forEach((node, i) => {
    const nodePath = [...path, 'requirement_nodes', i];
    if (!isObject(node)) return problems.add('VALUE_TYPE', at(nodePath), undefined, 'expected a map');
    const nodeUrn = text(node, 'urn');
    if (!nodeUrn) return problems.add('VALUE_REQUIRED', at(nodePath), 'urn', 'is required but missing');
    if (refByUrn.has(nodeUrn))
      return problems.add('DUPLICATE', at([...nodePath, 'urn']), 'urn', `duplicate requirement node URN '${nodeUrn}'`);
    const refId = text(node, 'ref_id');
    // CISO Assistant repeats ref_ids in some libraries (the same ref under two parents); the URN is unique.
    const ref = refId && !refs.has(refId) ? refId : nodeUrn;
    refs.add(ref);
    refByUrn.set(nodeUrn, ref);
    rows.push({ node, nodePath, ref, urn: nodeUrn });
  });
  rows.forEach(({ node, nodePath, ref, urn: nodeUrn }, order) => {
    const parentUrn = text(node, 'parent_urn');
    const parentRef = parentUrn ? refByUrn.get(parentUrn) : undefined;
    if (parentUrn && !parentRef)
      problems.add(
        'REFERENCE_UNKNOWN',
        at([...nodePath, 'parent_urn']),
        'parent_urn',
        `unknown parent '${parentUrn}' (not a requirement node of this framework)`,
      );
    const description = text(node, 'description');
    const assessable = node.assessable === true;
    batch.requirements.push({
      at: at(nodePath),
      uid: requirementUid(frameworkId, ref),
      frameworkId,
      ref,
      parentUid: parentRef ? requirementUid(frameworkId, parentRef) : null,
      kind: assessable ? 'requirement' : 'group',
      order,
      normative: assessable,
      title: text(node, 'name') ?? text(node, 'ref_id') ?? (description ? description.slice(0, 120) : ref),
      summary: description,
      url: null,
      urn: nodeUrn,
      parentUrn,
      extras: defined({
        implementationGroups: strings(node.implementation_groups),
        referenceControls: strings(node.reference_controls),
        annotation: text(node, 'annotation') ?? undefined,
        typicalEvidence: text(node, 'typical_evidence') ?? undefined,
        translations: json(node.translations),
      }),
    });
  });
}

function readMappingSet(
  value: Json,
  path: PathPart[],
  batch: ImportBatch,
  at: (p: PathPart[]) => Position,
  problems: Problems,
  file: string,
  options: CisoOptions,
): void {
  if (!isObject(value)) return problems.add('VALUE_TYPE', at(path), undefined, 'expected a map');
  const mappings = value.requirement_mappings;
  if (!Array.isArray(mappings)) return problems.add('VALUE_TYPE', at(path), 'requirement_mappings', 'expected a list');
  mappings.forEach((m, i) => {
    const mPath = [...path, 'requirement_mappings', i];
    const mAt = at(mPath);
    if (!isObject(m)) return problems.add('VALUE_TYPE', mAt, undefined, 'expected a map');
    const sourceUrn = text(m, 'source_requirement_urn');
    const targetUrn = text(m, 'target_requirement_urn');
    if (!sourceUrn) problems.add('VALUE_REQUIRED', mAt, 'source_requirement_urn', 'is required but missing');
    if (!targetUrn) problems.add('VALUE_REQUIRED', mAt, 'target_requirement_urn', 'is required but missing');
    const raw = text(m, 'relationship');
    const relationship = raw ? CISO_RELATIONSHIPS[raw] : undefined;
    if (!relationship) {
      problems.add(
        raw ? 'VALUE_ENUM' : 'VALUE_REQUIRED',
        at([...mPath, 'relationship']),
        'relationship',
        raw ? `'${raw}' is not one of ${Object.keys(CISO_RELATIONSHIPS).join(', ')}` : 'is required but missing',
      );
    }
    // Some of CISO Assistant's own libraries spell it `stregth_of_relationship`.
    const strengthRaw = m.strength_of_relationship ?? m.stregth_of_relationship;
    let strength = relationship ? DEFAULT_STRENGTH[relationship] : 1;
    if (strengthRaw !== undefined && strengthRaw !== null && strengthRaw !== '') {
      const n = Number(strengthRaw);
      // CISO Assistant allows 0 ("no strength given"); our scale starts at 1.
      if (!Number.isInteger(n) || n < 0 || n > 10)
        problems.add(
          'VALUE_NUMBER',
          at([...mPath, 'strength_of_relationship']),
          'strength_of_relationship',
          `'${String(strengthRaw)}' is not a whole number from 0 to 10`,
        );
      else if (n > 0) strength = n;
    }
    const rationaleText = text(m, 'rationale');
    const rationale = rationaleText && RATIONALES.includes(rationaleText.toLowerCase()) ? rationaleText.toLowerCase() : null;
    batch.mappings.push({
      at: mAt,
      sourceUid: '',
      targetUid: '',
      sourceUrn: sourceUrn ?? '',
      targetUrn: targetUrn ?? '',
      relationship: relationship ?? raw ?? '',
      strength,
      rationale,
      source: 'imported',
      // A free-text rationale is an explanation in our model, and so is an annotation (our export writes
      // our explanation there).
      explanation: text(m, 'annotation') ?? (rationale ? null : rationaleText),
      status: options.approve ? 'approved' : 'draft',
      importedFrom: basename(file),
      ...(options.approve ? { reviewedBy: options.reviewer ?? 'import --approve' } : {}),
    });
  });
}

/** True when parsed YAML looks like a CISO Assistant library. */
export const looksLikeCisoLibrary = (head: string): boolean => /^objects:\s*$/m.test(head) || /^urn:\s*urn:intuitem:/m.test(head);
