/**
 * Builds the executable GraphQL schema: api/typeDefs.graphql plus the reuse questions generated from
 * queries/*.cypher (api/questions.ts), compiled by @neo4j/graphql.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Neo4jGraphQL } from '@neo4j/graphql';
import type { GraphQLSchema } from 'graphql';
import type { Driver } from 'neo4j-driver';
import { PROJECT_ROOT } from '../graph/config.ts';
import { graphql } from './graphql-runtime.ts';
import { apiError, ErrorCode } from './errors.ts';
import { linkTypeDefs } from './links.ts';
import { mappingReviewResolvers } from './mapping-review.ts';
import { questionResolvers, questionTypeDefs } from './questions.ts';
import { questionSelections } from './selections.ts';

const UNUSED_KEY = randomBytes(32).toString('hex');

export const TYPE_DEFS_FILE = path.join(PROJECT_ROOT, 'api', 'typeDefs.graphql');
/** The result types of the questions (hand-written; api/results.ts shapes the answers into them). */
export const QUESTION_TYPES_FILE = path.join(PROJECT_ROOT, 'api', 'question-types.graphql');
/** The generated SDL as clients see it; `npm run schema:print` rewrites it, a test fails when it drifts. */
export const PRINTED_SCHEMA_FILE = path.join(PROJECT_ROOT, 'api', 'schema.graphql');

/** The complete type definitions: the hand-written file, the generated question fields and link mutations. */
export function readTypeDefs(): string {
  return [
    fs.readFileSync(TYPE_DEFS_FILE, 'utf8'),
    fs.readFileSync(QUESTION_TYPES_FILE, 'utf8'),
    questionTypeDefs(),
    linkTypeDefs(),
  ].join('\n');
}

/**
 * `orgId @populatedBy(callback: "org")`: every organization-side node gets the caller's organization on
 * create, so a client cannot even name another one; a token without an organization creates nothing.
 */
function callerOrganization(_parent: unknown, _args: unknown, context: { jwt?: Record<string, unknown> }): string {
  const org = context.jwt?.org;
  if (typeof org !== 'string' || !org) {
    throw apiError(ErrorCode.FORBIDDEN, 'Your token names no organization ("org" claim): it cannot create organization data.');
  }
  return org;
}

/** A driver is optional so that the schema can be printed without a database. */
export async function buildSchema(driver?: Driver): Promise<GraphQLSchema> {
  const neoSchema = new Neo4jGraphQL({
    typeDefs: readTypeDefs(),
    resolvers: { Query: questionResolvers(driver), Mutation: mappingReviewResolvers(driver) },
    ...(driver ? { driver } : {}),
    features: {
      excludeDeprecatedFields: {
        mutationOperations: true,
        aggregationFilters: true,
        aggregationFiltersOutsideConnection: true,
        relationshipFilters: true,
        attributeFilters: true,
      },
      // Puts `complexity` extensions on the generated fields; api/limits.ts reads them (see there).
      complexityEstimators: true,
      populatedBy: { callbacks: { org: callerOrganization } },
      // `where: { title: { caseInsensitive: { contains: "incident" } } }` on every String field.
      filters: { String: { CASE_INSENSITIVE: true } },
      // The server verifies every token itself (api/auth.ts) and hands the library the verified claims as
      // `context.jwt`, which takes precedence; this key is never used, it only declares that auth is on.
      authorization: { key: UNUSED_KEY },
    },
  });
  return neoSchema.getSchema();
}

/** The SDL clients see, sorted so that the printed file only changes when the schema does. */
export async function printedSchema(): Promise<string> {
  const header = '# Generated from api/typeDefs.graphql and queries/*.cypher by `npm run schema:print`. Do not edit.\n\n';
  return `${header}${graphql.printSchema(graphql.lexicographicSortSchema(await buildSchema()))}\n`;
}

/** The explorer's question selections (api/selections.ts), as the file `npm run schema:print` writes. */
export const SELECTIONS_FILE = path.join(PROJECT_ROOT, 'api', 'explorer', 'browser', 'selections.ts');

export async function explorerSelections(): Promise<string> {
  const selections = questionSelections(await buildSchema());
  const lines = Object.entries(selections).map(([field, selection]) => `  ${field}:\n    ${JSON.stringify(selection)},`);
  const text = [
    '// Generated from api/question-types.graphql by `npm run schema:print` (api/selections.ts). Do not edit.',
    "/** Every field of each question's result: the explorer asks with these, so it reads the typed results whole. */",
    'export const SELECTIONS = {',
    ...lines,
    '} as const;',
    '',
  ].join('\n');
  // Formatted as the repository's prettier would (a dev tool: only `schema:print` and its drift test come here).
  const prettier = await import('prettier');
  return prettier.format(text, { ...(await prettier.resolveConfig(SELECTIONS_FILE)), filepath: SELECTIONS_FILE });
}
