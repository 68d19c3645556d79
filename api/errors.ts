/**
 * The API's error vocabulary: every code a client can see in `extensions.code`, with its HTTP status, in
 * one place (imitating Apollo Server's own `ApolloServerErrorCode`). The server, the limits, admission
 * control and the tenant wall build their errors here; nothing else writes a code literal.
 */
import { ErrorCode, HTTP_STATUS } from './error-codes.ts';
import { graphql } from './graphql-runtime.ts';

export { ErrorCode, HTTP_STATUS };

/** A GraphQLError with its code and, where the code has one, its HTTP status. */
export function apiError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): Error {
  const status = HTTP_STATUS[code];
  return new graphql.GraphQLError(message, { extensions: { code, ...extensions, ...(status ? { http: { status } } : {}) } });
}

/** The JSON body for failures answered before GraphQL runs (401, 413, 503): the same shape clients parse. */
export function errorBody(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
  return { errors: [{ message, extensions: { code, ...extensions } }] };
}
