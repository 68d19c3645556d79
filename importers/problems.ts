/**
 * Problems found in input. Importers collect every problem (up to a limit) before anything is written,
 * and report each with a code from a closed set, the file, the line (or JSON path), the field and the
 * reason. As node-csv's CsvError: the code and the position are fields, so callers and tests match on
 * them, never on the message text.
 */
import type { CsvErrorCode } from 'csv-parse';
import type { ErrorCode as YamlErrorCode } from 'yaml';
import { CrosswalkError } from '../graph/errors.ts';

export interface Position {
  file: string;
  /** The worksheet of an XLSX workbook the row is on. */
  sheet?: string;
  /** 1-based line in a CSV file (the record's first line), or the line of a YAML node or JSON error. */
  line?: number;
  /** 1-based column, when the parser knows it (CSV field index, YAML/JSON character column). */
  column?: number;
  /** JSON path or YAML path, e.g. `$.catalog.groups[2].controls[0].id`. */
  path?: string;
}

/** Our own problem codes; CSV and YAML syntax problems keep the parser's code (CSV_*, YAML_*). */
export const PROBLEM_CODES = [
  // the file as a whole
  'FILE_EMPTY',
  'FILE_UNREADABLE',
  'FILE_NOT_IMPORTABLE',
  'FORMAT_UNKNOWN',
  'ENCODING_INVALID',
  'DOCUMENT_WRONG_KIND',
  'DOCUMENT_EMPTY',
  'NESTING_TOO_DEEP',
  'JSON_SYNTAX',
  'JSON_DUPLICATE_KEY',
  'XML_SYNTAX',
  'YAML_ALIAS_LIMIT',
  // CSV header
  'COLUMN_MISSING',
  'COLUMN_UNKNOWN',
  'COLUMN_DUPLICATE',
  'COLUMN_UNNAMED',
  // values
  'VALUE_REQUIRED',
  'VALUE_TYPE',
  'VALUE_ENUM',
  'VALUE_DATE',
  'VALUE_NUMBER',
  'VALUE_BOOLEAN',
  'VALUE_DIGEST',
  'VALUE_ID',
  'VALUE_TOO_LONG',
  'VALUE_CONTROL_CHARACTER',
  // across records
  'DUPLICATE',
  'REFERENCE_UNKNOWN',
  'REFERENCE_OTHER_ORGANIZATION',
  'REFERENCE_SELF',
  'REFERENCE_CYCLE',
  /** A reference names a node of the wrong kind (member_of naming an individual, not a body). */
  'REFERENCE_WRONG_KIND',
  'MAPPING_REVERSED',
  'DATE_ORDER',
  /** Two values of one row contradict each other (e.g. AI Act facts), or two rows of one mapping pair disagree. */
  'VALUE_CONFLICT',
  /** An imported framework's id or URN is held by a framework from another source (no silent merge). */
  'FRAMEWORK_COLLISION',
] as const;

export type ProblemCode = (typeof PROBLEM_CODES)[number] | CsvErrorCode | `YAML_${YamlErrorCode}`;

export interface ImportProblem extends Position {
  code: ProblemCode;
  field?: string;
  reason: string;
}

export const MAX_PROBLEMS = 100;

export function formatProblem(problem: ImportProblem): string {
  const line =
    problem.line !== undefined ? `line ${problem.line}${problem.column !== undefined ? `:${problem.column}` : ''}` : undefined;
  const file = problem.sheet ? `${problem.file}[${problem.sheet}]` : problem.file;
  const where = [file, line ?? problem.path].filter(Boolean).join(':');
  return `${where}${problem.field ? ` [${problem.field}]` : ''}: ${problem.reason}`;
}

/** Thrown when input is rejected; nothing has been written. */
export class ImportValidationError extends CrosswalkError {
  constructor(
    readonly problems: ImportProblem[],
    readonly truncated = false,
  ) {
    const lines = problems.map((p) => `  ${formatProblem(p)}`);
    super(
      `rejected: ${problems.length}${truncated ? '+' : ''} problem${problems.length === 1 ? '' : 's'} found, nothing was written\n${lines.join('\n')}`,
      'Fix the listed rows and import again; the graph is unchanged.',
    );
  }
}

/** Collects problems up to MAX_PROBLEMS. */
export class Problems {
  readonly list: ImportProblem[] = [];
  truncated = false;

  add(code: ProblemCode, at: Position, field: string | undefined, reason: string): void {
    if (this.list.length >= MAX_PROBLEMS) {
      this.truncated = true;
      return;
    }
    this.list.push({ code, ...at, field, reason });
  }

  get empty(): boolean {
    return this.list.length === 0;
  }

  throwIfAny(): void {
    if (!this.empty) throw new ImportValidationError(this.list, this.truncated);
  }
}
