/**
 * Starts one real Neo4j for the whole test run: the bundled Neo4j in a fresh temporary data directory,
 * or, when CROSSWALK_TEST_NEO4J_URI is set, that server. Tests DELETE ALL DATA in it, which is why the
 * tests never use NEO4J_URI (your working database) by accident.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { readConfig } from '../../graph/config.ts';
import { startBundled, stopBundled } from '../../graph/embedded.ts';

export interface TestDatabase {
  uri: string;
  username: string;
  password: string;
  database: string;
  bundled: boolean;
}

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: TestDatabase;
  }
}

export default async function setup(project: TestProject) {
  const env = process.env;
  if (env.CROSSWALK_TEST_NEO4J_URI) {
    project.provide('neo4j', {
      uri: env.CROSSWALK_TEST_NEO4J_URI,
      username: env.CROSSWALK_TEST_NEO4J_USERNAME ?? 'neo4j',
      password: env.CROSSWALK_TEST_NEO4J_PASSWORD ?? '',
      database: env.CROSSWALK_TEST_NEO4J_DATABASE ?? 'neo4j',
      bundled: false,
    });
    return;
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-test-'));
  const bundled = readConfig({ ...env, CROSSWALK_DATA_DIR: dataDir, CROSSWALK_NEO4J_PORT: '7790' }).bundled;
  const instance = await startBundled(bundled, { log: (line) => console.log(`[test db] ${line}`) });
  project.provide('neo4j', { uri: instance.uri, username: 'neo4j', password: '', database: 'neo4j', bundled: true });
  return async () => {
    await stopBundled(instance);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
