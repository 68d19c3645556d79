/**
 * The smallest GraphQL client an integrator needs: POST a typed document with its variables and a bearer
 * token, get the typed result or the first GraphQL error (with its `extensions.code`: NOT_FOUND, FORBIDDEN,
 * BAD_USER_INPUT, ...). Any client that takes TypedDocumentNode (Apollo Client, urql, graphql-request) works
 * the same way with the generated documents.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

export class GraphQLRequestError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly extensions: Record<string, unknown>,
  ) {
    super(message);
  }
}

export interface Client {
  request<TResult, TVariables>(document: TypedDocumentNode<TResult, TVariables>, variables: TVariables): Promise<TResult>;
}

export function client(url: string, token: string): Client {
  return {
    async request(document, variables) {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json',
          authorization: `Bearer ${token}`,
        },
        body: JSON.stringify({ query: print(document), variables }),
      });
      const body = (await response.json()) as {
        data?: unknown;
        errors?: { message: string; extensions?: Record<string, unknown> }[];
      };
      const error = body.errors?.[0];
      if (error)
        throw new GraphQLRequestError(error.message, error.extensions?.code as string | undefined, error.extensions ?? {});
      return body.data as never;
    },
  };
}
