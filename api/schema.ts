/** Builds the executable GraphQL schema from api/typeDefs.graphql with @neo4j/graphql. */
import fs from 'node:fs';
import path from 'node:path';
import { Neo4jGraphQL } from '@neo4j/graphql';
import type { GraphQLSchema } from 'graphql';
import type { Driver } from 'neo4j-driver';
import { PROJECT_ROOT } from '../graph/config.ts';

export const TYPE_DEFS_FILE = path.join(PROJECT_ROOT, 'api', 'typeDefs.graphql');

export function readTypeDefs(): string {
  return fs.readFileSync(TYPE_DEFS_FILE, 'utf8');
}

export async function buildSchema(driver: Driver): Promise<GraphQLSchema> {
  const neoSchema = new Neo4jGraphQL({
    typeDefs: readTypeDefs(),
    driver,
    features: { excludeDeprecatedFields: { mutationOperations: true, aggregationFilters: true, relationshipFilters: true, attributeFilters: true } },
  });
  return neoSchema.getSchema();
}
