/**
 * Small purpose-built graphs for the reuse-question tests: CSV files in the template formats
 * (seeds/templates/README.md) written to a temporary directory and loaded through the real importer.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Graph } from '../../graph/connection.ts';
import { toCsv } from '../../importers/csv/write.ts';
import { importFiles } from '../../importers/index.ts';

/** file name (e.g. `controls.csv`) -> header + rows. */
export type CsvFiles = Record<string, string[][]>;

export async function importCsvFiles(graph: Graph, files: CsvFiles): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-queries-'));
  try {
    const paths = Object.entries(files).map(([name, rows]) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, toCsv(rows));
      return file;
    });
    await importFiles(graph, paths);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
