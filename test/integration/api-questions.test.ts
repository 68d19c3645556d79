/**
 * The reuse questions over GraphQL: typed results, the same answers as `crosswalk query --json` (both come
 * from api/results.ts over the queries/*.ts wrappers), Relay-style pages, NOT_FOUND for unknown names, the
 * organization taken from the token only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken, type Role } from '../../api/auth.ts';
import { readApiOptions } from '../../api/config.ts';
import { questionFields } from '../../api/questions.ts';
import { answer } from '../../api/results.ts';
import { startApiServer, type ApiServer } from '../../api/server.ts';
import { SELECTIONS } from '../../api/explorer/browser/selections.ts';
import type { Graph } from '../../graph/connection.ts';
import { findQuestion } from '../../queries/questions.ts';
import { seededGraph } from './helpers.ts';

const SECRET = 'test-secret-questions-0123456789-0123456789';
let graph: Graph;
let server: ApiServer;

const token = (role: Role, org?: string) => mintToken(SECRET, { roles: [role], org }, { ttlSeconds: 600 });

async function gql(bearer: string, query: string, variables?: Record<string, unknown>) {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: response.status,
    body: (await response.json()) as {
      data?: Record<string, any>;
      errors?: { message: string; extensions?: { code?: string; kind?: string; name?: string } }[];
    },
  };
}

/** What `crosswalk query NAME --json` prints (api/results.ts answer(), the CLI's own path). */
async function direct(name: string, params: Record<string, unknown>): Promise<unknown> {
  const question = findQuestion(name);
  if (!question) throw new Error(`no question ${name}`);
  return JSON.parse(JSON.stringify(await answer(question, graph, params)));
}

/** A question field with every field of its result selected. */
const full = (field: string, call: string) => `${call} ${SELECTIONS[field as keyof typeof SELECTIONS]}`;

/** Lists compared as sets: some questions collect evidence in no particular order. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, canonical(v)]));
  return value;
}

beforeAll(async () => {
  graph = await seededGraph({ demo: true });
  await graph.run("MERGE (:Organization {id: 'questions-other', name: 'Another organization'})");
  // A generous database timeout: the first ask of each question is planned cold on a busy shared machine.
  server = await startApiServer(graph, {
    port: 0,
    host: '127.0.0.1',
    api: { ...readApiOptions({ CROSSWALK_API_TIMEOUT_MS: '120000' }), auth: { secret: SECRET } },
  });
});
afterAll(async () => {
  await server?.stop();
  await graph?.close();
});

describe('reuse questions over GraphQL', () => {
  it('serves every question of queries/questions.ts', () => {
    expect(
      questionFields()
        .map((f) => f.field)
        .sort(),
    ).toEqual([
      'auditPlan',
      'classify',
      'coverage',
      'evidenceCoveringBoth',
      'explain',
      'gaps',
      'impact',
      'obligations',
      'overdueActions',
      'readiness',
      'reuse',
      'search',
      'soa',
      'trainingGaps',
    ]);
  });

  it("answers exactly what the CLI answers, for the caller's organization", async () => {
    const viewer = await token('viewer', 'demo');
    const today = '2026-06-01';
    const cases: [string, string, Record<string, unknown>][] = [
      ['coverage', `coverage(framework: "iso42001", today: "${today}", first: 10)`, { framework: 'iso42001', today, first: 10 }],
      [
        'coverage',
        `coverage(framework: "gdpr", today: "${today}", minStrength: 8, indicationDepth: 2, indicationMinStrength: 6, first: 10)`,
        { framework: 'gdpr', today, minStrength: 8, indicationDepth: 2, indicationMinStrength: 6, first: 10 },
      ],
      ['gaps', `gaps(framework: "nis2", today: "${today}", first: 5)`, { framework: 'nis2', today, first: 5 }],
      [
        'explain',
        `explain(requirement: "nis2:Art.21", today: "${today}", indicationMinStrength: 4)`,
        { requirement: 'nis2:Art.21', today, indicationMinStrength: 4 },
      ],
      ['soa', `soa(framework: "iso27001", today: "${today}")`, { framework: 'iso27001', today }],
      [
        'reuse',
        `reuse(source: "iso27001", target: "nis2", today: "${today}", first: 5)`,
        { source: 'iso27001', target: 'nis2', today, first: 5 },
      ],
      [
        'evidence-covering-both',
        `evidenceCoveringBoth(frameworkA: "iso27001", frameworkB: "nis2", today: "${today}", first: 5)`,
        { frameworkA: 'iso27001', frameworkB: 'nis2', today, first: 5 },
      ],
    ];
    for (const [name, field, params] of cases) {
      const { body } = await gql(viewer, `{ answer: ${full(field.slice(0, field.indexOf('(')), field)} }`);
      expect(body.errors, `${name}: ${JSON.stringify(body.errors)}`).toBeUndefined();
      expect(canonical(body.data?.answer), name).toEqual(canonical(await direct(name, { ...params, org: 'demo' })));
    }
  }, 300_000);

  it('never answers for another organization', async () => {
    const other = await token('viewer', 'questions-other');
    const soa = full('soa', 'soa(framework: "iso27001")');
    const demo = await gql(await token('viewer', 'demo'), `{ ${soa} }`);
    const foreign = await gql(other, `{ ${soa} }`);
    expect(foreign.body.errors).toBeUndefined();
    expect(JSON.stringify(foreign.body.data?.soa)).not.toContain('"demo"');
    expect(foreign.body.data?.soa).not.toEqual(demo.body.data?.soa);
    // There is no argument to ask for another organization.
    const asking = await gql(other, '{ soa(framework: "iso27001", org: "demo") { org } }');
    expect(asking.status).toBe(400);
    expect(asking.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    // Nor can a variable named org reach the Cypher: GraphQL refuses variables no field uses.
    const variable = await gql(other, 'query ($org: String) { soa(framework: "iso27001") { org } }', { org: 'demo' });
    expect(variable.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it("checks arguments with the question's own rules", async () => {
    const viewer = await token('viewer', 'demo');
    for (const field of [
      'coverage(framework: "iso42001", maxDepth: 9)',
      'coverage(framework: "iso42001", minStrength: 11)',
      'reuse(source: "iso27001", target: "nis2", indicationDepth: 0)',
      'coverage(framework: "iso42001", first: 501)',
      'soa(framework: "iso42001", minStrength: 11)',
    ]) {
      const { status, body } = await gql(viewer, `{ ${field} { today } }`);
      expect(status, field).toBe(400);
      expect(body.errors?.[0]?.extensions?.code, field).toBe('BAD_USER_INPUT');
    }
    // A date that is not a date is refused by the Date scalar itself, before anything runs.
    for (const today of ['yesterday', '2026-13-45']) {
      const date = await gql(viewer, `{ coverage(framework: "iso42001", today: "${today}") { today } }`);
      expect(date.status, today).toBe(400);
      expect(date.body.errors?.[0]?.extensions?.code, today).toBe('GRAPHQL_VALIDATION_FAILED');
    }
  });

  it('answers NOT_FOUND with the name for unknown frameworks, requirements, systems, evidence, controls, organizations', async () => {
    const viewer = await token('viewer', 'demo');
    const cases: [string, string, string][] = [
      ['coverage(framework: "iso9001") { today }', 'framework', 'iso9001'],
      ['reuse(source: "iso27001", target: "iso9001") { today }', 'framework', 'iso9001'],
      ['explain(requirement: "iso42001:9.9.9") { today }', 'requirement', 'iso42001:9.9.9'],
      ['coverage(framework: "iso42001", system: "sys-nope") { today }', 'system', 'sys-nope'],
      ['impact(evidence: "EV-404") { today }', 'evidence', 'EV-404'],
      ['impact(control: "CTL-404") { today }', 'control', 'CTL-404'],
      ['classify(system: "sys-nope") { org }', 'system', 'sys-nope'],
      // GDPR has no controls to state the applicability of.
      ['soa(framework: "gdpr") { today }', 'controlFramework', 'gdpr'],
    ];
    for (const [field, kind, name] of cases) {
      const { status, body } = await gql(viewer, `{ ${field} }`);
      expect(status, field).toBe(200);
      expect(body.data, field).toBeNull();
      expect(body.errors?.[0]?.extensions, field).toMatchObject({ code: 'NOT_FOUND', kind, name });
      expect(body.errors?.[0]?.message, field).toContain(name);
    }
    // The token's organization itself.
    const nowhere = await gql(await token('viewer', 'no-such-org'), '{ gaps(framework: "iso42001") { today } }');
    expect(nowhere.body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', kind: 'organization', name: 'no-such-org' });
  });

  it('pages every list the same way: first/after cursors, totalCount and pageInfo', async () => {
    const viewer = await token('viewer', 'demo');
    const page = (after: string | null) =>
      gql(
        viewer,
        `query ($after: String) { gaps(framework: "iso42001", today: "2026-06-01", first: 3, after: $after) {
          gaps { totalCount edges { cursor node { uid } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }`,
        { after },
      );
    const one = (await page(null)).body.data?.gaps.gaps;
    const two = (await page(one.pageInfo.endCursor)).body.data?.gaps.gaps;
    const all = (
      await gql(viewer, '{ gaps(framework: "iso42001", today: "2026-06-01", first: 500) { gaps { edges { node { uid } } } } }')
    ).body.data?.gaps.gaps.edges.map((e: { node: { uid: string } }) => e.node.uid);
    expect(one.totalCount).toBe(all.length);
    expect(one.totalCount).toBeGreaterThan(6);
    expect(one.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(two.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    expect([...one.edges, ...two.edges].map((e: { node: { uid: string } }) => e.node.uid)).toEqual(all.slice(0, 6));
    expect(two.pageInfo.startCursor).toBe(two.edges[0].cursor);
    const bad = await gql(viewer, '{ gaps(framework: "iso42001", after: "not-a-cursor") { today } }');
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('takes statuses as a list of enum values, and ["gap,stale"] as the CLI\'s comma form', async () => {
    const viewer = await token('viewer', 'demo');
    const ask = (statuses: string) =>
      gql(
        viewer,
        `{ gaps(framework: "iso42001", today: "2026-11-22", statuses: ${statuses}, first: 500) { gaps { totalCount edges { node { status } } } } }`,
      );
    const listed = (await ask('[gap, stale]')).body.data?.gaps.gaps;
    expect(new Set(listed.edges.map((e: { node: { status: string } }) => e.node.status))).toEqual(new Set(['gap', 'stale']));
    const viaVariable = await gql(
      viewer,
      'query ($s: [CoverageStatus!]) { gaps(framework: "iso42001", today: "2026-11-22", statuses: $s, first: 500) { gaps { totalCount } } }',
      { s: ['gap', 'stale'] },
    );
    expect(viaVariable.body.data?.gaps.gaps.totalCount).toBe(listed.totalCount);
    const direct2 = (await answer(findQuestion('gaps')!, graph, {
      framework: 'iso42001',
      org: 'demo',
      today: '2026-11-22',
      statuses: ['gap,stale'],
      first: 500,
    })) as { gaps: { totalCount: number } };
    expect(direct2.gaps.totalCount).toBe(listed.totalCount);
  });
});
