/** CSV crosswalks: one mapping per row (see seeds/mappings/README.md). */
import { MAPPING_RATIONALES, MAPPING_RELATIONSHIPS, MAPPING_SOURCES, MAPPING_STATUSES } from '../../graph/model.ts';
import { FieldReader } from '../fields.ts';
import type { Problems } from '../problems.ts';
import { emptyBatch, type ImportBatch } from '../records.ts';
import type { CsvTable } from './read.ts';

export const MAPPING_COLUMNS = {
  required: ['source_uid', 'target_uid', 'relationship', 'strength'],
  optional: ['rationale', 'source', 'explanation', 'status'],
} as const;

export function mappingsFromCsv(table: CsvTable, problems: Problems): ImportBatch {
  const batch = emptyBatch();
  for (const { line, values } of table.records) {
    const at = { file: table.file, ...(table.sheet ? { sheet: table.sheet } : {}), line };
    const f = new FieldReader(values, at, problems);
    const rationale = f.optional('rationale');
    const source = f.optional('source');
    if (rationale && !(MAPPING_RATIONALES as readonly string[]).includes(rationale)) {
      problems.add('VALUE_ENUM', at, 'rationale', `'${rationale}' is not one of ${MAPPING_RATIONALES.join(', ')}`);
    }
    if (source && !(MAPPING_SOURCES as readonly string[]).includes(source)) {
      problems.add('VALUE_ENUM', at, 'source', `'${source}' is not one of ${MAPPING_SOURCES.join(', ')}`);
    }
    batch.mappings.push({
      at,
      sourceUid: f.required('source_uid'),
      targetUid: f.required('target_uid'),
      relationship: f.oneOf('relationship', MAPPING_RELATIONSHIPS),
      strength: f.integer('strength', { min: 1, max: 10 }, true) ?? 0,
      rationale,
      source,
      explanation: f.optional('explanation'),
      status: f.oneOf('status', MAPPING_STATUSES, 'approved'),
    });
  }
  return batch;
}
