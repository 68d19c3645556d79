/**
 * URN aliases (seeds/ciso-assistant/urn-aliases.csv): the identifier another tool gives one of our
 * requirements (framework_id + ref) or, with an empty ref, one of our frameworks. Stored as `urn`, so that
 * CISO Assistant mapping sets resolve to our nodes (importers/resolve.ts).
 */
import { FieldReader } from '../fields.ts';
import type { Problems } from '../problems.ts';
import { emptyBatch, type ImportBatch } from '../records.ts';
import type { CsvTable } from './read.ts';

export const URN_ALIAS_COLUMNS = { required: ['framework_id', 'ref', 'urn'], optional: [] } as const;

export function urnAliasesFromCsv(table: CsvTable, problems: Problems): ImportBatch {
  const batch = emptyBatch();
  for (const { line, values } of table.records) {
    const at = { file: table.file, line };
    const f = new FieldReader(values, at, problems);
    batch.urnAliases.push({ at, frameworkId: f.required('framework_id'), ref: f.optional('ref'), urn: f.required('urn') });
  }
  return batch;
}
