/**
 * One driver per process. `openGraph` decides where the graph lives: the user's server when NEO4J_URI is
 * set (nothing is started), otherwise the bundled Neo4j (started if it is not already running).
 */
import neo4j, { type Config as DriverConfig, type Driver, type QueryResult, type RecordShape } from 'neo4j-driver';
import type { Config, DatabaseConfig } from './config.ts';
import { findRunning, startBundled, stopBundled, type BundledInstance } from './embedded.ts';
import { DatabaseUnavailableError, translateNeo4jError } from './errors.ts';

/** The Neo4j versions @neo4j/graphql 7 accepts. */
const MIN_VERSION: [number, number] = [5, 23];

export interface Graph {
  driver: Driver;
  /** The database name queries run against (NEO4J_DATABASE, default `neo4j`). */
  database: string;
  uri: string;
  /** The bundled instance we started and must stop on close; undefined for the user's own server. */
  owned?: BundledInstance;
  bundled: boolean;
  /** The bundled Neo4j's data directory (named in disk-full and read-only messages); unset for your own server. */
  dataDir?: string;
  /**
   * Runs one parameterized statement in an auto-committed transaction; failures come back translated
   * (graph/errors.ts translateNeo4jError), never as raw driver errors.
   */
  run<R extends RecordShape = RecordShape>(cypher: string, params?: Record<string, unknown>): Promise<QueryResult<R>>;
  close(): Promise<void>;
}

/** Connects to a running server and checks that it is a Neo4j we can work with. */
export interface ConnectOptions {
  /**
   * Driver settings over the defaults. The API sets maxTransactionRetryTime to 0 and short connection
   * timeouts so that a request fails fast when the database is gone, and no retry commits a write after
   * the request's own deadline (api/plugins/database-availability.ts).
   */
  driver?: Pick<DriverConfig, 'maxTransactionRetryTime' | 'connectionAcquisitionTimeout' | 'connectionTimeout'>;
  dataDir?: string;
}

export async function connect(database: DatabaseConfig & { uri: string }, options: ConnectOptions = {}): Promise<Graph> {
  const driver = neo4j.driver(database.uri, neo4j.auth.basic(database.username, database.password), {
    disableLosslessIntegers: true,
    connectionAcquisitionTimeout: 30_000,
    connectionTimeout: 10_000,
    ...options.driver,
  });
  const context = { uri: database.uri, dataDir: options.dataDir };
  try {
    await driver.verifyConnectivity({ database: database.database });
    const { records } = await driver.executeQuery(
      'CALL dbms.components() YIELD versions RETURN versions[0] AS version',
      {},
      {
        database: database.database,
        routing: 'READ',
      },
    );
    const version = String(records[0]?.get('version') ?? '0.0');
    const [major = 0, minor = 0] = version.split('.').map(Number);
    if (major < MIN_VERSION[0] || (major === MIN_VERSION[0] && minor < MIN_VERSION[1])) {
      throw new DatabaseUnavailableError(
        `Neo4j ${version} at ${database.uri} is too old`,
        'crosswalk needs Neo4j 5.23 or newer (the bundled one is 5.26 LTS).',
      );
    }
  } catch (error) {
    await driver.close();
    throw translateNeo4jError(error, context);
  }
  return {
    driver,
    database: database.database,
    uri: database.uri,
    bundled: false,
    dataDir: options.dataDir,
    run: <R extends RecordShape = RecordShape>(cypher: string, params: Record<string, unknown> = {}) =>
      (driver.executeQuery(cypher, params, { database: database.database }) as Promise<QueryResult<R>>).catch(
        (error: unknown) => {
          throw translateNeo4jError(error, { ...context, phase: 'run' });
        },
      ),
    close: () => driver.close(),
  };
}

export interface OpenOptions {
  log?: (line: string) => void;
  driver?: ConnectOptions['driver'];
}

/** Opens the configured graph, starting the bundled Neo4j when NEO4J_URI is not set. */
export async function openGraph(config: Config, options: OpenOptions = {}): Promise<Graph> {
  if (config.database.uri) return connect({ ...config.database, uri: config.database.uri }, { driver: options.driver });

  const running = await findRunning(config.bundled.dataDir);
  const instance = running ?? (await startBundled(config.bundled, { log: options.log }));
  const graph = await connect(
    { ...config.database, uri: instance.uri, database: 'neo4j' },
    { driver: options.driver, dataDir: config.bundled.dataDir },
  ).catch(async (error: unknown) => {
    if (!running) await stopBundled(instance);
    throw error;
  });
  return {
    ...graph,
    bundled: true,
    owned: running ? undefined : instance,
    async close() {
      await graph.close();
      if (!running) await stopBundled(instance);
    },
  };
}
