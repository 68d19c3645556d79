/**
 * `importFiles`: reads files of any supported format, validates everything they contain together
 * (nothing is written when any problem is found), then writes it all through the one writer.
 */
import path from 'node:path';
import type { Graph } from '../graph/connection.ts';
import { frameworksFromCsv, FRAMEWORK_COLUMNS, requirementsFromCsv, REQUIREMENT_COLUMNS } from './csv/catalog.ts';
import { MAPPING_COLUMNS, mappingsFromCsv } from './csv/mappings.ts';
import { readCsv, readHeaderLine, type CsvTable } from './csv/read.ts';
import { Problems } from './problems.ts';
import { mergeBatches, type ImportBatch } from './records.ts';
import { validateBatch } from './validate.ts';
import { writeBatch, type WriteOptions, type WriteSummary } from './writer.ts';

/** A file format: how to recognize it and how to turn it into records. */
export interface ImportFormat {
  name: string;
  description: string;
  /** True when the file looks like this format (header columns, JSON keys, ...). */
  detect(file: string, header: string[]): boolean;
  read(file: string, problems: Problems): Promise<ImportBatch | undefined>;
}

function csvFormat(
  name: string,
  description: string,
  columns: { required: readonly string[]; optional: readonly string[] },
  toBatch: (table: CsvTable, problems: Problems) => ImportBatch,
): ImportFormat {
  return {
    name,
    description,
    detect: (file, header) => file.toLowerCase().endsWith('.csv') && columns.required.every((c) => header.includes(c)),
    async read(file, problems) {
      const table = await readCsv(file, problems, columns);
      return table ? toBatch(table, problems) : undefined;
    },
  };
}

export const FORMATS: ImportFormat[] = [
  csvFormat('csv-frameworks', 'framework metadata (id, name, kind, ...)', FRAMEWORK_COLUMNS, frameworksFromCsv),
  csvFormat('csv-requirements', 'a framework catalog (framework_id, ref, title, parent_ref, ...)', REQUIREMENT_COLUMNS, requirementsFromCsv),
  csvFormat('csv-mappings', 'a crosswalk (source_uid, target_uid, relationship, strength, ...)', MAPPING_COLUMNS, mappingsFromCsv),
];

export interface ImportOptions extends WriteOptions {
  /** Force a format instead of detecting it from each file's content. */
  format?: string;
}

export interface ImportResult {
  files: { file: string; format: string }[];
  summary: WriteSummary;
  dryRun: boolean;
}

async function detectFormat(file: string, problems: Problems, forced?: string): Promise<ImportFormat | undefined> {
  if (forced) {
    const format = FORMATS.find((f) => f.name === forced);
    if (!format) problems.add({ file }, undefined, `unknown format '${forced}'; use one of ${FORMATS.map((f) => f.name).join(', ')}`);
    return format;
  }
  const header = await readHeaderLine(file).catch(() => []);
  const format = FORMATS.find((f) => f.detect(file, header));
  if (!format) {
    problems.add({ file }, undefined, `cannot tell the format from the content; pass --format (${FORMATS.map((f) => f.name).join(', ')})`);
  }
  return format;
}

export async function importFiles(graph: Graph, files: string[], options: ImportOptions = {}): Promise<ImportResult> {
  const problems = new Problems();
  const batches: ImportBatch[] = [];
  const detected: ImportResult['files'] = [];
  for (const file of files) {
    const format = await detectFormat(file, problems, options.format);
    if (!format) continue;
    const batch = await format.read(file, problems);
    if (batch) batches.push(batch);
    detected.push({ file: path.relative(process.cwd(), file) || file, format: format.name });
  }
  problems.throwIfAny();
  const batch = mergeBatches(batches);
  await validateBatch(batch, graph, problems);
  problems.throwIfAny();
  const summary = await writeBatch(graph, batch, options);
  return { files: detected, summary, dryRun: Boolean(options.dryRun) };
}
