/**
 * Structured request logs: one JSON line per request (pino-http) with a request id, method, path,
 * status and time taken, at level info (warn for 4xx, error for 5xx). The id is the caller's
 * X-Request-Id when it is a plain token, else a new UUID; it is sent back in X-Request-Id and is on every
 * line logged for that request (req.log). Never logged: headers (the bearer token), bodies, query strings
 * (GraphQL GET variables). CROSSWALK_LOG_LEVEL: fatal, error, warn, info (default), debug, trace, silent;
 * silent by default under tests (NODE_ENV=test).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino, type Level, type Logger } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';
import { ConfigError } from '../graph/errors.ts';

const LEVELS: readonly string[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const REQUEST_ID = /^[\w.:-]{1,128}$/;

export function createLogger(env: NodeJS.ProcessEnv = process.env): Logger {
  const level = env.CROSSWALK_LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info');
  if (!LEVELS.includes(level)) {
    throw new ConfigError(`CROSSWALK_LOG_LEVEL '${level}' is not a level`, `Use one of ${LEVELS.join(', ')}.`);
  }
  return pino({ level, base: { service: 'crosswalk-api' } });
}

export function requestLogger(logger: Logger = createLogger()): HttpLogger {
  return pinoHttp({
    logger,
    genReqId(req: IncomingMessage, res: ServerResponse) {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    customLogLevel(_req, res, error): Level {
      if (error || res.statusCode >= 500) return 'error';
      return res.statusCode >= 400 ? 'warn' : 'info';
    },
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        path: req.url.split('?')[0],
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
}
