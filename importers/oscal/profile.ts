/**
 * OSCAL profile resolution for the common case (a NIST baseline): each `imports[]` entry names a catalog
 * (or another profile) by href, directly or through a back-matter resource (`#uuid` -> its rlink), relative
 * to the profile's file; `include-all` or `include-controls` (`with-ids`, `matching` globs,
 * `with-child-controls`) selects controls and `exclude-controls` drops them; `modify.set-parameters` sets
 * parameter values (rendered into the prose) and `modify.alters[].adds` add parts, props and params to a
 * control. The result is the resolved catalog, with the profile's metadata as the catalog's, so a baseline
 * imports as its own framework. Not covered: `merge` directives other than keeping the catalog's groups,
 * alters' `removes` by class or namespace, and adds positioned `before`/`after` (they are appended to the
 * part named by `by-id`, or to the control).
 */
import path from 'node:path';
import type { Position, Problems } from '../problems.ts';
import { isObject, type Json, type JsonObject } from './json.ts';
import type { Params } from './prose.ts';

export interface ResolvedProfile {
  /** A document `{ catalog: {...} }` the catalog reader takes. */
  doc: JsonObject;
  setParams: Params;
}

/** Reads an OSCAL document (JSON, YAML or XML) into the JSON shape, or undefined with a problem recorded. */
export type OscalLoader = (file: string, problems: Problems) => Promise<Json | undefined>;

const objects = (value: Json | undefined): JsonObject[] => (Array.isArray(value) ? value.filter(isObject) : []);
const strings = (value: Json | undefined): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

const globToRegExp = (glob: string) =>
  new RegExp(
    `^${glob
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );

interface Selection {
  all: boolean;
  ids: Set<string>;
  patterns: RegExp[];
  /** Ids whose child controls come along. */
  withChildren: Set<string>;
}

function selection(entries: JsonObject[]): Selection {
  const s: Selection = { all: false, ids: new Set(), patterns: [], withChildren: new Set() };
  for (const e of entries) {
    const ids = strings(e['with-ids']);
    for (const id of ids) s.ids.add(id);
    for (const m of objects(e.matching)) if (typeof m.pattern === 'string') s.patterns.push(globToRegExp(m.pattern));
    if (e['with-child-controls'] === 'yes') for (const id of ids) s.withChildren.add(id);
  }
  return s;
}

const selects = (s: Selection, id: string) => s.all || s.ids.has(id) || s.patterns.some((p) => p.test(id));

/** Where an import's href points: a file path relative to the profile, through the back matter for `#uuid`. */
function importTarget(href: string, profile: JsonObject, base: string): string | null {
  let target = href;
  if (href.startsWith('#')) {
    const uuid = href.slice(1);
    const resource = objects(isObject(profile['back-matter']) ? profile['back-matter'].resources : undefined).find(
      (r) => r.uuid === uuid,
    );
    const rlinks = objects(resource?.rlinks).map((l) => String(l.href ?? ''));
    // Prefer a local file over a web address: the importer reads files only.
    target = rlinks.find((h) => h && !/^[a-z]+:\/\//i.test(h)) ?? '';
    if (!target) return null;
  }
  if (/^[a-z]+:\/\//i.test(target)) return null;
  return path.resolve(path.dirname(base), target);
}

export async function resolveProfile(
  doc: JsonObject,
  file: string,
  problems: Problems,
  load: OscalLoader,
  depth = 0,
): Promise<ResolvedProfile | undefined> {
  const profile = isObject(doc.profile) ? doc.profile : undefined;
  const at: Position = { file, path: '$.profile' };
  if (!profile) {
    problems.add('DOCUMENT_WRONG_KIND', { file, path: '$' }, 'profile', 'not an OSCAL profile');
    return undefined;
  }
  const imports = objects(profile.imports);
  if (imports.length === 0) {
    problems.add('VALUE_REQUIRED', at, 'imports', 'a profile needs at least one import');
    return undefined;
  }
  const groups: Json[] = [];
  const controls: Json[] = [];
  const params: Json[] = [];
  const setParams: Params = new Map();
  for (const [i, imp] of imports.entries()) {
    const impAt: Position = { file, path: `$.profile.imports[${i}]` };
    const href = typeof imp.href === 'string' ? imp.href : '';
    const target = importTarget(href, profile, file);
    if (!target) {
      problems.add(
        'REFERENCE_UNKNOWN',
        impAt,
        'href',
        `cannot find the imported catalog '${href}': give a relative file path, directly or in a back-matter rlink`,
      );
      continue;
    }
    const imported = await load(target, problems);
    if (!isObject(imported)) continue;
    let catalog: JsonObject | undefined;
    if (isObject(imported.profile)) {
      if (depth >= 3) {
        problems.add('NESTING_TOO_DEEP', impAt, 'href', 'profiles import profiles more than 3 deep');
        continue;
      }
      const inner = await resolveProfile(imported, target, problems, load, depth + 1);
      if (!inner) continue;
      for (const [k, v] of inner.setParams) setParams.set(k, v);
      catalog = inner.doc.catalog as JsonObject;
    } else if (isObject(imported.catalog)) {
      catalog = imported.catalog;
    } else {
      problems.add('DOCUMENT_WRONG_KIND', impAt, 'href', `'${href}' is neither an OSCAL catalog nor a profile`);
      continue;
    }
    const include = selection(objects(imp['include-controls']));
    if (isObject(imp['include-all'])) include.all = true;
    const exclude = selection(objects(imp['exclude-controls']));
    const found = new Set<string>();
    // A selected control keeps its selected children; the children of an unselected one move up to its place.
    const pick = (list: Json | undefined, parentSelected = false, parentWithChildren = false): JsonObject[] =>
      objects(list).flatMap((c) => {
        const id = String(c.id ?? '');
        const chosen = (selects(include, id) || (parentSelected && parentWithChildren)) && !selects(exclude, id);
        if (chosen) found.add(id);
        const kids = pick(c.controls, chosen, include.withChildren.has(id) || (parentWithChildren && chosen));
        if (!chosen) return kids;
        const { controls: _dropped, ...rest } = c;
        return [{ ...rest, ...(kids.length ? { controls: kids } : {}) }];
      });
    const pickGroups = (list: Json | undefined): JsonObject[] =>
      objects(list).flatMap((g) => {
        const inner = pickGroups(g.groups);
        const own = pick(g.controls);
        if (inner.length === 0 && own.length === 0) return [];
        const { groups: _g, controls: _c, ...rest } = g;
        return [{ ...rest, ...(inner.length ? { groups: inner } : {}), ...(own.length ? { controls: own } : {}) }];
      });
    groups.push(...pickGroups(catalog.groups));
    controls.push(...pick(catalog.controls));
    params.push(...objects(catalog.params));
    for (const id of include.ids)
      if (!found.has(id)) problems.add('REFERENCE_UNKNOWN', impAt, 'with-ids', `the imported catalog has no control '${id}'`);
  }

  const modify = isObject(profile.modify) ? profile.modify : {};
  for (const sp of objects(modify['set-parameters'])) {
    if (typeof sp['param-id'] !== 'string') continue;
    const { 'param-id': id, ...setting } = sp;
    setParams.set(id, { ...(setParams.get(id) ?? {}), ...setting });
  }
  // Alters change controls in place: find each by id anywhere in the selected tree.
  const byId = new Map<string, JsonObject>();
  const index = (list: Json[]) => {
    for (const n of objects(list)) {
      if (typeof n.id === 'string' && !Array.isArray(n.groups)) byId.set(n.id, n);
      index((n.groups as Json[] | undefined) ?? []);
      index((n.controls as Json[] | undefined) ?? []);
    }
  };
  index(groups);
  index(controls);
  for (const [j, alter] of objects(modify.alters).entries()) {
    const id = String(alter['control-id'] ?? '');
    const control = byId.get(id);
    if (!control) {
      problems.add(
        'REFERENCE_UNKNOWN',
        { file, path: `$.profile.modify.alters[${j}]` },
        'control-id',
        `no selected control '${id}'`,
      );
      continue;
    }
    for (const remove of objects(alter.removes)) {
      for (const key of ['parts', 'props'] as const) {
        const kept = objects(control[key]).filter(
          (x) => !(remove['by-id'] && x.id === remove['by-id']) && !(remove['by-name'] && x.name === remove['by-name']),
        );
        if (kept.length) control[key] = kept;
        else delete control[key];
      }
    }
    for (const add of objects(alter.adds)) {
      const first = add.position === 'starting';
      // `by-id` names a part of the control to add into (e.g. its statement); else the control itself.
      const findPart = (list: Json | undefined, id: string): JsonObject | undefined => {
        for (const p of objects(list)) {
          if (p.id === id) return p;
          const inner = findPart(p.parts, id);
          if (inner) return inner;
        }
        return undefined;
      };
      const into = typeof add['by-id'] === 'string' ? findPart(control.parts, add['by-id']) : control;
      if (!into) {
        problems.add(
          'REFERENCE_UNKNOWN',
          { file, path: `$.profile.modify.alters[${j}]` },
          'by-id',
          `control '${id}' has no part '${String(add['by-id'])}'`,
        );
        continue;
      }
      for (const key of ['parts', 'props', 'params', 'links'] as const) {
        const extra = objects(add[key]);
        if (!extra.length) continue;
        const current = objects(into[key]);
        into[key] = first ? [...extra, ...current] : [...current, ...extra];
      }
    }
  }
  const catalog: JsonObject = {
    uuid: typeof profile.uuid === 'string' ? profile.uuid : '',
    metadata: isObject(profile.metadata) ? profile.metadata : {},
    ...(params.length ? { params } : {}),
    ...(groups.length ? { groups } : {}),
    ...(controls.length ? { controls } : {}),
  };
  return { doc: { catalog }, setParams };
}
