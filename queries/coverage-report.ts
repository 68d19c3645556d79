/** `crosswalk report coverage`: the coverage question for every framework an organization adopts, rendered. */
import type { Graph } from '../graph/connection.ts';
import { coverage, type CoverageResult } from './coverage.ts';
import { QueryParameterError } from './question.ts';

export const REPORT_FORMATS = ['html', 'md', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const ADOPTED_FRAMEWORKS = `
MATCH (:Organization {id: $org})-[:ADOPTS]->(f:Framework)
RETURN f.id AS id ORDER BY f.id`;

export interface CoverageReportOptions {
  org: string;
  format: string;
  /** Default: every framework the organization adopts. */
  frameworks?: string[];
  system?: string;
  today?: string;
}

export async function coverageReport(graph: Graph, options: CoverageReportOptions): Promise<string> {
  if (!(REPORT_FORMATS as readonly string[]).includes(options.format)) {
    throw new QueryParameterError(`unknown format '${options.format}'`, `Use --format ${REPORT_FORMATS.join('|')}.`);
  }
  let frameworks = options.frameworks;
  if (!frameworks?.length) {
    const { records } = await graph.run(ADOPTED_FRAMEWORKS, { org: options.org });
    frameworks = records.map((r) => r.get('id') as string);
    if (!frameworks.length) {
      throw new QueryParameterError(
        `organization '${options.org}' adopts no framework`,
        'Import adoptions.csv, or pass --framework.',
      );
    }
  }
  const results: CoverageResult[] = [];
  for (const framework of frameworks) {
    results.push(await coverage.run(graph, { framework, org: options.org, system: options.system, today: options.today }));
  }
  if (options.format === 'csv') return toCsv(results);
  if (options.format === 'md') return toMarkdown(results);
  return toHtml(results);
}

const pct = (v: number | null): string => (v === null ? '-' : `${v}%`);
const csvField = (v: string): string => (/[",\n;]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

function requirementCells(r: CoverageResult['requirements'][number]): string[] {
  return [
    r.uid,
    r.ref,
    r.title,
    r.group,
    r.status,
    r.basis ?? '',
    [...new Set(r.controls.map((c) => c.control))].join(' '),
    r.inferred ? r.inferred.path.join(' > ') : '',
    r.inferred ? String(r.inferred.strength) : '',
    r.exclusion?.justification ?? '',
  ];
}

const REQUIREMENT_COLUMNS = [
  'uid',
  'ref',
  'title',
  'group',
  'status',
  'basis',
  'controls',
  'inferred_path',
  'strength',
  'exclusion',
];

function toCsv(results: CoverageResult[]): string {
  const lines = [['framework', ...REQUIREMENT_COLUMNS].join(',')];
  for (const res of results)
    for (const r of res.requirements) lines.push([res.framework, ...requirementCells(r)].map(csvField).join(','));
  return `${lines.join('\n')}\n`;
}

function summaryRow(r: CoverageResult): string[] {
  const t = r.totals;
  return [
    r.framework,
    String(t.applicable),
    String(t.met),
    String(t.partially_met),
    String(t.stale),
    String(t.unverified),
    String(t.gap),
    String(t.excluded),
    pct(r.percentMet),
    pct(r.percentCovered),
  ];
}
const SUMMARY_COLUMNS = [
  'framework',
  'applicable',
  'met',
  'partially met',
  'stale',
  'unverified',
  'gap',
  'excluded',
  'met %',
  'covered %',
];

function toMarkdown(results: CoverageResult[]): string {
  const md = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  const out = [
    `# Coverage report: ${results[0]?.org ?? ''} (${results[0]?.today ?? ''})`,
    '',
    md(SUMMARY_COLUMNS),
    `|${SUMMARY_COLUMNS.map(() => '---').join('|')}|`,
  ];
  out.push(...results.map((r) => md(summaryRow(r))), '');
  out.push(
    'Statuses: met, partially met, stale (evidence expired), unverified (no approved evidence), gap; direct or inferred through approved mappings (see queries/README.md).',
    '',
  );
  for (const r of results) {
    out.push(
      `## ${r.framework}`,
      '',
      md(['group', 'title', 'requirements', 'met', 'partially met', 'stale', 'unverified', 'gap', 'excluded', 'met %']),
      '|---|---|---|---|---|---|---|---|---|---|',
    );
    for (const g of r.groups)
      out.push(
        md([
          g.ref,
          g.title,
          String(g.requirements),
          String(g.met),
          String(g.partially_met),
          String(g.stale),
          String(g.unverified),
          String(g.gap),
          String(g.excluded),
          pct(g.percentMet),
        ]),
      );
    out.push('', md(['requirement', 'title', 'status', 'basis', 'controls', 'inferred path']), '|---|---|---|---|---|---|');
    for (const q of r.requirements) {
      const c = requirementCells(q);
      out.push(md([q.ref, q.title, q.status, q.basis ?? '', c[6] ?? '', c[7] ?? '']));
    }
    out.push('');
  }
  return out.join('\n');
}

const esc = (s: string): string =>
  s.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch] ?? ch);

function toHtml(results: CoverageResult[]): string {
  const row = (cells: string[], tag = 'td') => `<tr>${cells.map((c) => `<${tag}>${esc(c)}</${tag}>`).join('')}</tr>`;
  const body: string[] = [
    `<h1>Coverage report: ${esc(results[0]?.org ?? '')} (${esc(results[0]?.today ?? '')})</h1>`,
    '<table>',
    row(SUMMARY_COLUMNS, 'th'),
    ...results.map((r) => row(summaryRow(r))),
    '</table>',
  ];
  for (const r of results) {
    body.push(
      `<h2>${esc(r.framework)}</h2>`,
      '<table>',
      row(['group', 'title', 'requirements', 'met', 'partially met', 'stale', 'unverified', 'gap', 'excluded', 'met %'], 'th'),
    );
    for (const g of r.groups)
      body.push(
        row([
          g.ref,
          g.title,
          String(g.requirements),
          String(g.met),
          String(g.partially_met),
          String(g.stale),
          String(g.unverified),
          String(g.gap),
          String(g.excluded),
          pct(g.percentMet),
        ]),
      );
    body.push('</table>', '<table>', row(['requirement', 'title', 'status', 'basis', 'controls', 'inferred path'], 'th'));
    for (const q of r.requirements) {
      const c = requirementCells(q);
      body.push(
        `<tr class="${q.status}"><td>${esc(q.ref)}</td><td>${esc(q.title)}</td><td>${esc(q.status)}</td><td>${esc(q.basis ?? '')}</td><td>${esc(c[6] ?? '')}</td><td>${esc(c[7] ?? '')}</td></tr>`,
      );
    }
    body.push('</table>');
  }
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Coverage report</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse;margin:1rem 0}
td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;font-size:.9rem}th{background:#f3f3f3}
tr.met td:nth-child(3){background:#d4f4d4}tr.partially_met td:nth-child(3){background:#fdf3c4}
tr.stale td:nth-child(3){background:#fbd9b5}tr.unverified td:nth-child(3){background:#e4e4f7}
tr.gap td:nth-child(3){background:#f8d0d0}tr.excluded td:nth-child(3){background:#eee}
</style></head><body>
${body.join('\n')}
</body></html>
`;
}
