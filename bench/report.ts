/**
 * The Markdown summary of a benchmark run (bench/results/<date>.md) and the issue's targets, judged at the
 * largest factor measured.
 */
import type { FactorResult } from './run.ts';

export interface TargetCheck {
  target: string;
  measured: string;
  /** null when the run has nothing to judge it by. */
  met: boolean | null;
}

const latencyOf = (f: FactorResult, question: string) => f.latency.find((l) => l.question === question);

/** Our import at the day the targets were set (2026-11-22, bundled Neo4j, quiet machine), seconds per factor. */
const IMPORT_BEFORE_SECONDS: Record<number, number> = { 0.1: 4.5, 0.3: 10.1, 1: 34.6 };

/** Issue #14's targets (p95 over HTTP, warm), judged at the largest factor measured. */
const LATENCY_TARGETS: [question: string, ms: number][] = [
  ['coverage', 50],
  ['gaps', 50],
  ['reuse', 50],
  ['obligations', 50],
  ['explain', 50],
  ['evidence-covering-both', 100],
  ['soa', 100],
  ['impact', 100],
  ['impact:withinDays', 300],
];

export function targetsOf(factors: FactorResult[]): TargetCheck[] {
  const f = [...factors].sort((a, b) => b.factor - a.factor)[0];
  if (!f) return [];
  const at = `factor ${f.factor}`;
  const checks: TargetCheck[] = [];
  for (const [question, limit] of LATENCY_TARGETS) {
    const l = latencyOf(f, question);
    checks.push({
      target: `${question} p95 <= ${limit} ms over HTTP (${at})`,
      measured: l ? `${l.http.p95} ms (raw Cypher ${l.raw.p95} ms)` : 'not measured',
      met: l ? l.http.runs > 0 && l.http.p95 <= limit : null,
    });
  }
  const firsts = f.latency.map((l) => ({ question: l.question, ms: Math.max(...Object.values(l.firstAsk ?? {}), 0) }));
  const slowest = [...firsts].sort((a, b) => b.ms - a.ms)[0];
  checks.push({
    target: `the first ask of each question after a start <= 1 s (${at})`,
    measured: slowest ? `slowest: ${slowest.question} ${slowest.ms} ms` : 'not measured',
    met: slowest ? slowest.ms <= 1000 : null,
  });
  checks.push({
    target: `${f.load.clients} concurrent clients, mixed questions: 0 errors, >= 100 requests/s (${at})`,
    measured: `${f.load.errors} errors in ${f.load.completed} requests, ${f.load.requestsPerSecond} requests/s${f.load.stoppedByDeadline ? ` (stopped by the deadline before ${f.load.requests})` : ''}`,
    met: f.load.errors === 0 && f.load.requestsPerSecond >= 100,
  });
  if (f.evidenceUpdate) {
    checks.push({
      target: `one evidence update through GraphQL until every question reflects it, p95 <= 150 ms (${at})`,
      measured: `${f.evidenceUpdate.p95} ms (p50 ${f.evidenceUpdate.p50} ms, ${f.evidenceUpdate.errors} errors)`,
      met: f.evidenceUpdate.errors === 0 && f.evidenceUpdate.p95 <= 150,
    });
  }
  const before = IMPORT_BEFORE_SECONDS[f.factor];
  checks.push({
    target: `import including maintenance <= 1.3x the import time before maintained coverage (${at})`,
    measured: `${f.import.crosswalk.seconds} s${before ? ` vs ${before} s before (${Math.round((f.import.crosswalk.seconds / before) * 100) / 100}x)` : ''}`,
    met: before ? f.import.crosswalk.seconds <= 1.3 * before : null,
  });
  return checks;
}

const table = (header: string[], rows: (string | number | null | undefined)[][]) =>
  [
    `| ${header.join(' | ')} |`,
    `|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
    ...rows.map((r) => `| ${r.map((c) => (c === null || c === undefined ? '–' : String(c))).join(' | ')} |`),
  ].join('\n');

const n = (x: number) => x.toLocaleString('en-US');
/** p50 / p95 / p99, or "failed" when no ask succeeded (at scale: every one ran into the 30 s timeout). */
const pcts = (l: { runs: number; p50: number; p95: number; p99: number }) =>
  l.runs ? `${l.p50} / ${l.p95} / ${l.p99}` : 'failed';

export function renderMarkdown(report: {
  date: string;
  seconds: number;
  machine: unknown;
  settings: Record<string, unknown>;
  factors: FactorResult[];
  targets: TargetCheck[];
}): string {
  const m = report.machine as Record<string, unknown>;
  const fs = report.factors;
  const cols = fs.map((f) => `f=${f.factor}`);
  const out: string[] = [];
  out.push(`# crosswalk benchmark, ${report.date.slice(0, 10)}`, '');
  out.push(
    `Run \`npm run bench\` (${report.settings.quick ? 'quick smoke run' : `factors ${fs.map((f) => f.factor).join(', ')}`}, seed ${report.settings.seed}) took ${Math.round(report.seconds)} s on ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGiB} GiB, ${m.os}; Node ${m.node}, ${m.java}, ${m.neo4j} (heap ${m.neo4jHeap}, page cache ${m.neo4jPageCache}${m.bundled ? ', bundled, fresh per factor' : ''}). Load average at start: ${(m.loadAverageAtStart as number[] | undefined)?.join(', ')}.`,
    '',
  );

  out.push('## Targets', '');
  out.push(
    table(
      ['target', 'measured', ''],
      report.targets.map((t) => [t.target, t.measured, t.met === null ? '?' : t.met ? 'met' : '**missed**']),
    ),
    '',
  );

  out.push('## Tenant', '');
  out.push(
    table(
      ['rows', ...cols],
      [
        ...Object.keys(fs[0]?.rows ?? {}).map((k) => [k, ...fs.map((f) => n(f.rows[k] ?? 0))]),
        ['**total**', ...fs.map((f) => `**${n(f.import.rows)}**`)],
      ],
    ),
    '',
  );

  out.push(
    '## Import throughput',
    '',
    "Rows per second over every data row of the tenant's files, each run on a clean graph holding only the reference catalogs. Ratio = our rate / LOAD CSV's rate.",
    '',
  );
  out.push(
    table(
      ['', ...cols],
      [
        ['crosswalk import (s)', ...fs.map((f) => f.import.crosswalk.seconds)],
        ['crosswalk rows/s', ...fs.map((f) => n(f.import.crosswalk.rowsPerSecond))],
        ['LOAD CSV batched (s)', ...fs.map((f) => f.import.loadCsvBatched.seconds)],
        ['LOAD CSV batched rows/s', ...fs.map((f) => n(f.import.loadCsvBatched.rowsPerSecond))],
        ['LOAD CSV one transaction (s)', ...fs.map((f) => f.import.loadCsvSingleTransaction.seconds)],
        ['LOAD CSV one transaction rows/s', ...fs.map((f) => n(f.import.loadCsvSingleTransaction.rowsPerSecond))],
        ['ratio vs batched', ...fs.map((f) => `${f.import.ratio.vsBatched}x`)],
        ['ratio vs one transaction', ...fs.map((f) => `${f.import.ratio.vsSingleTransaction}x`)],
        ['same graph (counts, property sums)', ...fs.map((f) => (f.import.sameGraph ? 'yes' : '**no**'))],
        ['coverage rebuild after LOAD CSV (s)', ...fs.map((f) => f.import.coverageRebuildSeconds)],
        [
          'evidence update over HTTP, p50 / p95 (ms)',
          ...fs.map((f) => (f.evidenceUpdate ? `${f.evidenceUpdate.p50} / ${f.evidenceUpdate.p95}` : null)),
        ],
      ],
    ),
    '',
  );
  const last = fs[fs.length - 1];
  if (last) {
    out.push(
      `Where our import's time goes at f=${last.factor} (seconds per written type; the first also holds reading and validating every file):`,
      '',
    );
    out.push(
      Object.entries(last.import.crosswalk.writeSecondsByType)
        .map(([k, v]) => `${k} ${v}`)
        .join(', '),
      '',
    );
    out.push(
      `LOAD CSV batched per file kind: ${Object.entries(last.import.loadCsvBatched.secondsByFile)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
      '',
    );
  }

  out.push(
    '## Latency of the reuse questions',
    '',
    'Milliseconds after warm-up; the three ways run interleaved in the same run with the same parameters (page of 50 where a question pages). ratio = p95 over p95 of raw Cypher.',
    '',
  );
  for (const f of fs) {
    out.push(`### f=${f.factor}`, '');
    out.push(
      table(
        [
          'question',
          'runs',
          'raw p50 / p95 / p99',
          'GraphQL in-process p50 / p95 / p99',
          'HTTP p50 / p95 / p99',
          'in-process ratio',
          'HTTP ratio',
          'db hits',
          'same result',
          'errors raw / in-process / HTTP',
          'first ask raw / in-process / HTTP',
        ],
        f.latency.map((l) => [
          l.question,
          l.raw.runs,
          pcts(l.raw),
          pcts(l.graphql),
          pcts(l.http),
          `${l.ratio.graphql}x`,
          `${l.ratio.http}x`,
          n(l.profile.dbHits),
          l.sameResult ? 'yes' : '**no**',
          `${l.errors.raw} / ${l.errors.graphql} / ${l.errors.http}`,
          `${l.firstAsk?.raw ?? '–'} / ${l.firstAsk?.graphql ?? '–'} / ${l.firstAsk?.http ?? '–'}`,
        ]),
      ),
      '',
    );
    for (const l of f.latency.filter((x) => x.errorSamples?.length))
      out.push(`Errors of ${l.question}: ${l.errorSamples!.map((e) => `\`${e}\``).join('; ')}`, '');
  }

  out.push(
    '## Concurrent load',
    '',
    'A fixed number of POST /graphql requests from concurrent clients on 127.0.0.1, cycling through the questions.',
    '',
  );
  out.push(
    table(
      ['', ...cols],
      [
        ['clients', ...fs.map((f) => f.load.clients)],
        [
          'requests completed',
          ...fs.map((f) => `${f.load.completed}${f.load.stoppedByDeadline ? ` of ${f.load.requests} (deadline)` : ''}`),
        ],
        ['errors', ...fs.map((f) => f.load.errors)],
        ['throughput (req/s)', ...fs.map((f) => f.load.requestsPerSecond)],
        [
          'latency p50 / p95 / p99 (ms)',
          ...fs.map((f) => `${f.load.latency.p50} / ${f.load.latency.p95} / ${f.load.latency.p99}`),
        ],
      ],
    ),
    '',
  );
  const errored = fs.filter((f) => f.load.errorSamples.length);
  for (const f of errored) out.push(`Errors at f=${f.factor}: ${f.load.errorSamples.map((s) => `\`${s}\``).join('; ')}`, '');

  out.push('## Peak memory (MiB)', '');
  out.push(
    table(
      ['', ...cols],
      [
        ['database JVM, whole run (VmHWM)', ...fs.map((f) => f.memory.databasePeakMiB)],
        ['database JVM while querying (sampled RSS)', ...fs.map((f) => f.memory.databaseQueryPeakMiB)],
        ['API server process (VmHWM)', ...fs.map((f) => f.memory.apiPeakMiB)],
        ['bench process (importer, in-process GraphQL, load generator)', ...fs.map((f) => f.memory.benchProcessPeakMiB)],
      ],
    ),
    '',
  );

  if (fs.length > 1) {
    const first = fs[0]!;
    const growth = (a: number, b: number) => (a > 0 ? `${(b / a).toFixed(1)}x` : '–');
    out.push(
      '## Cost curve',
      '',
      `How each figure grows with the factor (last column: f=${last!.factor} over f=${first.factor}; the data grows ${(last!.import.rows / first.import.rows).toFixed(1)}x).`,
      '',
    );
    const rows: (string | number)[][] = [
      [
        'import s (crosswalk)',
        ...fs.map((f) => f.import.crosswalk.seconds),
        growth(first.import.crosswalk.seconds, last!.import.crosswalk.seconds),
      ],
      [
        'import s (LOAD CSV batched)',
        ...fs.map((f) => f.import.loadCsvBatched.seconds),
        growth(first.import.loadCsvBatched.seconds, last!.import.loadCsvBatched.seconds),
      ],
    ];
    for (const l of first.latency) {
      const p = (f: FactorResult, way: 'raw' | 'http') => latencyOf(f, l.question)?.[way].p95 ?? NaN;
      rows.push([`${l.question} p95 raw ms`, ...fs.map((f) => p(f, 'raw')), growth(p(first, 'raw'), p(last!, 'raw'))]);
      rows.push([`${l.question} p95 HTTP ms`, ...fs.map((f) => p(f, 'http')), growth(p(first, 'http'), p(last!, 'http'))]);
    }
    rows.push([
      'load throughput req/s',
      ...fs.map((f) => f.load.requestsPerSecond),
      growth(first.load.requestsPerSecond, last!.load.requestsPerSecond),
    ]);
    rows.push([
      'database peak MiB',
      ...fs.map((f) => f.memory.databasePeakMiB ?? NaN),
      growth(first.memory.databasePeakMiB ?? 0, last!.memory.databasePeakMiB ?? 0),
    ]);
    rows.push([
      'API peak MiB',
      ...fs.map((f) => f.memory.apiPeakMiB ?? NaN),
      growth(first.memory.apiPeakMiB ?? 0, last!.memory.apiPeakMiB ?? 0),
    ]);
    out.push(table(['figure', ...cols, 'growth'], rows), '');
  }

  if (last) {
    out.push(`## PROFILE at f=${last.factor}: the operators with the most db hits`, '');
    for (const l of last.latency) {
      if (l.profile.error) out.push(`- **${l.question}**: no profile (${l.profile.error})`);
      else
        out.push(
          `- **${l.question}** (${n(l.profile.dbHits)} db hits): ${l.profile.top
            .slice(0, 3)
            .map((o) => `${o.operator} ${n(o.dbHits)} (${o.details.replace(/\|/g, '\\|').slice(0, 90)})`)
            .join('; ')}`,
        );
    }
    out.push('');
  }
  return `${out.join('\n')}\n`;
}
