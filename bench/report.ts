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

export function targetsOf(factors: FactorResult[]): TargetCheck[] {
  const f = [...factors].sort((a, b) => b.factor - a.factor)[0];
  if (!f) return [];
  const at = `factor ${f.factor}`;
  const checks: TargetCheck[] = [
    {
      target: `import >= 0.7x the rate of LOAD CSV batched (${at})`,
      measured: `${f.import.ratio.vsBatched}x (one-transaction LOAD CSV: ${f.import.ratio.vsSingleTransaction}x)`,
      met: f.import.ratio.vsBatched >= 0.7,
    },
  ];
  for (const [question, limit] of [
    ['evidence-covering-both', 50],
    ['impact', 50],
    ['coverage', 300],
  ] as const) {
    const l = latencyOf(f, question);
    checks.push({
      target: `${question} p95 < ${limit} ms over HTTP (${at})`,
      measured: l ? `${l.http.p95} ms (raw Cypher ${l.raw.p95} ms)` : 'not measured',
      met: l ? l.http.runs > 0 && l.http.p95 < limit : null,
    });
  }
  for (const l of f.latency) {
    checks.push({
      target: `${l.question}: GraphQL over HTTP p95 <= 1.5x raw Cypher (${at})`,
      measured: `${l.ratio.http}x`,
      met: l.ratio.http <= 1.5,
    });
  }
  checks.push({
    target: `zero errors under ${f.load.clients} concurrent clients (${at})`,
    measured: `${f.load.errors} errors in ${f.load.completed} requests${f.load.stoppedByDeadline ? ` (stopped by the deadline before ${f.load.requests})` : ''}`,
    met: f.load.errors === 0,
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
