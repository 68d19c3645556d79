/**
 * The one CSV writer (csv-stringify, the node-csv project our reader csv-parse belongs to), used by the
 * mapping export, the coverage report, the SoA export, the benchmark generator and the test fixtures.
 * RFC 4180: fields with a comma, quote or line break are quoted and quotes doubled; fields with a
 * semicolon are quoted too, because our reader (and spreadsheet programs in many locales) also accepts
 * semicolon-separated files. Empty for null and undefined; booleans as true/false.
 */
import { stringify } from 'csv-stringify/sync';

export type CsvRow = readonly unknown[];

const OPTIONS = {
  record_delimiter: '\n',
  quoted_match: /;/,
  cast: { boolean: (value: boolean) => String(value) },
} as const;

/** Rows (the header first, if any) as CSV text ending with a newline. */
export function toCsv(rows: readonly CsvRow[]): string {
  return stringify(
    rows.map((row) => [...row]),
    OPTIONS,
  );
}
