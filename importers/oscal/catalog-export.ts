/**
 * A framework (built-in or imported) as an OSCAL 1.1 catalog: requirements that are normative (or sit
 * inside a control, or beside one in a group: OSCAL groups hold groups or controls, not both) become
 * controls, the others groups, nested as PART_OF says; each carries its display
 * label, a statement part with the summary, a "canonical" link to the official source, and crosswalk props
 * (ref, kind, order, normative) so that the catalog imports back into the same graph
 * (importers/oscal/catalog.ts reads them). Ids are OSCAL tokens of our refs (json.ts oscalToken).
 */
import { v4 as uuidv4 } from 'uuid';
import type { Graph } from '../../graph/connection.ts';
import { QueryParameterError } from '../../queries/question.ts';
import { CROSSWALK_NS, oscalToken, type Json, type JsonObject } from './json.ts';

export const EXPORT_CATALOG_FRAMEWORK = `
MATCH (f:Framework {id: $framework})
RETURN f.id AS id, f.name AS name, f.version AS version, f.publisher AS publisher, f.kind AS kind, f.url AS url,
       toString(f.publishedOn) AS publishedOn`;

export const EXPORT_CATALOG_REQUIREMENTS = `
MATCH (r:Requirement {frameworkId: $framework})
RETURN r.uid AS uid, r.ref AS ref, r.title AS title, r.summary AS summary, r.kind AS kind, r.normative AS normative,
       r.order AS order, r.url AS url, r.status AS status, head([(r)-[:PART_OF]->(p) | p.uid]) AS parentUid
ORDER BY r.order, r.uid`;

export interface CatalogFramework {
  id: string;
  name: string;
  version: string | null;
  publisher: string | null;
  kind: string | null;
  url: string | null;
  publishedOn: string | null;
}

export interface CatalogRequirement {
  uid: string;
  ref: string;
  title: string;
  summary: string | null;
  kind: string;
  normative: boolean | null;
  order: number | null;
  url: string | null;
  status: string | null;
  parentUid: string | null;
}

export async function readCatalog(
  graph: Graph,
  framework: string,
): Promise<{ framework: CatalogFramework; requirements: CatalogRequirement[] }> {
  const fw = await graph.run(EXPORT_CATALOG_FRAMEWORK, { framework });
  const record = fw.records[0];
  if (!record) throw new QueryParameterError(`unknown framework '${framework}'`, 'Run crosswalk stats to list the frameworks.');
  const reqs = await graph.run(EXPORT_CATALOG_REQUIREMENTS, { framework });
  return {
    framework: record.toObject() as unknown as CatalogFramework,
    requirements: reqs.records.map((r) => {
      const o = r.toObject() as unknown as CatalogRequirement & { order: unknown };
      return { ...o, order: o.order === null ? null : Number(o.order) };
    }),
  };
}

const own = (name: string, value: string): Json => ({ name, ns: CROSSWALK_NS, value });
/** OSCAL strings may not start or end with white space, nor be empty. */
const clean = (text: string | null | undefined): string | null => {
  const t = (text ?? '').replace(/\s+/g, ' ').trim();
  return t ? t : null;
};

export function toOscalCatalog(framework: CatalogFramework, requirements: CatalogRequirement[], now = new Date()): JsonObject {
  const children = new Map<string | null, CatalogRequirement[]>();
  const uids = new Set(requirements.map((r) => r.uid));
  for (const r of requirements) {
    const parent = r.parentUid && uids.has(r.parentUid) ? r.parentUid : null;
    (children.get(parent) ?? children.set(parent, []).get(parent)!).push(r);
  }
  const taken = new Set<string>();
  const idFor = (ref: string): string => {
    const base = oscalToken(ref);
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    taken.add(id);
    return id;
  };
  const node = (r: CatalogRequirement, asControl: boolean): JsonObject => {
    const id = idFor(r.ref);
    const title = clean(r.title) ?? r.ref;
    const props: Json[] = [
      { name: 'label', value: r.ref },
      ...(r.status === 'withdrawn' ? [{ name: 'status', value: 'withdrawn' }] : []),
      own('ref', r.ref),
      own('kind', r.kind),
      ...(r.order !== null ? [own('order', String(r.order))] : []),
      own('normative', String(Boolean(r.normative))),
    ];
    const kids = children.get(r.uid) ?? [];
    const summary = (r.summary ?? '').trim();
    const parts: Json[] = summary ? [{ id: `${id}_smt`, name: 'statement', prose: summary }] : [];
    const links: Json[] = r.url ? [{ href: r.url, rel: 'canonical', text: 'official source' }] : [];
    const base: JsonObject = {
      id,
      class: r.kind,
      title,
      props,
      ...(links.length ? { links } : {}),
      ...(parts.length ? { parts } : {}),
    };
    if (asControl) {
      // Inside a control everything is a control: OSCAL controls hold controls, never groups.
      if (kids.length) base.controls = kids.map((k) => node(k, true));
      return base;
    }
    // An OSCAL group holds groups or controls, not both: beside a control, a section becomes a control too
    // (its normative prop still says false).
    if (kids.some(isControl)) base.controls = kids.map((k) => node(k, true));
    else if (kids.length) base.groups = kids.map((k) => node(k, false));
    return base;
  };
  const isControl = (r: CatalogRequirement) => Boolean(r.normative) || r.status === 'withdrawn';
  const top = children.get(null) ?? [];
  const metaProps: Json[] = [
    own('framework-id', framework.id),
    ...(clean(framework.version) ? [own('version', clean(framework.version)!)] : []),
    ...(framework.kind ? [own('kind', framework.kind)] : []),
    ...(clean(framework.publisher) ? [own('publisher', clean(framework.publisher)!)] : []),
  ];
  const groups = top.filter((r) => !isControl(r)).map((r) => node(r, false));
  const controls = top.filter(isControl).map((r) => node(r, true));
  return {
    catalog: {
      uuid: uuidv4(),
      metadata: {
        title: clean(framework.name) ?? framework.id,
        ...(framework.publishedOn ? { published: `${framework.publishedOn}T00:00:00Z` } : {}),
        'last-modified': now.toISOString(),
        version: clean(framework.version) ?? 'unversioned',
        'oscal-version': '1.1.3',
        props: metaProps,
        ...(framework.url ? { links: [{ href: framework.url, rel: 'canonical', text: 'official source' }] } : {}),
      },
      ...(groups.length ? { groups } : {}),
      ...(controls.length ? { controls } : {}),
    },
  };
}
