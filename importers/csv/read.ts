/**
 * Reads a CSV file into records with their line numbers, the way csv-parse streams them: UTF-8 with or
 * without BOM, comma or semicolon delimiter (German Excel exports use semicolons), quoted fields.
 * Header problems (missing or unknown columns) and unreadable input become ImportProblems.
 */
import fs from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { parse } from 'csv-parse';
import type { Problems } from '../problems.ts';

export interface CsvRecord {
  line: number;
  values: Record<string, string>;
}

export interface CsvTable {
  file: string;
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

/**
 * Parses `file`; returns undefined (with problems recorded) when the file cannot be read as CSV with the
 * expected columns. `required` columns must be present; with `optional` given, any other column is a problem.
 */
export async function readCsv(
  file: string,
  problems: Problems,
  columns: { required: readonly string[]; optional: readonly string[] },
  onProgress?: (rows: number) => void,
): Promise<CsvTable | undefined> {
  const bytes = await fs.promises.readFile(file);
  if (
    bytes.length === 0 ||
    bytes
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim() === ''
  ) {
    problems.add('FILE_EMPTY', { file }, undefined, 'the file is empty; expected a header row and at least one record');
    return undefined;
  }
  if (!isUtf8(bytes)) {
    problems.add(
      'ENCODING_INVALID',
      { file },
      undefined,
      'the file is not valid UTF-8; re-save it as "CSV UTF-8" (Excel) or convert it with iconv',
    );
    return undefined;
  }
  const text = bytes.toString('utf8');
  const parser = parse(text, {
    bom: true,
    delimiter: detectDelimiter(text.replace(/^\uFEFF/, '')),
    columns: (names: string[]) => names.map((n) => n.trim().toLowerCase()),
    info: true,
    skip_empty_lines: true,
    trim: true,
    relax_column_count: false,
  });
  const records: CsvRecord[] = [];
  let header: string[] | undefined;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number; columns: { name: string }[] };
    }>) {
      if (!header) {
        header = info.columns.map((c) => c.name);
        const missing = columns.required.filter((c) => !header!.includes(c));
        const known = new Set([...columns.required, ...columns.optional]);
        const unknown = header.filter((c) => !known.has(c));
        for (const column of missing) problems.add('COLUMN_MISSING', { file, line: 1 }, column, 'required column is missing');
        for (const column of unknown) {
          problems.add('COLUMN_UNKNOWN', { file, line: 1 }, column, `unknown column; expected ${[...known].join(', ')}`);
        }
        if (missing.length || unknown.length) return undefined;
      }
      records.push({ line: info.lines, values: record });
      if (onProgress && records.length % 10_000 === 0) onProgress(records.length);
    }
  } catch (error) {
    const e = error as Error & { lines?: number; code?: string };
    problems.add('CSV_UNKNOWN_ERROR', { file, line: e.lines }, undefined, `not readable as CSV: ${e.message}`);
    return undefined;
  }
  if (records.length === 0) {
    problems.add('DOCUMENT_EMPTY', { file }, undefined, 'the file has a header but no records');
    return undefined;
  }
  return { file, header: header ?? [], records };
}
