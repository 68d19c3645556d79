/** The API server end to end over HTTP against the real Neo4j. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiServer, type ApiServer } from '../api/server.ts';
import type { Graph } from '../graph/connection.ts';
import { seededGraph } from './helpers.ts';

let graph: Graph;
let server: ApiServer;
beforeAll(async () => {
  graph = await seededGraph();
  server = await startApiServer(graph, { port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await server.stop();
  await graph.close();
});

describe('HTTP endpoints', () => {
  it('GET /health reports the process and the database state', async () => {
    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.status).toBe('ok');
    expect(body.database.reachable).toBe(true);
    expect(body.database.schemaVersion).toBe(body.database.expectedSchemaVersion);
  });

  it('GET /ready answers 200 once the schema is applied', async () => {
    const response = await fetch(`${server.url}/ready`);
    expect(response.status).toBe(200);
    expect((await response.json()).ready).toBe(true);
  });

  it('POST /graphql reads the seeded catalogs', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `{ requirements(where: { uid: { eq: "nis2:Art.21(2)(h)" } }) { uid title mapsTo { uid } } }`,
      }),
    });
    const body = await response.json();
    expect(body.errors).toBeUndefined();
    const [requirement] = body.data.requirements;
    expect(requirement.uid).toBe('nis2:Art.21(2)(h)');
    expect(requirement.mapsTo.map((r: { uid: string }) => r.uid)).toContain('iso27001:A.8.24');
  });
});
