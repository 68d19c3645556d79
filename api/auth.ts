/**
 * Bearer tokens: verification (jose; HS256 shared secret or a JWKS endpoint), the claims the type
 * definitions rely on (`roles`, `org`), and the development secret behind `crosswalk token`.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { ConfigError, CrosswalkError } from '../graph/errors.ts';
import type { ApiAuthConfig } from './config.ts';

/**
 * viewer reads its organization; editor also writes it; admin also administers it (creates and deletes the
 * Organization); operator runs the service and maintains the shared reference data (catalogs).
 */
export const ROLES = ['viewer', 'editor', 'admin', 'operator'] as const;
export type Role = (typeof ROLES)[number];

/** The verified claims handed to @neo4j/graphql as `context.jwt` (the `JWT @jwt` type). */
export interface CrosswalkClaims extends JWTPayload {
  roles: Role[];
  org?: string;
}

/** A request carried no token, or one that is expired, forged or lacks the claims we need. */
export class AuthenticationError extends CrosswalkError {}

export type Verifier = (token: string) => Promise<CrosswalkClaims>;

const DEV_SECRET_FILE = 'jwt-secret';

export function devSecretFile(dataDir: string): string {
  return path.join(dataDir, DEV_SECRET_FILE);
}

/**
 * In development (NODE_ENV !== 'production', no secret and no JWKS configured) a random secret is created
 * once in <dataDir>/jwt-secret (mode 0600) so that `crosswalk token` and the server agree on it.
 */
export function resolveAuth(auth: ApiAuthConfig, options: { dataDir: string; production: boolean }): ApiAuthConfig {
  if (auth.secret || auth.jwksUrl) return auth;
  if (options.production) {
    throw new ConfigError(
      'No token verification is configured and NODE_ENV=production',
      'Set CROSSWALK_JWT_SECRET (HS256, 32+ characters) or CROSSWALK_JWKS_URL (your identity provider).',
    );
  }
  const file = devSecretFile(options.dataDir);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(options.dataDir, { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  }
  return { ...auth, secret: fs.readFileSync(file, 'utf8').trim() };
}

function claimsFrom(payload: JWTPayload): CrosswalkClaims {
  const raw = payload.roles;
  const roles = (Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : []).filter(
    (r): r is Role => typeof r === 'string' && (ROLES as readonly string[]).includes(r),
  );
  if (!roles.length) {
    throw new AuthenticationError('The token carries no role', `The "roles" claim must list one of: ${ROLES.join(', ')}.`);
  }
  if (payload.org !== undefined && typeof payload.org !== 'string') {
    throw new AuthenticationError('The token\'s "org" claim is not a string');
  }
  return { ...payload, roles, org: payload.org };
}

/** Clock difference tolerated between the token's issuer and this server (exp, nbf, iat). */
export const CLOCK_SKEW_SECONDS = 60;

/** The longest token lifetime accepted unless CROSSWALK_JWT_MAX_TTL says otherwise. */
export const DEFAULT_MAX_TTL_SECONDS = 7 * 86400;

/**
 * Tokens must expire: `exp` is required, a lifetime (exp - iat, or exp - now without iat) longer than
 * `maxTtlSeconds` is refused, and so are `iat`/`nbf` in the future beyond the clock skew.
 */
function checkLifetime(payload: JWTPayload, maxTtlSeconds: number, now = Math.floor(Date.now() / 1000)): void {
  if (typeof payload.iat === 'number' && payload.iat > now + CLOCK_SKEW_SECONDS) {
    throw new AuthenticationError('The token is issued in the future', 'Check the clock of the token issuer.');
  }
  const issued = typeof payload.iat === 'number' ? payload.iat : now;
  if (typeof payload.exp === 'number' && payload.exp - issued > maxTtlSeconds + CLOCK_SKEW_SECONDS) {
    throw new AuthenticationError(
      `The token lives longer than ${maxTtlSeconds} s`,
      'Ask for a token with a shorter lifetime (CROSSWALK_JWT_MAX_TTL sets the limit).',
    );
  }
}

export function createVerifier(auth: ApiAuthConfig): Verifier {
  const maxTtl = auth.maxTtlSeconds ?? DEFAULT_MAX_TTL_SECONDS;
  const options = { issuer: auth.issuer, audience: auth.audience, requiredClaims: ['exp'], clockTolerance: CLOCK_SKEW_SECONDS };
  const verify = auth.jwksUrl
    ? (
        (jwks) => (token: string) =>
          jwtVerify(token, jwks, options)
      )(createRemoteJWKSet(new URL(auth.jwksUrl)))
    : auth.secret
      ? (
          (key) => (token: string) =>
            jwtVerify(token, key, { ...options, algorithms: ['HS256'] })
        )(new TextEncoder().encode(auth.secret))
      : undefined;
  if (!verify) throw new ConfigError('No token verification is configured', 'Set CROSSWALK_JWT_SECRET or CROSSWALK_JWKS_URL.');
  return async (token) => {
    try {
      const { payload } = await verify(token);
      checkLifetime(payload, maxTtl);
      return claimsFrom(payload);
    } catch (error) {
      if (error instanceof AuthenticationError) throw error;
      if (error instanceof joseErrors.JWTExpired) throw new AuthenticationError('The token has expired', 'Ask for a new token.');
      if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'exp') {
        throw new AuthenticationError('The token does not expire', 'Tokens must carry an "exp" claim.');
      }
      if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'nbf') {
        throw new AuthenticationError('The token is not valid yet', 'Check the "nbf" claim and the issuer\'s clock.');
      }
      // Forged, malformed, wrong algorithm, wrong issuer/audience: one answer, no detail for an attacker.
      throw new AuthenticationError('The token is invalid', "Send a token signed by this server's issuer.");
    }
  };
}

/** Reads `Authorization: Bearer <token>`; undefined when absent. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

/** `8h`, `30m`, `7d`, `3600s` or seconds as a number. */
export function parseTtl(ttl: string): number {
  const match = /^(\d+)\s*([smhd]?)$/.exec(ttl.trim());
  if (!match) throw new CrosswalkError(`--ttl ${ttl} is not a duration`, 'Use a duration such as 30m, 8h or 7d.');
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2] as '' | 's' | 'm' | 'h' | 'd'];
  return Number(match[1]) * unit;
}

/** Signs an HS256 token with the given secret (development and tests; production tokens come from an IdP). */
export async function mintToken(
  secret: string,
  claims: { roles: Role[]; org?: string; subject?: string },
  options: { ttlSeconds: number; issuer?: string; audience?: string },
): Promise<string> {
  const jwt = new SignJWT({ roles: claims.roles, ...(claims.org ? { org: claims.org } : {}) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + options.ttlSeconds)
    .setSubject(claims.subject ?? `crosswalk-token:${claims.roles.join('+')}${claims.org ? `@${claims.org}` : ''}`);
  if (options.issuer) jwt.setIssuer(options.issuer);
  if (options.audience) jwt.setAudience(options.audience);
  return jwt.sign(new TextEncoder().encode(secret));
}
