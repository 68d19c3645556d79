/**
 * The database dies in the middle of a write (issue #14): after a restart every answer is right, either
 * because the write and its maintenance were one transaction (the importer) or because the pending token
 * the GraphQL path commits before writing is found and repaired (`crosswalk start`, every question).
 * A separate bundled Neo4j with its own data directory and port is killed with SIGKILL here.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beginPending, ensureMaintained, repairPending, verify } from '../../coverage/index.ts';
import { readConfig } from '../../graph/config.ts';
import { connect, type Graph } from '../../graph/connection.ts';
import { startBundled, stopBundled, type BundledInstance } from '../../graph/embedded.ts';
import { applySchema } from '../../graph/schema.ts';
import { importFiles } from '../../importers/index.ts';

const ORG = 'crash-org';
const DAYS = ['2026-01-01', '2027-01-01'];
let dir: string;
let instance: BundledInstance;
let graph: Graph;

const bundled = () =>
  readConfig({ ...process.env, CROSSWALK_DATA_DIR: path.join(dir, 'db'), CROSSWALK_NEO4J_PORT: '7850' }).bundled;
const open = async () => {
  instance = await startBundled(bundled());
  graph = await connect({ uri: instance.uri, username: 'neo4j', password: '', database: 'neo4j' });
  await applySchema(graph);
};
const kill = async () => {
  process.kill(instance.pid, 'SIGKILL'); // first: the server dies with the transaction open
  await graph.close().catch(() => {});
  while (
    (() => {
      try {
        process.kill(instance.pid, 0);
        return true;
      } catch {
        return false;
      }
    })()
  )
    await new Promise((r) => setTimeout(r, 100));
  fs.rmSync(path.join(dir, 'db', 'bundled-neo4j.json'), { force: true });
};

const write = (name: string, lines: string[]) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
};

/** A framework of 4 clauses x 5 leaves, a second one mapped onto it, an organization with 20 controls. */
function fixture(): string[] {
  const reqs = ['framework_id,ref,title,parent_ref,kind,order,normative,summary,url'];
  for (const fw of ['crash-a', 'crash-b'])
    for (let c = 1; c <= 4; c++) {
      reqs.push(`${fw},${c},Clause ${c},,clause,${c},true,,`);
      for (let l = 1; l <= 5; l++) reqs.push(`${fw},${c}.${l},Leaf ${c}.${l},${c},subclause,${l},true,,`);
    }
  const mappings = ['source_uid,target_uid,relationship,strength,rationale,source,explanation,status'];
  for (let c = 1; c <= 4; c++)
    for (let l = 1; l <= 5; l++)
      mappings.push(
        `crash-a:${c}.${l},crash-b:${c}.${l},${['equal', 'superset_of', 'subset_of', 'intersects_with'][l % 4]},${5 + (l % 5)},semantic,expert_judgement,test,approved`,
      );
  const controls = ['org_id,id,name,description,owner,status'];
  const impl = ['org_id,control_id,requirement_uid,coverage,note'];
  for (let i = 0; i < 20; i++) {
    controls.push(`${ORG},C${i},Control ${i},,,operating`);
    impl.push(`${ORG},C${i},crash-a:${1 + (i % 4)}.${1 + (i % 5)},${i % 3 ? 'full' : 'partial'},`);
  }
  return [
    write('frameworks.csv', [
      'id,name,version,publisher,kind,url,published_on',
      'crash-a,Crash A,1,,standard,,',
      'crash-b,Crash B,1,,standard,,',
    ]),
    write('requirements.csv', reqs),
    write('mappings.csv', mappings),
    write('organizations.csv', ['id,name', `${ORG},Crash`]),
    write('controls.csv', controls),
    write('control-requirements.csv', impl),
  ];
}

/** Evidence for the controls: `n` rows, valid until different days. */
function evidence(n: number, prefix: string): string[] {
  const rows = ['org_id,id,title,kind,uri,sha256,collected_at,valid_until,status,owner'];
  const links = ['org_id,evidence_id,control_id'];
  for (let i = 0; i < n; i++) {
    rows.push(
      `${ORG},${prefix}${i},Evidence ${i},report,,,2024-01-01,${['2026-06-30', '2030-01-01', '2025-01-01'][i % 3]},approved,`,
    );
    links.push(`${ORG},${prefix}${i},C${i % 20}`);
  }
  const sub = fs.mkdtempSync(path.join(dir, 'ev-'));
  return [
    write(path.relative(dir, path.join(sub, 'evidence.csv')), rows),
    write(path.relative(dir, path.join(sub, 'evidence-controls.csv')), links),
  ];
}

async function expectCorrect() {
  const result = await verify(graph, { org: ORG, days: DAYS });
  expect(result.compared).toBe(80);
  expect(result.differences).toEqual([]);
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-crash-'));
  await open();
  const files = fixture();
  await importFiles(graph, [files[0]!, files[1]!, files[2]!]);
  await importFiles(graph, files.slice(3));
  await importFiles(graph, evidence(10, 'E'));
}, 600_000);

afterAll(async () => {
  await graph?.close().catch(() => {});
  if (instance) await stopBundled(instance);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('a database killed in the middle of a write', () => {
  it('loses an import and its maintenance together, or keeps both', async () => {
    await expectCorrect();
    const before = await verify(graph, { org: ORG, days: DAYS });
    // A large import, killed once its one transaction is seen writing on the server.
    const files = evidence(30_000, 'BULK');
    const importing = importFiles(graph, files).then(
      () => 'committed',
      () => 'failed',
    );
    let writing = false;
    for (let i = 0; i < 1200 && !writing; i++) {
      const { records } = await graph.run(
        "SHOW TRANSACTIONS YIELD currentQuery WHERE currentQuery CONTAINS 'UNWIND $rows' RETURN count(*) AS n",
      );
      writing = Number(records[0]?.get('n')) > 0;
      if (!writing) await new Promise((r) => setTimeout(r, 100));
    }
    expect(writing).toBe(true);
    await kill();
    const outcome = await importing;
    await open();
    const { records } = await graph.run("MATCH (e:Evidence {orgId: $org}) WHERE e.id STARTS WITH 'BULK' RETURN count(e) AS n", {
      org: ORG,
    });
    expect(outcome).toBe('failed');
    expect(records[0]?.get('n')).toBe(0);
    expect(before.differences).toEqual([]);
    await expectCorrect();
  }, 240_000);

  it('repairs a GraphQL-style write whose maintenance never ran', async () => {
    // What api/plugins/coverage.ts does before a mutation: the token, then the write (here C0 retires,
    // every evidence item of C1 expires), then the database dies before the maintenance.
    await beginPending(graph, { org: ORG, controls: ['C0', 'C1'], evidence: [] });
    await graph.run(
      `MATCH (c:Control {orgId: $org, id: 'C0'}) SET c.status = 'retired'
       WITH 1 AS x MATCH (e:Evidence {orgId: $org})-[:SUPPORTS]->(:Control {orgId: $org, id: 'C1'}) SET e.validUntil = date('2020-01-01')`,
      { org: ORG },
    );
    await kill();
    await open();
    // Without the repair the stored coverage would be wrong: the token says so.
    const unrepaired = await verify(graph, { org: ORG, days: DAYS });
    expect(unrepaired.differences.length).toBeGreaterThan(0);
    // What `crosswalk start` does.
    expect(await ensureMaintained(graph)).toBe('current');
    expect(await repairPending(graph, { abandonedAfterMs: 0 })).toBe(1);
    await expectCorrect();
    const { records } = await graph.run('MATCH (p:CoveragePending {org: $org}) RETURN count(p) AS n', { org: ORG });
    expect(records[0]?.get('n')).toBe(0);
  }, 240_000);
});
