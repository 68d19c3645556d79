/**
 * The GraphQL API end to end over HTTP against the real Neo4j: tokens, roles, tenant isolation, CRUD on
 * every organization type, filters and pagination, limits, and hostile strings stored verbatim.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { mintToken, type Role } from '../../api/auth.ts';
import { readApiOptions, type ApiOptions } from '../../api/config.ts';
import { startApiServer, type ApiServer } from '../../api/server.ts';
import type { Graph } from '../../graph/connection.ts';
import { seededGraph } from './helpers.ts';

const SECRET = 'test-secret-0123456789-0123456789-abcdef';
const OPTIONS: ApiOptions = { ...readApiOptions({}), auth: { secret: SECRET } };

let graph: Graph;
let server: ApiServer;

interface GqlResponse {
  status: number;
  body: {
    data?: Record<string, any>;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
}

const token = (role: Role, org?: string, ttlSeconds = 600) => mintToken(SECRET, { roles: [role], org }, { ttlSeconds });

async function gql(bearer: string | undefined, query: string, variables?: Record<string, unknown>): Promise<GqlResponse> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: await response.json() };
}

/** Runs a query that must succeed and returns its data. */
async function ok(bearer: string, query: string, variables?: Record<string, unknown>): Promise<Record<string, any>> {
  const { status, body } = await gql(bearer, query, variables);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  expect(status).toBe(200);
  return body.data ?? {};
}

const codes = (r: GqlResponse) => (r.body.errors ?? []).map((e) => e.extensions?.code);

const tokens: Record<string, string> = {};
beforeAll(async () => {
  graph = await seededGraph();
  server = await startApiServer(graph, { port: 0, host: '127.0.0.1', api: OPTIONS });
  tokens.adminA = await token('admin', 'org-a');
  tokens.editorA = await token('editor', 'org-a');
  tokens.viewerA = await token('viewer', 'org-a');
  tokens.adminB = await token('admin', 'org-b');
  tokens.editorB = await token('editor', 'org-b');
  tokens.viewerB = await token('viewer', 'org-b');
  tokens.admin = await token('admin');
  tokens.operator = await token('operator');
});
afterAll(async () => {
  await server?.stop();
  await graph?.close();
});

describe('HTTP endpoints', () => {
  it('GET /health reports the process and the database state, without a token', async () => {
    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.status).toBe('ok');
    expect(body.database.reachable).toBe(true);
    expect(body.database.schemaVersion).toBe(body.database.expectedSchemaVersion);
  });

  it('GET /ready answers 200 once the schema is applied, without a token', async () => {
    const response = await fetch(`${server.url}/ready`);
    expect(response.status).toBe(200);
    expect((await response.json()).ready).toBe(true);
  });

  it('POST /graphql reads the seeded catalogs', async () => {
    const data = await ok(
      tokens.viewerA!,
      `{ requirements(where: { uid: { eq: "nis2:Art.21(2)(h)" } }) { uid title mapsTo { uid } } }`,
    );
    const [requirement] = data.requirements;
    expect(requirement.uid).toBe('nis2:Art.21(2)(h)');
    expect(requirement.mapsTo.map((r: { uid: string }) => r.uid)).toContain('iso27001:A.8.24');
  });

  it('GET /graphql runs queries (GraphQL over HTTP) but not mutations', async () => {
    const query = encodeURIComponent('{ frameworks(sort: [{ id: ASC }]) { id } }');
    const get = await fetch(`${server.url}/graphql?query=${query}`, { headers: { authorization: `Bearer ${tokens.viewerA}` } });
    expect(get.status).toBe(200);
    expect((await get.json()).data.frameworks.map((f: { id: string }) => f.id)).toEqual([
      'eu-ai-act',
      'gdpr',
      'iso27001',
      'iso42001',
      'nis2',
      'nis2-ir',
    ]);

    const mutation = encodeURIComponent('mutation { deleteFrameworks { nodesDeleted } }');
    const rejected = await fetch(`${server.url}/graphql?query=${mutation}`, {
      headers: { authorization: `Bearer ${tokens.admin}` },
    });
    expect(rejected.status).toBe(405);
    expect(await graph.run('MATCH (f:Framework) RETURN count(f) AS n').then((r) => Number(r.records[0]?.get('n')))).toBe(6);
  });

  it('answers CORS preflights only for configured origins', async () => {
    const preflight = (origin: string) =>
      fetch(`${server.url}/graphql`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
    expect((await preflight('https://grc.example')).headers.get('access-control-allow-origin')).toBeNull();
    const open = await startApiServer(graph, {
      port: 0,
      host: '127.0.0.1',
      api: { ...OPTIONS, corsOrigins: ['https://grc.example'] },
    });
    try {
      const response = await fetch(`${open.url}/graphql`, {
        method: 'OPTIONS',
        headers: {
          origin: 'https://grc.example',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization',
        },
      });
      expect(response.headers.get('access-control-allow-origin')).toBe('https://grc.example');
    } finally {
      await open.stop();
    }
  });
});

describe('tokens', () => {
  it('rejects a request without a token with 401', async () => {
    const response = await gql(undefined, '{ frameworks { id } }');
    expect(response.status).toBe(401);
    expect(codes(response)).toEqual(['UNAUTHENTICATED']);
  });

  it('rejects an expired token', async () => {
    const expired = await token('admin', 'org-a', -60);
    const response = await gql(expired, '{ frameworks { id } }');
    expect(response.status).toBe(401);
    expect(response.body.errors?.[0]?.message).toMatch(/expired/);
  });

  it('rejects a token signed with another secret, an unsigned token and garbage', async () => {
    const forged = await mintToken(
      'another-secret-0123456789-0123456789-xyz',
      { roles: ['admin'], org: 'org-a' },
      { ttlSeconds: 600 },
    );
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(
      JSON.stringify({ roles: ['admin'], org: 'org-a', exp: Math.floor(Date.now() / 1000) + 600 }),
    ).toString('base64url');
    for (const bad of [forged, `${header}.${payload}.`, 'not-a-token']) {
      const response = await gql(bad, '{ frameworks { id } }');
      expect(response.status).toBe(401);
      expect(response.body.errors?.[0]?.message).toBe('The token is invalid');
    }
  });

  it('rejects a token without a known role', async () => {
    const noRole = await new SignJWT({ org: 'org-a', roles: ['superuser'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(SECRET));
    const response = await gql(noRole, '{ frameworks { id } }');
    expect(response.status).toBe(401);
    expect(response.body.errors?.[0]?.message).toMatch(/no role/);
  });
});

describe('reference data', () => {
  it('is readable by every role and writable only by admin', async () => {
    const create = `mutation { createFrameworks(input: [{ id: "test-fw", name: "Test", kind: "standard" }]) { frameworks { id } } }`;
    for (const role of ['viewerA', 'editorA']) {
      const response = await gql(tokens[role], create);
      expect(codes(response)).toContain('FORBIDDEN');
    }
    const update = `mutation { updateRequirements(where: { uid: { eq: "gdpr:Art.32" } }, update: { title: { set: "changed" } }) { requirements { uid } } }`;
    expect(codes(await gql(tokens.editorA, update))).toContain('FORBIDDEN');

    // An organization's admin may not change what every organization relies on; the operator may.
    expect(codes(await gql(tokens.adminA, create))).toContain('FORBIDDEN');
    expect((await ok(tokens.operator!, create)).createFrameworks.frameworks).toEqual([{ id: 'test-fw' }]);
    const removed = await ok(
      tokens.operator!,
      `mutation { deleteFrameworks(where: { id: { eq: "test-fw" } }) { nodesDeleted } }`,
    );
    expect(removed.deleteFrameworks.nodesDeleted).toBe(1);
    const title = await graph.run('MATCH (r:Requirement {uid: "gdpr:Art.32"}) RETURN r.title AS t');
    expect(title.records[0]?.get('t')).not.toBe('changed');
  });

  it('the crosswalk and the catalog structure are read-only over the API (seed/import write them)', async () => {
    const response = await gql(
      tokens.operator,
      `mutation { updateRequirements(where: { uid: { eq: "gdpr:Art.32" } }, update: { mapsTo: [{ connect: [{ where: { node: { uid: { eq: "nis2:Art.21" } } }, edge: { relationship: "equal", strength: 10 } }] }] }) { requirements { uid } } }`,
    );
    expect(codes(response)).toContain('GRAPHQL_VALIDATION_FAILED');
    const count = await graph.run(
      'MATCH (:Requirement {uid: "gdpr:Art.32"})-[m:MAPS_TO]->(:Requirement {uid: "nis2:Art.21"}) RETURN count(m) AS n',
    );
    expect(Number(count.records[0]?.get('n'))).toBe(0);
  });

  it('pages default to 50 and are 1 to 500', async () => {
    expect((await ok(tokens.viewerA!, '{ requirements { uid } }')).requirements).toHaveLength(50);
    expect((await ok(tokens.viewerA!, '{ requirements(limit: 500) { uid } }')).requirements).toHaveLength(500);
    expect(codes(await gql(tokens.viewerA, '{ requirements(limit: 1000) { uid } }'))).toEqual(['BAD_USER_INPUT']);
    const nested = await ok(tokens.viewerA!, '{ frameworks(where: { id: { eq: "eu-ai-act" } }) { requirements { uid } } }');
    expect(nested.frameworks[0].requirements).toHaveLength(50);
  });

  it('filters, sorts, paginates with cursors and aggregates', async () => {
    const where = '{ frameworkId: { eq: "nis2" }, kind: { eq: "article" } }';
    const all = await ok(
      tokens.viewerA!,
      `{ requirementsConnection(where: ${where}) { totalCount aggregate { count { nodes } } } }`,
    );
    expect(all.requirementsConnection.totalCount).toBe(46);
    expect(all.requirementsConnection.aggregate.count.nodes).toBe(46);

    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Record<string, any> = await ok(
        tokens.viewerA!,
        `query ($after: String) { requirementsConnection(first: 20, after: $after, where: ${where}, sort: [{ order: ASC }, { uid: ASC }]) {
           edges { node { uid } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      seen.push(...page.requirementsConnection.edges.map((e: { node: { uid: string } }) => e.node.uid));
      if (!page.requirementsConnection.pageInfo.hasNextPage) break;
      after = page.requirementsConnection.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(46);
    expect(new Set(seen).size).toBe(46);

    const offset = await ok(
      tokens.viewerA!,
      `{ requirements(where: ${where}, sort: [{ order: ASC }, { uid: ASC }], limit: 5, offset: 20) { uid } }`,
    );
    expect(offset.requirements.map((r: { uid: string }) => r.uid)).toEqual(seen.slice(20, 25));
  });
});

const SYSTEM_FIELDS = 'orgId id name purpose isAI aiActRole aiActRisk gpai lifecycleStage owner';

describe('organization data: CRUD on every type', () => {
  it('an admin creates its own organization, never another one', async () => {
    const create = (id: string) =>
      `mutation { createOrganizations(input: [{ id: "${id}", name: "Org ${id}" }]) { organizations { id name } } }`;
    expect(codes(await gql(tokens.adminA, create('org-b')))).toContain('FORBIDDEN');
    expect(codes(await gql(tokens.editorA, create('org-a')))).toContain('FORBIDDEN');
    expect((await ok(tokens.adminA!, create('org-a'))).createOrganizations.organizations).toEqual([
      { id: 'org-a', name: 'Org org-a' },
    ]);
    await ok(tokens.adminB!, create('org-b'));
    // Editors rename their organization, never delete it; viewers do neither; nobody touches another one.
    const rename = `mutation { updateOrganizations(update: { name: { set: "Org A" } }) { organizations { id name } } }`;
    expect((await ok(tokens.editorA!, rename)).updateOrganizations.organizations).toEqual([{ id: 'org-a', name: 'Org A' }]);
    expect(codes(await gql(tokens.viewerA, rename))).toContain('FORBIDDEN');
    expect(codes(await gql(tokens.editorA, `mutation { deleteOrganizations { nodesDeleted } }`))).toContain('FORBIDDEN');
    const foreign = await ok(tokens.adminA!, `mutation { deleteOrganizations(where: { id: { eq: "org-b" } }) { nodesDeleted } }`);
    expect(foreign.deleteOrganizations.nodesDeleted).toBe(0);
  });

  it('an editor adopts frameworks and excludes requirements with properties', async () => {
    await ok(
      tokens.editorA!,
      `mutation {
         a: addAdoption(frameworkId: "iso42001", since: "2025-01-15", scope: "all AI products") { id }
         b: addAdoption(frameworkId: "iso27001", since: "2025-01-15", scope: "all AI products") { id }
         c: addExclusion(requirementUid: "iso42001:A.10.4", justification: "no customers") { id }
       }`,
    );
    // Adding again changes the properties instead of adding a second edge.
    const data = await ok(
      tokens.editorA!,
      `mutation { addAdoption(frameworkId: "iso27001", since: "2025-01-15", scope: "ISMS") {
         id adoptsConnection(sort: [{ node: { id: ASC } }]) { edges { node { id } properties { since scope } } }
         excludesConnection { edges { node { uid } properties { justification } } } } }`,
    );
    const org = data.addAdoption;
    expect(org.adoptsConnection.edges).toEqual([
      { node: { id: 'iso27001' }, properties: { since: '2025-01-15', scope: 'ISMS' } },
      { node: { id: 'iso42001' }, properties: { since: '2025-01-15', scope: 'all AI products' } },
    ]);
    expect(org.excludesConnection.edges).toEqual([
      { node: { uid: 'iso42001:A.10.4' }, properties: { justification: 'no customers' } },
    ]);
    // Unknown names are errors, not silent no-ops; viewers write nothing.
    const unknown = await gql(tokens.editorA, `mutation { addAdoption(frameworkId: "iso9001") { id } }`);
    expect(unknown.body.errors?.[0]).toMatchObject({ message: 'no framework iso9001', extensions: { code: 'NOT_FOUND' } });
    expect(codes(await gql(tokens.viewerA, `mutation { removeAdoption(frameworkId: "iso27001") { id } }`))).toEqual([
      'FORBIDDEN',
    ]);
    // The reference side has no way back into organization data.
    const fw = await gql(tokens.viewerB, '{ frameworks(where: { id: { eq: "iso42001" } }) { adoptedBy { id } } }');
    expect(codes(fw)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('creates, reads, updates and deletes systems, controls, evidence and risks', async () => {
    const created = await ok(
      tokens.editorA!,
      `mutation {
        createSystems(input: [{ id: "sys-1", name: "Credit scoring", purpose: "loan decisions", isAI: true,
                               aiActRole: provider, aiActRisk: high, gpai: false, lifecycleStage: operation, owner: "cto" }]) { systems { ${SYSTEM_FIELDS} } }
        createControls(input: [{ id: "ctl-1", name: "AI risk assessment", status: operating }]) { controls { id status } }
        createRisks(input: [{ id: "risk-1", title: "Biased outcomes", likelihood: 3, impact: 4, treatment: mitigate }]) { risks { id } }
        createEvidence(input: [{ id: "ev-1", title: "Risk register 2026", kind: record, status: approved,
          uri: "https://dms.example/ev-1", sha256: "${'a'.repeat(64)}", collectedAt: "2026-01-10", validUntil: "2027-01-10" }]) { evidence { id } }
      }`,
    );
    // Relationships through the link mutations (mutations run in order: the nodes exist).
    await ok(
      tokens.editorA!,
      `mutation {
        a: addControlRequirement(controlId: "ctl-1", requirementUid: "iso42001:6.1.2", coverage: full, note: "yearly") { id }
        b: addControlSystem(controlId: "ctl-1", systemId: "sys-1") { id }
        c: addRiskSystem(riskId: "risk-1", systemId: "sys-1") { id }
        d: addRiskControl(controlId: "ctl-1", riskId: "risk-1") { id }
        e: addEvidenceControl(evidenceId: "ev-1", controlId: "ctl-1") { id }
        f: addEvidenceSystem(evidenceId: "ev-1", systemId: "sys-1") { id }
      }`,
    );
    expect(created.createSystems.systems[0]).toEqual({
      orgId: 'org-a',
      id: 'sys-1',
      name: 'Credit scoring',
      purpose: 'loan decisions',
      isAI: true,
      aiActRole: 'provider',
      aiActRisk: 'high',
      gpai: false,
      lifecycleStage: 'operation',
      owner: 'cto',
    });

    const read = await ok(
      tokens.viewerA!,
      `{ controls(where: { id: { eq: "ctl-1" } }, limit: 1) {
           id implementsConnection { edges { node { uid } properties { coverage note } } }
           appliesTo { id } evidence { id validUntil status } mitigates { id threatens { id } } }
         implementers: controls(where: { implements: { some: { uid: { eq: "iso42001:6.1.2" } } } }) { id } }`,
    );
    expect(read.controls).toEqual([
      {
        id: 'ctl-1',
        implementsConnection: { edges: [{ node: { uid: 'iso42001:6.1.2' }, properties: { coverage: 'full', note: 'yearly' } }] },
        appliesTo: [{ id: 'sys-1' }],
        evidence: [{ id: 'ev-1', validUntil: '2027-01-10', status: 'approved' }],
        mitigates: [{ id: 'risk-1', threatens: [{ id: 'sys-1' }] }],
      },
    ]);
    expect(read.implementers).toEqual([{ id: 'ctl-1' }]);

    const updated = await ok(
      tokens.editorA!,
      `mutation {
        updateSystems(where: { id: { eq: "sys-1" } }, update: { lifecycleStage: { set: retired } }) { systems { lifecycleStage } }
        updateControls(where: { id: { eq: "ctl-1" } }, update: { status: { set: implemented } }) { controls { status } }
        updateEvidence(where: { id: { eq: "ev-1" } }, update: { status: { set: rejected } }) { evidence { status } }
        updateRisks(where: { id: { eq: "risk-1" } }, update: { impact: { set: 5 } }) { risks { impact } }
      }`,
    );
    expect(updated.updateSystems.systems).toEqual([{ lifecycleStage: 'retired' }]);
    expect(updated.updateControls.controls).toEqual([{ status: 'implemented' }]);
    expect(updated.updateEvidence.evidence).toEqual([{ status: 'rejected' }]);
    expect(updated.updateRisks.risks).toEqual([{ impact: 5 }]);

    // A viewer reads but never writes.
    expect(
      codes(await gql(tokens.viewerA, `mutation { updateSystems(update: { name: { set: "x" } }) { systems { id } } }`)),
    ).toContain('FORBIDDEN');
    expect(
      codes(await gql(tokens.viewerA, `mutation { createRisks(input: [{ id: "r-x", title: "x" }]) { risks { id } } }`)),
    ).toContain('FORBIDDEN');
    expect(
      codes(await gql(tokens.viewerA, `mutation { deleteEvidence(where: { id: { eq: "ev-1" } }) { nodesDeleted } }`)),
    ).toContain('FORBIDDEN');

    // A duplicate key is a conflict, not a database stack trace.
    const duplicate = await gql(
      tokens.editorA,
      `mutation { createSystems(input: [{ id: "sys-1", name: "again" }]) { systems { id } } }`,
    );
    expect(codes(duplicate)).toEqual(['CONFLICT']);

    const deleted = await ok(
      tokens.editorA!,
      `mutation { a: createRisks(input: [{ id: "risk-tmp", title: "tmp" }]) { risks { id } } }`,
    );
    expect(deleted.a.risks).toEqual([{ id: 'risk-tmp' }]);
    expect(
      (await ok(tokens.editorA!, `mutation { deleteRisks(where: { id: { eq: "risk-tmp" } }) { nodesDeleted } }`)).deleteRisks
        .nodesDeleted,
    ).toBe(1);
  });

  it('filters, sorts, paginates and aggregates organization data', async () => {
    const input = Array.from(
      { length: 12 },
      (_, i) =>
        `{ id: "bulk-${String(i).padStart(2, '0')}", name: "Bulk control ${i}", status: ${i % 3 ? 'planned' : 'operating'} }`,
    );
    await ok(tokens.editorA!, `mutation { createControls(input: [${input.join(', ')}]) { info { nodesCreated } } }`);
    const page = await ok(
      tokens.viewerA!,
      `{ controls(where: { id: { startsWith: "bulk-" }, status: { eq: planned } }, sort: [{ id: DESC }], limit: 3, offset: 1) { id }
         controlsConnection(where: { id: { startsWith: "bulk-" } }, first: 5) { totalCount pageInfo { hasNextPage } aggregate { count { nodes } } } }`,
    );
    expect(page.controls.map((c: { id: string }) => c.id)).toEqual(['bulk-10', 'bulk-08', 'bulk-07']);
    expect(page.controlsConnection).toEqual({
      totalCount: 12,
      pageInfo: { hasNextPage: true },
      aggregate: { count: { nodes: 12 } },
    });
  });
});

describe('tenant isolation', () => {
  beforeAll(async () => {
    // Organization B uses the same ids as A: keys are (orgId, id).
    await ok(
      tokens.editorB!,
      `mutation {
        createSystems(input: [{ id: "sys-1", name: "B secret system" }]) { systems { id } }
        createControls(input: [{ id: "ctl-1", name: "B secret control", status: operating }]) { controls { id } }
        createEvidence(input: [{ id: "ev-b", title: "B secret evidence", kind: report, status: approved }]) { evidence { id } }
        createRisks(input: [{ id: "risk-b", title: "B secret risk" }]) { risks { id } }
        addControlRequirement(controlId: "ctl-1", requirementUid: "iso42001:6.1.2", coverage: partial) { id }
      }`,
    );
  });

  it('a token for org A never reads org B, at the top, nested, in connections and aggregates', async () => {
    const data = await ok(
      tokens.viewerA!,
      `{ organizations { id }
         systems { orgId name } controls(where: { id: { eq: "ctl-1" } }) { orgId name } evidence { orgId } risks { orgId }
         systemsConnection { totalCount aggregate { count { nodes } } }
         implementers: controls(where: { implements: { some: { uid: { eq: "iso42001:6.1.2" } } } }) { orgId
           implementsConnection(where: { node: { uid: { eq: "iso42001:6.1.2" } } }) { edges { properties { coverage } } } }
         ref: controls(where: { name: { contains: "B secret" } }) { id } }`,
    );
    expect(data.organizations).toEqual([{ id: 'org-a' }]);
    const orgIds = [...data.systems, ...data.controls, ...data.evidence, ...data.risks].map((n: { orgId: string }) => n.orgId);
    expect(new Set(orgIds)).toEqual(new Set(['org-a']));
    expect(data.systemsConnection.totalCount).toBe(1);
    expect(data.systemsConnection.aggregate.count.nodes).toBe(1);
    expect(data.implementers).toEqual([
      { orgId: 'org-a', implementsConnection: { edges: [{ properties: { coverage: 'full' } }] } },
    ]);
    expect(data.ref).toEqual([]);
    // Even asking for B's orgId explicitly finds nothing.
    const explicit = await ok(tokens.viewerA!, `{ systems(where: { orgId: { eq: "org-b" } }) { id } }`);
    expect(explicit.systems).toEqual([]);
  });

  it('a token for org A never writes org B', async () => {
    // Creating in B's name is not even expressible: orgId comes from the token.
    const named = await gql(
      tokens.editorA,
      `mutation { createSystems(input: [{ orgId: "org-b", id: "planted", name: "x" }]) { systems { id } } }`,
    );
    expect(codes(named)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    // Nor are nested creates and connects: relationships are written by the link mutations only.
    const nested = await gql(
      tokens.editorA,
      `mutation { updateControls(where: { id: { eq: "ctl-1" } }, update: { appliesTo: [{ create: [{ node: { id: "planted-2", name: "x" } }] }] }) { controls { id } } }`,
    );
    expect(codes(nested)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    // Updates and deletes only match the caller's own nodes.
    const update = await ok(
      tokens.editorA!,
      `mutation { updateSystems(where: { id: { eq: "sys-1" } }, update: { owner: { set: "A was here" } }) { systems { orgId } } }`,
    );
    expect(update.updateSystems.systems).toEqual([{ orgId: 'org-a' }]);
    const del = await ok(tokens.editorA!, `mutation { deleteEvidence(where: { id: { eq: "ev-b" } }) { nodesDeleted } }`);
    expect(del.deleteEvidence.nodesDeleted).toBe(0);
    // Linking A's control to B's risk: B's risk does not exist for A.
    const link = await gql(tokens.editorA, `mutation { addRiskControl(controlId: "ctl-1", riskId: "risk-b") { id } }`);
    expect(link.body.errors?.[0]).toMatchObject({
      message: 'no risk risk-b in organization org-a',
      extensions: { code: 'NOT_FOUND' },
    });
    // Moving a node to another organization is not even expressible.
    const move = await gql(tokens.editorA, `mutation { updateSystems(update: { orgId: { set: "org-b" } }) { systems { id } } }`);
    expect(codes(move)).toContain('GRAPHQL_VALIDATION_FAILED');
    // B is untouched.
    const b = await graph.run(`
      MATCH (n {orgId: 'org-b'}) WITH collect(n) AS nodes
      OPTIONAL MATCH (:Control {orgId: 'org-a'})-[r]->({orgId: 'org-b'})
      RETURN [n IN nodes | n.id + ':' + coalesce(n.owner, '-')] AS ids, count(r) AS crossing`);
    expect([...(b.records[0]?.get('ids') as string[])].sort()).toEqual(['ctl-1:-', 'ev-b:-', 'risk-b:-', 'sys-1:-']);
    expect(Number(b.records[0]?.get('crossing'))).toBe(0);
  });

  it('a token without an org sees no organization data at all', async () => {
    const data = await ok(tokens.admin!, '{ systems { id } controls { id } organizations { id } }');
    expect(data).toEqual({ systems: [], controls: [], organizations: [] });
  });
});

describe('limits', () => {
  it('rejects queries deeper than the limit', async () => {
    const deep = `{ requirements(limit: 1) { children(limit: 1) { children(limit: 1) { children(limit: 1) { children(limit: 1) { children(limit: 1) {
      children(limit: 1) { children(limit: 1) { children(limit: 1) { children(limit: 1) { uid } } } } } } } } } } }`;
    const response = await gql(tokens.viewerA, deep);
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.message).toMatch(/depth/i);
  });

  it('rejects queries whose estimated cost is too high, counting default pages', async () => {
    const costly = await gql(tokens.viewerA, '{ requirements(limit: 500) { mapsTo(limit: 500) { uid } } }');
    expect(costly.status).toBe(400);
    expect(codes(costly)).toEqual(['QUERY_TOO_COSTLY']);
    // Unlimited nested lists are priced at the default page (50) each: 50 × 50 × 50 rows.
    const unlimited = await gql(tokens.viewerA, '{ requirements { mapsTo { mappedFrom { uid } } } }');
    expect(codes(unlimited)).toEqual(['QUERY_TOO_COSTLY']);
    await ok(tokens.viewerA!, '{ requirements(limit: 20) { mapsTo(limit: 20) { uid } } }');
  });

  it('rejects too many aliases', async () => {
    const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: frameworks(limit: 1) { id }`).join(' ');
    const response = await gql(tokens.viewerA, `{ ${aliases} }`);
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.message).toMatch(/alias/i);
  });

  it('answers an oversized request body with 413 and a JSON error', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.viewerA}` },
      body: JSON.stringify({ query: '{ frameworks { id } }', variables: { padding: 'x'.repeat(1_100_000) } }),
    });
    expect(response.status).toBe(413);
    expect((await response.json()).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('stops a query that runs longer than the transaction timeout', async () => {
    const slow = await startApiServer(graph, {
      port: 0,
      host: '127.0.0.1',
      api: { ...OPTIONS, limits: { ...OPTIONS.limits, timeoutMs: 1000 } },
    });
    // Deterministic: another transaction holds the write lock on org A's node, so the API's update has
    // to wait for it, longer than its 1 s timeout, whatever the machine's speed.
    const session = graph.driver.session({ database: graph.database });
    const blocker = session.beginTransaction();
    try {
      await blocker.run(`MATCH (o:Organization {id: 'org-a'}) SET o.lockedBy = 'test'`);
      const started = Date.now();
      const response = await fetch(`${slow.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.editorA}` },
        body: JSON.stringify({
          query: `mutation { updateOrganizations(update: { name: { set: "Blocked" } }) { organizations { id } } }`,
        }),
      });
      const body = await response.json();
      expect(body.errors?.[0]?.extensions?.code).toBe('TIMEOUT');
      expect(Date.now() - started).toBeLessThan(30_000);
    } finally {
      await blocker.rollback();
      await session.close();
      await slow.stop();
    }
  });

  it('runs at most CROSSWALK_API_CONCURRENCY requests at once: the next waits, a full queue or a long wait gets 503', async () => {
    const busy = await startApiServer(graph, {
      port: 0,
      host: '127.0.0.1',
      api: { ...OPTIONS, admission: { concurrency: 1, maxQueue: 1, maxWaitMs: 60_000 } },
    });
    const impatient = await startApiServer(graph, {
      port: 0,
      host: '127.0.0.1',
      api: { ...OPTIONS, admission: { concurrency: 1, maxQueue: 1, maxWaitMs: 300 } },
    });
    const post = (url: string, query: string) =>
      fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.editorA}` },
        body: JSON.stringify({ query }),
      }).then(async (response) => ({
        status: response.status,
        retryAfter: response.headers.get('retry-after'),
        body: await response.json(),
        at: Date.now(),
      }));
    const blockedUpdate = `mutation { updateOrganizations(update: { name: { set: "Org A" } }) { organizations { id } } }`;
    const read = '{ organizations { id } }';
    const apiTransactions = async () =>
      Number(
        (
          await graph.run(`SHOW TRANSACTIONS YIELD metaData WHERE metaData.app = 'crosswalk-api' RETURN count(*) AS n`)
        ).records[0]?.get('n'),
      );
    // Deterministic: another transaction holds the write lock on org A's node, so each server's first
    // request holds that server's only slot until the lock is released.
    const session = graph.driver.session({ database: graph.database });
    const blocker = session.beginTransaction();
    try {
      await blocker.run(`MATCH (o:Organization {id: 'org-a'}) SET o.lockedBy = 'test'`);
      const first = post(busy.url, blockedUpdate);
      const held = post(impatient.url, blockedUpdate);
      while ((await apiTransactions()) < 2) await new Promise((resolve) => setTimeout(resolve, 50));

      // One of these two waits in the queue; the other finds it full and is refused at once.
      const [a, b] = [post(busy.url, read), post(busy.url, read)];
      const refused = await Promise.race([a, b]);
      expect(refused.status).toBe(503);
      expect(refused.retryAfter).toMatch(/^\d+$/);
      expect(refused.body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');

      // Waiting longer than maxWaitMs is refused too.
      const waited = await post(impatient.url, read);
      expect(waited.status).toBe(503);
      expect(waited.body.errors[0].message).toMatch(/waited 300 ms/);

      await new Promise((resolve) => setTimeout(resolve, 300));
      const released = Date.now();
      await blocker.rollback();
      const [firstDone, queued] = [await first, (await Promise.all([a, b])).find((r) => r.status !== 503)!];
      expect(firstDone.status).toBe(200);
      expect(firstDone.body.data.updateOrganizations.organizations).toEqual([{ id: 'org-a' }]);
      // The queued request ran only after the slot was freed, and then answered normally.
      expect(queued.status).toBe(200);
      expect(queued.at).toBeGreaterThanOrEqual(released);
      expect(queued.body.data.organizations).toEqual([{ id: 'org-a' }]);
      expect((await held).status).toBe(200);
    } finally {
      if (blocker.isOpen()) await blocker.rollback();
      await session.close();
      await busy.stop();
      await impatient.stop();
    }
  });

  it('returns errors without stack traces', async () => {
    const response = await gql(tokens.viewerA, '{ nope }');
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).not.toMatch(/stacktrace|at .*\.js:\d+/);
  });
});

describe('hostile input', () => {
  const strings = [
    `x"}) MATCH (n) DETACH DELETE n //`,
    `'; MATCH (n) DETACH DELETE n; //`,
    '$jwt.org',
    '{ __schema { types { name } } }',
    'mutation { deleteFrameworks { nodesDeleted } }',
    '"""\\u0000 \\" \\\\ \u{1F600} \u202e',
    '<script>alert(1)</script>',
  ];

  it('stores and returns injection strings verbatim and changes nothing else', async () => {
    const before = await graph.run('MATCH (n) RETURN count(n) AS n');
    const input = strings.map((name, i) => ({ id: `hostile-${i}`, name, purpose: name }));
    const created = await ok(
      tokens.editorA!,
      'mutation ($input: [SystemCreateInput!]!) { createSystems(input: $input) { systems { id name purpose } } }',
      { input },
    );
    expect(created.createSystems.systems).toHaveLength(strings.length);
    const read = await ok(
      tokens.viewerA!,
      'query ($names: [String!]) { systems(where: { name: { in: $names } }, sort: [{ id: ASC }]) { id name purpose } }',
      { names: strings },
    );
    expect(read.systems.map((s: { name: string }) => s.name)).toEqual(strings);
    expect(read.systems.map((s: { purpose: string }) => s.purpose)).toEqual(strings);
    const after = await graph.run('MATCH (n) RETURN count(n) AS n');
    expect(Number(after.records[0]?.get('n'))).toBe(Number(before.records[0]?.get('n')) + strings.length);
    // A hostile string as the org claim matches nothing.
    const hostileOrg = await mintToken(SECRET, { roles: ['viewer'], org: `org-a' OR 1=1 //` }, { ttlSeconds: 60 });
    expect((await ok(hostileOrg, '{ systems { id } }')).systems).toEqual([]);
  });
});
