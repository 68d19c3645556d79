import { findRunning, startBundled, stopBundled, storeDir } from '../../../graph/embedded.ts';
import { CrosswalkError } from '../../../graph/errors.ts';
import { defineCommand, log, printJson } from '../../command.ts';
import { booleanValue } from '../../flags.ts';
import { dbSpec } from './spec.ts';

export interface DbOptions {
  action: 'start' | 'stop' | 'status';
  json: boolean;
}

/** `db status --json`. */
export interface DbStatus {
  running: boolean;
  /** NEO4J_URI is set: crosswalk uses that server and manages none. */
  external: boolean;
  uri: string | null;
  pid: number | null;
  dataDir: string | null;
  startedAt: string | null;
}

export default defineCommand<DbOptions>({
  spec: dbSpec,
  options: (parsed) => ({ action: parsed.action as DbOptions['action'], json: booleanValue(parsed, 'json') }),
  async run(opts, { io, config }) {
    if (config.database.uri && opts.action !== 'status') {
      throw new CrosswalkError(
        `NEO4J_URI is set (${config.database.uri}): crosswalk uses that server and manages no database`,
        'Unset NEO4J_URI to use the bundled Neo4j.',
      );
    }
    if (opts.action === 'status') {
      if (config.database.uri) {
        const status: DbStatus = {
          running: true,
          external: true,
          uri: config.database.uri,
          pid: null,
          dataDir: null,
          startedAt: null,
        };
        if (opts.json) return printJson(io, status);
        io.stdout.write(`Using your Neo4j at ${config.database.uri} (NEO4J_URI); the bundled one is not used.\n`);
        return 0;
      }
      const running = await findRunning(config.bundled.dataDir);
      const status: DbStatus = {
        running: Boolean(running),
        external: false,
        uri: running?.uri ?? null,
        pid: running?.pid ?? null,
        dataDir: storeDir(running?.dataDir ?? config.bundled.dataDir),
        startedAt: running?.startedAt ?? null,
      };
      if (opts.json) printJson(io, status);
      else
        io.stdout.write(
          running
            ? `running  ${running.uri}  pid ${running.pid}  data ${status.dataDir}  since ${running.startedAt}\n`
            : `stopped  data ${status.dataDir}\n`,
        );
      return running ? 0 : 1;
    }
    const running = await findRunning(config.bundled.dataDir);
    if (opts.action === 'start') {
      if (running) {
        log(io, `Already running: ${running.uri} (pid ${running.pid}).`);
        return 0;
      }
      const instance = await startBundled(config.bundled, { detached: true, log: (line) => log(io, line) });
      io.stdout.write(`Neo4j running at ${instance.uri} (pid ${instance.pid}), data in ${storeDir(instance.dataDir)}\n`);
      return 0;
    }
    if (!running) {
      log(io, 'The bundled Neo4j is not running.');
      return 0;
    }
    await stopBundled(running);
    io.stdout.write(`Stopped the bundled Neo4j (pid ${running.pid}).\n`);
    return 0;
  },
});
