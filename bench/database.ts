/**
 * The database a benchmark runs on, and the memory of the processes it measures.
 *
 * By default a fresh bundled Neo4j in a temporary data directory (port 7741 or the next free one, heap
 * CROSSWALK_BENCH_HEAP, default 4g; page cache CROSSWALK_BENCH_PAGECACHE, default 2g), started per factor
 * so that every factor starts from an empty store and its peak memory is its own. With
 * CROSSWALK_BENCH_NEO4J_URI (or NEO4J_URI) the benchmark uses that server instead, but only with
 * --delete-all-data, because it deletes everything in it before each factor. LOAD CSV then needs that
 * server's import directory on this machine.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readConfig } from '../graph/config.ts';
import { connect, type Graph } from '../graph/connection.ts';
import { startBundled, stopBundled, storeDir, type BundledInstance } from '../graph/embedded.ts';
import { CrosswalkError } from '../graph/errors.ts';
import { applySchema } from '../graph/schema.ts';

export const BENCH_NEO4J_PORT = '7741';

export interface BenchDatabase {
  graph: Graph;
  /** Bolt URI and credentials, for the API child process. */
  uri: string;
  username: string;
  password: string;
  /** JVM pid when the database runs on this machine under our control (memory is measured). */
  pid?: number;
  heap?: string;
  pageCache?: string;
  /** Where LOAD CSV finds files when the server does not say (bundled: <store>/import). */
  importDir?: string;
  close(): Promise<void>;
}

export function externalUri(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.CROSSWALK_BENCH_NEO4J_URI?.trim() || env.NEO4J_URI?.trim() || undefined;
}

export async function openBenchDatabase(options: {
  deleteAllData: boolean;
  log: (line: string) => void;
}): Promise<BenchDatabase> {
  const uri = externalUri();
  if (uri) {
    if (!options.deleteAllData) {
      throw new CrosswalkError(
        `the benchmark would delete ALL data in the Neo4j at ${uri} (NEO4J_URI / CROSSWALK_BENCH_NEO4J_URI)`,
        'Pass --delete-all-data if that server holds nothing you need, or unset NEO4J_URI to use a temporary bundled Neo4j.',
      );
    }
    const credentials = { username: process.env.NEO4J_USERNAME ?? 'neo4j', password: process.env.NEO4J_PASSWORD ?? '' };
    const graph = await connect({ uri, ...credentials, database: process.env.NEO4J_DATABASE || 'neo4j' });
    await applySchema(graph);
    return { graph, uri, ...credentials, close: () => graph.close() };
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-bench-'));
  const heap = process.env.CROSSWALK_BENCH_HEAP ?? '4g';
  const pageCache = process.env.CROSSWALK_BENCH_PAGECACHE ?? '2g';
  const config = {
    ...readConfig({ ...process.env, CROSSWALK_DATA_DIR: tmp, CROSSWALK_NEO4J_PORT: BENCH_NEO4J_PORT }).bundled,
    heap,
    pageCache,
  };
  let instance: BundledInstance;
  try {
    instance = await startBundled(config, { log: (line) => options.log(`[db] ${line}`) });
  } catch (error) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw error;
  }
  const graph = await connect({ uri: instance.uri, username: 'neo4j', password: '', database: 'neo4j' });
  await applySchema(graph);
  return {
    graph,
    uri: instance.uri,
    username: 'neo4j',
    password: '',
    pid: instance.pid,
    heap,
    pageCache,
    importDir: path.join(storeDir(tmp), 'import'),
    async close() {
      await graph.close();
      await stopBundled(instance);
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** Resident memory of a process from /proc (Linux): current and peak (VmHWM), in MiB. */
export function processMemory(pid: number | undefined): { rssMiB: number; peakMiB: number } | undefined {
  if (pid === undefined) return undefined;
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMiB: Math.round(kib('VmRSS') / 1024), peakMiB: Math.round(kib('VmHWM') / 1024) };
  } catch {
    return undefined;
  }
}

/** Samples a process's RSS every `everyMs` until stopped; returns the highest RSS seen (MiB). */
export function sampleRss(pid: number | undefined, everyMs = 250): { stop(): number | null } {
  if (pid === undefined) return { stop: () => null };
  let peak = processMemory(pid)?.rssMiB ?? 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, processMemory(pid)?.rssMiB ?? 0);
  }, everyMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, processMemory(pid)?.rssMiB ?? 0);
    },
  };
}

/** The machine the figures come from. */
export async function describeMachine(graph: Graph, db: Pick<BenchDatabase, 'heap' | 'pageCache' | 'pid'>) {
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  const { records } = await graph.run(
    'CALL dbms.components() YIELD name, versions, edition RETURN name, versions[0] AS version, edition',
  );
  const cpu = os.cpus();
  return {
    cpus: cpu.length,
    cpuModel: cpu[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    java: (java.stderr || java.stdout || '').split('\n')[0]?.trim() ?? 'unknown',
    neo4j: `${records[0]?.get('name')} ${records[0]?.get('version')} ${records[0]?.get('edition')}`,
    neo4jHeap: db.heap ?? 'server-managed',
    neo4jPageCache: db.pageCache ?? 'server-managed',
    bundled: db.pid !== undefined,
    loadAverageAtStart: os.loadavg().map((n) => Math.round(n * 100) / 100),
  };
}
