/**
 * The importer's side of progress reporting: one callback receiving the phase and how far it got. The
 * importer knows nothing about terminals; the CLI (bin/progress.ts) draws a bar or prints lines from it.
 */
export type ImportPhase = 'reading' | 'validating' | 'writing' | 'committing';

export interface ImportProgressEvent {
  phase: ImportPhase;
  /** Units done in this phase so far, out of `total` when it is known. */
  done: number;
  total?: number;
  /** What is counted: files, records, rows. */
  unit: string;
  /** The file being read, the node or relationship type being written. */
  detail?: string;
}

export type ImportProgress = (event: ImportProgressEvent) => void;
