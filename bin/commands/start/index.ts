import { API_DRIVER_CONFIG } from '../../../api/plugins/database-availability.ts';
import { openGraph } from '../../../graph/connection.ts';
import { applySchema } from '../../../graph/schema.ts';
import { mintToken, resolveAuth } from '../../../api/auth.ts';
import { readApiOptions } from '../../../api/config.ts';
import { startApiServer, type ApiServer } from '../../../api/server.ts';
import { ensureMaintained, refreshColours, repairPending } from '../../../coverage/index.ts';
import { warmUp } from '../../../queries/warm-up.ts';
import { hasReferenceData, seedGraph } from '../../../seeds/load.ts';
import { defineCommand, log } from '../../command.ts';
import { booleanValue } from '../../flags.ts';
import { startSpec } from './spec.ts';

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

export interface StartOptions {
  seed: boolean;
}

/** How often the server checks whether the Bloom colours are older than today. */
const COLOUR_REFRESH_MS = 60 * 60 * 1000;

export default defineCommand<StartOptions>({
  spec: startSpec,
  options: (parsed) => ({ seed: !booleanValue(parsed, 'no-seed') }),
  async run(opts, { io, config }) {
    const say = (line: string) => log(io, line);
    const started = Date.now();
    const graph = await openGraph(config, { log: say, driver: API_DRIVER_CONFIG });
    let server: ApiServer | undefined;
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      say(`\n${signal}: stopping...`);
      await server?.stop().catch(() => {});
      await graph.close();
      say('Stopped.');
      process.exit(0);
    };
    process.on('SIGINT', () => void stop('SIGINT'));
    process.on('SIGTERM', () => void stop('SIGTERM'));

    const applied = await applySchema(graph);
    if (applied.length) say(`Schema: applied ${applied.join(', ')}.`);
    if (graph.bundled && opts.seed && !(await hasReferenceData(graph))) {
      say('Empty graph: loading the catalogs, the crosswalk and the demo organization...');
      await seedGraph(graph, { demo: true });
    }
    // Nothing of ours is writing yet: every pending coverage token is a crashed write's, repaired now.
    if ((await ensureMaintained(graph)) === 'rebuilt') say('Coverage: rebuilt the maintained coverage.');
    const repaired = await repairPending(graph, { abandonedAfterMs: 0 });
    if (repaired) say(`Coverage: repaired ${repaired} write(s) interrupted before their coverage maintenance.`);
    const recoloured = await refreshColours(graph);
    if (recoloured.length) say(`Coverage: Bloom colours of ${recoloured.length} organization(s) brought to today.`);
    // Statuses move with the date: the colours are brought to the new day once it has come.
    setInterval(
      () =>
        void refreshColours(graph).catch((error: Error) =>
          say(`Coverage: the Bloom colours were not refreshed: ${error.message}`),
        ),
      COLOUR_REFRESH_MS,
    ).unref();
    server = await startApiServer(graph, { ...config.api, dataDir: config.bundled.dataDir });
    say(`Database: ${graph.uri}${graph.bundled ? ' (bundled)' : ''}`);
    say(`GraphQL:  ${server.url}/graphql`);
    say(`Health:   ${server.url}/health`);
    if (!process.env.CROSSWALK_JWT_SECRET && !process.env.CROSSWALK_JWKS_URL) {
      say(`Token:    npx crosswalk token --role viewer --org demo   (development secret in ${config.bundled.dataDir})`);
    }
    say(`Explorer: ${await explorerLink(server.url, config.bundled.dataDir)}`);
    say(`Ready in ${((Date.now() - started) / 1000).toFixed(1)} s. Ctrl-C to stop.`);
    // In the background, so that a user's first question does not pay for planning it.
    void warmUp(graph).then((w) => {
      if (w.asked) say(`Questions planned in ${w.seconds.toFixed(1)} s (${w.asked} asked for '${w.org}').`);
      for (const error of w.errors) say(`Warm-up: ${error}`);
    });
    return new Promise<number>(() => {});
  },
});
