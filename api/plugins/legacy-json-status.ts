/**
 * GraphQL over HTTP, for clients that explicitly accept only `application/json` (the legacy media type):
 * a request error (a syntax error, a validation failure, a variable that does not coerce, a question
 * argument out of bounds) is answered with status 200, as the spec recommends for that media type; the
 * body still carries the error and its code (GRAPHQL_PARSE_FAILED, ...). Clients that accept
 * `application/graphql-response+json`, or send no Accept header, keep Apollo's 400. graphql-http's
 * serverAudits checks both (test/integration/graphql-http-audit.test.ts).
 */
import type { ApolloServerPlugin } from '@apollo/server';

const GRAPHQL_RESPONSE = 'application/graphql-response+json';

/** True when the Accept header names application/json and not the GraphQL response media type. */
export function acceptsOnlyLegacyJson(accept: string | undefined): boolean {
  if (!accept) return false;
  const types = accept.split(',').map((t) => t.split(';')[0]?.trim().toLowerCase());
  return types.includes('application/json') && !types.includes(GRAPHQL_RESPONSE);
}

export function legacyJsonStatusPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response }) {
          if (response.body.kind !== 'single' || response.http.status !== 400) return;
          if (response.body.singleResult.data !== undefined) return;
          if (!acceptsOnlyLegacyJson(request.http?.headers.get('accept'))) return;
          response.http.status = 200;
        },
      };
    },
  };
}
