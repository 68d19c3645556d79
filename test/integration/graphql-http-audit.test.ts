/**
 * GraphQL over HTTP conformance: graphql-http's `serverAudits` (the GraphQL-over-HTTP working group's
 * audit suite) against the real server, with a viewer token. Every MUST and every SHOULD has to pass; a
 * MAY is reported, not required.
 */
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken } from '../../api/auth.ts';
import { readApiOptions } from '../../api/config.ts';
import { startApiServer, type ApiServer } from '../../api/server.ts';
import type { Graph } from '../../graph/connection.ts';
import { testGraph } from './helpers.ts';

const SECRET = 'test-secret-http-audit-0123456789-0123456789';
let graph: Graph;
let server: ApiServer;
let token: string;

beforeAll(async () => {
  graph = await testGraph();
  server = await startApiServer(graph, { port: 0, host: '127.0.0.1', api: { ...readApiOptions({}), auth: { secret: SECRET } } });
  token = await mintToken(SECRET, { roles: ['viewer'], org: 'http-audit' }, { ttlSeconds: 600 });
});
afterAll(async () => {
  await server?.stop();
  await graph?.close();
});

describe('graphql-http serverAudits', () => {
  it('passes every MUST and SHOULD', async () => {
    const audits = serverAudits({
      url: () => `${server.url}/graphql`,
      fetchFn: (input: RequestInfo | URL, init?: RequestInit) => {
        const headers = new Headers(init?.headers);
        headers.set('authorization', `Bearer ${token}`);
        return fetch(input, { ...init, headers });
      },
    });
    const results = await Promise.all(audits.map(async (audit) => ({ name: audit.name, result: await audit.fn() })));
    const level = (name: string) => name.split(' ')[0];
    const failed = results.filter((r) => r.result.status !== 'ok' && level(r.name) !== 'MAY');
    const counts = (l: string) => {
      const all = results.filter((r) => level(r.name) === l);
      return `${all.filter((r) => r.result.status === 'ok').length}/${all.length}`;
    };
    console.info(`graphql-http audits: MUST ${counts('MUST')}, SHOULD ${counts('SHOULD')}, MAY ${counts('MAY')}`);
    expect(
      failed.map((r) => `${r.name}: ${r.result.status === 'ok' ? '' : r.result.reason}`),
      'failed audits',
    ).toEqual([]);
    expect(results.filter((r) => level(r.name) === 'MUST').length).toBeGreaterThanOrEqual(13);
    expect(results.filter((r) => level(r.name) === 'SHOULD').length).toBeGreaterThanOrEqual(23);
  }, 120_000);

  it('answers a syntax error with 400 GRAPHQL_PARSE_FAILED (200 for clients accepting only application/json)', async () => {
    const ask = async (accept?: string) => {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...(accept ? { accept } : {}) },
        body: JSON.stringify({ query: '{ frameworks { id ' }),
      });
      const body = (await response.json()) as { data?: unknown; errors: { extensions: { code: string } }[] };
      return { status: response.status, code: body.errors[0]?.extensions.code, data: body.data };
    };
    expect(await ask()).toEqual({ status: 400, code: 'GRAPHQL_PARSE_FAILED', data: undefined });
    expect(await ask('application/graphql-response+json')).toEqual({
      status: 400,
      code: 'GRAPHQL_PARSE_FAILED',
      data: undefined,
    });
    expect(await ask('application/json')).toEqual({ status: 200, code: 'GRAPHQL_PARSE_FAILED', data: undefined });
  });
});
