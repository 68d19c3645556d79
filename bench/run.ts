/**
 * `npm run bench`: the enterprise-scale benchmark (issue 9). Per factor, on a fresh database: generate the
 * tenant (bench/generate.ts), import it with our importer and with Neo4j's LOAD CSV (bench/throughput.ts),
 * time every reuse question three ways (bench/latency.ts), put a bounded concurrent HTTP load on the API
 * (bench/http.ts) and read the peak memory of the database and API processes. Writes
 * bench/results/<date>.json and bench/results/<date>.md (bench/report.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSchema } from '../api/schema.ts';
import { CrosswalkError } from '../graph/errors.ts';
import { graphqlAsker, httpAsker, questionParams, rawAsker } from './asking.ts';
import { describeMachine, externalUri, openBenchDatabase, processMemory, sampleRss } from './database.ts';
import { generateTenant, tenantCounts, type Tenant } from './generate.ts';
import { concurrentLoad, measureEvidenceUpdate, startApiChild, type LoadResult } from './http.ts';
import { measureLatency, type QuestionLatency } from './latency.ts';
import { renderMarkdown, targetsOf } from './report.ts';
import { round } from './stats.ts';
import { measureImport, warmUpImports, type ImportFigures } from './throughput.ts';

const USAGE = `npm run bench [-- options]

Generates an enterprise-scale tenant per factor and measures, on a fresh bundled Neo4j each time:
import throughput (ours vs LOAD CSV), latency of every reuse question (raw Cypher, GraphQL in-process,
GraphQL over HTTP), throughput and errors under concurrent HTTP clients, and peak memory.
Writes bench/results/<date>.json and .md.

  --factors LIST     comma-separated scale factors (default 0.1,0.25,0.5,1; 1 = 200,000 evidence items)
  --seed N           generator seed (default 42)
  --runs N           measured rounds per question and way (default 50; fewer past --budget)
  --warmup N         warm-up rounds per question and way (default 5)
  --budget S         seconds of measured rounds per question before stopping early (default 20; at least
                     5 rounds unless they take 2x the budget, at least 1)
  --requests N       requests of the concurrent load (default 2000)
  --clients N        concurrent HTTP clients (default 32)
  --deadline S       stop sending load requests after S seconds (default 120; reported)
  --out DIR          results directory (default bench/results; --quick: bench/data/results-quick)
  --quick            tiny smoke run: factor 0.01, 3 rounds, 64 requests
  --delete-all-data  allow running on NEO4J_URI / CROSSWALK_BENCH_NEO4J_URI (deletes all its data)
  --help

Environment: CROSSWALK_BENCH_HEAP (default 4g), CROSSWALK_BENCH_PAGECACHE (default 2g),
CROSSWALK_BENCH_VERBOSE=1 (API server log).`;

export interface BenchOptions {
  factors: number[];
  seed: number;
  runs: number;
  warmup: number;
  budgetSeconds: number;
  requests: number;
  clients: number;
  deadlineSeconds: number;
  out: string;
  quick: boolean;
  deleteAllData: boolean;
}

function parseOptions(argv: string[]): BenchOptions | undefined {
  if (argv.includes('--help') || argv.includes('-h')) return undefined;
  const known = new Set(['factors', 'seed', 'runs', 'warmup', 'budget', 'requests', 'clients', 'deadline', 'out']);
  const flags = new Set(['quick', 'delete-all-data']);
  const values: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i]!.replace(/^--/, '');
    if (flags.has(name)) continue;
    if (!argv[i]!.startsWith('--') || !known.has(name) || argv[i + 1] === undefined) {
      throw new CrosswalkError(`unknown or incomplete option ${argv[i]}`, 'See npm run bench -- --help.');
    }
    values[name] = argv[++i]!;
  }
  const quick = argv.includes('--quick');
  const number = (name: string, fallback: number, min = 1) => {
    const value = values[name] === undefined ? fallback : Number(values[name]);
    if (!Number.isFinite(value) || value < min)
      throw new CrosswalkError(`--${name} ${values[name]} is not a number >= ${min}`, 'See npm run bench -- --help.');
    return value;
  };
  const factors = (values.factors ?? (quick ? '0.01' : '0.1,0.25,0.5,1')).split(',').map(Number);
  if (factors.some((f) => !(f > 0 && f <= 10)))
    throw new CrosswalkError(`--factors ${values.factors} must be numbers in (0, 10]`, 'E.g. --factors 0.1,1');
  return {
    factors,
    seed: number('seed', 42, 0),
    runs: number('runs', quick ? 3 : 50),
    warmup: number('warmup', quick ? 1 : 5, 0),
    budgetSeconds: number('budget', quick ? 2 : 20),
    requests: number('requests', quick ? 64 : 2000),
    clients: number('clients', 32),
    deadlineSeconds: number('deadline', quick ? 60 : 120),
    out: path.resolve(values.out ?? path.join(import.meta.dirname, quick ? 'data/results-quick' : 'results')),
    quick,
    deleteAllData: argv.includes('--delete-all-data'),
  };
}

export interface FactorResult {
  factor: number;
  counts: ReturnType<typeof tenantCounts>;
  rows: Record<string, number>;
  generateSeconds: number;
  import: ImportFigures;
  latency: QuestionLatency[];
  load: LoadResult;
  /** One evidence update through GraphQL over HTTP, until every question reflects it. */
  evidenceUpdate: Awaited<ReturnType<typeof measureEvidenceUpdate>>;
  memory: {
    /** Peak resident memory over the database JVM's life (it starts fresh per factor), MiB. */
    databasePeakMiB: number | null;
    /** Highest sampled RSS of the database while the questions and the load ran, MiB. */
    databaseQueryPeakMiB: number | null;
    /** Peak resident memory of the API server process (HTTP latency and load), MiB. */
    apiPeakMiB: number | null;
    /** This process (generator, importer, in-process GraphQL, load generator), peak so far, MiB. */
    benchProcessPeakMiB: number;
  };
  seconds: number;
}

const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

async function runFactor(factor: number, options: BenchOptions, machine: { value?: unknown }): Promise<FactorResult> {
  const started = performance.now();
  const dataDir = path.join(import.meta.dirname, 'data');
  log(`factor ${factor}: generating the tenant (${JSON.stringify(tenantCounts(factor))})`);
  let t = performance.now();
  const tenant: Tenant = generateTenant({ factor, seed: options.seed, out: path.join(dataDir, `tenant-${factor}`) });
  const tiny = generateTenant({ factor: 0.005, seed: options.seed + 1, out: path.join(dataDir, 'tenant-warmup') });
  const generateSeconds = round((performance.now() - t) / 1000, 2);
  log(`  ${tenant.totalRows} rows in ${generateSeconds} s`);

  const db = await openBenchDatabase({ deleteAllData: options.deleteAllData, log });
  try {
    machine.value ??= await describeMachine(db.graph, db);
    log('  warming up the import paths on a tiny tenant');
    await warmUpImports(db.graph, tiny, db.importDir);
    const imported = await measureImport(db.graph, tenant, db.importDir, log);
    if (!imported.sameGraph) log(`  WARNING: the graphs differ: ${imported.differences?.join('; ')}`);

    log('  starting the API server (child process) and building the in-process schema');
    const api = await startApiChild(db, tenant.org, log);
    const querySampler = sampleRss(db.pid);
    try {
      const schema = await buildSchema(db.graph.driver);
      const askers = {
        raw: rawAsker(db.graph, tenant),
        graphql: graphqlAsker(schema, db.graph, tenant),
        http: httpAsker(api.url, api.token, tenant),
      };
      log(
        `  latency: ${options.warmup} warm-up and up to ${options.runs} rounds per question (budget ${options.budgetSeconds} s each)`,
      );
      const latency = await measureLatency(db.graph, tenant, askers, {
        warmup: options.warmup,
        runs: options.runs,
        minRuns: Math.min(5, options.runs),
        budgetSeconds: options.budgetSeconds,
        log,
      });
      log(`  load: ${options.requests} requests from ${options.clients} clients over HTTP`);
      t = performance.now();
      const load = await concurrentLoad(askers.http, Object.keys(questionParams(tenant)), {
        clients: options.clients,
        requests: options.requests,
        deadlineSeconds: options.deadlineSeconds,
        onProgress: (done) => {
          if (done % 500 === 0) log(`    ${done}/${options.requests} requests, ${((performance.now() - t) / 1000).toFixed(0)} s`);
        },
      });
      log(
        `  load: ${load.completed} requests, ${load.errors} errors, ${load.requestsPerSecond} req/s, p95 ${load.latency.p95} ms${load.stoppedByDeadline ? ' (stopped by the deadline)' : ''}`,
      );
      log(`  ${options.runs} updates of ${tenant.probe.evidence} through GraphQL over HTTP (each returns after its maintenance)`);
      const evidenceUpdate = await measureEvidenceUpdate(api, tenant.probe.evidence, options.runs);
      log(`  evidence update p50 ${evidenceUpdate.p50} ms, p95 ${evidenceUpdate.p95} ms, ${evidenceUpdate.errors} errors`);
      const memory = {
        databasePeakMiB: processMemory(db.pid)?.peakMiB ?? null,
        databaseQueryPeakMiB: querySampler.stop(),
        apiPeakMiB: processMemory(api.pid)?.peakMiB ?? null,
        benchProcessPeakMiB: Math.round(process.resourceUsage().maxRSS / 1024),
      };
      log(
        `  memory: database peak ${memory.databasePeakMiB} MiB (${memory.databaseQueryPeakMiB} MiB while querying), API ${memory.apiPeakMiB} MiB`,
      );
      return {
        factor,
        counts: tenantCounts(factor),
        rows: tenant.rows,
        generateSeconds,
        import: imported,
        latency,
        load,
        evidenceUpdate,
        memory,
        seconds: round((performance.now() - started) / 1000, 1),
      };
    } finally {
      querySampler.stop();
      await api.stop();
    }
  } finally {
    await db.close();
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (!options) {
    console.log(USAGE);
    return;
  }
  if (externalUri() && !options.deleteAllData) {
    throw new CrosswalkError(
      `the benchmark would delete ALL data in the Neo4j at ${externalUri()} (NEO4J_URI / CROSSWALK_BENCH_NEO4J_URI)`,
      'Pass --delete-all-data if that server holds nothing you need, or unset NEO4J_URI to use a temporary bundled Neo4j.',
    );
  }
  const started = new Date();
  log(`crosswalk bench: factors ${options.factors.join(', ')}, seed ${options.seed}${options.quick ? ' (quick)' : ''}`);
  const machine: { value?: unknown } = {};
  const factors: FactorResult[] = [];
  for (const factor of options.factors) {
    const result = await runFactor(factor, options, machine);
    factors.push(result);
    log(`factor ${factor} done in ${result.seconds} s`);
  }
  const report = {
    benchmark: 'enterprise-scale',
    date: started.toISOString(),
    seconds: round((Date.now() - started.getTime()) / 1000, 1),
    machine: machine.value,
    settings: { ...options, out: path.relative(process.cwd(), options.out) },
    factors,
    targets: targetsOf(factors),
  };
  fs.mkdirSync(options.out, { recursive: true });
  const base = path.join(options.out, started.toISOString().slice(0, 10));
  fs.writeFileSync(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`);
  fs.writeFileSync(`${base}.md`, renderMarkdown(report));
  log(
    `written ${path.relative(process.cwd(), base)}.json and .md in ${report.seconds} s (load average now ${os.loadavg()[0]?.toFixed(2)})`,
  );
  for (const target of report.targets)
    console.log(`  ${target.met === null ? '?' : target.met ? 'met   ' : 'MISSED'} ${target.target}: ${target.measured}`);
}

try {
  await main();
} catch (error) {
  if (error instanceof CrosswalkError) {
    console.error(`error: ${error.message}${error.hint ? `\n${error.hint}` : ''}`);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
