/**
 * What a single request may cost: depth, aliases and tokens (graphql-armor, checked while validating) and
 * an estimated cost (graphql-query-complexity, checked once the operation and its variables are known).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLField, ValidationRule } from 'graphql';
import type { ComplexityEstimator } from 'graphql-query-complexity';
import type { ApiLimits } from './config.ts';
import { graphql, queryComplexity } from './graphql-runtime.ts';
import { apiError, ErrorCode } from './errors.ts';
import { DEFAULT_PAGE, MAX_PAGE } from './paging.ts';
import { invalidQuestionArgs, questionFields } from './questions.ts';

const { getNamedType, getNullableType, isListType, isObjectType } = graphql;
const { fieldExtensionsEstimator, getComplexity, simpleEstimator } = queryComplexity;

/** A reuse question (a top-level @cypher field) walks many paths: priced like a full page of rows. */
export const QUESTION_COST = 1_000;

function isConnection(field: GraphQLField<unknown, unknown>): boolean {
  const type = getNamedType(field.type);
  return isObjectType(type) && 'edges' in type.getFields() && 'pageInfo' in type.getFields();
}

/**
 * Cost = rows a query may touch. A field that returns a page of nodes (a list of objects, or a
 * `...Connection`) costs 1 + rows × cost of one row, where rows is its `limit`/`first` argument or, when
 * absent, the default page: @neo4j/graphql's own estimator (complexityEstimators) assumes ONE row when no
 * limit is given, which would let `{ requirements { mapsTo { mapsTo { uid } } } }` through unpriced.
 * `edges` is not multiplied again (its connection already was).
 */
export const pageEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  const listOfObjects = isListType(getNullableType(field.type)) && isObjectType(getNamedType(field.type));
  if (field.name === 'edges' || (!listOfObjects && !isConnection(field))) return undefined;
  const requested = Number(args.limit ?? args.first ?? DEFAULT_PAGE);
  const rows = Math.min(Math.max(Number.isFinite(requested) ? requested : DEFAULT_PAGE, 1), MAX_PAGE);
  return 1 + rows * Math.max(childComplexity, 1);
};

/**
 * The reuse questions' arguments are checked with the questions' own specs (maxDepth <= 5, allowed values,
 * first <= 500) before the operation runs; a question costs QUESTION_COST.
 */
function questionEstimator(): ComplexityEstimator {
  const fields = new Map(questionFields().map((f) => [f.field, f]));
  return ({ type, field, args }) => {
    const question = type.name === 'Query' ? fields.get(field.name) : undefined;
    if (!question) return undefined;
    const problem = invalidQuestionArgs(question, args);
    if (problem) throw apiError(ErrorCode.BAD_USER_INPUT, problem);
    return QUESTION_COST;
  };
}

export function costPlugin(limits: ApiLimits): ApolloServerPlugin {
  const questions = questionEstimator();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          const cost = getComplexity({
            schema,
            query: document,
            variables: request.variables ?? {},
            operationName: request.operationName ?? undefined,
            estimators: [questions, pageEstimator, fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
          });
          if (cost > limits.maxCost) {
            throw apiError(
              ErrorCode.QUERY_TOO_COSTLY,
              `Query cost ${cost} exceeds the limit of ${limits.maxCost}. Ask for smaller pages (limit/first) or fewer nested lists.`,
              { cost, maxCost: limits.maxCost },
            );
          }
        },
      };
    },
  };
}

/** graphql-armor's validation rules and plugins; its own cost limit is off (costPlugin prices pages). */
export function armor(
  limits: ApiLimits,
  options: { production: boolean },
): { plugins: ApolloServerPlugin[]; validationRules: ValidationRule[] } {
  const { plugins, validationRules } = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true },
    maxAliases: { n: limits.maxAliases },
    maxDirectives: { n: 20 },
    // Token counting is Apollo's parseOptions.maxTokens (api/server.ts): armor's turns syntax errors into
    // HTTP 500 (its issues #571, #605, #751).
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    // "Did you mean ...?" leaks the schema; only switched off in production, where introspection stays on
    // for authenticated callers anyway.
    blockFieldSuggestion: { enabled: options.production },
  }).protect();
  // graphql-armor is typed against Apollo's CommonJS build, we import the ESM one: same runtime objects.
  return { plugins: plugins as unknown as ApolloServerPlugin[], validationRules };
}
