/**
 * Every field of a question's result type as a GraphQL selection set: what `crosswalk query NAME --json`
 * prints is the GraphQL answer with this selection (the tests compare the two), and the explorer asks with
 * it (api/explorer/browser/selections.ts, written by `npm run schema:print`). Result types have no cycles.
 */
import type { GraphQLObjectType, GraphQLSchema } from 'graphql';
import { graphql } from './graphql-runtime.ts';
import { fieldName, questionFields } from './questions.ts';

export function fullSelection(type: GraphQLObjectType, depth = 0): string {
  if (depth > 12) throw new Error(`${type.name}: result types nest too deep (a cycle?)`);
  const fields = Object.values(type.getFields()).map((field) => {
    const named = graphql.getNamedType(field.type);
    return graphql.isObjectType(named) ? `${field.name} ${fullSelection(named, depth + 1)}` : field.name;
  });
  return `{ ${fields.join(' ')} }`;
}

/** The full selection of each question field, by field name (coverage, evidenceCoveringBoth, ...). */
export function questionSelections(schema: GraphQLSchema): Record<string, string> {
  const query = schema.getQueryType();
  const selections: Record<string, string> = {};
  for (const { question } of questionFields()) {
    const field = query?.getFields()[fieldName(question)];
    const named = field ? graphql.getNamedType(field.type) : undefined;
    if (!named || !graphql.isObjectType(named)) throw new Error(`question ${question} has no object result type`);
    selections[field?.name ?? question] = fullSelection(named);
  }
  return selections;
}
