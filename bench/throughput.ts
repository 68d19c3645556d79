/**
 * Import throughput of a generated tenant: Neo4j's LOAD CSV of the same files (batched, then in one
 * transaction), then our importer (read, validate, one-transaction write), each on a clean graph holding
 * only the shipped reference catalogs the tenant refers to. Ours runs last so that the questions are then
 * asked of the graph our importer built. The three graphs are compared by their counts per label and
 * relationship type and a few property aggregates.
 */
import { rebuild } from '../coverage/maintain.ts';
import type { Graph } from '../graph/connection.ts';
import { importFiles } from '../importers/index.ts';
import { deleteAllData, seedGraph } from '../seeds/load.ts';
import { tenantFiles, type Tenant } from './generate.ts';
import { loadCsvTenant, stageForLoadCsv } from './load-csv.ts';
import { round } from './stats.ts';

const FINGERPRINT = `
CALL apoc.meta.stats() YIELD labels, relTypesCount
CALL () {
  MATCH (e:Evidence) RETURN count(e.validUntil) AS evidenceWithValidUntil, count(e.collectedAt) AS evidenceWithCollectedAt
}
CALL () { MATCH (r:Requirement) WHERE r.normative RETURN count(r) AS normativeRequirements }
CALL () { MATCH ()-[m:MAPS_TO]->() RETURN sum(m.strength) AS mappingStrength, count(m.rationale) AS mappingsWithRationale }
CALL () { MATCH (s:System) WHERE s.isAI RETURN count(s) AS aiSystems }
CALL () { MATCH (:Organization)-[a:ADOPTS]->() RETURN count(a.since) AS adoptionsWithSince }
CALL () { MATCH ()-[i:IMPLEMENTS]->() RETURN count(i.note) AS implementsWithNote }
RETURN labels, relTypesCount, evidenceWithValidUntil, evidenceWithCollectedAt, normativeRequirements, mappingStrength,
       mappingsWithRationale, aiSystems, adoptionsWithSince, implementsWithNote`;

export type Fingerprint = Record<string, unknown>;

export async function fingerprint(graph: Graph): Promise<Fingerprint> {
  const { records } = await graph.run(FINGERPRINT);
  const record = records[0]!.toObject() as Record<string, unknown>;
  // apoc.meta.stats also counts patterns such as "()-[:SUPPORTS]->(:Control)"; keep the plain type counts.
  const rels = Object.fromEntries(
    Object.entries(record.relTypesCount as Record<string, number>)
      .filter(([k]) => !k.includes('('))
      .sort(),
  );
  const labels = Object.fromEntries(
    Object.entries(record.labels as Record<string, number>)
      .filter(([k]) => k !== 'SchemaMigration')
      .sort(),
  );
  return { ...record, labels, relTypesCount: rels };
}

export interface ImportFigures {
  rows: number;
  crosswalk: { seconds: number; rowsPerSecond: number; writeSecondsByType: Record<string, number> };
  loadCsvBatched: { seconds: number; rowsPerSecond: number; secondsByFile: Record<string, number> };
  loadCsvSingleTransaction: { seconds: number; rowsPerSecond: number; secondsByFile: Record<string, number> };
  /** Our rate over LOAD CSV's rate (1 = as fast; the target is >= 0.7). */
  ratio: { vsBatched: number; vsSingleTransaction: number };
  sameGraph: boolean;
  /** `crosswalk coverage rebuild` of the tenant after a LOAD CSV (the faster of the two). */
  coverageRebuildSeconds: number;
  fingerprint: Fingerprint;
  differences?: string[];
}

async function clean(graph: Graph): Promise<void> {
  await deleteAllData(graph);
  await seedGraph(graph);
}

function compare(a: Fingerprint, b: Fingerprint, name: string): string[] {
  const flat = (f: Fingerprint) => {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(f)) {
      if (v && typeof v === 'object') for (const [k2, v2] of Object.entries(v)) out[`${k}.${k2}`] = String(v2);
      else out[k] = String(v);
    }
    return out;
  };
  const fa = flat(a);
  const fb = flat(b);
  return [...new Set([...Object.keys(fa), ...Object.keys(fb)])]
    .filter((k) => fa[k] !== fb[k])
    .map((k) => `${name} ${k}: ${fa[k]} vs ${fb[k]}`);
}

/** Warms the JVM and query caches for every path on a tiny tenant. */
export async function warmUpImports(graph: Graph, tiny: Tenant, importDir: string | undefined): Promise<void> {
  const urlOf = await stageForLoadCsv(graph, tiny, importDir);
  await clean(graph);
  await importFiles(graph, tenantFiles(tiny));
  await clean(graph);
  await loadCsvTenant(graph, tiny, urlOf, true);
  await clean(graph);
  await loadCsvTenant(graph, tiny, urlOf, false);
}

export async function measureImport(
  graph: Graph,
  tenant: Tenant,
  importDir: string | undefined,
  log: (line: string) => void,
): Promise<ImportFigures> {
  const urlOf = await stageForLoadCsv(graph, tenant, importDir);
  const rows = tenant.totalRows;

  await clean(graph);
  log(`  LOAD CSV (IN TRANSACTIONS OF 10000 ROWS) of ${rows} rows...`);
  const batched = await loadCsvTenant(graph, tenant, urlOf, true);
  // LOAD CSV writes around crosswalk: like a user after such a bulk load, rebuild the maintained coverage
  // (timed apart: what maintenance costs when done in one go).
  let t = performance.now();
  await rebuild(graph);
  const rebuildSeconds = (performance.now() - t) / 1000;
  log(`  coverage rebuild after LOAD CSV: ${rebuildSeconds.toFixed(1)} s`);
  const batchedPrint = await fingerprint(graph);
  log(`  LOAD CSV batched: ${batched.seconds.toFixed(1)} s, ${Math.round(rows / batched.seconds)} rows/s`);

  await clean(graph);
  log('  LOAD CSV in one transaction...');
  const single = await loadCsvTenant(graph, tenant, urlOf, false);
  t = performance.now();
  await rebuild(graph);
  const rebuildSingleSeconds = (performance.now() - t) / 1000;
  const singlePrint = await fingerprint(graph);
  log(`  LOAD CSV one transaction: ${single.seconds.toFixed(1)} s, ${Math.round(rows / single.seconds)} rows/s`);

  await clean(graph);
  log('  crosswalk importFiles (read, validate, one transaction)...');
  // Seconds per written type, measured between progress callbacks; the first type's figure also holds the
  // reading and validation of every file, which happen before anything is written.
  const phases: Record<string, number> = {};
  const started = performance.now();
  let last = started;
  await importFiles(graph, tenantFiles(tenant), {
    onProgress: (type) => {
      const now = performance.now();
      const key =
        Object.keys(phases).length === 0 || phases[`read+validate+${type}`] !== undefined ? `read+validate+${type}` : type;
      phases[key] = round((phases[key] ?? 0) + (now - last) / 1000, 2);
      last = now;
    },
  });
  const ours = (performance.now() - started) / 1000;
  const oursPrint = await fingerprint(graph);
  log(`  crosswalk import: ${ours.toFixed(1)} s, ${Math.round(rows / ours)} rows/s`);

  const differences = [...compare(oursPrint, batchedPrint, 'batched'), ...compare(oursPrint, singlePrint, 'single')];
  return {
    rows,
    crosswalk: { seconds: round(ours, 2), rowsPerSecond: Math.round(rows / ours), writeSecondsByType: phases },
    loadCsvBatched: {
      seconds: round(batched.seconds, 2),
      rowsPerSecond: Math.round(rows / batched.seconds),
      secondsByFile: batched.byKind,
    },
    loadCsvSingleTransaction: {
      seconds: round(single.seconds, 2),
      rowsPerSecond: Math.round(rows / single.seconds),
      secondsByFile: single.byKind,
    },
    ratio: { vsBatched: round(batched.seconds / ours, 2), vsSingleTransaction: round(single.seconds / ours, 2) },
    coverageRebuildSeconds: round(Math.min(rebuildSeconds, rebuildSingleSeconds), 2),
    sameGraph: differences.length === 0,
    fingerprint: oursPrint,
    ...(differences.length ? { differences } : {}),
  };
}
