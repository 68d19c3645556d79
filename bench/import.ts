/**
 * Import benchmark: generates a deterministic inventory (>= 200,000 evidence rows plus evidence-controls
 * links) into bench/data/, imports it with `importFiles` (parse, validate, one-transaction write) into a
 * clean graph, then loads the same files with Neo4j's own LOAD CSV into a clean graph, both batched
 * (CALL {} IN TRANSACTIONS, Neo4j's fast path) and in one transaction (same atomicity as ours), and
 * writes the timings to bench/results/import-<date>.json. Results are reported, not asserted.
 *
 *   npm run bench:import [-- --evidence 200000 --controls 2000 --seed 42]
 *
 * Runs its own bundled Neo4j in a temporary data directory (heap CROSSWALK_BENCH_HEAP, default 4g), or
 * CROSSWALK_BENCH_NEO4J_URI (ALL ITS DATA IS DELETED; LOAD CSV then needs the files in that server's
 * import directory, which this script copies them to only when it can reach it on disk).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readConfig } from '../graph/config.ts';
import { connect, type Graph } from '../graph/connection.ts';
import { startBundled, stopBundled, type BundledInstance } from '../graph/embedded.ts';
import { applySchema } from '../graph/schema.ts';
import { importFiles } from '../importers/index.ts';
import { deleteAllData } from '../seeds/load.ts';
import { generateInventory } from './generate-inventory.ts';

const IMPORT_DIR = "CALL dbms.listConfig('server.directories.import') YIELD value RETURN value";
const PROBE = 'LOAD CSV FROM $url AS row RETURN count(row) AS n';
const COUNTS = `
MATCH (n) WHERE n:Organization OR n:Control OR n:Evidence WITH count(n) AS nodes
OPTIONAL MATCH (:Evidence)-[s:SUPPORTS]->(:Control) RETURN nodes, count(s) AS links`;

/**
 * LOAD CSV statements equivalent to what our writer does for these four templates. The link statement
 * names the key index as ours does (USING INDEX SEEK): without the hint, and with a plain USING INDEX too,
 * the planner scanned the whole Evidence index per row right after the bulk load of evidence (a plan made
 * with the statistics of an empty label), and the load ran for over 10 minutes before it was stopped.
 */
const LOAD = {
  organizations: `LOAD CSV WITH HEADERS FROM $url AS row
    MERGE (o:Organization {id: row.id}) SET o.name = row.name`,
  controls: `LOAD CSV WITH HEADERS FROM $url AS row
    CALL (row) {
      MERGE (c:Control {orgId: row.org_id, id: row.id})
      SET c.name = row.name, c.description = row.description, c.owner = row.owner, c.status = row.status
    } IN TRANSACTIONS OF 10000 ROWS`,
  evidence: `LOAD CSV WITH HEADERS FROM $url AS row
    CALL (row) {
      MERGE (e:Evidence {orgId: row.org_id, id: row.id})
      SET e.title = row.title, e.kind = row.kind, e.uri = row.uri, e.sha256 = row.sha256,
          e.collectedAt = date(row.collected_at), e.validUntil = date(row.valid_until), e.status = row.status, e.owner = row.owner
    } IN TRANSACTIONS OF 10000 ROWS`,
  'evidence-controls': `LOAD CSV WITH HEADERS FROM $url AS row
    CALL (row) {
      MATCH (e:Evidence {orgId: row.org_id, id: row.evidence_id}) USING INDEX SEEK e:Evidence(orgId, id)
      MATCH (c:Control {orgId: row.org_id, id: row.control_id}) USING INDEX SEEK c:Control(orgId, id)
      MERGE (e)-[:SUPPORTS]->(c)
    } IN TRANSACTIONS OF 10000 ROWS`,
} as const;

/** The same statements without IN TRANSACTIONS, for one transaction per file. */
const singleTx = (statement: string) => statement.replace(/CALL \(row\) \{([\s\S]*)\} IN TRANSACTIONS OF 10000 ROWS/, '$1');

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

async function counts(graph: Graph): Promise<{ nodes: number; links: number }> {
  const { records } = await graph.run(COUNTS);
  return { nodes: Number(records[0]?.get('nodes')), links: Number(records[0]?.get('links')) };
}

async function loadCsv(graph: Graph, urls: Record<keyof typeof LOAD, string>, batched: boolean): Promise<number> {
  const start = process.hrtime.bigint();
  for (const [name, statement] of Object.entries(LOAD) as [keyof typeof LOAD, string][]) {
    const session = graph.driver.session({ database: graph.database });
    try {
      const t = process.hrtime.bigint();
      if (batched) await session.run(statement, { url: urls[name] });
      else await session.executeWrite((tx) => tx.run(singleTx(statement), { url: urls[name] }));
      if (process.env.CROSSWALK_BENCH_VERBOSE) console.log(`  ${batched ? 'batched' : 'single'} ${name}: ${seconds(t).toFixed(2)} s`);
    } finally {
      await session.close();
    }
  }
  return seconds(start);
}

async function main(): Promise<void> {
  const evidence = arg('evidence', 200_000);
  const controls = arg('controls', 2_000);
  const seed = arg('seed', 42);
  const dataDir = path.join(import.meta.dirname, 'data');
  const out = path.join(dataDir, 'inventory');
  const warmupOut = path.join(dataDir, 'warmup');

  let start = process.hrtime.bigint();
  const generated = generateInventory({ evidence, controls, seed, out, orgId: 'bench' });
  const warmup = generateInventory({ evidence: 2_000, controls: 100, seed: seed + 1, out: warmupOut, orgId: 'bench' });
  const totalRows = Object.values(generated.rows).reduce((a, b) => a + b, 0);
  console.log(`generated ${JSON.stringify(generated.rows)} in ${seconds(start).toFixed(1)} s`);

  let instance: BundledInstance | undefined;
  let tmpData: string | undefined;
  let graph: Graph;
  const heap = process.env.CROSSWALK_BENCH_HEAP ?? '4g';
  if (process.env.CROSSWALK_BENCH_NEO4J_URI) {
    graph = await connect({ uri: process.env.CROSSWALK_BENCH_NEO4J_URI, username: process.env.NEO4J_USERNAME ?? 'neo4j', password: process.env.NEO4J_PASSWORD ?? '', database: process.env.NEO4J_DATABASE ?? 'neo4j' });
  } else {
    tmpData = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-bench-'));
    const bundled = { ...readConfig({ ...process.env, CROSSWALK_DATA_DIR: tmpData, CROSSWALK_NEO4J_PORT: '7801' }).bundled, heap };
    instance = await startBundled(bundled, { log: (line) => console.log(`[bench db] ${line}`) });
    graph = await connect({ uri: instance.uri, username: 'neo4j', password: '', database: 'neo4j' });
  }
  try {
    await applySchema(graph);
    const fresh = async () => {
      await deleteAllData(graph);
    };

    // Warm up both paths (query planning, JIT) on a small inventory.
    await fresh();
    await importFiles(graph, [warmupOut]);
    const importDir = String((await graph.run(IMPORT_DIR)).records[0]?.get('value') ?? path.join(tmpData ?? '', 'neo4j', 'import'));
    fs.mkdirSync(importDir, { recursive: true });
    // file:/// URLs are relative to the import directory when one is configured, else absolute paths.
    fs.writeFileSync(path.join(importDir, 'probe.csv'), 'a\n1\n');
    const probe = await graph.run(PROBE, { url: 'file:///probe.csv' }).then(() => true, () => false);
    const urlOf = (name: string) => (probe ? `file:///${name}` : `file://${path.join(importDir, name)}`);
    console.log(`LOAD CSV reads ${urlOf('x.csv')}`);
    const stage = (dir: string, prefix: string) => {
      const urls = {} as Record<keyof typeof LOAD, string>;
      for (const name of Object.keys(LOAD) as (keyof typeof LOAD)[]) {
        fs.copyFileSync(path.join(dir, `${name}.csv`), path.join(importDir, `${prefix}${name}.csv`));
        urls[name] = urlOf(`${prefix}${name}.csv`);
      }
      return urls;
    };
    const warmUrls = stage(warmupOut, 'warmup-');
    await fresh();
    await loadCsv(graph, warmUrls, true);
    await fresh();
    await loadCsv(graph, warmUrls, false);
    const urls = stage(out, '');

    // 1. Our importer: read + validate + one-transaction write.
    await fresh();
    start = process.hrtime.bigint();
    const phases: Record<string, number> = {};
    let phaseStart = process.hrtime.bigint();
    let phaseType = '';
    const result = await importFiles(graph, [out], {
      onProgress: (type, done, total) => {
        if (type !== phaseType) {
          phaseType = type;
          phaseStart = process.hrtime.bigint();
        }
        if (done === total) phases[type] = round(seconds(phaseStart));
      },
    });
    const ours = seconds(start);
    if (process.env.CROSSWALK_BENCH_VERBOSE) console.log('  write phases (s):', phases);
    const oursCounts = await counts(graph);
    console.log(`crosswalk import: ${ours.toFixed(1)} s, ${Math.round(totalRows / ours)} rows/s`, oursCounts);

    // 2. Re-import of the same files (all unchanged).
    start = process.hrtime.bigint();
    const again = await importFiles(graph, [out]);
    const reimport = seconds(start);
    console.log(`crosswalk re-import (unchanged): ${reimport.toFixed(1)} s`);

    // 3. LOAD CSV, batched and in one transaction.
    await fresh();
    const batched = await loadCsv(graph, urls, true);
    const batchedCounts = await counts(graph);
    console.log(`LOAD CSV (IN TRANSACTIONS OF 10000 ROWS): ${batched.toFixed(1)} s`, batchedCounts);
    await fresh();
    const single = await loadCsv(graph, urls, false);
    const singleCounts = await counts(graph);
    console.log(`LOAD CSV (one transaction per file): ${single.toFixed(1)} s`, singleCounts);

    const same = [batchedCounts, singleCounts].every((c) => c.nodes === oursCounts.nodes && c.links === oursCounts.links);
    const report = {
      benchmark: 'import',
      date: new Date().toISOString(),
      machine: { cpus: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, neo4jHeap: heap },
      input: { seed, rows: generated.rows, totalRows, bytes: Object.fromEntries(Object.entries(generated.files).map(([k, f]) => [k, fs.statSync(f).size])) },
      crosswalk: {
        seconds: round(ours), rowsPerSecond: Math.round(totalRows / ours), writeSecondsByType: phases, summary: result.summary,
        reimportSeconds: round(reimport), reimportUnchanged: Object.values(again.summary).every((c) => c.created === 0 && c.updated === 0),
      },
      loadCsvBatched: { seconds: round(batched), rowsPerSecond: Math.round(totalRows / batched) },
      loadCsvSingleTransaction: { seconds: round(single), rowsPerSecond: Math.round(totalRows / single) },
      ratio: {
        crosswalkVsLoadCsvBatched: round(ours / batched),
        crosswalkVsLoadCsvSingleTransaction: round(ours / single),
      },
      sameGraph: same,
      counts: oursCounts,
    };
    const file = path.join(import.meta.dirname, 'results', `import-${report.date.slice(0, 10)}.json`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`\n${JSON.stringify(report.ratio)}; written to ${path.relative(process.cwd(), file)}`);
    if (!same) process.exitCode = 1;
    for (const name of fs.readdirSync(importDir)) if (name.endsWith('.csv')) fs.rmSync(path.join(importDir, name));
  } finally {
    await graph.close();
    if (instance) await stopBundled(instance);
    if (tmpData) fs.rmSync(tmpData, { recursive: true, force: true });
    fs.rmSync(warmupOut, { recursive: true, force: true });
  }
}

const round = (n: number) => Math.round(n * 100) / 100;

await main();
