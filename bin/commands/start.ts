import { openGraph } from '../../graph/connection.ts';
import { applySchema } from '../../graph/schema.ts';
import { mintToken, resolveAuth } from '../../api/auth.ts';
import { readApiOptions } from '../../api/config.ts';
import { startApiServer, type ApiServer } from '../../api/server.ts';
import { hasReferenceData, seedGraph } from '../../seeds/load.ts';
import { log, type Command } from '../command.ts';

/**
 * The explorer's address. In development (the generated secret, no NODE_ENV=production) it carries a
 * short-lived viewer token for the demo organization in the fragment, which the browser never sends to a
 * server; otherwise the page asks for a token.
 */
async function explorerLink(url: string, dataDir: string): Promise<string> {
  const api = readApiOptions();
  const page = `${url}/explorer`;
  if (api.production || api.auth.secret || api.auth.jwksUrl) return `${page}   (paste a token from your identity provider)`;
  const auth = resolveAuth(api.auth, { dataDir, production: false });
  if (!auth.secret) return page;
  const token = await mintToken(
    auth.secret,
    { roles: ['viewer'], org: 'demo' },
    { ttlSeconds: 8 * 3600, issuer: auth.issuer, audience: auth.audience },
  );
  return `${page}#token=${token}   (development: viewer of org demo, 8 h)`;
}

export const startCommand: Command = {
  name: 'start',
  summary: 'start the database if needed, apply the schema, seed when empty, serve the API',
  usage: `
Usage: crosswalk start [--no-seed]

1. Connects to NEO4J_URI, or starts the bundled Neo4j (building it on first use) when it is not set.
2. Applies the schema (idempotent, versioned).
3. On the bundled database, loads the catalogs, the crosswalk and the demo organization when the graph
   is empty (never on your own server: run 'crosswalk seed' there).
4. Serves GraphQL at http://localhost:4000/graphql, GET /health and GET /ready (PORT, HOST to change),
   and the coverage explorer at /explorer (in development with a demo viewer token in the link).
   /graphql needs a bearer token: CROSSWALK_JWT_SECRET or CROSSWALK_JWKS_URL; in development a secret
   is generated in CROSSWALK_DATA_DIR/jwt-secret and 'crosswalk token' mints tokens with it.

Ctrl-C stops the API and the bundled Neo4j it started; data stays in CROSSWALK_DATA_DIR.`,
  async run(args, config) {
    const started = Date.now();
    const graph = await openGraph(config, { log });
    let server: ApiServer | undefined;
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      log(`\n${signal}: stopping...`);
      await server?.stop().catch(() => {});
      await graph.close();
      log('Stopped.');
      process.exit(0);
    };
    process.on('SIGINT', () => void stop('SIGINT'));
    process.on('SIGTERM', () => void stop('SIGTERM'));

    const applied = await applySchema(graph);
    if (applied.length) log(`Schema: applied ${applied.join(', ')}.`);
    if (graph.bundled && !args.flags['no-seed'] && !(await hasReferenceData(graph))) {
      log('Empty graph: loading the catalogs, the crosswalk and the demo organization...');
      await seedGraph(graph, { demo: true });
    }
    server = await startApiServer(graph, { ...config.api, dataDir: config.bundled.dataDir });
    log(`Database: ${graph.uri}${graph.bundled ? ' (bundled)' : ''}`);
    log(`GraphQL:  ${server.url}/graphql`);
    log(`Health:   ${server.url}/health`);
    if (!process.env.CROSSWALK_JWT_SECRET && !process.env.CROSSWALK_JWKS_URL) {
      log(`Token:    npx crosswalk token --role viewer --org demo   (development secret in ${config.bundled.dataDir})`);
    }
    log(`Explorer: ${await explorerLink(server.url, config.bundled.dataDir)}`);
    log(`Ready in ${((Date.now() - started) / 1000).toFixed(1)} s. Ctrl-C to stop.`);
    return new Promise<number>(() => {});
  },
};
