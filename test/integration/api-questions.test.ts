/**
 * The reuse questions over GraphQL: the same answers as the CLI's queries/*.ts wrappers, with the
 * organization taken from the token only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken, type Role } from '../../api/auth.ts';
import { readApiOptions } from '../../api/config.ts';
import { questionFields } from '../../api/questions.ts';
import { startApiServer, type ApiServer } from '../../api/server.ts';
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
      errors?: { message: string; extensions?: { code?: string } }[];
    },
  };
}

/** The CLI wrapper's answer, through JSON so that dates compare as strings. */
async function direct(name: string, params: Record<string, unknown>): Promise<unknown> {
  const question = findQuestion(name);
  if (!question) throw new Error(`no question ${name}`);
  return JSON.parse(
    JSON.stringify(await question.run(graph, params), (_k, v) =>
      v && typeof v === 'object' && 'year' in v && 'month' in v && 'day' in v ? String(v) : v,
    ),
  );
}

/** Lists compared as sets: some questions collect evidence in no particular order. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, canonical(v)]));
  return value;
}

beforeAll(async () => {
  graph = await seededGraph({ demo: true });
  server = await startApiServer(graph, { port: 0, host: '127.0.0.1', api: { ...readApiOptions({}), auth: { secret: SECRET } } });
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
      'classify',
      'coverage',
      'evidenceCoveringBoth',
      'explain',
      'gaps',
      'impact',
      'obligations',
      'reuse',
      'search',
      'soa',
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
      const { body } = await gql(viewer, `{ answer: ${field} }`);
      expect(body.errors, `${name}: ${JSON.stringify(body.errors)}`).toBeUndefined();
      expect(canonical(body.data?.answer), name).toEqual(canonical(await direct(name, { ...params, org: 'demo' })));
    }
  });

  it('never answers for another organization', async () => {
    const other = await token('viewer', 'someone-else');
    const demo = await gql(await token('viewer', 'demo'), '{ soa(framework: "iso27001") }');
    const foreign = await gql(other, '{ soa(framework: "iso27001") }');
    expect(foreign.body.errors).toBeUndefined();
    expect(JSON.stringify(foreign.body.data?.soa)).not.toContain('"demo"');
    expect(foreign.body.data?.soa).not.toEqual(demo.body.data?.soa);
    // There is no argument to ask for another organization.
    const asking = await gql(other, '{ soa(framework: "iso27001", org: "demo") }');
    expect(asking.status).toBe(400);
    expect(asking.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    // Nor can a variable named org reach the Cypher: GraphQL refuses variables no field uses.
    const variable = await gql(other, 'query ($org: String) { soa(framework: "iso27001") }', { org: 'demo' });
    expect(variable.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it("checks arguments with the question's own rules", async () => {
    const viewer = await token('viewer', 'demo');
    for (const field of [
      'coverage(framework: "iso42001", maxDepth: 9)',
      'coverage(framework: "iso42001", minStrength: 11)',
      'reuse(source: "iso27001", target: "nis2", indicationDepth: 0)',
      'coverage(framework: "iso42001", first: 501)',
      'soa(framework: "gdpr")',
      'coverage(framework: "iso42001", today: "yesterday")',
    ]) {
      const { status, body } = await gql(viewer, `{ ${field} }`);
      expect(status, field).toBe(400);
      expect(body.errors?.[0]?.extensions?.code, field).toBe('BAD_USER_INPUT');
    }
  });
});
