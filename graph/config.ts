import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from './errors.ts';

/**
 * The project root: everything the bundled database needs lives below it unless configured otherwise. The
 * nearest directory with a package.json above this module, which is graph/ in the sources and a folder
 * of dist/ in the compiled CLI (bin/build.ts).
 */
export const PROJECT_ROOT = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
})();

export interface DatabaseConfig {
  /** The user's server (bolt://, neo4j://, neo4j+s://, ...). Undefined means: use the bundled Neo4j. */
  uri?: string;
  username: string;
  password: string;
  database: string;
}

export interface BundledDatabaseConfig {
  /** Holds the store (`neo4j/`), the launcher's state file and logs. Survives restarts. */
  dataDir: string;
  /** Preferred Bolt port on 127.0.0.1; the next free one is taken when it is busy. */
  port: number;
  heap: string;
  pageCache: string;
}

export interface Config {
  database: DatabaseConfig;
  bundled: BundledDatabaseConfig;
  api: { port: number; host: string };
}

type Env = Record<string, string | undefined>;

function intFrom(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new ConfigError(`${name}=${raw} is not a port number`, `Set ${name} to an integer between 1 and 65535.`);
  }
  return value;
}

function sizeFrom(env: Env, name: string, fallback: string): string {
  const raw = env[name] ?? fallback;
  if (!/^\d+[kmg]$/i.test(raw)) {
    throw new ConfigError(`${name}=${raw} is not a memory size`, `Use a size such as 512m or 2g.`);
  }
  return raw.toLowerCase();
}

/** Reads the configuration from environment variables (see README, "Configuration"). */
export function readConfig(env: Env = process.env): Config {
  const uri = env.NEO4J_URI?.trim() || undefined;
  if (uri && !/^(bolt|neo4j)(\+s|\+ssc)?:\/\//.test(uri)) {
    throw new ConfigError(
      `NEO4J_URI=${uri} is not a Neo4j URI`,
      'Use bolt://host:7687 for a single server or Docker container, neo4j+s://xxxx.databases.neo4j.io for Aura.',
    );
  }
  return {
    database: {
      uri,
      username: env.NEO4J_USERNAME ?? 'neo4j',
      password: env.NEO4J_PASSWORD ?? '',
      database: env.NEO4J_DATABASE || 'neo4j',
    },
    bundled: {
      dataDir: path.resolve(env.CROSSWALK_DATA_DIR ?? path.join(PROJECT_ROOT, '.data')),
      port: intFrom(env, 'CROSSWALK_NEO4J_PORT', 7687),
      heap: sizeFrom(env, 'CROSSWALK_NEO4J_HEAP', '2g'),
      pageCache: sizeFrom(env, 'CROSSWALK_NEO4J_PAGECACHE', '512m'),
    },
    api: { port: intFrom(env, 'PORT', 4000), host: env.HOST ?? '127.0.0.1' },
  };
}
