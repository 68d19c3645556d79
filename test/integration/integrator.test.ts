/**
 * The six tasks of a GRC integration (issue 21), end to end through the real server with the typed client
 * generated from api/schema.graphql (examples/: graphql-codegen client preset). Expected answers worked
 * out by hand from the catalogs and the crosswalk: nis2:Art.21(2)(h) maps to iso27001:A.8.24 `equal`,
 * strength 9 (seeds/mappings/nis2__iso27001.csv), so a control fully implementing the NIS2 measure with
 * valid approved evidence meets A.8.24 by inheritance (one hop, strength >= 7).
 */
import fs from 'node:fs';
import path from 'node:path';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../graph/config.ts';
import { mintToken, type Role } from '../../api/auth.ts';
import { readApiOptions } from '../../api/config.ts';
import { startApiServer, type ApiServer } from '../../api/server.ts';
import type { Graph } from '../../graph/connection.ts';
import { client, GraphQLRequestError, type Client } from '../../examples/integrator/client.ts';
import {
  CoverageDocument,
  CreateControlDocument,
  CreateEvidenceDocument,
  CreateSystemDocument,
  EvidenceCoveringBothDocument,
  FrameworksDocument,
  listRequirements,
  RequirementDocument,
  RequirementSearchDocument,
} from '../../examples/integrator/tasks.ts';
import { seededGraph } from './helpers.ts';

const SECRET = 'test-secret-integrator-0123456789-0123456789';
const ORG = 'integrator-co';
const TODAY = '2026-11-22';
const ARTIFACTS = path.join(PROJECT_ROOT, 'test', 'artifacts');
let graph: Graph;
let server: ApiServer;

/** Every exchange, written to test/artifacts/integrator-responses.json (the README's examples come from it). */
const exchanges: { role: Role; operation: string; variables: unknown; data: unknown }[] = [];

const as = async (role: Role, org = ORG): Promise<Client> => {
  const inner = client(`${server.url}/graphql`, await mintToken(SECRET, { roles: [role], org }, { ttlSeconds: 600 }));
  return {
    async request(document, variables) {
      const data = await inner.request(document, variables);
      exchanges.push({ role, operation: print(document), variables, data });
      return data;
    },
  };
};

async function failure(promise: Promise<unknown>): Promise<GraphQLRequestError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GraphQLRequestError) return error;
    throw error;
  }
  throw new Error('expected a GraphQL error');
}

beforeAll(async () => {
  graph = await seededGraph({ demo: true });
  await graph.run("MERGE (o:Organization {id: $org}) SET o.name = 'Integrator Co'", { org: ORG });
  server = await startApiServer(graph, { port: 0, host: '127.0.0.1', api: { ...readApiOptions({}), auth: { secret: SECRET } } });
});
afterAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  fs.writeFileSync(path.join(ARTIFACTS, 'integrator-responses.json'), `${JSON.stringify(exchanges, null, 2)}\n`);
  await server?.stop();
  await graph?.run('MATCH (n {orgId: $org}) DETACH DELETE n', { org: ORG });
  await graph?.close();
});

describe('a GRC integration with the generated typed client', () => {
  it('1. lists frameworks, and requirements page by page in catalog order', async () => {
    const viewer = await as('viewer');
    const { frameworks } = await viewer.request(FrameworksDocument, {});
    expect(frameworks.map((f) => f.id)).toEqual(['eu-ai-act', 'gdpr', 'iso27001', 'iso42001', 'nis2', 'nis2-ir']);
    const { totalCount, refs } = await listRequirements(viewer, 'iso27001', 40);
    expect(totalCount).toBe(138);
    expect(refs).toHaveLength(138);
    expect(new Set(refs).size).toBe(138);
    // Natural order by `order`: A.5.2 before A.5.10 (text order would put A.5.10 first).
    expect(refs.indexOf('A.5.2')).toBeLessThan(refs.indexOf('A.5.10'));
    // Case-insensitive title filter.
    const { requirements } = await viewer.request(RequirementSearchDocument, { framework: 'iso27001', word: 'CRYPTOGRAPHY' });
    expect(requirements.map((r) => r.uid)).toContain('iso27001:A.8.24');
  });

  it('2. reads a requirement with its mappings and their properties', async () => {
    const viewer = await as('viewer');
    const { requirements } = await viewer.request(RequirementDocument, { uid: 'nis2:Art.21(2)(h)' });
    const [req] = requirements;
    expect(req?.framework[0]?.id).toBe('nis2');
    const toIso = req?.mapsToConnection.edges.find((e) => e.node.uid === 'iso27001:A.8.24');
    expect(toIso?.properties).toMatchObject({ relationship: 'equal', strength: 9, rationale: 'semantic' });
    expect(toIso?.properties.explanation).toContain('cryptography');
    expect(req?.mappedFromConnection.totalCount).toBeGreaterThanOrEqual(1); // nis2-ir:9 superset_of it
  });

  it('3. creates a system, a control implementing a requirement, evidence supporting it; orgId comes from the token', async () => {
    const editor = await as('editor');
    const { createSystems } = await editor.request(CreateSystemDocument, { id: 'sys-int', name: 'Integration chatbot' });
    expect(createSystems.systems).toEqual([{ id: 'sys-int', orgId: ORG, name: 'Integration chatbot', aiActRole: 'deployer' }]);
    const control = await editor.request(CreateControlDocument, {
      id: 'CTL-INT',
      name: 'Encryption of data at rest and in transit',
      system: 'sys-int',
      requirement: 'nis2:Art.21(2)(h)',
    });
    expect(control.createControls.controls).toEqual([{ id: 'CTL-INT', orgId: ORG, status: 'operating' }]);
    expect(control.addControlRequirement.implementsConnection.edges).toEqual([
      { node: { uid: 'nis2:Art.21(2)(h)' }, properties: { coverage: 'full', note: 'integration example' } },
    ]);
    const evidence = await editor.request(CreateEvidenceDocument, {
      id: 'EV-INT',
      title: 'Encryption configuration review 2026',
      validUntil: '2030-01-01',
      control: 'CTL-INT',
    });
    expect(evidence.createEvidence.evidence).toEqual([{ id: 'EV-INT', orgId: ORG, validUntil: '2030-01-01' }]);
    expect(evidence.addEvidenceControl.supports).toEqual([{ id: 'CTL-INT' }]);
  });

  it('3b. refuses what it cannot do, with a code and the reason', async () => {
    const editor = await as('editor');
    // A misspelled requirement uid or a control that does not exist: NOT_FOUND, nothing written.
    const typo = await failure(
      editor.request(CreateControlDocument, { id: 'CTL-INT2', name: 'x', system: 'sys-int', requirement: 'nis2:Art.21(2)(hh)' }),
    );
    expect(typo.code).toBe('NOT_FOUND');
    expect(typo.message).toContain('nis2:Art.21(2)(hh)');
    const missing = await failure(
      editor.request(CreateEvidenceDocument, { id: 'EV-INT2', title: 'x', validUntil: '2030-01-01', control: 'CTL-NOPE' }),
    );
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing.message).toContain('CTL-NOPE');
    // Another organization's control does not exist for this token.
    const foreign = await failure(
      editor.request(CreateEvidenceDocument, { id: 'EV-INT3', title: 'x', validUntil: '2030-01-01', control: 'CTL-01' }),
    );
    expect(foreign.code).toBe('NOT_FOUND');
    expect(foreign.message).toContain(`organization ${ORG}`);
    // A viewer writes nothing, and is told why.
    const viewer = await as('viewer');
    const refused = await failure(viewer.request(CreateSystemDocument, { id: 'sys-int-2', name: 'x' }));
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toContain(`roles viewer and the organization '${ORG}'`);
    expect(refused.message).toContain('editor or admin');
    // orgId is not an input: a client cannot name another organization.
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await mintToken(SECRET, { roles: ['editor'], org: ORG }, { ttlSeconds: 600 })}`,
      },
      body: JSON.stringify({
        query: 'mutation { createSystems(input: [{ id: "sys-x", name: "x", orgId: "demo" }]) { systems { id } } }',
      }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    // Mutation fields run one after the other, each in its own transaction (GraphQL's rule for mutations): the
    // control and evidence nodes created before the failing link stay, the links and the refused nodes do not.
    const { records } = await graph.run(
      `RETURN COUNT { (:Control {orgId: $org, id: 'CTL-INT2'})-[:IMPLEMENTS]->() } AS implements,
              COUNT { (:Evidence {orgId: $org})-[:SUPPORTS]->() } AS supports,
              COUNT { (n) WHERE n.id IN ['sys-int-2', 'sys-x'] } AS refused`,
      { org: ORG },
    );
    expect(Object.fromEntries(Object.entries(records[0]?.toObject() ?? {}).map(([k, v]) => [k, Number(v)]))).toEqual({
      implements: 0,
      supports: 1,
      refused: 0,
    });
    await graph.run("MATCH (n {orgId: $org}) WHERE n.id IN ['CTL-INT2', 'EV-INT2', 'EV-INT3'] DETACH DELETE n", { org: ORG });
  });

  it('4. asks coverage and reads typed statuses: direct in NIS2, inherited in ISO 27001', async () => {
    const viewer = await as('viewer');
    const nis2 = await viewer.request(CoverageDocument, { framework: 'nis2', today: TODAY, first: 500 });
    expect(nis2.coverage.today).toBe(TODAY);
    expect(nis2.coverage.totals.metDirect).toBe(1);
    const measure = nis2.coverage.requirements.edges.find((e) => e.node.uid === 'nis2:Art.21(2)(h)')?.node;
    expect(measure).toMatchObject({
      status: 'met',
      basis: 'direct',
      controls: [{ control: 'CTL-INT', coverage: 'full', validEvidence: ['EV-INT'] }],
    });
    const iso = await viewer.request(CoverageDocument, { framework: 'iso27001', today: TODAY, first: 500 });
    expect(iso.coverage.totals.metDirect).toBe(0);
    const a824 = iso.coverage.requirements.edges.find((e) => e.node.uid === 'iso27001:A.8.24')?.node;
    expect(a824).toMatchObject({
      status: 'met',
      basis: 'inherited',
      inherited: {
        source: 'nis2:Art.21(2)(h)',
        path: ['nis2:Art.21(2)(h)', 'iso27001:A.8.24'],
        relationships: ['equal'],
        strength: 9,
      },
    });
    // Paging: two pages of 60 are the first 120 of the whole list.
    const one = await viewer.request(CoverageDocument, { framework: 'iso27001', today: TODAY, first: 60 });
    const two = await viewer.request(CoverageDocument, {
      framework: 'iso27001',
      today: TODAY,
      first: 60,
      after: one.coverage.requirements.pageInfo.endCursor,
    });
    expect([...one.coverage.requirements.edges, ...two.coverage.requirements.edges].map((e) => e.node.uid)).toEqual(
      iso.coverage.requirements.edges.slice(0, 120).map((e) => e.node.uid),
    );
    // An unknown framework is an error naming it, not a null.
    const unknown = await failure(viewer.request(CoverageDocument, { framework: 'iso9001' }));
    expect(unknown.code).toBe('NOT_FOUND');
    expect(unknown.extensions).toMatchObject({ kind: 'framework', name: 'iso9001' });
  });

  it('5. asks evidenceCoveringBoth and reads how the evidence reaches each framework', async () => {
    const viewer = await as('viewer');
    const { evidenceCoveringBoth: answer } = await viewer.request(EvidenceCoveringBothDocument, {
      a: 'nis2',
      b: 'iso27001',
      today: TODAY,
      first: 10,
    });
    expect(answer.evidence.totalCount).toBe(1);
    const [item] = answer.evidence.edges.map((e) => e.node);
    expect(item?.evidence).toEqual({
      id: 'EV-INT',
      title: 'Encryption configuration review 2026',
      validUntil: '2030-01-01',
      valid: true,
    });
    expect(item?.controls).toEqual(['CTL-INT']);
    expect(item?.a).toEqual([{ requirement: { uid: 'nis2:Art.21(2)(h)' }, reach: 'direct', path: ['nis2:Art.21(2)(h)'] }]);
    expect(item?.b).toContainEqual({
      requirement: { uid: 'iso27001:A.8.24' },
      reach: 'inherited',
      path: ['nis2:Art.21(2)(h)', 'iso27001:A.8.24'],
    });
  });
});
