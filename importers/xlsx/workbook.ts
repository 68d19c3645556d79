/**
 * The CSV templates from an Excel workbook: one worksheet per template, named as the template
 * (`organizations`, `systems`, `controls`, ..., `frameworks`, `requirements`, `mappings`), row 1 the
 * header. Each sheet becomes the same table a CSV file gives and goes through the same reader, so the
 * validation is the template's own; problems carry the file, the sheet, the row and the column. Date
 * cells are read as their calendar date (YYYY-MM-DD); a date typed as text in a locale format
 * ("01.02.2023") is refused by the template's date check with "use YYYY-MM-DD or a date cell".
 * Parsing is exceljs's (MIT), never ours.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { ReadContext } from '../index.ts';
import type { Problems } from '../problems.ts';
import { emptyBatch, mergeBatches, type ImportBatch } from '../records.ts';
import { controlCharacter } from '../text.ts';
import type { CsvRecord, CsvTable } from '../csv/read.ts';

/** A template a sheet can hold: its columns and the reader of its table (the CSV format's own). */
export interface SheetTemplate {
  name: string;
  columns: (context: ReadContext) => { required: readonly string[]; optional: readonly string[] };
  read: (table: CsvTable, problems: Problems, context: ReadContext) => ImportBatch;
}

/** Largest workbook read (bytes): beyond it, split the workbook. */
export const MAX_WORKBOOK_BYTES = 50_000_000;

/** The text of a cell as the CSV reader would see it: dates as YYYY-MM-DD, formulas by their result. */
function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (value && typeof value === 'object' && 'result' in value) {
    const result = (value as { result?: unknown }).result;
    if (result instanceof Date) return result.toISOString().slice(0, 10);
    return result === undefined || result === null ? '' : String(result);
  }
  return (cell.text ?? '').trim();
}

export async function readWorkbook(
  file: string,
  problems: Problems,
  context: ReadContext,
  templates: readonly SheetTemplate[],
): Promise<ImportBatch | undefined> {
  const size = (await fs.promises.stat(file)).size;
  if (size > MAX_WORKBOOK_BYTES) {
    problems.add('FILE_NOT_IMPORTABLE', { file }, undefined, `the workbook has ${size} bytes, more than ${MAX_WORKBOOK_BYTES}`);
    return undefined;
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch (error) {
    problems.add('FILE_UNREADABLE', { file }, undefined, `not readable as an XLSX workbook: ${(error as Error).message}`);
    return undefined;
  }
  const batches: ImportBatch[] = [];
  let unreadable = false;
  let sheets = 0;
  for (const sheet of workbook.worksheets) {
    const name = sheet.name.trim().toLowerCase();
    const template = templates.find((t) => t.name === name);
    if (!template) {
      problems.add(
        'FORMAT_UNKNOWN',
        { file, sheet: sheet.name },
        undefined,
        `the sheet '${sheet.name}' is not named after a template; use one of ${templates.map((t) => t.name).join(', ')}`,
      );
      unreadable = true;
      continue;
    }
    sheets++;
    const table = readSheet(file, sheet, template.columns(context), problems);
    if (!table) {
      unreadable = true;
      continue;
    }
    const before = problems.list.length;
    batches.push(template.read(table, problems, context));
    // The template's checks name the field; on a sheet the column is known too.
    for (const p of problems.list.slice(before))
      if (p.sheet === table.sheet && p.field && p.column === undefined) {
        const index = table.header.indexOf(p.field);
        if (index >= 0) p.column = index + 1;
      }
  }
  if (sheets === 0 && !unreadable)
    problems.add('DOCUMENT_EMPTY', { file }, undefined, 'the workbook has no sheet named after a template');
  if (unreadable) return undefined;
  return batches.length ? mergeBatches(batches) : emptyBatch();
}

function readSheet(
  file: string,
  sheet: ExcelJS.Worksheet,
  columns: { required: readonly string[]; optional: readonly string[] },
  problems: Problems,
): CsvTable | undefined {
  const at = { file, sheet: sheet.name };
  const headerRow = sheet.getRow(1);
  const header: string[] = [];
  for (let c = 1; c <= headerRow.cellCount; c++) header.push(cellText(headerRow.getCell(c)).toLowerCase());
  while (header.length && header[header.length - 1] === '') header.pop();
  if (header.length === 0) {
    problems.add('DOCUMENT_EMPTY', at, undefined, 'the sheet has no header row');
    return undefined;
  }
  let bad = false;
  header.forEach((name, i) => {
    if (name === '') {
      bad = true;
      problems.add('COLUMN_UNNAMED', { ...at, line: 1, column: i + 1 }, undefined, `column ${i + 1} has no name in the header`);
    } else if (header.indexOf(name) !== i) {
      bad = true;
      problems.add('COLUMN_DUPLICATE', { ...at, line: 1, column: i + 1 }, name, `the header names column '${name}' twice`);
    }
  });
  const known = new Set([...columns.required, ...columns.optional]);
  for (const column of columns.required.filter((c) => !header.includes(c))) {
    bad = true;
    problems.add('COLUMN_MISSING', { ...at, line: 1 }, column, 'required column is missing');
  }
  header.forEach((name, i) => {
    if (name && !known.has(name)) {
      bad = true;
      problems.add(
        'COLUMN_UNKNOWN',
        { ...at, line: 1, column: i + 1 },
        name,
        `unknown column; expected ${[...known].join(', ')}`,
      );
    }
  });
  if (bad) return undefined;
  const records: CsvRecord[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const values: Record<string, string> = {};
    let empty = true;
    header.forEach((name, i) => {
      const text = cellText(row.getCell(i + 1));
      if (text) empty = false;
      values[name] = text;
      const control = controlCharacter(text);
      if (control)
        problems.add(
          'VALUE_CONTROL_CHARACTER',
          { ...at, line: r, column: i + 1 },
          name,
          `contains the control character ${control}`,
        );
    });
    // Empty rows are skipped, as csv-parse skips empty lines.
    if (!empty) records.push({ line: r, values });
  }
  if (records.length === 0) {
    problems.add('DOCUMENT_EMPTY', at, undefined, 'the sheet has a header but no rows');
    return undefined;
  }
  return { file, sheet: sheet.name, header, records };
}
