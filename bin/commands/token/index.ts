import { DEFAULT_MAX_TTL_SECONDS, devSecretFile, mintToken, parseTtl, resolveAuth, ROLES, type Role } from '../../../api/auth.ts';
import { readApiOptions } from '../../../api/config.ts';
import { CrosswalkError } from '../../../graph/errors.ts';
import { defineCommand, log } from '../../command.ts';
import { listValue, stringValue, suggest, UsageError } from '../../flags.ts';
import { tokenSpec } from './spec.ts';

export interface TokenOptions {
  roles: Role[];
  org?: string;
  ttlSeconds: number;
  sub?: string;
}

export default defineCommand<TokenOptions>({
  spec: tokenSpec,
  options(parsed) {
    const roles = listValue(parsed, 'role') ?? [];
    for (const role of roles) {
      if (!(ROLES as readonly string[]).includes(role)) {
        const near = suggest(role, ROLES);
        throw new UsageError(
          `--role '${role}' is not one of ${ROLES.join(', ')}`,
          near ? `Did you mean --role ${near}?` : undefined,
        );
      }
    }
    let ttlSeconds: number;
    try {
      ttlSeconds = parseTtl(stringValue(parsed, 'ttl') ?? '8h');
    } catch (error) {
      throw new UsageError((error as CrosswalkError).message, (error as CrosswalkError).hint);
    }
    return { roles: roles as Role[], org: stringValue(parsed, 'org'), ttlSeconds, sub: stringValue(parsed, 'sub') };
  },
  async run(opts, { io, config }) {
    const api = readApiOptions();
    if (api.auth.jwksUrl && !api.auth.secret) {
      throw new CrosswalkError(
        'The API verifies tokens from CROSSWALK_JWKS_URL',
        'Get a token from your identity provider (claims: roles, org), or set CROSSWALK_JWT_SECRET as well.',
      );
    }
    const auth = resolveAuth(api.auth, { dataDir: config.bundled.dataDir, production: api.production });
    if (!auth.secret) throw new CrosswalkError('No signing secret', 'Set CROSSWALK_JWT_SECRET.');
    const maxTtl = auth.maxTtlSeconds ?? DEFAULT_MAX_TTL_SECONDS;
    if (opts.ttlSeconds > maxTtl) {
      throw new CrosswalkError(
        `--ttl is longer than the API accepts (${maxTtl} s)`,
        'Use a shorter --ttl, or raise CROSSWALK_JWT_MAX_TTL.',
      );
    }
    const token = await mintToken(
      auth.secret,
      { roles: opts.roles, org: opts.org, subject: opts.sub },
      { ttlSeconds: opts.ttlSeconds, issuer: auth.issuer, audience: auth.audience },
    );
    if (!api.auth.secret) log(io, `(signed with the development secret in ${devSecretFile(config.bundled.dataDir)})`);
    if (!opts.org) log(io, '(no --org: the token sees reference data only)');
    io.stdout.write(`${token}\n`);
  },
});
