import type { CommandSpec } from '../../flags.ts';

export const startSpec: CommandSpec = {
  name: 'start',
  summary: 'start the database if needed, apply the schema, seed when empty, serve the API',
  synopsis: ['[--no-seed]'],
  flags: [{ name: 'no-seed', type: 'boolean', description: 'do not load the catalogs and the demo into an empty bundled graph' }],
  description: `1. Connects to NEO4J_URI, or starts the bundled Neo4j (building it on first use) when it is not set.
2. Applies the schema (idempotent, versioned).
3. On the bundled database, loads the catalogs, the crosswalk and the demo organization when the graph
   is empty (never on your own server: run 'crosswalk seed' there).
4. Serves GraphQL at http://localhost:4000/graphql, GET /health and GET /ready (PORT, HOST to change),
   and the coverage explorer at /explorer (in development with a demo viewer token in the link).
   /graphql needs a bearer token: CROSSWALK_JWT_SECRET or CROSSWALK_JWKS_URL; in development a secret
   is generated in CROSSWALK_DATA_DIR/jwt-secret and 'crosswalk token' mints tokens with it.
   Requests are logged as JSON lines on stdout (pino; CROSSWALK_LOG_LEVEL, default info).

Ctrl-C stops the API and the bundled Neo4j it started; data stays in CROSSWALK_DATA_DIR.`,
};
