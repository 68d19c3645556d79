/**
 * One driver per process. `openGraph` decides where the graph lives: the user's server when NEO4J_URI is
 * set (nothing is started), otherwise the bundled Neo4j (started if it is not already running).
 */
import neo4j, { type Driver, Neo4jError, type QueryResult, type RecordShape } from 'neo4j-driver';
import type { Config, DatabaseConfig } from './config.ts';
import { findRunning, startBundled, stopBundled, type BundledInstance } from './embedded.ts';
import { DatabaseUnavailableError } from './errors.ts';

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
  /** Runs one parameterized statement in an auto-committed transaction. */
  run<R extends RecordShape = RecordShape>(cypher: string, params?: Record<string, unknown>): Promise<QueryResult<R>>;
  close(): Promise<void>;
}

function describeFailure(error: unknown, uri: string): DatabaseUnavailableError {
  const code = error instanceof Neo4jError ? error.code : '';
  if (code === 'Neo.ClientError.Security.Unauthorized' || code === 'Neo.ClientError.Security.AuthenticationRateLimit') {
    return new DatabaseUnavailableError(`Neo4j at ${uri} rejected the credentials`, 'Check NEO4J_USERNAME and NEO4J_PASSWORD.', {
      cause: error,
    });
  }
  if (code === 'Neo.ClientError.Database.DatabaseNotFound') {
    return new DatabaseUnavailableError(`Neo4j at ${uri} has no such database`, 'Check NEO4J_DATABASE.', { cause: error });
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new DatabaseUnavailableError(
    `cannot reach Neo4j at ${uri}: ${reason}`,
    'Is the server running and the URI right? Unset NEO4J_URI to use the bundled Neo4j instead.',
    { cause: error },
  );
}

/** Connects to a running server and checks that it is a Neo4j we can work with. */
export async function connect(database: DatabaseConfig & { uri: string }): Promise<Graph> {
  const driver = neo4j.driver(database.uri, neo4j.auth.basic(database.username, database.password), {
    disableLosslessIntegers: true,
    connectionAcquisitionTimeout: 30_000,
  });
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
    throw error instanceof DatabaseUnavailableError ? error : describeFailure(error, database.uri);
  }
  return {
    driver,
    database: database.database,
    uri: database.uri,
    bundled: false,
    run: (cypher, params = {}) => driver.executeQuery(cypher, params, { database: database.database }) as never,
    close: () => driver.close(),
  };
}

export interface OpenOptions {
  log?: (line: string) => void;
}

/** Opens the configured graph, starting the bundled Neo4j when NEO4J_URI is not set. */
export async function openGraph(config: Config, options: OpenOptions = {}): Promise<Graph> {
  if (config.database.uri) return connect({ ...config.database, uri: config.database.uri });

  const running = await findRunning(config.bundled.dataDir);
  const instance = running ?? (await startBundled(config.bundled, { log: options.log }));
  const graph = await connect({ ...config.database, uri: instance.uri, database: 'neo4j' }).catch(async (error: unknown) => {
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
