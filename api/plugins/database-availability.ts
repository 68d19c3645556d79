/**
 * The API when the database goes away: /ready answers 503 within `probeTimeoutMs`, /health stays fast,
 * and GraphQL requests fail at once with 503, Retry-After and code DATABASE_UNAVAILABLE instead of waiting
 * for the driver to give up. Recovery needs no restart: while the database is down a probe runs every
 * `retryIntervalMs`, and the first one that succeeds opens the gate again.
 *
 * The driver settings that go with it (API_DRIVER_CONFIG) turn off the driver's transaction retries:
 * @neo4j/graphql runs every request in session.executeRead/executeWrite, which by default retries for 30 s
 * (maxTransactionRetryTime), so a write the client already saw fail could be committed by a retry long
 * after the request's deadline. With no retries a request is one attempt, bounded by the server-side
 * transaction timeout; a client that wants to retry does so itself, after Retry-After.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { RequestHandler } from 'express';
import type { ConnectOptions, Graph } from '../../graph/connection.ts';
import { DatabaseUnavailableError, translateNeo4jError } from '../../graph/errors.ts';
import { LATEST_SCHEMA_VERSION, schemaVersion } from '../../graph/schema.ts';
import { ErrorCode } from '../errors.ts';

/** Driver settings for the API's graph (see the module comment). */
export const API_DRIVER_CONFIG: NonNullable<ConnectOptions['driver']> = {
  maxTransactionRetryTime: 0,
  // A host that does not answer at all (no RST) fails within 2 s instead of the driver's 30 s.
  connectionTimeout: 2_000,
  connectionAcquisitionTimeout: 5_000,
};

export interface DatabaseState {
  reachable: boolean;
  uri: string;
  bundled: boolean;
  schemaVersion?: number;
  expectedSchemaVersion: number;
  error?: string;
}

export interface DatabaseAvailabilityOptions {
  /** How long /ready and /health wait for the database (ms). Default 800, so /ready answers within 1 s. */
  probeTimeoutMs?: number;
  /** How often a down database is probed to notice its return (ms). Default 500. */
  retryIntervalMs?: number;
  /** Retry-After on refused requests (seconds). Default 2. */
  retryAfterSeconds?: number;
}

export interface DatabaseAvailability {
  /** The database's state, probed now but waiting at most probeTimeoutMs. */
  state(): Promise<DatabaseState>;
  /** True while the last probe or request found the database unreachable. */
  readonly down: boolean;
  /** Express middleware in front of /graphql: refuses at once while the database is down. */
  guard: RequestHandler;
  /** Turns a request that failed on an unreachable database into 503 + Retry-After + DATABASE_UNAVAILABLE. */
  plugin: ApolloServerPlugin;
  stop(): void;
}

const MESSAGE = 'The database is not reachable right now; retry after the time in Retry-After.';
const body = () => ({ errors: [{ message: MESSAGE, extensions: { code: ErrorCode.DATABASE_UNAVAILABLE } }] });

export function databaseAvailability(graph: Graph, options: DatabaseAvailabilityOptions = {}): DatabaseAvailability {
  const probeTimeoutMs = options.probeTimeoutMs ?? 800;
  const retryIntervalMs = options.retryIntervalMs ?? 500;
  const retryAfter = String(options.retryAfterSeconds ?? 2);
  const base = { uri: graph.uri, bundled: graph.bundled, expectedSchemaVersion: LATEST_SCHEMA_VERSION };
  let down = false;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let inFlight: Promise<DatabaseState> | undefined;
  let last: DatabaseState | undefined;

  /** One probe at a time; everyone asking meanwhile shares its answer. */
  const probe = (): Promise<DatabaseState> => {
    inFlight ??= schemaVersion(graph)
      .then((version): DatabaseState => ({ ...base, reachable: true, schemaVersion: version }))
      .catch((error: unknown): DatabaseState => {
        const translated = translateNeo4jError(error, { uri: graph.uri });
        return { ...base, reachable: false, error: translated.message };
      })
      .then((state) => {
        inFlight = undefined;
        last = state;
        if (state.reachable) markUp();
        else markDown();
        return state;
      });
    return inFlight;
  };

  const markDown = () => {
    down = true;
    if (timer || stopped) return;
    // Probe in the background until the database answers again; unref'd so it never keeps the process up.
    timer = setInterval(() => void probe(), retryIntervalMs);
    timer.unref();
  };
  const markUp = () => {
    down = false;
    if (timer) clearInterval(timer);
    timer = undefined;
  };

  const state = async (): Promise<DatabaseState> => {
    // While down, the background probe keeps `last` current: answer from it without waiting.
    if (down && last && !last.reachable) return last;
    let timeout: NodeJS.Timeout | undefined;
    const late = new Promise<DatabaseState>((resolve) => {
      timeout = setTimeout(() => {
        markDown();
        last = { ...base, reachable: false, error: `no answer within ${probeTimeoutMs} ms` };
        resolve(last);
      }, probeTimeoutMs);
    });
    try {
      return await Promise.race([probe(), late]);
    } finally {
      clearTimeout(timeout);
    }
  };

  const guard: RequestHandler = (req, res, next) => {
    if (!down || req.method === 'OPTIONS') return next();
    res.status(503).set('Retry-After', retryAfter).json(body());
  };

  const unreachable = (error: unknown) => translateNeo4jError(unwrapResolverError(error)) instanceof DatabaseUnavailableError;

  const plugin: ApolloServerPlugin = {
    async requestDidStart() {
      let failed = false;
      return {
        async didEncounterErrors({ errors }) {
          if (errors.some((e) => unreachable(e.originalError ?? e))) {
            failed = true;
            markDown();
          }
        },
        async willSendResponse({ response }) {
          if (!failed) return;
          response.http.status = 503;
          response.http.headers.set('retry-after', retryAfter);
          if (response.body.kind === 'single') {
            response.body.singleResult.errors = body().errors;
            response.body.singleResult.data = null;
          }
        },
      };
    },
  };

  return {
    state,
    get down() {
      return down;
    },
    guard,
    plugin,
    stop() {
      stopped = true;
      markUp();
    },
  };
}
