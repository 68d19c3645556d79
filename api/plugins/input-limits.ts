/**
 * Bounds on what a request may ask, checked once the operation and its variables are known and before
 * anything reaches the database:
 * - page sizes: `limit` and `first` are 1..maxPage (`limit: 0` would switch @neo4j/graphql's @limit cap
 *   off; a negative one reached the database as an internal error), `offset` is 0..maxOffset;
 * - the shape of every argument value: a `where` filter of 300 nested `NOT`s, or an `OR` of thousands of
 *   branches, overflows the database's parser and holds a connection for minutes, so filters and inputs
 *   have a maximum nesting depth and a maximum number of values.
 * Violations answer 400 with BAD_USER_INPUT and the path of the offending argument.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { DocumentNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import { apiError, ErrorCode } from '../errors.ts';
import { graphql } from '../graphql-runtime.ts';

const { getArgumentValues, getVariableValues, TypeInfo, visit, visitWithTypeInfo } = graphql;

export interface InputLimitsOptions {
  /** Largest `limit`/`first` (the @limit max of every type). */
  maxPage: number;
  /** Largest `offset`. */
  maxOffset: number;
  /** Deepest nesting of objects and lists inside one argument value. */
  maxInputDepth: number;
  /** Most values (objects, list items and scalars) inside one argument value. */
  maxInputValues: number;
}

export const DEFAULT_INPUT_LIMITS: Omit<InputLimitsOptions, 'maxPage'> = {
  maxOffset: 100_000,
  maxInputDepth: 12,
  maxInputValues: 2_000,
};

/** Depth and number of values of a coerced argument value. */
function measure(value: unknown, depth = 0): { depth: number; values: number } {
  if (value === null || typeof value !== 'object') return { depth, values: 1 };
  const children = Array.isArray(value) ? value : Object.values(value);
  let deepest = depth + 1;
  let values = 1;
  for (const child of children) {
    const m = measure(child, depth + 1);
    deepest = Math.max(deepest, m.depth);
    values += m.values;
  }
  return { depth: deepest, values };
}

function bad(message: string, field: string): Error {
  return apiError(ErrorCode.BAD_USER_INPUT, message, { field });
}

/** Throws BAD_USER_INPUT for the first argument of the operation that is out of bounds. */
export function checkInputLimits(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  rawVariables: Record<string, unknown>,
  options: InputLimitsOptions,
): void {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables, { maxErrors: 1 });
  // Variables that do not coerce are GraphQL's own error to report, in its own words.
  if ('errors' in coerced && coerced.errors) return;
  const variables = coerced.coerced;
  const typeInfo = new TypeInfo(schema);
  const path: string[] = [];
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field: {
        enter(node) {
          path.push(node.alias?.value ?? node.name.value);
          const field = typeInfo.getFieldDef();
          if (!field || !node.arguments?.length) return;
          const args = getArgumentValues(field, node, variables);
          const at = path.join('.');
          for (const [name, value] of Object.entries(args)) {
            if ((name === 'limit' || name === 'first') && value !== null && value !== undefined) {
              if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > options.maxPage) {
                throw bad(`${at}: ${name} must be between 1 and ${options.maxPage} (was ${String(value)})`, at);
              }
            }
            if (name === 'offset' && typeof value === 'number' && (value < 0 || value > options.maxOffset)) {
              throw bad(`${at}: offset must be between 0 and ${options.maxOffset} (was ${value})`, at);
            }
            const size = measure(value);
            if (size.depth > options.maxInputDepth) {
              throw bad(
                `${at}: argument ${name} is nested ${size.depth} levels deep; at most ${options.maxInputDepth} are allowed`,
                at,
              );
            }
            if (size.values > options.maxInputValues) {
              throw bad(`${at}: argument ${name} holds ${size.values} values; at most ${options.maxInputValues} are allowed`, at);
            }
          }
        },
        leave() {
          path.pop();
        },
      },
      // Fragments are visited where they are defined; their fields count like any other.
      FragmentDefinition: { enter: () => void path.push('...'), leave: () => void path.pop() },
    }),
  );
}

/** The Apollo plugin: checks every operation once it is resolved, before execution. */
export function inputLimitsPlugin(options: InputLimitsOptions): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (operation) checkInputLimits(schema, document, operation, request.variables ?? {}, options);
        },
      };
    },
  };
}
