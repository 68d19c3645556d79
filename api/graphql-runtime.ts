/**
 * The one `graphql` instance. graphql 16 ships a CommonJS build (main) and an ESM build (module); Node
 * loads the CommonJS one for @neo4j/graphql, Apollo and graphql-query-complexity, but bundler-style
 * resolvers (vitest) pick the ESM one for our own imports, and graphql's `instanceof` checks then fail
 * ("Cannot use GraphQLObjectType from another module or realm"). Requiring it pins the shared instance.
 */
import { createRequire } from 'node:module';

export const graphql = createRequire(import.meta.url)('graphql') as typeof import('graphql');

/** graphql-query-complexity's ESM build imports graphql's ESM build; its CommonJS build shares ours. */
export const queryComplexity = createRequire(import.meta.url)(
  'graphql-query-complexity',
) as typeof import('graphql-query-complexity');
