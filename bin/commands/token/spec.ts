import type { CommandSpec } from '../../flags.ts';

export const tokenSpec: CommandSpec = {
  name: 'token',
  summary: 'mint a bearer token for the GraphQL API (development, or with CROSSWALK_JWT_SECRET)',
  synopsis: ['--role viewer|editor|admin|operator [--org ORG] [--ttl 8h] [--sub NAME]'],
  flags: [
    {
      name: 'role',
      type: 'string',
      valueName: 'ROLE[,ROLE]',
      required: true,
      description:
        "viewer (read), editor (write the organization's data), admin (also create/delete the organization), operator (the shared reference data); a comma list",
    },
    { name: 'org', type: 'string', valueName: 'ID', description: 'the organization the token is bound to' },
    { name: 'ttl', type: 'string', valueName: 'DURATION', description: 'lifetime: 30m, 8h (default), 7d, or seconds' },
    {
      name: 'sub',
      type: 'string',
      valueName: 'NAME',
      description: 'the subject recorded in the token (default: crosswalk-token:ROLE@ORG)',
    },
  ],
  description: `Prints an HS256 token for the API on stdout, e.g.
  curl -H "Authorization: Bearer $(npx crosswalk token --role viewer --org demo)" ...

Signs with CROSSWALK_JWT_SECRET when set. Otherwise, outside NODE_ENV=production, with the development
secret in CROSSWALK_DATA_DIR/jwt-secret (created on first use; the API server reads the same file).
With CROSSWALK_JWKS_URL your identity provider issues tokens, not this command.`,
};
