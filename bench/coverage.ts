/**
 * `npx tsx bench/coverage.ts [--factor 0.1] [--runs 20]`: what maintained coverage (coverage/) costs and
 * gives at a scale factor, on the database of CROSSWALK_BENCH_NEO4J_URI (all its data is deleted):
 * import of the generated tenant including its maintenance, a from-scratch rebuild of the organization,
 * the status of one 1,010-requirement framework read from the maintained coverage vs computed from scratch
 * (the reference every question runs today), one evidence update through GraphQL over HTTP until every
 * question reflects it (the mutation returns after its maintenance), and verify.
 * Writes bench/results/<date>-coverage-factor-<F>.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mintToken } from '../api/auth.ts';
import { readApiOptions } from '../api/config.ts';
import { startApiServer } from '../api/server.ts';
import { maintainGraph, verify } from '../coverage/index.ts';
import { PROJECT_ROOT } from '../graph/config.ts';
import { connect } from '../graph/connection.ts';
import { applySchema } from '../graph/schema.ts';
import { importFiles } from '../importers/index.ts';
import { cypher } from '../queries/cypher.ts';
import { deleteAllData, seedGraph } from '../seeds/load.ts';
import { generateTenant, tenantFiles } from './generate.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const factor = Number(arg('factor', '0.1'));
const runs = Number(arg('runs', '20'));
const uri = process.env.CROSSWALK_BENCH_NEO4J_URI;
if (!uri) throw new Error('Set CROSSWALK_BENCH_NEO4J_URI (its data is deleted).');

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! * 10) / 10;
};
const time = async (f: () => Promise<unknown>) => {
  const t = performance.now();
  await f();
  return performance.now() - t;
};
async function rounds(f: () => Promise<unknown>, n = runs) {
  for (let i = 0; i < 3; i++) await f();
  const xs: number[] = [];
  for (let i = 0; i < n; i++) xs.push(await time(f));
  return { p50: pct(xs, 50), p95: pct(xs, 95), runs: n };
}
const log = (line: string) => process.stderr.write(`${line}\n`);

const graph = await connect({
  uri,
  username: 'neo4j',
  password: process.env.CROSSWALK_BENCH_NEO4J_PASSWORD ?? '',
  database: 'neo4j',
});
await deleteAllData(graph);
await applySchema(graph);
await seedGraph(graph);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-bench-coverage-'));
const tenant = generateTenant({ factor, seed: 42, out: path.join(dir, 'tenant') });
log(`factor ${factor}: ${tenant.totalRows} rows`);
const importMs = await time(() => importFiles(graph, tenantFiles(tenant)));
log(`import including maintenance: ${Math.round(importMs)} ms`);
const rebuildOrgMs = await time(() => maintainGraph(graph, { orgs: [{ org: tenant.org, full: true }] }));
const rebuildPathsMs = await time(() => maintainGraph(graph, { mappings: true }));
const paths = (
  await graph.run(
    'MATCH ()-[p:COVERAGE_INHERITS]->() WITH count(p) AS i MATCH ()-[q:COVERAGE_INDICATES]->() RETURN i, count(q) AS q',
  )
).records[0]!;
const rows = (await graph.run('MATCH (d:CoverageDirect {org: $org}) RETURN count(d) AS n', { org: tenant.org })).records[0]!.get(
  'n',
);
log(`rebuild org ${Math.round(rebuildOrgMs)} ms, paths ${Math.round(rebuildPathsMs)} ms`);

const framework = tenant.adopted.find((f) => f.startsWith('bench-fw')) ?? tenant.frameworks[0]!;
const params = { org: tenant.org, today: tenant.today, fws: [framework] };
const firstStored = await time(() => graph.run(cypher('coverage/verify-stored'), params));
const stored = await rounds(() => graph.run(cypher('coverage/verify-stored'), params));
log(`stored read of ${framework}: first ${Math.round(firstStored)} ms, ${JSON.stringify(stored)}`);
const reference = await rounds(() => graph.run(cypher('coverage/verify-reference'), params), Math.max(3, Math.floor(runs / 4)));
log(`reference of ${framework}: ${JSON.stringify(reference)}`);

const SECRET = 'bench-coverage-secret-0123456789-0123456789';
const server = await startApiServer(graph, {
  port: 0,
  host: '127.0.0.1',
  api: { ...readApiOptions({}), auth: { secret: SECRET } },
});
const editor = await mintToken(SECRET, { roles: ['editor'], org: tenant.org }, { ttlSeconds: 3600 });
let n = 0;
const update = await rounds(async () => {
  const day = new Date(Date.parse('2026-01-01T00:00:00Z') + (n++ % 400) * 86_400_000).toISOString().slice(0, 10);
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${editor}` },
    body: JSON.stringify({
      query:
        'mutation($d: Date) { updateEvidence(where: {id: {eq: "EV-0"}}, update: {validUntil: {set: $d}}) { evidence { id } } }',
      variables: { d: day },
    }),
  });
  const body = (await response.json()) as { errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
});
log(`evidence update over HTTP until reflected: ${JSON.stringify(update)}`);
await server.stop();
const verified = await verify(graph, { org: tenant.org, days: [tenant.today], frameworks: [framework] });
log(`verify ${framework}: ${verified.compared} compared, ${verified.differences.length} differences`);

const result = {
  date: new Date().toISOString(),
  machine: `${os.cpus().length} cores (shared with other agents), ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
  factor,
  rows: tenant.totalRows,
  importIncludingMaintenanceMs: Math.round(importMs),
  rebuildOrganizationMs: Math.round(rebuildOrgMs),
  rebuildPathsMs: Math.round(rebuildPathsMs),
  stored: { inheritancePaths: paths.get('i'), indicationPaths: paths.get('q'), directRows: rows },
  framework,
  statusOfFramework: { storedFirstMs: Math.round(firstStored), stored, reference },
  evidenceUpdateOverHttp: update,
  verify: { compared: verified.compared, differences: verified.differences.length },
};
const out = path.join(PROJECT_ROOT, 'bench', 'results', `${result.date.slice(0, 10)}-coverage-factor-${factor}.json`);
fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
log(`written ${path.relative(PROJECT_ROOT, out)}`);
await graph.close();
fs.rmSync(dir, { recursive: true, force: true });
