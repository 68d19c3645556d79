/**
 * The CLI against the real test Neo4j: the documented --json shapes of import, seed, db status, stats and
 * query (query's is exactly the API's answer), import progress phases, exit 3 for rejected input, the
 * closed pipe on a real export, and the API's request ids. Commands run in-process through main() with
 * the test graph injected; the pipe test runs the real process.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mintToken } from '../../api/auth.ts';
import { readApiOptions } from '../../api/config.ts';
import { SELECTIONS } from '../../api/explorer/browser/selections.ts';
import { startApiServer, type ApiServer } from '../../api/server.ts';
import { main } from '../../bin/cli.ts';
import type { Io } from '../../bin/command.ts';
import { PROJECT_ROOT } from '../../graph/config.ts';
import type { Graph } from '../../graph/connection.ts';
import { applySchema } from '../../graph/schema.ts';
import { seedGraph } from '../../seeds/load.ts';
import { testGraph } from './helpers.ts';

const ORG = 'cli-json-org';
const SECRET = 'test-secret-cli-0123456789-0123456789-0123';
let graph: Graph;
let dir: string;

async function run(argv: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const io: Io = { stdout: { write: (s) => (stdout += String(s)) }, stderr: { write: (s) => (stderr += String(s)) }, env };
  // The suite's graph stays open across commands: the command's close() is a no-op.
  const code = await main(argv, { io, env, openGraph: async () => ({ ...graph, close: async () => {} }) });
  return { code, stdout, stderr };
}

beforeAll(async () => {
  graph = await testGraph();
  await applySchema(graph);
  // Idempotent: adds the catalogs and the demo organization if another suite has not; wipes nothing.
  await seedGraph(graph, { demo: true });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-cli-'));
  fs.writeFileSync(path.join(dir, 'organizations.csv'), `id,name\n${ORG},CLI JSON Ltd\n`);
  fs.writeFileSync(
    path.join(dir, 'systems.csv'),
    `org_id,id,name,purpose\n${ORG},SYS-1,First system,"Sorts parcels; no personal data"\n${ORG},SYS-2,Second system,\n`,
  );
});
afterAll(async () => {
  await graph?.run('MATCH (n) WHERE n.orgId = $org OR (n:Organization AND n.id = $org) DETACH DELETE n', { org: ORG });
  await graph?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('--json shapes', () => {
  it('import --json: dryRun, records, files, summary per type', async () => {
    const dry = await run(['import', dir, '--dry-run', '--json']);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toEqual({
      dryRun: true,
      records: 3,
      files: [
        { file: path.relative(process.cwd(), path.join(dir, 'organizations.csv')), format: 'csv-organizations' },
        { file: path.relative(process.cwd(), path.join(dir, 'systems.csv')), format: 'csv-systems' },
      ],
      summary: { Organization: { created: 1, updated: 0, unchanged: 0 }, System: { created: 2, updated: 0, unchanged: 0 } },
    });
    const real = await run(['import', dir, '--json']);
    expect(JSON.parse(real.stdout).summary).toEqual({
      Organization: { created: 1, updated: 0, unchanged: 0 },
      System: { created: 2, updated: 0, unchanged: 0 },
    });
    const again = await run(['import', dir, '--json']);
    expect(JSON.parse(again.stdout).summary).toEqual({
      Organization: { created: 0, updated: 0, unchanged: 1 },
      System: { created: 0, updated: 0, unchanged: 2 },
    });
  });

  it('import --progress prints the phases on stderr, stdout stays JSON', async () => {
    const { code, stdout, stderr } = await run(['import', dir, '--dry-run', '--json', '--progress']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).dryRun).toBe(true);
    const phases = [...new Set(stderr.split('\n').map((l) => l.split(' ')[0]))].filter(Boolean);
    expect(phases.slice(0, 4)).toEqual(['reading', 'validating', 'writing', 'committing']);
    expect(stderr).toContain('reading 2/2 files (100%)');
    expect(stderr).toContain('writing 3/3 rows (100%)');
  });

  it('rejected input exits 3 and lists the problem', async () => {
    const bad = path.join(dir, 'bad');
    fs.mkdirSync(bad, { recursive: true });
    fs.writeFileSync(path.join(bad, 'systems.csv'), `org_id,id,name,ai_act_risk\n${ORG},SYS-9,Ninth,extreme\n`);
    const { code, stdout, stderr } = await run(['import', bad, '--json']);
    expect(code).toBe(3);
    expect(stdout).toBe('');
    expect(stderr).toContain('systems.csv:line 2 [ai_act_risk]');
  });

  it('seed --json has the import shape', async () => {
    const { code, stdout } = await run(['seed', '--dry-run', '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(Object.keys(result)).toEqual(['dryRun', 'records', 'files', 'summary']);
    expect(result.dryRun).toBe(true);
    expect(result.summary.Framework).toEqual({ created: 0, updated: 0, unchanged: 6 });
  });

  it('stats --json: frameworks with totals by kind, mappings per pair', async () => {
    const { code, stdout } = await run(['stats', '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    const iso27001 = result.frameworks.find((f: { framework: string }) => f.framework === 'iso27001');
    expect(iso27001).toMatchObject({
      framework: 'iso27001',
      name: expect.stringMatching(/^ISO\/IEC 27001:2022/),
      total: 138,
      byKind: { annex_a_control: 93, annex_a_group: 4, clause: 7, subclause: 34 },
    });
    expect(result.mappings.total).toBe(result.mappings.pairs.reduce((n: number, p: { mappings: number }) => n + p.mappings, 0));
  });

  it('db status --json: stopped (exit 1) or your own server', async () => {
    const data = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-cli-db-'));
    try {
      const stopped = await run(['db', 'status', '--json'], { CROSSWALK_DATA_DIR: data });
      expect(stopped.code).toBe(1);
      expect(JSON.parse(stopped.stdout)).toEqual({
        running: false,
        external: false,
        uri: null,
        pid: null,
        dataDir: path.join(data, 'neo4j'),
        startedAt: null,
      });
      const external = await run(['db', 'status', '--json'], { NEO4J_URI: 'bolt://db.example:7687' });
      expect(external.code).toBe(0);
      expect(JSON.parse(external.stdout)).toMatchObject({ running: true, external: true, uri: 'bolt://db.example:7687' });
    } finally {
      fs.rmSync(data, { recursive: true, force: true });
    }
  });

  describe('query --json is the API answer', () => {
    let server: ApiServer;
    beforeAll(async () => {
      server = await startApiServer(graph, {
        port: 0,
        host: '127.0.0.1',
        api: { ...readApiOptions({}), auth: { secret: SECRET } },
      });
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('coverage', async () => {
      // --json with every field the API offers: the GraphQL answer selecting them all is the same document.
      const cli = await run([
        'query',
        'coverage',
        '--framework',
        'nis2',
        '--org',
        'demo',
        '--today',
        '2026-06-01',
        '--first',
        '500',
        '--json',
      ]);
      expect(cli.code).toBe(0);
      const token = await mintToken(SECRET, { roles: ['viewer'], org: 'demo' }, { ttlSeconds: 600 });
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': 'cli-test-42' },
        body: JSON.stringify({
          query: `{ coverage(framework: "nis2", today: "2026-06-01", first: 500) ${SELECTIONS.coverage} }`,
        }),
      });
      // The request id comes back (pino-http logs it on every line of the request).
      expect(response.headers.get('x-request-id')).toBe('cli-test-42');
      const body = (await response.json()) as { data: { coverage: unknown } };
      expect(JSON.parse(cli.stdout)).toEqual(body.data.coverage);
    });

    it('a request without an id gets a fresh one', async () => {
      const response = await fetch(`${server.url}/health`);
      expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  it('bloom snapshot --json and bloom clear --json', async () => {
    fs.writeFileSync(path.join(dir, 'adoptions.csv'), `org_id,framework_id\n${ORG},nis2\n`);
    expect((await run(['import', path.join(dir, 'organizations.csv'), path.join(dir, 'adoptions.csv')])).code).toBe(0);
    const snap = await run(['bloom', 'snapshot', '--org', ORG, '--json']);
    expect(snap.code).toBe(0);
    const result = JSON.parse(snap.stdout);
    expect(result).toMatchObject({ org: ORG, asOf: new Date().toISOString().slice(0, 10) });
    expect(result.frameworks.map((f: { framework: string }) => f.framework)).toEqual(['nis2']);
    expect(result.written).toBe(result.frameworks.reduce((n: number, f: { requirements: number }) => n + f.requirements, 0));
    // The day judged is always today now: the option is gone.
    expect((await run(['bloom', 'snapshot', '--org', ORG, '--today', '2026-06-01'])).code).toBe(2);
    const cleared = await run(['bloom', 'clear', '--org', ORG, '--json']);
    expect(JSON.parse(cleared.stdout)).toEqual({ org: ORG, removed: result.written });
  });

  it('a bad question parameter exits 3', async () => {
    const { code, stderr } = await run(['query', 'coverage', '--framework', 'nis2', '--org', 'demo', '--today', '2026-13-45']);
    expect(code).toBe(3);
    expect(stderr).toContain("parameter today: '2026-13-45' is not a date YYYY-MM-DD");
  });
});

describe('the crosswalk process on the test database', () => {
  it('export mappings --format csv | head -1 prints the header and ends quietly', () => {
    const db = inject('neo4j');
    const result = spawnSync(
      'bash',
      [
        '-o',
        'pipefail',
        '-c',
        `node ${JSON.stringify(path.join(PROJECT_ROOT, 'bin', 'crosswalk.mjs'))} export mappings --format csv | head -1`,
      ],
      {
        encoding: 'utf8',
        env: {
          ...process.env,
          NEO4J_URI: db.uri,
          NEO4J_USERNAME: db.username,
          NEO4J_PASSWORD: db.password,
          NEO4J_DATABASE: db.database,
        },
      },
    );
    expect(result.stdout).toBe('source_uid,target_uid,relationship,strength,rationale,source,explanation,status\n');
    expect(result.stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(result.status).toBe(0);
  });
});
