/**
 * Problems found in input. Importers collect every problem (up to a limit) before anything is written,
 * and report each with the file, the line (or JSON path), the field and the reason.
 */
import { CrosswalkError } from '../graph/errors.ts';

export interface Position {
  file: string;
  /** 1-based line in a CSV file (the record's first line). */
  line?: number;
  /** JSON path or YAML path, e.g. `$.catalog.groups[2].controls[0].id`. */
  path?: string;
}

export interface ImportProblem extends Position {
  field?: string;
  reason: string;
}

export const MAX_PROBLEMS = 100;

export function formatProblem(problem: ImportProblem): string {
  const where = [problem.file, problem.line !== undefined ? `line ${problem.line}` : problem.path].filter(Boolean).join(':');
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

  add(at: Position, field: string | undefined, reason: string): void {
    if (this.list.length >= MAX_PROBLEMS) {
      this.truncated = true;
      return;
    }
    this.list.push({ ...at, field, reason });
  }

  get empty(): boolean {
    return this.list.length === 0;
  }

  throwIfAny(): void {
    if (!this.empty) throw new ImportValidationError(this.list, this.truncated);
  }
}
