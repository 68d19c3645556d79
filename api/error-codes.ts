/**
 * Every code a client can see in `extensions.code`, with its HTTP status (imitating Apollo Server's own
 * `ApolloServerErrorCode`). Plain data, so that the explorer's browser code uses the same names; the
 * server builds its errors from them in api/errors.ts.
 */
export const ErrorCode = {
  /** No token, or an expired, forged or incomplete one (401). */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** The token is valid but its role or organization does not allow this (403 semantics, 200 in GraphQL). */
  FORBIDDEN: 'FORBIDDEN',
  /** A named framework, requirement, organization, control, evidence item, system or risk does not exist. */
  NOT_FOUND: 'NOT_FOUND',
  /** An argument is outside its bounds (limit, depth of a filter, a question's parameter). */
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** The estimated cost of the query exceeds the configured maximum. */
  QUERY_TOO_COSTLY: 'QUERY_TOO_COSTLY',
  /** A node with the same key already exists. */
  CONFLICT: 'CONFLICT',
  /** The database stopped the query at the transaction timeout. */
  TIMEOUT: 'TIMEOUT',
  /** The request body is larger than allowed. */
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  /** The HTTP request itself is malformed. */
  BAD_REQUEST: 'BAD_REQUEST',
  /** Too many requests are running or waiting; retry after the Retry-After header. */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  /** The database cannot be reached; retry after the Retry-After header. */
  DATABASE_UNAVAILABLE: 'DATABASE_UNAVAILABLE',
  /** Anything else; details only in the server log. */
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The HTTP status a response gets when this is its only error (undefined: GraphQL's own 200). */
export const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  BAD_USER_INPUT: 400,
  QUERY_TOO_COSTLY: 400,
  PAYLOAD_TOO_LARGE: 413,
  BAD_REQUEST: 400,
  SERVICE_UNAVAILABLE: 503,
  DATABASE_UNAVAILABLE: 503,
  INTERNAL_SERVER_ERROR: 500,
};
