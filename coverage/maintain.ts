/**
 * Keeps the maintained coverage current (coverage/README.md). Every writer calls `maintain` with what it
 * touched: the importer inside its own transaction, the GraphQL plugin (api/plugins/coverage.ts) and the
 * CLI through `maintainGraph`. Two stored facts:
 * - org-independent inference paths between requirements (COVERAGE_INHERITS, COVERAGE_INDICATES),
 *   rebuilt when mappings change;
 * - per (organization, requirement) the direct status as validity intervals (:CoverageDirect), recomputed
 *   for the requirements under what the write reached, so any `today` is answered without a recompute;
 * - per (organization, requirement) what inference gives it, as the last day of each (:CoverageInferred),
 *   recomputed for what the stored paths reach from the recomputed direct rows.
 * Exclusions are read live by the questions (one short lookup), so they need no maintenance of their own.
 */
import neo4j, { type ManagedTransaction, type QueryResult } from 'neo4j-driver';
import type { Graph } from '../graph/connection.ts';
import { cypher } from '../queries/cypher.ts';

/** Something that runs a statement: a transaction (the importer's, a managed one) or a Graph. */
export interface Runner {
  run(query: string, params?: Record<string, unknown>): PromiseLike<QueryResult>;
}

/** What one organization's write touched (ids as in the graph, within that organization). */
export interface OrgChange {
  org: string;
  /** Recompute the organization from scratch (a write whose reach could not be bounded, or a bulk import). */
  full?: boolean;
  controls?: readonly string[];
  evidence?: readonly string[];
  /** Requirements implemented or excluded through the write (their subtrees are recomputed). */
  requirements?: readonly string[];
  /** Findings and corrective actions written: what the findings are about is recomputed (the findings rule). */
  findings?: readonly string[];
  correctiveActions?: readonly string[];
  /** Requirements the touched nodes reached BEFORE the write (`scopeOf` run then): deletions and disconnects. */
  before?: readonly string[];
}

export interface CoverageChange {
  /** Mappings changed: the inference paths are rebuilt (for every organization at once: they are shared). */
  mappings?: boolean;
  /** Requirements whose place in the hierarchy changed: their subtrees are recomputed for every organization. */
  hierarchy?: readonly string[];
  orgs?: readonly OrgChange[];
}

export interface MaintenanceSummary {
  paths?: { inherits: number; indicates: number };
  /** Direct and inferred rows recomputed (scoped) or written (full), per organization. */
  orgs: Record<string, number>;
}

/** Above this many touched controls or evidence items a scoped recompute costs more than a full one. */
export const FULL_REBUILD_ABOVE = 2000;

const num = (result: QueryResult, key: string): number => Number(result.records[0]?.get(key) ?? 0);

/** The requirements under which a write to these nodes can change direct status (coverage/scope.cypher). */
export async function scopeOf(runner: Runner, change: OrgChange): Promise<string[]> {
  const result = await runner.run(cypher('coverage/scope'), {
    org: change.org,
    controls: change.controls ?? [],
    evidence: change.evidence ?? [],
    requirements: change.requirements ?? [],
    findings: change.findings ?? [],
    correctiveActions: change.correctiveActions ?? [],
  });
  return (result.records[0]?.get('roots') as string[] | undefined) ?? [];
}

export async function rebuildPaths(runner: Runner): Promise<{ inherits: number; indicates: number }> {
  await runner.run(cypher('coverage/paths-clear'));
  const inherits = num(await runner.run(cypher('coverage/paths-inherits')), 'created');
  const indicates = num(await runner.run(cypher('coverage/paths-indicates')), 'created');
  await runner.run(MARK_BUILT, { version: COVERAGE_VERSION });
  return { inherits, indicates };
}

/**
 * One organization: its direct rows (scoped to what the write reached, or all of them), then what inference
 * gives from them: for what the stored paths reach from the recomputed rows, or in full when the paths or the
 * hierarchy changed (`redoInference`) or the direct rows were rebuilt.
 */
async function maintainOrg(
  runner: Runner,
  change: OrgChange,
  hierarchy: readonly string[],
  redoInference: boolean,
): Promise<number> {
  const locked = await runner.run(cypher('coverage/lock-org'), { org: change.org });
  if (locked.records.length === 0) {
    // The organization is gone (or not yet written): none of its rows may stay behind.
    await runner.run(DROP_ORG_ROWS, { org: change.org });
    return 0;
  }
  const touched = (change.controls?.length ?? 0) + (change.evidence?.length ?? 0);
  const full = change.full || touched > FULL_REBUILD_ABOVE;
  let roots: string[] = [];
  let written = 0;
  if (full) written += num(await runner.run(cypher('coverage/direct-full'), { org: change.org }), 'written');
  else {
    roots = [...new Set([...(await scopeOf(runner, change)), ...(change.before ?? []), ...hierarchy])];
    if (roots.length)
      written += num(await runner.run(cypher('coverage/direct-scoped'), { org: change.org, roots }), 'recomputed');
  }
  // The findings rule on the rows just written (before inference reads them).
  if (full || roots.length) await runner.run(cypher('coverage/findings-caps'), { org: change.org, roots: full ? null : roots });
  if (full || redoInference) written += num(await runner.run(cypher('coverage/inferred-full'), { org: change.org }), 'written');
  else if (roots.length)
    written += num(await runner.run(cypher('coverage/inferred-scoped'), { org: change.org, roots }), 'recomputed');
  // The Bloom colours, as of today, for what changed.
  if (full || redoInference || roots.length)
    await runner.run(cypher('coverage/colours'), { org: change.org, roots: full || redoInference ? null : roots });
  return written;
}

const ALL_ORGS = 'MATCH (o:Organization) RETURN o.id AS id ORDER BY id';
const DROP_ORG_ROWS = `CALL () { MATCH (d:CoverageDirect|CoverageInferred {org: $org}) DELETE d }
  CALL () { MATCH (s:CoverageStatus {orgId: $org}) DETACH DELETE s }`;
/**
 * The version of what is stored, written with the paths: a graph without it, or with an older one (written
 * before maintained coverage, before the inferred rows existed, or before findings capped them), is rebuilt on start.
 */
export const COVERAGE_VERSION = 3;
const MARK_BUILT = "MERGE (s:CoverageState {id: 'coverage'}) SET s.version = $version";
const IS_BUILT = "OPTIONAL MATCH (s:CoverageState {id: 'coverage'}) RETURN coalesce(s.version = $version, false) AS built";

/** Brings the stored coverage in line with a write; run it in the write's transaction where there is one. */
export async function maintain(runner: Runner, change: CoverageChange): Promise<MaintenanceSummary> {
  const summary: MaintenanceSummary = { orgs: {} };
  if (change.mappings) summary.paths = await rebuildPaths(runner);
  const hierarchy = change.hierarchy ?? [];
  const orgs = new Map((change.orgs ?? []).map((o) => [o.org, o]));
  // New paths or a moved hierarchy change what inference gives every organization.
  const everyOrg = change.mappings || hierarchy.length > 0;
  if (everyOrg) {
    for (const record of (await runner.run(ALL_ORGS)).records) {
      const id = String(record.get('id'));
      if (!orgs.has(id)) orgs.set(id, { org: id });
    }
  }
  for (const org of orgs.values()) summary.orgs[org.org] = await maintainOrg(runner, org, hierarchy, everyOrg);
  return summary;
}

/**
 * `maintain` in a write transaction of its own, sent to the leader and chained to the driver's
 * executeQuery bookmarks (which @neo4j/graphql's sessions and Graph.run share), so every later read in
 * this process sees it, on a cluster too.
 */
export async function maintainGraph(graph: Graph, change: CoverageChange): Promise<MaintenanceSummary> {
  return writeTransaction(graph, (tx) => maintain(tx, change));
}

async function writeTransaction<T>(graph: Graph, work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
  const session = graph.driver.session({
    database: graph.database,
    defaultAccessMode: neo4j.session.WRITE,
    bookmarkManager: graph.driver.executeQueryBookmarkManager,
  });
  try {
    return await session.executeWrite(work);
  } finally {
    await session.close();
  }
}

/** `crosswalk coverage rebuild`: paths and every (or one) organization's direct rows from scratch. */
export async function rebuild(graph: Graph, options: { org?: string } = {}): Promise<MaintenanceSummary> {
  const orgs = options.org ? [options.org] : (await graph.run(ALL_ORGS)).records.map((record) => String(record.get('id')));
  const summary: MaintenanceSummary = { orgs: {} };
  if (!options.org) summary.paths = await writeTransaction(graph, (tx) => rebuildPaths(tx));
  // One transaction per organization keeps a large tenant's rebuild within transaction memory.
  for (const org of orgs) Object.assign(summary.orgs, (await maintainGraph(graph, { orgs: [{ org, full: true }] })).orgs);
  return summary;
}

const STALE_COLOURS = `MATCH (o:Organization)
  WHERE EXISTS { (o)-[:ADOPTS]->() } AND NOT EXISTS { MATCH (s:CoverageStatus {orgId: o.id}) WHERE s.asOf >= date() }
  RETURN o.id AS id ORDER BY id`;

/**
 * The Bloom colours say the status as of the day they were written: on a new day (`crosswalk start`, and the
 * API server every hour) every organization whose colours are older is refreshed, one transaction each.
 * Returns the organizations refreshed.
 */
export async function refreshColours(graph: Graph, options: { org?: string } = {}): Promise<string[]> {
  const orgs = options.org ? [options.org] : (await graph.run(STALE_COLOURS)).records.map((record) => String(record.get('id')));
  for (const org of orgs) {
    await writeTransaction(graph, async (tx) => {
      await tx.run(cypher('coverage/lock-org'), { org });
      await tx.run(cypher('coverage/colours'), { org, roots: null });
    });
  }
  return orgs;
}

/**
 * `crosswalk start`: rebuilds everything when the graph has never been maintained (data written before
 * maintained coverage existed), then repairs what crashed writes left pending. Returns what it did.
 */
export async function ensureMaintained(graph: Graph): Promise<'rebuilt' | 'current'> {
  const built = Boolean((await graph.run(IS_BUILT, { version: COVERAGE_VERSION })).records[0]?.get('built'));
  if (built) return 'current';
  await rebuild(graph);
  return 'rebuilt';
}
