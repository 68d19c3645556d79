/**
 * What a request leaves behind when its client goes away. Express reports the closed connection at once,
 * but the database keeps working on the request's transaction until it ends or times out; releasing the
 * admission slot then (as before) let a hundred abandoned requests pile up in the database and exhaust
 * the driver's connection pool. So every request gets an id that travels in its transactions' metadata;
 * when the client is gone before the answer, the request's transactions are terminated, and its
 * admission slot is released only once the GraphQL execution has really ended.
 */
import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler, Response } from 'express';
import type { Graph } from '../../graph/connection.ts';

export interface RequestScope {
  /** Carried as `requestId` in the metadata of every transaction the request runs. */
  id: string;
  /** Resolves when Apollo has finished with the request (answered, failed, or written to a closed socket). */
  done: Promise<void>;
  finish(): void;
}

export const requestScopeOf = (res: Response): RequestScope | undefined => res.locals.requestScope as RequestScope | undefined;

/** Express middleware: opens the scope of a /graphql request. */
export function requestScope(): RequestHandler {
  return (_req, res, next) => {
    let finish = () => {};
    const done = new Promise<void>((resolve) => (finish = resolve));
    res.locals.requestScope = { id: randomUUID(), done, finish } satisfies RequestScope;
    // A request that never reaches Apollo (refused earlier, body parser error) ends with its response.
    res.once('close', () => setImmediate(finish));
    next();
  };
}

/** Apollo plugin: the request's scope ends when its response has been produced. */
export function requestLifecyclePlugin(): ApolloServerPlugin<{ requestScope?: RequestScope }> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue }) {
          contextValue.requestScope?.finish();
        },
      };
    },
  };
}

const FIND_TRANSACTIONS = `SHOW TRANSACTIONS YIELD transactionId, metaData
WHERE metaData.requestId = $requestId
RETURN collect(transactionId) AS ids`;
const TERMINATE_TRANSACTIONS = 'TERMINATE TRANSACTIONS $ids';

/** Terminates the database transactions a request started (none, when it had not reached the database). */
export async function terminateRequest(graph: Graph, requestId: string): Promise<number> {
  const { records } = await graph.run(FIND_TRANSACTIONS, { requestId });
  const ids = (records[0]?.get('ids') as string[] | undefined) ?? [];
  if (ids.length) await graph.run(TERMINATE_TRANSACTIONS, { ids });
  return ids.length;
}
