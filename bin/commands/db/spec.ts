import { JSON_FLAG, type CommandSpec } from '../../flags.ts';

export const dbSpec: CommandSpec = {
  name: 'db',
  summary: 'start | stop | status of the bundled Neo4j',
  synopsis: ['start|stop', 'status [--json]'],
  actions: ['start', 'stop', 'status'],
  flags: [JSON_FLAG],
  description: `  start    start the bundled Neo4j 5.26 in the background (built from Maven Central on first use);
           it keeps running until 'crosswalk db stop'
  stop     stop it cleanly
  status   print whether it runs, its Bolt URI and its data directory; exit 0 when it runs (or NEO4J_URI
           is set), 1 when it is stopped. --json: {"running", "external", "uri", "pid", "dataDir", "startedAt"}

The bundled Neo4j listens on 127.0.0.1 only (CROSSWALK_NEO4J_PORT, default 7687, or the next free port)
and keeps its data in CROSSWALK_DATA_DIR (default ./.data). Heap and page cache: CROSSWALK_NEO4J_HEAP
(default 2g), CROSSWALK_NEO4J_PAGECACHE (default 512m). Not used when NEO4J_URI is set.`,
};
