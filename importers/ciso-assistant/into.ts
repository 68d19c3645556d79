/**
 * Framework libraries never merge into a framework from another source silently (issue #18):
 * - a library whose framework id, or whose framework URN, is already held by another framework (the
 *   built-in `gdpr` has CISO Assistant's GDPR URN as its alias) is refused with a FRAMEWORK_COLLISION
 *   problem, unless the user gives another id (`--framework-id FILE=ID`: a separate framework; the URNs
 *   stay with the framework that holds them, so mapping sets keep landing there) or says `--into ID`;
 * - `--into ID` adds the library's nodes that the framework lacks, under their parents (resolved by URN,
 *   so a CISO point lands under our paragraph), and keeps the framework's name, version, publisher, kind
 *   and the titles, summaries and kinds of the nodes it already has: what the library would have changed
 *   is reported instead. The library's own fields (implementation groups, annotations, ...) are added to
 *   the nodes it shares, where they hold nothing yet.
 */
import type { Graph } from '../../graph/connection.ts';
import { requirementUid } from '../../graph/model.ts';
import type { Problems } from '../problems.ts';
import type { ImportBatch, RequirementRecord } from '../records.ts';

export const FRAMEWORKS_BY_ID_OR_URN = `
UNWIND $frameworks AS f
OPTIONAL MATCH (byId:Framework {id: f.id})
OPTIONAL MATCH (byUrn:Framework {urn: f.urn}) WHERE byUrn.id <> f.id
RETURN f.id AS id, byId {.id, .name, .version, .publisher, .kind, .urn, .library} AS byId, byUrn.id AS urnHolder`;

export const NODES_BY_URN = `
UNWIND $urns AS urn
MATCH (r:Requirement {urn: urn})
RETURN urn, r {.uid, .frameworkId, .title, .summary, .kind, .implementationGroups, .referenceControls, .annotation,
               .typicalEvidence, .translations} AS node`;

export const UNALIASED_UIDS =
  'UNWIND $uids AS uid MATCH (r:Requirement {uid: uid}) WHERE r.urn IS NULL RETURN collect(uid) AS found';

/** Our ref for a node CISO Assistant names "Article 27", "CHAPTER II" or "Annex III". */
function ourRef(text: string | null): string | null {
  const t = text?.trim() ?? '';
  const article = /^Article\s+(\d+)$/i.exec(t);
  if (article) return `Art.${article[1]}`;
  const chapter = /^Chapter\s+([IVXL]+)$/i.exec(t);
  if (chapter) return `Ch.${chapter[1]!.toUpperCase()}`;
  const annex = /^Annex\s+([IVXL]+)$/i.exec(t);
  return annex ? `Annex.${annex[1]!.toUpperCase()}` : null;
}

export const EXISTING_UIDS = 'UNWIND $uids AS uid MATCH (r:Requirement {uid: uid}) RETURN collect(uid) AS found';

export interface FieldChange {
  uid: string;
  field: 'name' | 'version' | 'publisher' | 'title' | 'summary' | 'kind';
  ours: string | null;
  theirs: string | null;
}

export interface IntoReport {
  framework: string;
  file: string;
  /** Nodes the framework already had (found by URN), left as they are. */
  matched: number;
  /** Nodes added to the framework. */
  added: number;
  /** What the library would have changed, had it been allowed to (first 20 listed, all counted). */
  wouldChange: FieldChange[];
  wouldChangeCount: number;
}

export interface SeparateCopy {
  framework: string;
  file: string;
  /** The framework holding the library's URN, where its mapping sets keep landing. */
  urnsStayWith: string;
}

export interface FrameworkReport {
  into: IntoReport[];
  copies: SeparateCopy[];
}

const EXTRA_FIELDS = ['implementationGroups', 'referenceControls', 'annotation', 'typicalEvidence', 'translations'] as const;

export async function placeFrameworks(batch: ImportBatch, graph: Graph, problems: Problems): Promise<FrameworkReport> {
  const report: FrameworkReport = { into: [], copies: [] };
  const libraries = batch.frameworks.filter((f) => f.urn);
  if (!libraries.length) return report;
  const { records } = await graph.run(FRAMEWORKS_BY_ID_OR_URN, { frameworks: libraries.map((f) => ({ id: f.id, urn: f.urn })) });
  const found = new Map(
    records.map((r) => [
      r.get('id') as string,
      {
        byId: r.get('byId') as {
          id: string;
          name: string;
          version: string | null;
          publisher: string | null;
          urn: string | null;
          library: string | null;
        } | null,
        urnHolder: r.get('urnHolder') as string | null,
      },
    ]),
  );
  for (const f of libraries) {
    const { byId, urnHolder } = found.get(f.id) ?? { byId: null, urnHolder: null };
    if (f.into) {
      if (!byId) {
        problems.add('REFERENCE_UNKNOWN', f.at, 'framework', `--into '${f.id}': no such framework in the graph`);
        continue;
      }
      report.into.push(await mergeInto(batch, graph, f.id, f.at.file, byId));
      batch.frameworks = batch.frameworks.filter((x) => x !== f);
      continue;
    }
    // The same library imported again updates its framework; anything else (a built-in catalog, a CSV, another
    // library) is another source.
    if (byId && (!f.library || byId.library !== f.library)) {
      problems.add(
        'FRAMEWORK_COLLISION',
        f.at,
        'framework',
        `framework id '${f.id}' is taken by '${byId.name}' from another source; nothing was merged. Add --into ${f.id} to add this library's nodes to it (its titles and metadata stay), or --framework-id ${f.at.file}=ID for a separate framework`,
      );
      continue;
    }
    if (urnHolder) {
      if (!f.idGiven) {
        problems.add(
          'FRAMEWORK_COLLISION',
          f.at,
          'urn',
          `this library is framework '${urnHolder}' already (its URN ${f.urn} is an alias of '${urnHolder}'); nothing was merged. Add --into ${urnHolder} to add the nodes '${urnHolder}' lacks, or --framework-id ${f.at.file}=ID for a separate copy`,
        );
        continue;
      }
      // A separate copy: the URNs keep naming the framework that holds them.
      f.urn = null;
      for (const r of batch.requirements) if (r.frameworkId === f.id) r.urn = null;
      report.copies.push({ framework: f.id, file: f.at.file, urnsStayWith: urnHolder });
    }
  }
  return report;
}

async function mergeInto(
  batch: ImportBatch,
  graph: Graph,
  frameworkId: string,
  file: string,
  framework: { name: string; version: string | null; publisher: string | null },
): Promise<IntoReport> {
  const report: IntoReport = { framework: frameworkId, file, matched: 0, added: 0, wouldChange: [], wouldChangeCount: 0 };
  const change = (c: FieldChange) => {
    if (c.ours === c.theirs || c.theirs === null) return;
    report.wouldChangeCount++;
    if (report.wouldChange.length < 20) report.wouldChange.push(c);
  };
  const libraryFramework = batch.frameworks.find((f) => f.id === frameworkId && f.into);
  if (libraryFramework) {
    change({ uid: frameworkId, field: 'name', ours: framework.name, theirs: libraryFramework.name });
    change({ uid: frameworkId, field: 'version', ours: framework.version, theirs: libraryFramework.version });
    change({ uid: frameworkId, field: 'publisher', ours: framework.publisher, theirs: libraryFramework.publisher });
  }
  const mine = batch.requirements.filter((r) => r.frameworkId === frameworkId && r.urn);
  const { records } = await graph.run(NODES_BY_URN, { urns: mine.map((r) => r.urn) });
  const existing = new Map(records.map((r) => [r.get('urn') as string, r.get('node') as Record<string, unknown>]));
  const uidOf = new Map<string, string>();
  for (const [urn, node] of existing) uidOf.set(urn, node.uid as string);
  const added: RequirementRecord[] = [];
  const kept: RequirementRecord[] = [];
  for (const r of mine) {
    const node = existing.get(r.urn!);
    if (!node) {
      added.push(r);
      continue;
    }
    report.matched++;
    const uid = node.uid as string;
    change({ uid, field: 'title', ours: node.title as string, theirs: r.title });
    change({ uid, field: 'summary', ours: (node.summary as string | null) ?? null, theirs: r.summary });
    change({ uid, field: 'kind', ours: (node.kind as string | null) ?? null, theirs: r.kind });
    // The library's own fields go where the node has none: they are not ours to keep.
    const extras = Object.fromEntries(
      EXTRA_FIELDS.filter((k) => r.extras?.[k] !== undefined && (node[k] === null || node[k] === undefined)).map((k) => [
        k,
        r.extras![k],
      ]),
    );
    if (Object.keys(extras).length) batch.requirementExtras.push({ at: r.at, uid, extras });
  }
  // CISO Assistant numbers some nodes (its AI Act's articles are `node535`, named "Article 27"): a node named
  // as an article, chapter or annex of ours that has no URN yet is that node, and learns the URN as its alias.
  const guesses = new Map<RequirementRecord, string>();
  for (const r of added) {
    const ref = ourRef(r.title) ?? ourRef(r.ref);
    if (ref) guesses.set(r, requirementUid(frameworkId, ref));
  }
  const { records: unnamed } = await graph.run(UNALIASED_UIDS, { uids: [...guesses.values()] });
  const free = new Set((unnamed[0]?.get('found') as string[] | undefined) ?? []);
  for (const [r, uid] of guesses) {
    if (!free.has(uid)) continue;
    free.delete(uid);
    added.splice(added.indexOf(r), 1);
    report.matched++;
    uidOf.set(r.urn!, uid);
    batch.urnAliases.push({ at: r.at, frameworkId, ref: uid.slice(frameworkId.length + 1), urn: r.urn! });
  }
  // Added nodes: a ref the framework already uses for another node falls back to the URN.
  const { records: taken } = await graph.run(EXISTING_UIDS, { uids: added.map((r) => r.uid) });
  const takenUids = new Set((taken[0]?.get('found') as string[] | undefined) ?? []);
  for (const r of added) {
    if (takenUids.has(r.uid)) {
      r.ref = r.urn!;
      r.uid = requirementUid(frameworkId, r.ref);
    }
    uidOf.set(r.urn!, r.uid);
  }
  for (const r of added) {
    r.parentUid = r.parentUrn ? (uidOf.get(r.parentUrn) ?? null) : null;
    kept.push(r);
  }
  report.added = added.length;
  batch.requirements = [...batch.requirements.filter((r) => !mine.includes(r)), ...kept];
  return report;
}
