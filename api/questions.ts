/**
 * The reuse questions as top-level GraphQL Query fields, generated from the same definitions the CLI uses
 * (queries/questions.ts: name, summary, parameter specs). Each field's @cypher statement is the text of
 * queries/<name>.cypher, inlined at schema-build time (never copied), so the API, the CLI and the tests ask
 * the same question.
 *
 * The organization is never an argument: the server puts the caller's `org` claim into the query
 * parameters (`cypherParams: { org }`, api/server.ts), so `$org` in the file is always the caller's own.
 * Arguments are checked against the question's specs (bounds such as maxDepth <= 5, allowed values) by
 * api/limits.ts before anything runs; `first` defaults to 50 and may not exceed 500.
 *
 * A computed question (queries/question.ts defineComputedQuestion: rules evaluated in TypeScript over what
 * its .cypher file reads, e.g. classify and obligations) becomes a plain JSON field with a resolver
 * (questionResolvers) that runs the question itself, with the organization again taken from the token
 * (`context.cypherParams.org`, ORG_PARAM) and never from an argument.
 *
 * Adding a question: add it to queries/questions.ts (with its .cypher file) and run `npm run schema:print`.
 * Results are returned as JSON (shapes: queries/<name>.ts and queries/README.md).
 */
import fs from 'node:fs';
import neo4j, { type Driver } from 'neo4j-driver';
import type { GraphQLScalarType } from 'graphql';
import { toJsonValue } from '../graph/values.ts';
import { cypher, cypherFile } from '../queries/cypher.ts';
import { QueryParameterError, validateParams, type ParamSpec, type ParamType, type Runner } from '../queries/question.ts';
import { QUESTIONS } from '../queries/questions.ts';
import { apiError, ErrorCode } from './errors.ts';
import { graphql } from './graphql-runtime.ts';
import { DEFAULT_PAGE, MAX_PAGE } from './paging.ts';

/** The claim-bound parameter: set by the server, never accepted from the client. */
export const ORG_PARAM = 'org';

const GRAPHQL_TYPES: Record<ParamType, string> = {
  string: 'String',
  // Dates as YYYY-MM-DD strings: the question's own validation checks the format, Cypher's date() parses.
  date: 'String',
  int: 'Int',
  bool: 'Boolean',
  strings: '[String!]',
};

export interface QuestionField {
  question: string;
  field: string;
  /** The specs of the arguments the client may pass (all but `org`). */
  params: ParamSpec[];
  /** Served by a resolver (questionResolvers) instead of a @cypher statement. */
  computed: boolean;
}

export const fieldName = (question: string): string => question.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** The questions the API serves: every registered question whose .cypher file exists. */
export function questionFields(): QuestionField[] {
  return QUESTIONS.filter((q) => fs.existsSync(cypherFile(q.name))).map((q) => ({
    question: q.name,
    field: fieldName(q.name),
    params: q.params.filter((p) => p.name !== ORG_PARAM),
    computed: q.computed === true,
  }));
}

/**
 * The text as a GraphQL string literal: a block string ("""...""", readable in the printed schema) when
 * it survives the round trip unchanged (block strings escape only `"""` and strip common indentation),
 * otherwise a regular string with JSON escapes, which is always exact.
 */
export function graphqlString(text: string): string {
  const block = `"""\n${text.replace(/"""/g, '\\"""')}\n"""`;
  try {
    const parsed = graphql.parseValue(block);
    if (parsed.kind === graphql.Kind.STRING && parsed.value === text) return block;
  } catch {
    // fall through to the always-exact form
  }
  return JSON.stringify(text);
}

function argument(spec: ParamSpec): string {
  const description = `${JSON.stringify(spec.description)} `;
  if (spec.name === 'first') return `"page size (default ${DEFAULT_PAGE}, at most ${MAX_PAGE})" first: Int = ${DEFAULT_PAGE}`;
  const type = GRAPHQL_TYPES[spec.type];
  // Optional arguments default to null so that every parameter the Cypher names is always passed.
  return `${description}${spec.name}: ${type}${spec.required ? '!' : ' = null'}`;
}

/** The `scalar JSON` and `type Query { ... }` blocks (typeDefs.graphql declares no Query type of its own) for the served questions. */
export function questionTypeDefs(fields: QuestionField[] = questionFields()): string {
  if (!fields.length) return '';
  const summaries = new Map(QUESTIONS.map((q) => [q.name, q.summary]));
  const blocks = fields.map((f) => {
    const args = f.params.map(argument).join(', ');
    if (f.computed) {
      return [
        `  ${JSON.stringify(`${summaries.get(f.question) ?? f.question} (queries/${f.question}.ts over queries/${f.question}.cypher; the organization is the caller's)`)}`,
        `  ${f.field}${args ? `(${args})` : ''}: JSON`,
      ].join('\n');
    }
    const text = cypher(f.question).trim();
    return [
      `  ${JSON.stringify(`${summaries.get(f.question) ?? f.question} (queries/${f.question}.cypher; the organization is the caller's)`)}`,
      `  ${f.field}${args ? `(${args})` : ''}: JSON`,
      `    @cypher(`,
      `      columnName: "result"`,
      `      statement: ${graphqlString(text).replace(/\n/g, '\n      ')}`,
      `    )`,
    ].join('\n');
  });
  return [
    '"A question\'s result as JSON: see queries/<name>.ts for its shape. Dates are YYYY-MM-DD strings."',
    'scalar JSON',
    '',
    'type Query {',
    ...blocks,
    '}',
    '',
  ].join('\n');
}

interface QuestionContext {
  cypherParams?: { [ORG_PARAM]?: string | null };
  sessionConfig?: { database?: string };
  transaction?: { timeout?: number; metadata?: Record<string, unknown> };
}

/**
 * Resolvers of the computed questions: each runs the question (validation, existence checks, its Cypher
 * and rules) in read transactions on the server's driver, for the organization of the caller's token.
 */
export function questionResolvers(
  driver?: Driver,
): Record<string, (root: unknown, args: Record<string, unknown>, context: QuestionContext) => Promise<unknown>> {
  const resolvers: Record<string, (root: unknown, args: Record<string, unknown>, context: QuestionContext) => Promise<unknown>> =
    {};
  for (const field of questionFields().filter((f) => f.computed)) {
    const question = QUESTIONS.find((q) => q.name === field.question);
    if (!question) continue;
    resolvers[field.field] = async (_root, args, context) => {
      if (!driver) throw new Error(`${field.field} needs a database (the schema was built without a driver)`);
      const runner: Runner = {
        run: (statement, params = {}) =>
          driver.executeQuery(statement, params, {
            database: context.sessionConfig?.database,
            routing: neo4j.routing.READ,
            transactionConfig: { timeout: context.transaction?.timeout, metadata: context.transaction?.metadata },
          }) as never,
      };
      try {
        // The token's organization wins over anything in args (GraphQL has no org argument to pass anyway).
        return await question.run(runner, { ...args, [ORG_PARAM]: context.cypherParams?.[ORG_PARAM] ?? null });
      } catch (error) {
        if (error instanceof QueryParameterError) {
          throw apiError(ErrorCode.BAD_USER_INPUT, `${field.field}: ${error.message}`, error.hint ? { hint: error.hint } : {});
        }
        throw error;
      }
    };
  }
  return resolvers;
}

/** Checks a question field's arguments with the question's own specs; returns the message when invalid. */
export function invalidQuestionArgs(field: QuestionField, args: Record<string, unknown>): string | undefined {
  const first = args.first;
  if (typeof first === 'number' && (first < 0 || first > MAX_PAGE))
    return `${field.field}: first must be between 0 and ${MAX_PAGE}`;
  try {
    validateParams(field.params, args);
    return undefined;
  } catch (error) {
    const hint = (error as { hint?: string }).hint;
    return `${field.field}: ${(error as Error).message}${hint ? ` (${hint})` : ''}`;
  }
}

export const JSONScalar: GraphQLScalarType = new graphql.GraphQLScalarType({
  name: 'JSON',
  description: 'Arbitrary JSON (question results).',
  serialize: toJsonValue,
  parseValue: (value) => value,
});
