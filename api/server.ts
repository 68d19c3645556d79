/**
 * The HTTP server: GraphQL at /graphql (Apollo Server 5 on Express 5; POST, and GET for queries), GET
 * /health (process and database state) and GET /ready (503 until the database is reachable and the
 * schema applied). /graphql requires a bearer token (api/auth.ts); limits live in api/limits.ts, and
 * api/admission.ts bounds how many requests execute at once.
 */
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { unwrapResolverError } from '@apollo/server/errors';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import type { GraphQLFormattedError } from 'graphql';
import { readConfig } from '../graph/config.ts';
import type { Graph } from '../graph/connection.ts';
import { DatabaseQueryError, DatabaseUnavailableError, translateNeo4jError } from '../graph/errors.ts';
import { AuthenticationError, bearerToken, createVerifier, resolveAuth, type CrosswalkClaims } from './auth.ts';
import { admission } from './admission.ts';
import { readApiOptions, type ApiOptions } from './config.ts';
import { explorerRouter } from './explorer/route.ts';
import { armor, costPlugin } from './limits.ts';
import { ErrorCode, errorBody } from './errors.ts';
import { BAD_INPUT_PREFIX, NOT_FOUND_PREFIX } from './links.ts';
import { BARE_FORBIDDEN, forbiddenReasonPlugin } from './plugins/forbidden-reason.ts';
import { legacyJsonStatusPlugin } from './plugins/legacy-json-status.ts';
import { coveragePlugin } from './plugins/coverage.ts';
import { ORG_PARAM } from './questions.ts';
import { DEFAULT_INPUT_LIMITS, inputLimitsPlugin } from './plugins/input-limits.ts';
import {
  requestLifecyclePlugin,
  requestScope,
  requestScopeOf,
  terminateRequest,
  type RequestScope,
} from './plugins/request-lifecycle.ts';
import { MAX_PAGE } from './paging.ts';
import { buildSchema } from './schema.ts';
import { requestLogger } from './logging.ts';

/** The most tokens (names, punctuation, values) a GraphQL document may have. */
export const MAX_TOKENS = 20_000;
import { databaseAvailability } from './plugins/database-availability.ts';

export interface ApiServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export type { DatabaseState } from './plugins/database-availability.ts';

export interface StartOptions {
  port: number;
  host: string;
  /** Defaults to readApiOptions(process.env); tests pass their own. */
  api?: ApiOptions;
  /** Where the development JWT secret lives (<dataDir>/jwt-secret); defaults to CROSSWALK_DATA_DIR. */
  dataDir?: string;
}

interface RequestContext {
  jwt: CrosswalkClaims;
  requestScope?: RequestScope;
  /** `$org` in the reuse questions' Cypher: always the caller's organization (api/questions.ts). */
  cypherParams: { org: string | null };
  sessionConfig: { database: string };
  transaction: { timeout: number; metadata: Record<string, unknown> };
}

function neo4jCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** "Did you mean ...?" names schema fields and enum values: production answers keep only the first sentence. */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

const CONFLICT_MESSAGE = 'A node with this key already exists (ids are unique within an organization).';

/**
 * Errors leave without stack traces unless NODE_ENV=development; database errors are reduced to what a
 * client can act on (a timeout, a duplicate key, a name that does not exist) instead of Cypher and
 * driver internals.
 */
function formatError(options: ApiOptions) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const cause = unwrapResolverError(error);
    const path = formatted.path;
    // @neo4j/graphql's own errors carry no code; Apollo would call them internal errors.
    const name = (cause as { name?: unknown } | null)?.name;
    // The message is completed with the token's roles and organization by forbiddenReasonPlugin.
    if (name === 'Neo4jGraphQLForbiddenError')
      return { message: BARE_FORBIDDEN, path, extensions: { code: ErrorCode.FORBIDDEN } };
    if (name === 'Neo4jGraphQLAuthenticationError') {
      return { message: 'Unauthenticated', path, extensions: { code: ErrorCode.UNAUTHENTICATED } };
    }
    if (name === 'Neo4jGraphQLConstraintValidationError')
      return { message: CONFLICT_MESSAGE, path, extensions: { code: ErrorCode.CONFLICT } };
    const code = neo4jCode(cause);
    const notFound =
      code === 'Neo.ClientError.Procedure.ProcedureCallFailed' && (cause as Error).message.split(NOT_FOUND_PREFIX)[1];
    if (notFound) return { message: notFound.trim(), path, extensions: { code: ErrorCode.NOT_FOUND } };
    const badInput =
      code === 'Neo.ClientError.Procedure.ProcedureCallFailed' && (cause as Error).message.split(BAD_INPUT_PREFIX)[1];
    if (badInput) return { message: badInput.trim(), path, extensions: { code: ErrorCode.BAD_USER_INPUT } };
    if (/Connection acquisition timed out/.test(String((cause as Error | null)?.message)) && !options.development) {
      console.error('[api] database error:', cause);
      return {
        message: 'The database is busy right now. Retry shortly.',
        path,
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
      };
    }
    // Every other database failure goes through the one translator (graph/errors.ts) the CLI and the
    // importer use; its class decides the code. Driver texts name hosts and pool internals: server log only.
    const translated = translateNeo4jError(cause);
    if (translated instanceof DatabaseQueryError && translated.kind === 'timeout') {
      return {
        message: `The query ran longer than ${options.limits.timeoutMs} ms, or its client went away, and was stopped.`,
        path,
        extensions: { code: ErrorCode.TIMEOUT },
      };
    }
    if (translated instanceof DatabaseQueryError && translated.kind === 'conflict') {
      return { message: CONFLICT_MESSAGE, path, extensions: { code: ErrorCode.CONFLICT } };
    }
    if (translated instanceof DatabaseQueryError && translated.kind === 'too-large') {
      return { message: translated.message, path, extensions: { code: ErrorCode.BAD_USER_INPUT } };
    }
    if (translated !== cause && !options.development) {
      console.error('[api] database error:', cause);
      return translated instanceof DatabaseUnavailableError
        ? {
            message: 'The database is not reachable right now. Retry shortly.',
            path,
            extensions: { code: ErrorCode.DATABASE_UNAVAILABLE },
          }
        : { message: 'The database could not answer this request.', path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
    }
    return options.production ? { ...formatted, message: formatted.message.replace(SUGGESTION, '') } : formatted;
  };
}

/**
 * The client of a running request went away: stop its database work, then wait (at most a little longer
 * than the transaction timeout) until Apollo is done with it before its admission slot is given on.
 */
async function endAbandoned(graph: Graph, res: express.Response, timeoutMs: number): Promise<void> {
  const scope = requestScopeOf(res);
  if (!scope) return;
  // The request may not have reached the database yet: look again until it is done.
  const settled = Promise.race([scope.done, sleep(timeoutMs + 5_000)]);
  let finished = false;
  void settled.then(() => (finished = true));
  while (!finished) {
    await terminateRequest(graph, scope.id).catch(() => 0);
    await Promise.race([settled, sleep(250)]);
  }
}

export async function startApiServer(graph: Graph, options: StartOptions): Promise<ApiServer> {
  const api = options.api ?? readApiOptions();
  const auth = resolveAuth(api.auth, { dataDir: options.dataDir ?? readConfig().bundled.dataDir, production: api.production });
  const verify = createVerifier(auth);
  const limits = armor(api.limits, { production: api.production });

  const app = express();
  app.disable('x-powered-by');
  app.use(requestLogger());
  const httpServer = http.createServer(app);
  const availability = databaseAvailability(graph);
  const plugins: ApolloServerPlugin[] = [
    availability.plugin,
    ApolloServerPluginDrainHttpServer({ httpServer }),
    ...limits.plugins,
    inputLimitsPlugin({ maxPage: MAX_PAGE, ...DEFAULT_INPUT_LIMITS }),
    costPlugin(api.limits),
    requestLifecyclePlugin(),
    coveragePlugin({ graph, timeoutMs: api.limits.timeoutMs }),
    forbiddenReasonPlugin({ claims: (context) => (context as RequestContext).jwt }),
    legacyJsonStatusPlugin(),
    api.production ? ApolloServerPluginLandingPageDisabled() : ApolloServerPluginLandingPageLocalDefault({ embed: true }),
  ];
  const apollo = new ApolloServer<RequestContext>({
    schema: await buildSchema(graph.driver),
    plugins,
    validationRules: limits.validationRules,
    allowBatchedHttpRequests: false,
    // Bounds the parser's work before validation: a longer document is a 400 GRAPHQL_PARSE_FAILED.
    parseOptions: { maxTokens: MAX_TOKENS },
    includeStacktraceInErrorResponses: api.development,
    // Tokens travel in a header a browser cannot send cross-site without a CORS preflight, which is what
    // CSRF prevention asks for; plain GETs with only a token are therefore safe to accept.
    csrfPrevention: { requestHeaders: ['authorization', 'x-apollo-operation-name', 'apollo-require-preflight'] },
    formatError: formatError(api),
  });
  await apollo.start();

  app.get('/health', async (_req, res) => {
    res.json({ status: 'ok', uptimeSeconds: Math.round(process.uptime()), database: await availability.state() });
  });
  app.get('/ready', async (_req, res) => {
    const database = await availability.state();
    const ready = database.reachable && database.schemaVersion === database.expectedSchemaVersion;
    res.status(ready ? 200 : 503).json({ ready, database });
  });

  // The explorer page is static: it carries no data and asks /graphql with the user's token.
  app.use('/explorer', explorerRouter());

  const authenticate: RequestHandler = async (req, res, next) => {
    // The development landing page (a browser asking for HTML) is the one thing served without a token;
    // Apollo answers such a GET with the page and never executes it.
    if (
      !api.production &&
      req.method === 'GET' &&
      req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html'
    ) {
      return next();
    }
    if (req.method === 'OPTIONS') return next();
    const token = bearerToken(req.headers.authorization);
    try {
      if (!token)
        throw new AuthenticationError(
          'A bearer token is required',
          'Send Authorization: Bearer <token> (see `crosswalk token --help`).',
        );
      res.locals.claims = await verify(token);
      next();
    } catch (error) {
      if (!(error instanceof AuthenticationError)) return next(error);
      res
        .status(401)
        .set('WWW-Authenticate', `Bearer realm="crosswalk"${token ? ', error="invalid_token"' : ''}`)
        .json(errorBody(ErrorCode.UNAUTHENTICATED, error.message, error.hint ? { hint: error.hint } : {}));
    }
  };

  const corsOrigins = api.corsOrigins;
  app.use(
    '/graphql',
    cors({
      origin: corsOrigins.includes('*') ? true : corsOrigins.length ? corsOrigins : false,
      methods: ['GET', 'POST', 'OPTIONS'],
      allowedHeaders: ['authorization', 'content-type', 'apollo-require-preflight', 'x-apollo-operation-name'],
      maxAge: 600,
    }),
    authenticate,
    requestScope(),
    availability.guard,
    admission(api.admission, { abandoned: (res) => endAbandoned(graph, res, api.limits.timeoutMs) }),
    express.json({ limit: api.limits.maxBody }),
    expressMiddleware(apollo, {
      context: async ({ res }) => ({
        jwt: res.locals.claims as CrosswalkClaims,
        requestScope: requestScopeOf(res),
        cypherParams: { [ORG_PARAM]: (res.locals.claims as CrosswalkClaims).org ?? null },
        sessionConfig: { database: graph.database },
        transaction: {
          timeout: api.limits.timeoutMs,
          metadata: {
            app: 'crosswalk-api',
            sub: (res.locals.claims as CrosswalkClaims | undefined)?.sub,
            requestId: requestScopeOf(res)?.id,
          },
        },
      }),
    }),
  );

  // Body parser failures (too large, malformed JSON) as JSON, never an HTML page with a stack trace.
  const onError: ErrorRequestHandler = (error: { status?: number; type?: string; message?: string }, _req, res, next) => {
    if (res.headersSent) return next(error);
    if (error.type === 'entity.too.large') {
      return void res.status(413).json(errorBody(ErrorCode.PAYLOAD_TOO_LARGE, `The request body exceeds ${api.limits.maxBody}.`));
    }
    if (error.status && error.status >= 400 && error.status < 500) {
      return void res.status(error.status).json(errorBody(ErrorCode.BAD_REQUEST, error.message ?? 'Bad request'));
    }
    console.error('[api]', error);
    res.status(500).json(errorBody(ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error'));
  };
  app.use(onError);

  await new Promise<void>((resolve) => httpServer.listen(options.port, options.host, resolve));
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://${options.host === '0.0.0.0' ? 'localhost' : options.host}:${port}`,
    port,
    stop: () => (availability.stop(), apollo.stop()),
  };
}
