/**
 * Faults, against a bundled Neo4j of this suite's own (own data directory and port), so that killing it
 * disturbs no other suite: the database dies under a steady GraphQL request loop (time-to-503, recovery
 * without restarting the API), and it dies during the commit of an import (a clear message, exit code 4,
 * a consistent graph, and a re-run that succeeds).
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mintToken } from '../../api/auth.ts';
import { readApiOptions, type ApiOptions } from '../../api/config.ts';
import { API_DRIVER_CONFIG } from '../../api/plugins/database-availability.ts';
import { startApiServer, type ApiServer } from '../../api/server.ts';
import { exitCode, main } from '../../bin/cli.ts';
import { readConfig } from '../../graph/config.ts';
import { connect, type Graph } from '../../graph/connection.ts';
import { startBundled, stopBundled, type BundledInstance } from '../../graph/embedded.ts';
import { DatabaseUnavailableError, DatabaseWentAwayError } from '../../graph/errors.ts';
import { applySchema } from '../../graph/schema.ts';
import { importFiles } from '../../importers/index.ts';

const SECRET = 'faults-secret-0123456789-0123456789-abcdef';
const OPTIONS: ApiOptions = { ...readApiOptions({}), auth: { secret: SECRET } };
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-faults-'));
const bundled = readConfig({ ...process.env, CROSSWALK_DATA_DIR: dataDir, CROSSWALK_NEO4J_PORT: '7830' }).bundled;
const credentials = { username: 'neo4j', password: '', database: 'neo4j' };
const STACK = /\n\s+at .+[(:]\d+/;

let instance: BundledInstance;
let graph: Graph;
let server: ApiServer;

/** True while the port accepts connections (a killed JVM may linger as a zombie, so the pid is no test). */
const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
async function kill9(): Promise<void> {
  process.kill(instance.pid, 'SIGKILL');
  const deadline = Date.now() + 10_000;
  while ((await listening(instance.port)) && Date.now() < deadline) await sleep(20);
}
/** Starts the database again on the same port and data directory (the driver keeps its URI). */
async function restart(): Promise<void> {
  instance = await startBundled(bundled);
  expect(instance.uri).toBe(graph.uri);
}

beforeAll(async () => {
  instance = await startBundled(bundled);
  graph = await connect({ ...credentials, uri: instance.uri }, { driver: API_DRIVER_CONFIG, dataDir });
  await applySchema(graph);
  server = await startApiServer(graph, { port: 0, host: '127.0.0.1', api: OPTIONS });
}, 240_000);
afterAll(async () => {
  await server?.stop();
  await graph?.close();
  if (instance) await stopBundled(instance);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

interface Sample {
  at: number;
  ms: number;
  status: number;
  code?: unknown;
  retryAfter: string | null;
}

describe('the database goes away while the API serves', () => {
  it('answers 503 fast, keeps /health fast, and recovers without a restart', { timeout: 240_000 }, async () => {
    const bearer = await mintToken(SECRET, { roles: ['viewer'], org: 'fm-org' }, { ttlSeconds: 600 });
    const samples: Sample[] = [];
    let running = true;
    // A steady loop: one request every 50 ms, each with a 10 s client deadline.
    const loop = (async () => {
      while (running) {
        const started = Date.now();
        const response = await fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
          body: JSON.stringify({ query: '{ frameworks(limit: 1) { id } }' }),
          signal: AbortSignal.timeout(10_000),
        }).catch(() => undefined);
        const json = (await response?.json().catch(() => undefined)) as
          { errors?: { extensions?: { code?: unknown } }[] } | undefined;
        samples.push({
          at: started,
          ms: Date.now() - started,
          status: response?.status ?? 0,
          code: json?.errors?.[0]?.extensions?.code,
          retryAfter: response?.headers.get('retry-after') ?? null,
        });
        await sleep(50);
      }
    })();
    // Warm up: the first requests plan their queries.
    while (samples.filter((s) => s.status === 200).length < 10) await sleep(100);
    expect(samples.every((s) => s.status === 200)).toBe(true);

    await kill9();
    // From the moment the database stopped listening (a killed JVM takes a moment to die).
    const killedAt = Date.now();
    await sleep(3_000);

    const timed = async (url: string) => {
      const started = Date.now();
      const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      return { status: response.status, ms: Date.now() - started, body: (await response.json()) as Record<string, unknown> };
    };
    const ready = await timed(`${server.url}/ready`);
    const health = await timed(`${server.url}/health`);
    expect(ready.status).toBe(503);
    expect(ready.ms).toBeLessThan(1_000);
    expect(health.status).toBe(200);
    expect(health.ms).toBeLessThan(1_000);
    expect((health.body.database as { reachable: boolean }).reachable).toBe(false);

    const restartStarted = Date.now();
    await restart();
    const databaseBack = Date.now();
    // No API restart: the background probe notices the database; wait for the first answered request.
    const deadline = Date.now() + 60_000;
    while (!samples.some((s) => s.at >= databaseBack && s.status === 200) && Date.now() < deadline) await sleep(100);
    running = false;
    await loop;

    const during = samples.filter((s) => s.at >= killedAt && s.at < restartStarted);
    const first503 = during.find((s) => s.status === 503);
    expect(first503).toBeDefined();
    const timeTo503 = first503!.at + first503!.ms - killedAt;
    const slowest = Math.max(...during.map((s) => s.ms));
    const firstOk = samples.find((s) => s.at >= databaseBack && s.status === 200);
    const recovery = firstOk ? firstOk.at + firstOk.ms - databaseBack : Infinity;
    console.log(
      `[faults] outage: time-to-503 ${timeTo503} ms, ${during.length} requests while down (slowest ${slowest} ms), ` +
        `database restart ${databaseBack - restartStarted} ms, API recovery ${recovery} ms after the database was back; ` +
        `/ready ${ready.ms} ms, /health ${health.ms} ms while down`,
    );

    // Every request while the database was down: 503, Retry-After, DATABASE_UNAVAILABLE, and fast.
    expect(during.filter((s) => s.status !== 503)).toEqual([]);
    expect(during.every((s) => s.code === 'DATABASE_UNAVAILABLE' && s.retryAfter !== null)).toBe(true);
    // Includes the request that was running when the database died, which waits for the broken connection.
    expect(timeTo503).toBeLessThan(2_000);
    // A request already running when the database died waits for the broken connection to be noticed.
    expect(slowest).toBeLessThan(2_000);
    expect(firstOk).toBeDefined();
    expect(recovery).toBeLessThan(30_000);
    expect((await timed(`${server.url}/ready`)).status).toBe(200);
  });
});

describe('the database is killed during the commit of an import', () => {
  const ROWS = 6000;
  const importDir = path.join(dataDir, 'import');
  const count = async () =>
    Number((await graph.run(`MATCH (e:Evidence {orgId: 'fm-kill'}) RETURN count(e) AS n`)).records[0]?.get('n'));

  beforeAll(() => {
    fs.mkdirSync(importDir, { recursive: true });
    fs.writeFileSync(path.join(importDir, 'organizations.csv'), 'id,name\nfm-kill,Killed during commit\n');
    const lines = ['org_id,id,title,kind,status'];
    for (let i = 0; i < ROWS; i++) lines.push(`fm-kill,EV-${i},Record ${i},record,approved`);
    fs.writeFileSync(path.join(importDir, 'evidence.csv'), `${lines.join('\n')}\n`);
  });

  it('says the import may or may not have been applied, exits 4, and a re-run completes it', { timeout: 240_000 }, async () => {
    const error = await importFiles(graph, [importDir], { onCommit: kill9 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseWentAwayError);
    expect((error as DatabaseWentAwayError).outcomeUnknown).toBe(true);
    expect((error as Error).message).toMatch(
      /went away during the commit; the import may or may not have been applied; it is safe to run it again$/,
    );
    expect(exitCode(error)).toBe(4);

    // While it is down the command says so, exits 4 and prints no stack trace.
    let stderr = '';
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr += String(chunk);
      return true;
    });
    const env = { ...process.env };
    Object.assign(process.env, { NEO4J_URI: graph.uri, NEO4J_USERNAME: 'neo4j', NEO4J_PASSWORD: '' });
    const code = await main(['import', importDir]).finally(() => {
      spy.mockRestore();
      process.env = env;
    });
    expect(code).toBe(4);
    expect(stderr).toMatch(/^crosswalk import: cannot reach Neo4j at bolt:\/\/127\.0\.0\.1:\d+/);
    expect(stderr).not.toMatch(STACK);
    await expect(graph.run('RETURN 1')).rejects.toBeInstanceOf(DatabaseUnavailableError);

    await restart();
    // All or nothing: the transaction either committed or not; never part of it.
    expect([0, ROWS]).toContain(await count());
    const again = await importFiles(graph, [importDir]);
    expect(again.summary.Evidence?.created ?? 0).toBeGreaterThanOrEqual(0);
    expect(await count()).toBe(ROWS);
  });
});
