/**
 * Reads a CSV file into records with their line numbers, the way csv-parse streams them: UTF-8 with or
 * without BOM, comma or semicolon delimiter (German Excel exports use semicolons), quoted fields.
 * Header problems (missing or unknown columns) and unreadable input become ImportProblems.
 */
import fs from 'node:fs';
import { CsvError, parse } from 'csv-parse';
import type { Problems } from '../problems.ts';
import { controlCharacter, decodeText } from '../text.ts';

export interface CsvRecord {
  line: number;
  values: Record<string, string>;
}

export interface CsvTable {
  file: string;
  /** The worksheet, when the table is a sheet of an XLSX workbook (importers/xlsx/workbook.ts). */
  sheet?: string;
  header: string[];
  records: CsvRecord[];
}

/** Picks `;` when the header line has more semicolons than commas. */
export function detectDelimiter(text: string): ',' | ';' {
  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'));
  const count = (ch: string) => firstLine.split(ch).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

export async function readHeaderLine(file: string): Promise<string[]> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(8192), 0, 8192, 0);
    const text = buffer
      .subarray(0, bytesRead)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
    const line = text.split(/\r?\n/)[0] ?? '';
    return line.split(detectDelimiter(line)).map((h) => h.trim().replace(/^"|"$/g, '').toLowerCase());
  } finally {
    await handle.close();
  }
}

/** csv-parse refuses records longer than this (characters) instead of buffering a runaway quote. */
export const MAX_RECORD_SIZE = 2_000_000;

const RESAVE = 're-save it as "CSV UTF-8" (Excel) or convert it with iconv -f WINDOWS-1252 -t UTF-8';

/**
 * Parses `file`; returns undefined (with problems recorded) when the file cannot be read as CSV with the
 * expected columns. `required` columns must be present; with `optional` given, any other column is a problem.
 * Lines are the record's FIRST line, also for a quoted value spanning lines; csv-parse's own errors keep
 * their code (CSV_*) and column.
 */
export async function readCsv(
  file: string,
  problems: Problems,
  columns: { required: readonly string[]; optional: readonly string[] },
  onProgress?: (rows: number) => void,
): Promise<CsvTable | undefined> {
  const text = decodeText(await fs.promises.readFile(file), file, problems, RESAVE);
  if (text === undefined) return undefined;
  let headerProblem = false;
  let headerRead = false;
  /**
   * Last line of the last record parsed: where an unreadable record starts after. Tracked in on_record,
   * which runs as each record is parsed; the async iterator drops buffered records when an error follows.
   */
  let lastLine = 1;
  const parser = parse(text, {
    bom: true,
    delimiter: detectDelimiter(text),
    columns: (names: string[]) => {
      const normalized = names.map((n) => n.trim().toLowerCase());
      normalized.forEach((name, i) => {
        if (name === '') {
          headerProblem = true;
          problems.add(
            'COLUMN_UNNAMED',
            { file, line: 1, column: i + 1 },
            undefined,
            `column ${i + 1} has no name in the header`,
          );
        } else if (normalized.indexOf(name) !== i) {
          headerProblem = true;
          problems.add('COLUMN_DUPLICATE', { file, line: 1, column: i + 1 }, name, `the header names column '${name}' twice`);
        }
      });
      headerRead = true;
      return normalized;
    },
    info: true,
    on_record: (record: unknown, context: { lines: number }) => {
      lastLine = context.lines;
      return record;
    },
    raw: true,
    skip_empty_lines: true,
    trim: true,
    relax_column_count: false,
    max_record_size: MAX_RECORD_SIZE,
  });
  const records: CsvRecord[] = [];
  let header: string[] | undefined;
  /** Last line of the previous record: where an unreadable record starts after. */
  try {
    for await (const { record, info, raw } of parser as AsyncIterable<{
      record: Record<string, string>;
      raw: string;
      info: { lines: number; columns: { name: string }[] };
    }>) {
      if (!header) {
        header = info.columns.map((c) => c.name);
        const missing = columns.required.filter((c) => !header!.includes(c));
        const known = new Set([...columns.required, ...columns.optional]);
        const unknown = header.filter((c) => c && !known.has(c));
        for (const column of missing) problems.add('COLUMN_MISSING', { file, line: 1 }, column, 'required column is missing');
        for (const column of unknown) {
          problems.add(
            'COLUMN_UNKNOWN',
            { file, line: 1, column: header.indexOf(column) + 1 },
            column,
            `unknown column; expected ${[...known].join(', ')}`,
          );
        }
        if (missing.length || unknown.length || headerProblem) return undefined;
      }
      // info.lines is the record's last line; a quoted value spanning lines moves its start up.
      const line = info.lines - (raw.replace(/(\r?\n|\r)$/, '').match(/\r\n|\n|\r/g)?.length ?? 0);
      for (const [name, value] of Object.entries(record)) {
        const control = controlCharacter(value);
        if (control)
          problems.add(
            'VALUE_CONTROL_CHARACTER',
            { file, line, column: header.indexOf(name) + 1 },
            name,
            `contains the control character ${control}`,
          );
      }
      records.push({ line, values: record });
      if (onProgress && records.length % 10_000 === 0) onProgress(records.length);
    }
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const context = error as CsvError & { lines?: number; column?: unknown; index?: number };
    // For a record with the wrong number of fields, index counts fields rather than naming one.
    const column = typeof context.index === 'number' && !/INCONSISTENT/.test(error.code) ? context.index + 1 : undefined;
    // csv-parse reports where it stopped; the record began on the line after the previous record.
    const line = headerRead ? Math.min(lastLine + 1, context.lines ?? lastLine + 1) : 1;
    problems.add(
      error.code,
      { file, line, column },
      typeof context.column === 'string' ? context.column : undefined,
      `not readable as CSV: ${error.message.replace(/^Invalid /, 'invalid ')}`,
    );
    return undefined;
  }
  if (headerProblem) return undefined;
  if (records.length === 0) {
    problems.add('DOCUMENT_EMPTY', { file }, undefined, 'the file has a header but no records');
    return undefined;
  }
  return { file, header: header ?? [], records };
}
