import { findRunning, startBundled, stopBundled, storeDir } from '../../graph/embedded.ts';
import type { Command } from '../command.ts';
import { log } from '../command.ts';

export const dbCommand: Command = {
  name: 'db',
  summary: 'start | stop | status of the bundled Neo4j',
  usage: `
Usage: crosswalk db start|stop|status

  start    start the bundled Neo4j 5.26 in the background (built from Maven Central on first use);
           it keeps running until 'crosswalk db stop'
  stop     stop it cleanly
  status   print whether it runs, its Bolt URI and its data directory

The bundled Neo4j listens on 127.0.0.1 only (CROSSWALK_NEO4J_PORT, default 7687, or the next free port)
and keeps its data in CROSSWALK_DATA_DIR (default ./.data). Heap and page cache: CROSSWALK_NEO4J_HEAP
(default 2g), CROSSWALK_NEO4J_PAGECACHE (default 512m). Not used when NEO4J_URI is set.`,
  async run(args, config) {
    const action = args.positionals[0];
    if (config.database.uri && action !== 'status') {
      log(`NEO4J_URI is set (${config.database.uri}): crosswalk uses that server and manages no database.`);
      return 1;
    }
    const running = await findRunning(config.bundled.dataDir);
    switch (action) {
      case 'start': {
        if (running) {
          log(`Already running: ${running.uri} (pid ${running.pid}).`);
          return 0;
        }
        const instance = await startBundled(config.bundled, { detached: true, log });
        process.stdout.write(`Neo4j running at ${instance.uri} (pid ${instance.pid}), data in ${storeDir(instance.dataDir)}\n`);
        return 0;
      }
      case 'stop':
        if (!running) {
          log('The bundled Neo4j is not running.');
          return 0;
        }
        await stopBundled(running);
        process.stdout.write(`Stopped the bundled Neo4j (pid ${running.pid}).\n`);
        return 0;
      case 'status':
        if (config.database.uri) {
          process.stdout.write(`Using your Neo4j at ${config.database.uri} (NEO4J_URI); the bundled one is not used.\n`);
          return 0;
        }
        process.stdout.write(
          running
            ? `running  ${running.uri}  pid ${running.pid}  data ${storeDir(running.dataDir)}  since ${running.startedAt}\n`
            : `stopped  data ${storeDir(config.bundled.dataDir)}\n`,
        );
        return running ? 0 : 3;
      default:
        log('Usage: crosswalk db start|stop|status');
        return 2;
    }
  },
};
