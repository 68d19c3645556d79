/**
 * Import progress on stderr: a bar per phase with counts, percentage and time left on a terminal
 * (cli-progress), plain lines otherwise (not a terminal, or --progress), at most one a second plus one at
 * every phase change. The importer only calls the ImportProgress callback (importers/progress.ts).
 */
import cliProgress from 'cli-progress';
import type { ImportProgress, ImportProgressEvent } from '../importers/progress.ts';
import type { Io } from './command.ts';

export type ProgressMode = 'bar' | 'lines' | 'off';

export interface ProgressReporter {
  progress: ImportProgress;
  /** Ends the bar (call before printing the result). */
  stop(): void;
}

const fmt = (n: number) => n.toLocaleString('en');

export function progressMode(io: Io, forced: boolean): ProgressMode {
  if (io.stderr.isTTY && !io.env.CI) return 'bar';
  return forced ? 'lines' : 'off';
}

/** A plain line for an event: `writing 40,000/120,000 rows (33%) Evidence`. */
export function progressLine(e: ImportProgressEvent): string {
  const of = e.total !== undefined ? `/${fmt(e.total)}` : '';
  const pct = e.total ? ` (${Math.floor((100 * e.done) / e.total)}%)` : '';
  return `${e.phase} ${e.total === undefined && e.done === 0 ? '' : `${fmt(e.done)}${of} `}${e.unit}${pct}${e.detail ? ` ${e.detail}` : ''}`;
}

export function progressReporter(io: Io, mode: ProgressMode, now: () => number = Date.now): ProgressReporter {
  if (mode === 'off') return { progress: () => {}, stop: () => {} };
  if (mode === 'lines') {
    let phase = '';
    let last = 0;
    return {
      progress(e) {
        const t = now();
        const complete = e.total !== undefined && e.done === e.total;
        if (e.phase === phase && !complete && t - last < 1000) return;
        phase = e.phase;
        last = t;
        io.stderr.write(`${progressLine(e)}\n`);
      },
      stop: () => {},
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      stream: io.stderr as NodeJS.WritableStream,
      format: '{phase} [{bar}] {percentage}% | {value}/{total} {unit} | {eta_formatted} left | {detail}',
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 50,
      formatValue: (v, _o, type) => (type === 'value' || type === 'total' ? fmt(v) : String(v)),
    },
    cliProgress.Presets.shades_classic,
  );
  let phase = '';
  let started = false;
  return {
    progress(e) {
      const payload = { phase: e.phase.padEnd(10), unit: e.unit, detail: e.detail ?? '' };
      if (e.phase !== phase) {
        if (started) bar.stop();
        phase = e.phase;
        started = true;
        bar.start(e.total ?? 1, e.done, payload);
      } else {
        if (e.total !== undefined) bar.setTotal(e.total);
        bar.update(e.done, payload);
      }
    },
    stop: () => {
      if (started) bar.stop();
      started = false;
    },
  };
}
