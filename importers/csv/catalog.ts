/** CSV framework catalogs: `frameworks.csv` (metadata) and one requirements file per framework. */
import { FRAMEWORK_KINDS, REQUIREMENT_KINDS, requirementUid } from '../../graph/model.ts';
import { FieldReader } from '../fields.ts';
import type { Problems } from '../problems.ts';
import { emptyBatch, type ImportBatch } from '../records.ts';
import type { CsvTable } from './read.ts';

export const FRAMEWORK_COLUMNS = {
  required: ['id', 'name', 'kind'],
  optional: ['version', 'publisher', 'url', 'published_on'],
} as const;

export const REQUIREMENT_COLUMNS = {
  required: ['framework_id', 'ref', 'title'],
  optional: ['parent_ref', 'kind', 'order', 'normative', 'summary', 'url'],
} as const;

const FRAMEWORK_ID = /^[a-z0-9][a-z0-9-]*$/;

export function frameworksFromCsv(table: CsvTable, problems: Problems): ImportBatch {
  const batch = emptyBatch();
  for (const { line, values } of table.records) {
    const at = { file: table.file, ...(table.sheet ? { sheet: table.sheet } : {}), line };
    const f = new FieldReader(values, at, problems);
    const id = f.required('id');
    if (id && !FRAMEWORK_ID.test(id)) problems.add('VALUE_ID', at, 'id', `'${id}' must be lower-case letters, digits and dashes`);
    batch.frameworks.push({
      at,
      id,
      name: f.required('name'),
      version: f.optional('version'),
      publisher: f.optional('publisher'),
      kind: f.oneOf('kind', FRAMEWORK_KINDS),
      url: f.optional('url'),
      publishedOn: f.date('published_on'),
    });
  }
  return batch;
}

export function requirementsFromCsv(table: CsvTable, problems: Problems): ImportBatch {
  const batch = emptyBatch();
  for (const { line, values } of table.records) {
    const at = { file: table.file, ...(table.sheet ? { sheet: table.sheet } : {}), line };
    const f = new FieldReader(values, at, problems);
    const frameworkId = f.required('framework_id');
    const ref = f.required('ref');
    const parentRef = f.optional('parent_ref');
    batch.requirements.push({
      at,
      uid: requirementUid(frameworkId, ref),
      frameworkId,
      ref,
      parentUid: parentRef ? requirementUid(frameworkId, parentRef) : null,
      kind: f.oneOf('kind', REQUIREMENT_KINDS, 'requirement'),
      order: f.integer('order', { min: 0, max: 10_000_000 }, false),
      normative: f.boolean('normative', true),
      title: f.required('title'),
      summary: f.optional('summary'),
      url: f.optional('url'),
    });
  }
  return batch;
}
