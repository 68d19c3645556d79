/**
 * The reuse questions as top-level GraphQL Query fields, generated from the same definitions the CLI uses
 * (queries/questions.ts: name, summary, parameter specs). Every field is resolved by running the question
 * (validation, existence checks, queries/<name>.cypher and its rules) and shaping the answer into its typed
 * result (api/results.ts, types in api/question-types.graphql), the same shaping `crosswalk query --json`
 * prints, so the API, the CLI and the tests ask the same question and get the same shape.
 *
 * The organization is never an argument: the resolver takes it from the caller's token
 * (`context.cypherParams.org`, ORG_PARAM, set by api/server.ts). Arguments are checked against the
 * question's specs (bounds such as maxDepth <= 5, allowed values) by api/limits.ts before anything runs.
 * Paging is Relay-style: `first` (default 50, at most 500) and `after` (a cursor from the answer's
 * connection), which the resolver turns into the Cypher's `$offset`. A name that does not exist is a
 * NOT_FOUND error naming it; any other bad parameter is BAD_USER_INPUT.
 *
 * Adding a question: add it to queries/questions.ts (with its .cypher file), its result type to
 * api/question-types.graphql and its shaper to api/results.ts, then run `npm run schema:print`.
 */
import fs from 'node:fs';
import neo4j, { type Driver } from 'neo4j-driver';
import { cypherFile } from '../queries/cypher.ts';
import {
  NotFoundError,
  QueryParameterError,
  validateParams,
  type ParamSpec,
  type ParamType,
  type Runner,
} from '../queries/question.ts';
import { QUESTIONS } from '../queries/questions.ts';
import { apiError, ErrorCode } from './errors.ts';
import { DEFAULT_PAGE, MAX_PAGE } from './paging.ts';
import { answer, offsetAfter, resultType } from './results.ts';

/** The claim-bound parameter: set by the server, never accepted from the client. */
export const ORG_PARAM = 'org';

const GRAPHQL_TYPES: Record<ParamType, string> = {
  string: 'String',
  date: 'Date',
  int: 'Int',
  bool: 'Boolean',
  strings: '[String!]',
};

export interface QuestionField {
  question: string;
  field: string;
  /** The specs of the arguments the client may pass (all but `org`). */
  params: ParamSpec[];
}

/** Arguments whose values are one of the result enums. */
const ENUM_ARGUMENTS: Record<string, string> = { statuses: '[CoverageStatus!]', kinds: '[SearchKind!]' };

export const fieldName = (question: string): string => question.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** The questions the API serves: every registered question whose .cypher file exists. */
export function questionFields(): QuestionField[] {
  return QUESTIONS.filter((q) => fs.existsSync(cypherFile(q.name))).map((q) => ({
    question: q.name,
    field: fieldName(q.name),
    params: q.params.filter((p) => p.name !== ORG_PARAM),
  }));
}

function argument(spec: ParamSpec): string {
  const description = `${JSON.stringify(spec.description)} `;
  if (spec.name === 'first') return `"page size (default ${DEFAULT_PAGE}, at most ${MAX_PAGE})" first: Int = ${DEFAULT_PAGE}`;
  if (spec.name === 'offset')
    return '"the cursor after which the page starts (pageInfo.endCursor of the previous page)" after: String = null';
  const type = ENUM_ARGUMENTS[spec.name] ?? GRAPHQL_TYPES[spec.type];
  // Optional arguments default to null so that every parameter the question names is always passed.
  return `${description}${spec.name}: ${type}${spec.required ? '!' : ' = null'}`;
}

/** The `type Query { ... }` block (typeDefs.graphql declares no Query type of its own) for the served questions. */
export function questionTypeDefs(fields: QuestionField[] = questionFields()): string {
  if (!fields.length) return '';
  const summaries = new Map(QUESTIONS.map((q) => [q.name, q.summary]));
  const blocks = fields.map((f) => {
    const args = f.params.map(argument).join(', ');
    return [
      `  ${JSON.stringify(`${summaries.get(f.question) ?? f.question} (queries/${f.question}.ts over queries/${f.question}.cypher; the organization is the caller's)`)}`,
      `  ${f.field}${args ? `(${args})` : ''}: ${resultType(f.question)}!`,
    ].join('\n');
  });
  return ['type Query {', ...blocks, '}', ''].join('\n');
}

/** GraphQL arguments to the question's own parameters: `after` to `offset`, Date values to YYYY-MM-DD. */
export function questionParams(args: Record<string, unknown>): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(args)) {
    if (name === 'after') params.offset = typeof value === 'string' ? offsetAfter(value) : null;
    else if (neo4j.isDate(value)) params[name] = value.toString();
    else params[name] = value;
  }
  return params;
}

interface QuestionContext {
  cypherParams?: { [ORG_PARAM]?: string | null };
  sessionConfig?: { database?: string };
  transaction?: { timeout?: number; metadata?: Record<string, unknown> };
}

/**
 * Resolvers of the question fields: each runs the question in read transactions on the server's driver,
 * for the organization of the caller's token, and shapes the answer (api/results.ts).
 */
export function questionResolvers(
  driver?: Driver,
): Record<string, (root: unknown, args: Record<string, unknown>, context: QuestionContext) => Promise<unknown>> {
  const resolvers: Record<string, (root: unknown, args: Record<string, unknown>, context: QuestionContext) => Promise<unknown>> =
    {};
  for (const field of questionFields()) {
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
        return await answer(question, runner, {
          ...questionParams(args),
          [ORG_PARAM]: context.cypherParams?.[ORG_PARAM] ?? null,
        });
      } catch (error) {
        if (error instanceof NotFoundError) {
          throw apiError(ErrorCode.NOT_FOUND, `${field.field}: ${error.message}`, {
            kind: error.kind,
            name: error.value,
            ...(error.hint ? { hint: error.hint } : {}),
          });
        }
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
    validateParams(field.params, questionParams(args));
    return undefined;
  } catch (error) {
    const hint = (error as { hint?: string }).hint;
    return `${field.field}: ${(error as Error).message}${hint ? ` (${hint})` : ''}`;
  }
}
