/**
 * Issue 15: each attack of the report, reproduced through the real API and shown refused with a clear
 * error, while the same request inside one's own organization still works. (The exhaustive, schema-
 * generated proof is test/integration/tenant-wall.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { mintToken, type Role } from '../../../api/auth.ts';
import { readApiOptions, type ApiOptions } from '../../../api/config.ts';
import { startApiServer, type ApiServer } from '../../../api/server.ts';
import type { Graph } from '../../../graph/connection.ts';
import { testGraph } from '../helpers.ts';

const SECRET = 'test-secret-0123456789-0123456789-abcdef';
const OPTIONS: ApiOptions = { ...readApiOptions({}), auth: { secret: SECRET } };
const ME = 'i15-demo';
const OTHER = 'i15-other';
const FW = 'i15fw';

let graph: Graph;
let server: ApiServer;
const tokens: Record<string, string> = {};
const token = (role: Role, org?: string) => mintToken(SECRET, { roles: [role], org }, { ttlSeconds: 3600 });

interface Answer {
  status: number;
  body: { data?: Record<string, any> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

async function gql(bearer: string | undefined, query: string, url = server.url): Promise<Answer> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: await response.json() };
}
const codes = (a: Answer) => (a.body.errors ?? []).map((e) => e.extensions?.code);

const SETUP = `
CREATE (f:Framework {id: $fw, name: 'Issue 15', kind: 'standard'})
CREATE (r1:Requirement {uid: $fw + ':1', frameworkId: $fw, ref: '1', title: 'One', normative: true, order: 1})-[:IN_FRAMEWORK]->(f)
CREATE (r2:Requirement {uid: $fw + ':2', frameworkId: $fw, ref: '2', title: 'Two', normative: true, order: 2})-[:IN_FRAMEWORK]->(f)
CREATE (me:Organization {id: $me, name: 'Me'}), (other:Organization {id: $other, name: 'Other Secret Org'})
CREATE (other)-[:ADOPTS {scope: 'OT'}]->(f)
CREATE (c:Control {orgId: $other, id: 'OC-1', name: 'Secret control', status: 'operating'})-[:IMPLEMENTS {coverage: 'full'}]->(r2)
CREATE (:Evidence {orgId: $other, id: 'OE-1', title: 'Secret evidence', uri: 'https://secret.example/x', kind: 'report', status: 'approved'})-[:SUPPORTS]->(c)
CREATE (:Control {orgId: $me, id: 'MC-1', name: 'My control', status: 'operating'})`;

const OTHER_STATE = `
MATCH (n) WHERE n.orgId = $other OR n.id = $other
OPTIONAL MATCH (n)-[r]-(m)
RETURN count(DISTINCT n) AS nodes, count(r) AS rels, collect(DISTINCT type(r)) AS types`;

async function otherState(): Promise<string> {
  const { records } = await graph.run(OTHER_STATE, { other: OTHER });
  return JSON.stringify(records[0]?.toObject());
}

const CLEANUP = 'MATCH (n) WHERE n.orgId IN $orgs OR n.id IN $orgs OR n.frameworkId = $fw OR n.id = $fw DETACH DELETE n';

beforeAll(async () => {
  graph = await testGraph();
  await graph.run(CLEANUP, { orgs: [ME, OTHER], fw: FW });
  await graph.run(SETUP, { fw: FW, me: ME, other: OTHER });
  server = await startApiServer(graph, { port: 0, host: '127.0.0.1', api: OPTIONS });
  tokens.viewer = await token('viewer', ME);
  tokens.editor = await token('editor', ME);
  tokens.viewerNoOrg = await token('viewer');
});

afterAll(async () => {
  await server?.stop();
  await graph?.run(CLEANUP, { orgs: [ME, OTHER], fw: FW });
  await graph?.close();
});

describe('reads across tenants through relationship filters', () => {
  it('filters from shared nodes into organization data are not in the schema', async () => {
    for (const where of [
      `{ implementedBy: { some: { orgId: { eq: "${OTHER}" } } } }`,
      `{ implementedByConnection: { some: { node: { name: { startsWith: "S" } } } } }`,
      `{ excludedBy: { some: { id: { eq: "${OTHER}" } } } }`,
      `{ mapsTo: { some: { implementedBy: { some: { name: { startsWith: "S" } } } } } }`,
    ]) {
      for (const bearer of [tokens.viewer, tokens.viewerNoOrg]) {
        const answer = await gql(bearer, `{ requirementsConnection(where: ${where}) { totalCount edges { node { uid } } } }`);
        expect(answer.status).toBe(400);
        expect(codes(answer)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      }
    }
    const adopted = await gql(
      tokens.viewer,
      `{ frameworks(where: { adoptedBy: { some: { name: { startsWith: "O" } } } }) { id } }`,
    );
    expect(codes(adopted)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('extraction by startsWith through two hops finds nothing of the other organization', async () => {
    const answer = await gql(
      tokens.viewer,
      `{ controlsConnection(where: { implements: { some: { mapsTo: { some: { title: { startsWith: "T" } } } } } }) { totalCount }
         evidence(where: { supports: { some: { name: { startsWith: "Secret" } } } }) { id uri } }`,
    );
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data).toEqual({ controlsConnection: { totalCount: 0 }, evidence: [] });
    // Who implements a requirement is asked from the organization's side, and answers for it alone.
    const mine = await gql(tokens.viewer, `{ controls(where: { implements: { some: { uid: { eq: "${FW}:2" } } } }) { id } }`);
    expect(mine.body.data?.controls).toEqual([]);
  });
});

describe('writes across tenants through nested connect/disconnect', () => {
  it('nested connect and disconnect are not in the schema', async () => {
    const attempts = [
      `updateOrganizations(where: { id: { eq: "${OTHER}" } }, update: { adopts: [{ connect: [{ where: { node: { id: { eq: "${FW}" } } }, edge: { scope: "XT" } }] }] }) { info { relationshipsCreated } }`,
      `updateOrganizations(where: { id: { eq: "${OTHER}" } }, update: { adopts: [{ disconnect: [{ where: { node: { id: { eq: "${FW}" } } } }] }] }) { info { relationshipsDeleted } }`,
      `updateControls(where: { orgId: { eq: "${OTHER}" } }, update: { implements: [{ connect: [{ where: { node: { uid: { eq: "${FW}:1" } } }, edge: { coverage: full } }] }] }) { info { relationshipsCreated } }`,
      `updateOrganizations(update: { excludes: [{ connect: [{ where: { node: { uid: { eq: "${FW}:1" } } }, edge: { justification: "x" } }] }] }) { info { relationshipsCreated } }`,
    ];
    const before = await otherState();
    for (const attempt of attempts) {
      for (const bearer of [tokens.editor, tokens.viewer, tokens.viewerNoOrg]) {
        expect(codes(await gql(bearer, `mutation { ${attempt} }`))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      }
    }
    expect(await otherState()).toBe(before);
  });

  it('the link mutations write only inside the caller organization, idempotently, and never for a viewer', async () => {
    const before = await otherState();
    const foreign = await gql(
      tokens.editor,
      `mutation { addControlRequirement(controlId: "OC-1", requirementUid: "${FW}:1", coverage: full) { id } }`,
    );
    expect(foreign.body.errors?.[0]).toMatchObject({
      message: `no control OC-1 in organization ${ME}`,
      extensions: { code: 'NOT_FOUND' },
    });
    const viewer = await gql(
      tokens.viewer,
      `mutation { addControlRequirement(controlId: "MC-1", requirementUid: "${FW}:1", coverage: full) { id } }`,
    );
    expect(codes(viewer)).toEqual(['FORBIDDEN']);
    const noOrg = await gql(tokens.viewerNoOrg, `mutation { addAdoption(frameworkId: "${FW}") { id } }`);
    expect(codes(noOrg)).toEqual(['FORBIDDEN']);
    expect(await otherState()).toBe(before);

    // Inside one's own organization it works, and adopting twice keeps one edge.
    for (let i = 0; i < 2; i++) {
      const adopted = await gql(
        tokens.editor,
        `mutation { addAdoption(frameworkId: "${FW}", scope: "ours") { id adopts { id } } }`,
      );
      expect(adopted.body.data?.addAdoption).toEqual({ id: ME, adopts: [{ id: FW }] });
    }
    const linked = await gql(
      tokens.editor,
      `mutation { addControlRequirement(controlId: "MC-1", requirementUid: "${FW}:1", coverage: partial) { implements { uid } } }`,
    );
    expect(linked.body.data?.addControlRequirement).toEqual({ implements: [{ uid: `${FW}:1` }] });
    const { records } = await graph.run(
      'MATCH (:Organization {id: $me})-[a:ADOPTS]->(:Framework {id: $fw}) RETURN count(a) AS n',
      { me: ME, fw: FW },
    );
    expect(records[0]?.get('n')).toBe(1);
    const unlinked = await gql(
      tokens.editor,
      `mutation { removeControlRequirement(controlId: "MC-1", requirementUid: "${FW}:1") { implements { uid } } }`,
    );
    expect(unlinked.body.data?.removeControlRequirement).toEqual({ implements: [] });
  });

  it('orgId comes from the token on create and cannot be named', async () => {
    const created = await gql(
      tokens.editor,
      `mutation { createRisks(input: [{ id: "R-15", title: "mine" }]) { risks { id orgId } } }`,
    );
    expect(created.body.data?.createRisks.risks).toEqual([{ id: 'R-15', orgId: ME }]);
    const named = await gql(
      tokens.editor,
      `mutation { createRisks(input: [{ orgId: "${OTHER}", id: "R-16", title: "x" }]) { risks { id } } }`,
    );
    expect(codes(named)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    const noOrg = await gql(
      await token('editor'),
      `mutation { createRisks(input: [{ id: "R-17", title: "x" }]) { risks { id } } }`,
    );
    expect(codes(noOrg)).toEqual(['FORBIDDEN']);
  });
});

describe('tokens', () => {
  const sign = (claims: Record<string, unknown>) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(SECRET));
  const now = () => Math.floor(Date.now() / 1000);

  it('refuses a token without exp, with a lifetime beyond the maximum, or issued / valid only in the future', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ roles: ['viewer'], org: ME }, 'The token does not expire'],
      [{ roles: ['viewer'], org: ME, iat: now(), exp: now() + 30 * 86400 }, 'The token lives longer than 604800 s'],
      [
        { roles: ['viewer'], org: ME, iat: now() + 10 * 365 * 86400, exp: now() + 10 * 365 * 86400 + 60 },
        'The token is issued in the future',
      ],
      [{ roles: ['viewer'], org: ME, nbf: now() + 3600, exp: now() + 7200 }, 'The token is not valid yet'],
    ];
    for (const [claims, message] of cases) {
      const answer = await gql(await sign(claims), '{ frameworks { id } }');
      expect(answer.status).toBe(401);
      expect(answer.body.errors?.[0]).toMatchObject({ message, extensions: { code: 'UNAUTHENTICATED' } });
    }
    // Within the clock skew and the lifetime: accepted.
    const fine = await gql(
      await sign({ roles: ['viewer'], org: ME, iat: now() + 30, exp: now() + 3600 }),
      '{ frameworks(limit: 1) { id } }',
    );
    expect(fine.status).toBe(200);
  });
});

describe('limits before the database', () => {
  it('limit and first must be 1..500', async () => {
    for (const query of [
      '{ requirements(limit: 0) { uid } }',
      '{ requirements(limit: -1) { uid } }',
      '{ requirements(limit: 501) { uid } }',
      '{ requirementsConnection(first: 0) { totalCount } }',
    ]) {
      const answer = await gql(tokens.viewer, query);
      expect(answer.status).toBe(400);
      expect(codes(answer)).toEqual(['BAD_USER_INPUT']);
      expect(answer.body.errors?.[0]?.message).toMatch(/(limit|first) must be between 1 and 500/);
    }
    // The same through a variable.
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.viewer}` },
      body: JSON.stringify({ query: 'query ($n: Int) { requirements(limit: $n) { uid } }', variables: { n: 0 } }),
    });
    expect(response.status).toBe(400);
    expect(
      (await gql(tokens.viewer, `{ requirements(where: { frameworkId: { eq: "${FW}" } }, limit: 500) { uid } }`)).body.data
        ?.requirements,
    ).toHaveLength(2);
  });

  it('a 7-level limit:0 nesting is refused before it runs', async () => {
    const nested =
      '{ requirements(limit: 0) { mapsTo(limit: 0) { mapsTo(limit: 0) { mapsTo(limit: 0) { mapsTo(limit: 0) { mapsTo(limit: 0) { mapsTo(limit: 0) { uid } } } } } } } }';
    expect(codes(await gql(tokens.viewer, nested))).toEqual(['BAD_USER_INPUT']);
  });

  it('deeply nested NOT and very wide OR filters are refused with the argument named', async () => {
    const deep = `${'{ NOT: '.repeat(400)}{ uid: { eq: "x" } }${' }'.repeat(400)}`;
    const wide = (n: number) => `{ OR: [${Array.from({ length: n }, (_, i) => `{ uid: { eq: "x${i}" } }`).join(', ')}] }`;
    for (const where of [deep, wide(1500)]) {
      const started = Date.now();
      const answer = await gql(tokens.viewer, `{ requirements(where: ${where}) { uid } }`);
      expect(answer.status).toBe(400);
      expect(codes(answer)).toEqual(['BAD_USER_INPUT']);
      expect(answer.body.errors?.[0]?.message).toMatch(
        /requirements: argument where (is nested \d+ levels deep|holds \d+ values)/,
      );
      expect(Date.now() - started).toBeLessThan(10_000);
    }
    // Through a variable the document stays short: the value itself is measured.
    const viaVariable = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.viewer}` },
      body: JSON.stringify({
        query: 'query ($w: RequirementWhere) { requirements(where: $w) { uid } }',
        variables: { w: { OR: Array.from({ length: 5000 }, (_, i) => ({ uid: { eq: `x${i}` } })) } },
      }),
    });
    expect(viaVariable.status).toBe(400);
    expect((await viaVariable.json()).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    // A document past the token limit is a parse failure, answered 400 (not 500).
    const huge = await gql(tokens.viewer, `{ requirements(where: ${wide(3000)}) { uid } }`);
    expect(huge.status).toBe(400);
    expect(codes(huge)).toEqual(['GRAPHQL_PARSE_FAILED']);
    // A filter of ordinary size still works.
    const ok = await gql(
      tokens.viewer,
      `{ requirements(where: { OR: [{ uid: { eq: "${FW}:1" } }, { NOT: { uid: { eq: "x" } }, frameworkId: { eq: "${FW}" } }] }) { uid } }`,
    );
    expect(ok.body.data?.requirements).toHaveLength(2);
  });

  it('production errors suggest no names or values', async () => {
    const production = await startApiServer(graph, { port: 0, host: '127.0.0.1', api: { ...OPTIONS, production: true } });
    try {
      for (const query of [
        '{ requirements(where: { kind: { eqq: "x" } }) { uid } }',
        '{ controls(where: { status: { eq: operatin } }) { id } }',
        '{ requirement { uid } }',
      ]) {
        const answer = await gql(tokens.viewer, query, production.url);
        expect(answer.body.errors?.length).toBeGreaterThan(0);
        for (const error of answer.body.errors ?? []) expect(error.message).not.toMatch(/Did you mean/);
      }
    } finally {
      await production.stop();
    }
  });
});

describe('abandoned requests', () => {
  it('stop their database work, hold their admission slot until then, and never exhaust the driver pool', async () => {
    const api = await startApiServer(graph, {
      port: 0,
      host: '127.0.0.1',
      api: {
        ...OPTIONS,
        limits: { ...OPTIONS.limits, timeoutMs: 60_000 },
        admission: { concurrency: 2, maxQueue: 200, maxWaitMs: 60_000 },
      },
    });
    // Another transaction holds the write lock of the organization: every update waits for it.
    const session = graph.driver.session({ database: graph.database });
    const blocker = session.beginTransaction();
    try {
      await blocker.run('MATCH (o:Organization {id: $me}) SET o.lockedBy = "test"', { me: ME });
      const requests = Array.from({ length: 40 }, () => {
        const controller = new AbortController();
        const done = fetch(`${api.url}/graphql`, {
          method: 'POST',
          signal: controller.signal,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.editor}` },
          body: JSON.stringify({
            query: 'mutation { updateOrganizations(update: { name: { set: "Blocked" } }) { organizations { id } } }',
          }),
        }).catch(() => undefined);
        return { controller, done };
      });
      // Two are waiting in the database now; the clients give up.
      await waitFor(async () => (await apiTransactions()) >= 2);
      for (const r of requests) r.controller.abort();
      await Promise.all(requests.map((r) => r.done));
      // Their transactions are terminated long before the 60 s timeout, while the lock is still held.
      await waitFor(async () => (await apiTransactions()) === 0, 15_000);
      const started = Date.now();
      const read = await gql(tokens.viewer, '{ controls { id } }', api.url);
      expect(read.body.data?.controls).toEqual([{ id: 'MC-1' }]);
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      await blocker.rollback();
      await session.close();
      await api.stop();
    }
    const { records } = await graph.run('MATCH (o:Organization {id: $me}) RETURN o.name AS name', { me: ME });
    expect(records[0]?.get('name')).toBe('Me');
  }, 120_000);
});

async function apiTransactions(): Promise<number> {
  const { records } = await graph.run(
    "SHOW TRANSACTIONS YIELD metaData WHERE metaData.app = 'crosswalk-api' AND metaData.requestId IS NOT NULL RETURN count(*) AS n",
  );
  return Number(records[0]?.get('n'));
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
