/**
 * The three ways a benchmark asks a reuse question, with the same parameters each time:
 * - raw: the question's expanded Cypher (queries/cypher.ts) through the driver, parameters validated and
 *   defaulted the way the CLI does (no existence checks: those are extra round trips the API does not make);
 * - graphql: the API's executable schema (api/schema.ts) executed in this process with the context the
 *   server builds for a verified token (api/server.ts): @neo4j/graphql's translation and execution, no HTTP;
 * - http: POST /graphql with a bearer token to the API server (bench/api-server.ts, its own process):
 *   adds Express, authentication, Apollo's request pipeline, the cost and depth limits and JSON over TCP.
 */
import type { GraphQLSchema } from 'graphql';
import { DEFAULT_LIMITS } from '../api/config.ts';
import { fieldName, questionFields } from '../api/questions.ts';
import { SELECTIONS } from '../api/explorer/browser/selections.ts';
import { graphql } from '../api/graphql-runtime.ts';
import { shapeAnswer } from '../api/results.ts';
import type { Graph } from '../graph/connection.ts';
import { toJsonValue } from '../graph/values.ts';
import { cypher } from '../queries/cypher.ts';
import { validateParams } from '../queries/question.ts';
import { QUESTIONS } from '../queries/questions.ts';
import type { Tenant } from './generate.ts';

export type Way = 'raw' | 'graphql' | 'http';
export const WAYS: readonly Way[] = ['raw', 'graphql', 'http'];

/** The API's default page; every way asks for the same page so that they return the same result. */
const PAGE = 50;

/** Every way stops a question after the API's default transaction timeout, so none can run unbounded. */
export const QUESTION_TIMEOUT_MS = DEFAULT_LIMITS.timeoutMs;

/**
 * What is asked, by label (the question's name, or `question:variant` for a second way of asking it), with
 * its parameters (without org), chosen from the tenant deterministically.
 */
export function questionParams(tenant: Tenant): Record<string, Record<string, string | number>> {
  const [a, b] = tenant.frameworks as [string, string];
  const today = tenant.today;
  const params: Record<string, Record<string, string | number>> = {
    'evidence-covering-both': { frameworkA: a, frameworkB: b, today, first: PAGE },
    coverage: { framework: a, today, first: PAGE },
    reuse: { source: a, target: b, today, first: PAGE },
    gaps: { framework: a, today, first: PAGE },
    impact: { evidence: tenant.probe.evidence, today, first: PAGE },
    'impact:withinDays': { withinDays: 90, today, first: PAGE },
    explain: { requirement: tenant.probe.requirement, today },
    classify: { system: tenant.probe.system },
    obligations: { system: tenant.probe.system, today },
    soa: { framework: 'iso27001', today },
    search: { q: 'security incident', first: PAGE },
    readiness: { framework: 'iso42001', today },
    'overdue-actions': { today },
    'training-gaps': { today },
    'audit-plan': { framework: a, today, first: PAGE },
  };
  const unknown = QUESTIONS.filter((q) => !params[q.name]).map((q) => q.name);
  if (unknown.length) throw new Error(`bench/asking.ts has no parameters for the question(s) ${unknown.join(', ')}; add them`);
  return params;
}

/** The question a label asks. */
export const questionOf = (label: string): string => label.split(':')[0]!;

/** A GraphQL document asking one question with literal arguments (GraphQL string literals are JSON strings). */
export function graphqlDocument(question: string, params: Record<string, string | number>): string {
  const args = Object.entries(params)
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
    .join(', ');
  // Every field of the typed result (api/selections.ts), so all three ways return the whole answer.
  return `query Bench { ${fieldName(question)}(${args}) ${SELECTIONS[fieldName(question) as keyof typeof SELECTIONS]} }`;
}

export interface Asker {
  /** Asks once; resolves to the result (plain JSON) or throws. */
  ask(question: string): Promise<unknown>;
}

export function rawAsker(graph: Graph, tenant: Tenant): Asker {
  const params = questionParams(tenant);
  const specs = new Map(QUESTIONS.map((q) => [q.name, q.params]));
  return {
    async ask(question) {
      const q = QUESTIONS.find((x) => x.name === questionOf(question));
      // A question computed in TypeScript (obligations, classify) runs its own statements: its run() is the raw way.
      if (q?.computed) return shapeAnswer(q.name, toJsonValue(await q.run(graph, { ...params[question], org: tenant.org })), 0);
      const validated = validateParams(specs.get(questionOf(question)) ?? [], { ...params[question], org: tenant.org });
      const { records } = await graph.driver.executeQuery(cypher(questionOf(question)), validated, {
        database: graph.database,
        transactionConfig: { timeout: QUESTION_TIMEOUT_MS },
      });
      // In the clients' shape (api/results.ts), as the API answers.
      const result = toJsonValue(records[0]?.get('result'));
      return shapeAnswer(questionOf(question), result, typeof validated.offset === 'number' ? validated.offset : 0);
    },
  };
}

export function graphqlAsker(schema: GraphQLSchema, graph: Graph, tenant: Tenant): Asker {
  const params = questionParams(tenant);
  const served = new Set(questionFields().map((f) => f.question));
  const context = () => ({
    jwt: { roles: ['viewer'], org: tenant.org, sub: 'crosswalk-bench' },
    cypherParams: { org: tenant.org },
    sessionConfig: { database: graph.database },
    transaction: { timeout: QUESTION_TIMEOUT_MS, metadata: { app: 'crosswalk-bench' } },
  });
  return {
    async ask(question) {
      if (!served.has(questionOf(question))) throw new Error(`the API does not serve ${question}`);
      const result = await graphql.graphql({
        schema,
        source: graphqlDocument(questionOf(question), params[question]!),
        contextValue: context(),
      });
      if (result.errors?.length) throw new Error(`${question}: ${result.errors.map((e) => e.message).join('; ')}`);
      return (result.data as Record<string, unknown>)[fieldName(questionOf(question))];
    },
  };
}

export function httpAsker(url: string, token: string, tenant: Tenant, timeoutMs = 120_000): Asker {
  const params = questionParams(tenant);
  return {
    async ask(question) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: graphqlDocument(questionOf(question), params[question]!) }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const body = (await response.json()) as { data?: Record<string, unknown>; errors?: { message: string }[] };
      if (!response.ok || body.errors?.length) {
        throw new Error(`${question}: HTTP ${response.status} ${body.errors?.map((e) => e.message).join('; ') ?? ''}`);
      }
      return body.data?.[fieldName(questionOf(question))];
    },
  };
}
