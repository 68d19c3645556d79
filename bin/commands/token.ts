import { DEFAULT_MAX_TTL_SECONDS, devSecretFile, mintToken, parseTtl, resolveAuth, ROLES, type Role } from '../../api/auth.ts';
import { readApiOptions } from '../../api/config.ts';
import { CrosswalkError } from '../../graph/errors.ts';
import { stringFlag } from '../args.ts';
import { log, type Command } from '../command.ts';

export const tokenCommand: Command = {
  name: 'token',
  summary: 'mint a bearer token for the GraphQL API (development, or with CROSSWALK_JWT_SECRET)',
  usage: `
Usage: crosswalk token --role viewer|editor|admin|operator [--org ORG] [--ttl 8h] [--sub NAME]

Prints an HS256 token for the API on stdout, e.g.
  curl -H "Authorization: Bearer $(npx crosswalk token --role viewer --org demo)" ...

  --role   viewer (read), editor (write the organization's data), admin (also create/delete the
           organization), operator (the shared reference data: catalogs); several as a comma list
  --org    the organization the token is bound to (org-side data and the reuse questions)
  --ttl    lifetime: 30m, 8h (default), 7d, or seconds
  --sub    the subject recorded in the token (default: crosswalk-token:ROLE@ORG)

Signs with CROSSWALK_JWT_SECRET when set. Otherwise, outside NODE_ENV=production, with the development
secret in CROSSWALK_DATA_DIR/jwt-secret (created on first use; the API server reads the same file).
With CROSSWALK_JWKS_URL your identity provider issues tokens, not this command.`,
  async run(args, config) {
    const roles = (stringFlag(args, 'role') ?? '')
      .split(',')
      .map((r) => r.trim())
      .filter(Boolean);
    if (!roles.length || !roles.every((r): r is Role => (ROLES as readonly string[]).includes(r))) {
      throw new CrosswalkError(`--role must be one of ${ROLES.join(', ')}`, 'e.g. crosswalk token --role viewer --org demo');
    }
    const api = readApiOptions();
    if (api.auth.jwksUrl && !api.auth.secret) {
      throw new CrosswalkError(
        'The API verifies tokens from CROSSWALK_JWKS_URL',
        'Get a token from your identity provider (claims: roles, org), or set CROSSWALK_JWT_SECRET as well.',
      );
    }
    const auth = resolveAuth(api.auth, { dataDir: config.bundled.dataDir, production: api.production });
    if (!auth.secret) throw new CrosswalkError('No signing secret', 'Set CROSSWALK_JWT_SECRET.');
    const ttlSeconds = parseTtl(stringFlag(args, 'ttl') ?? '8h');
    const maxTtl = auth.maxTtlSeconds ?? DEFAULT_MAX_TTL_SECONDS;
    if (ttlSeconds > maxTtl) {
      throw new CrosswalkError(`--ttl is longer than the API accepts (${maxTtl} s)`, 'Use a shorter --ttl, or raise CROSSWALK_JWT_MAX_TTL.');
    }
    const org = stringFlag(args, 'org');
    const token = await mintToken(
      auth.secret,
      { roles: roles as Role[], org, subject: stringFlag(args, 'sub') },
      {
        ttlSeconds,
        issuer: auth.issuer,
        audience: auth.audience,
      },
    );
    if (!api.auth.secret) log(`(signed with the development secret in ${devSecretFile(config.bundled.dataDir)})`);
    if (!org) log('(no --org: the token sees reference data only)');
    process.stdout.write(`${token}\n`);
    return 0;
  },
};
