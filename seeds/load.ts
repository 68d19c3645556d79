/** Loads the shipped seed data through the same importer users use, in one transaction. */
import type { Graph } from '../graph/connection.ts';
import { importFiles, type ImportResult } from '../importers/index.ts';
import { aliasFiles, catalogFiles, demoFiles, mappingFiles } from './index.ts';

export const COUNT_FRAMEWORKS = 'MATCH (f:Framework) RETURN count(f) AS n';
/** Deletes every node but the schema's own records, in batches so that large graphs fit in memory. */
export const DELETE_ALL_DATA = `
MATCH (n) WHERE NOT n:SchemaMigration
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS`;

export async function hasReferenceData(graph: Graph): Promise<boolean> {
  const { records } = await graph.run(COUNT_FRAMEWORKS);
  return Number(records[0]?.get('n')) > 0;
}

export async function deleteAllData(graph: Graph): Promise<void> {
  const session = graph.driver.session({ database: graph.database });
  try {
    await session.run(DELETE_ALL_DATA);
  } finally {
    await session.close();
  }
}

export interface SeedOptions {
  /** Also load the demo organization (seeds/demo/). */
  demo?: boolean;
  dryRun?: boolean;
}

export async function seedGraph(graph: Graph, options: SeedOptions = {}): Promise<ImportResult> {
  const files = [...catalogFiles(), ...aliasFiles(), ...mappingFiles(), ...(options.demo ? demoFiles() : [])];
  return importFiles(graph, files, { dryRun: options.dryRun });
}
