/** The API's settings from the environment (README "GraphQL API"). */
import os from 'node:os';
import { ConfigError } from '../graph/errors.ts';

type Env = Record<string, string | undefined>;

export interface ApiAuthConfig {
  /** HS256 shared secret (CROSSWALK_JWT_SECRET), or the development secret from <dataDir>/jwt-secret. */
  secret?: string;
  /** A JWKS endpoint for RS256/ES256 tokens from an identity provider (CROSSWALK_JWKS_URL). */
  jwksUrl?: string;
  /** Optional `iss` and `aud` the tokens must carry (CROSSWALK_JWT_ISSUER, CROSSWALK_JWT_AUDIENCE). */
  issuer?: string;
  audience?: string;
  /** Longest accepted token lifetime in seconds (CROSSWALK_JWT_MAX_TTL, default 7 days). */
  maxTtlSeconds?: number;
}

export interface ApiLimits {
  /** Deepest selection set (CROSSWALK_API_MAX_DEPTH). */
  maxDepth: number;
  /** Highest estimated cost: rows a query may touch, see api/limits.ts (CROSSWALK_API_MAX_COST). */
  maxCost: number;
  /** Most aliases per operation (CROSSWALK_API_MAX_ALIASES). */
  maxAliases: number;
  /** Largest request body, an express/bytes size such as 100kb or 1mb (CROSSWALK_API_MAX_BODY). */
  maxBody: string;
  /** Database transaction timeout per request, in milliseconds (CROSSWALK_API_TIMEOUT_MS). */
  timeoutMs: number;
}

/** How many /graphql requests run at once and how long the others may wait (api/admission.ts). */
export interface ApiAdmission {
  /** Requests executing at once (CROSSWALK_API_CONCURRENCY; default: 2 per CPU core, at least 4). */
  concurrency: number;
  /** Requests waiting beyond those; more are refused with 503 (CROSSWALK_API_QUEUE). */
  maxQueue: number;
  /** Longest wait for a slot before 503, in milliseconds (CROSSWALK_API_QUEUE_TIMEOUT_MS). */
  maxWaitMs: number;
}

export interface ApiOptions {
  auth: ApiAuthConfig;
  limits: ApiLimits;
  admission: ApiAdmission;
  /** Allowed browser origins (CROSSWALK_CORS_ORIGINS, comma separated, `*` for any); empty = no CORS. */
  corsOrigins: string[];
  /** NODE_ENV=development: stack traces in errors, the Apollo landing page. */
  development: boolean;
  production: boolean;
}

export const DEFAULT_LIMITS: ApiLimits = {
  maxDepth: 10,
  maxCost: 100_000,
  maxAliases: 15,
  maxBody: '1mb',
  timeoutMs: 30_000,
};

export const DEFAULT_ADMISSION: ApiAdmission = {
  concurrency: Math.max(4, 2 * os.availableParallelism()),
  maxQueue: 1000,
  maxWaitMs: 120_000,
};

function positive(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new ConfigError(
      `${name}=${raw} is not a positive integer`,
      `Set ${name} to a whole number, or unset it (default ${fallback}).`,
    );
  }
  return value;
}

export function readApiOptions(env: Env = process.env): ApiOptions {
  const maxBody = env.CROSSWALK_API_MAX_BODY || DEFAULT_LIMITS.maxBody;
  if (!/^\d+(b|kb|mb)$/i.test(maxBody)) {
    throw new ConfigError(`CROSSWALK_API_MAX_BODY=${maxBody} is not a size`, 'Use a size such as 100kb or 1mb.');
  }
  const jwksUrl = env.CROSSWALK_JWKS_URL?.trim() || undefined;
  if (jwksUrl && !/^https?:\/\//.test(jwksUrl)) {
    throw new ConfigError(`CROSSWALK_JWKS_URL=${jwksUrl} is not a URL`, "Use the https:// URL of your identity provider's JWKS.");
  }
  const secret = env.CROSSWALK_JWT_SECRET || undefined;
  if (secret !== undefined && secret.length < 32) {
    throw new ConfigError(
      'CROSSWALK_JWT_SECRET is shorter than 32 characters',
      'Use a long random value, e.g. `openssl rand -hex 32`.',
    );
  }
  return {
    auth: {
      secret,
      jwksUrl,
      issuer: env.CROSSWALK_JWT_ISSUER || undefined,
      audience: env.CROSSWALK_JWT_AUDIENCE || undefined,
      maxTtlSeconds: positive(env, 'CROSSWALK_JWT_MAX_TTL', 7 * 86400),
    },
    limits: {
      maxDepth: positive(env, 'CROSSWALK_API_MAX_DEPTH', DEFAULT_LIMITS.maxDepth),
      maxCost: positive(env, 'CROSSWALK_API_MAX_COST', DEFAULT_LIMITS.maxCost),
      maxAliases: positive(env, 'CROSSWALK_API_MAX_ALIASES', DEFAULT_LIMITS.maxAliases),
      maxBody: maxBody.toLowerCase(),
      timeoutMs: positive(env, 'CROSSWALK_API_TIMEOUT_MS', DEFAULT_LIMITS.timeoutMs),
    },
    admission: {
      concurrency: positive(env, 'CROSSWALK_API_CONCURRENCY', DEFAULT_ADMISSION.concurrency),
      maxQueue: positive(env, 'CROSSWALK_API_QUEUE', DEFAULT_ADMISSION.maxQueue),
      maxWaitMs: positive(env, 'CROSSWALK_API_QUEUE_TIMEOUT_MS', DEFAULT_ADMISSION.maxWaitMs),
    },
    corsOrigins: (env.CROSSWALK_CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    development: env.NODE_ENV === 'development',
    production: env.NODE_ENV === 'production',
  };
}
