/**
 * The graph's schema: constraints and indexes in numbered `.cypher` migrations under graph/schema/.
 * Each migration runs once and is recorded as a (:SchemaMigration {version}) node; every statement is
 * also `IF NOT EXISTS`, so applying the schema twice changes nothing. Add a change as a new file with the
 * next number; never edit an applied one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from './config.ts';
import type { Graph } from './connection.ts';

const SCHEMA_DIR = path.join(PROJECT_ROOT, 'graph', 'schema');

export interface Migration {
  version: number;
  name: string;
  statements: string[];
}

/** Splits a .cypher file into statements: `;` ends a statement, `//` lines are comments. */
export function splitStatements(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n')
    .split(';')
    .map((statement) => statement.trim())
    .filter(Boolean);
}

export function loadMigrations(dir = SCHEMA_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((file) => /^\d{3}-.*\.cypher$/.test(file))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 3)),
      name: file.replace(/\.cypher$/, ''),
      statements: splitStatements(fs.readFileSync(path.join(dir, file), 'utf8')),
    }));
}

export const LATEST_SCHEMA_VERSION = Math.max(...loadMigrations().map((m) => m.version));

export async function schemaVersion(graph: Graph): Promise<number> {
  const { records } = await graph.run('MATCH (m:SchemaMigration) RETURN max(m.version) AS version');
  return Number(records[0]?.get('version') ?? 0);
}

/** Applies the migrations the database has not seen yet; returns the names applied. */
export async function applySchema(graph: Graph): Promise<string[]> {
  const current = await schemaVersion(graph);
  const applied: string[] = [];
  for (const migration of loadMigrations()) {
    if (migration.version <= current) continue;
    // Schema statements cannot share a transaction with data writes, so each runs on its own.
    for (const statement of migration.statements) await graph.run(statement);
    await graph.run('MERGE (m:SchemaMigration {version: $version}) ON CREATE SET m.name = $name, m.appliedAt = datetime()', {
      version: migration.version,
      name: migration.name,
    });
    applied.push(migration.name);
  }
  // Index population is asynchronous; wait so that the first queries use them.
  await graph.run('CALL db.awaitIndexes(300)');
  return applied;
}
