/** `crosswalk report coverage`: the coverage question for every framework an organization adopts, rendered. */
import type { Graph } from '../graph/connection.ts';
import { coverage, type CoverageResult } from './coverage.ts';
import { toCsv as csvText } from '../importers/csv/write.ts';
import { QueryParameterError } from './question.ts';
import { readiness, readinessFrameworks, type ReadinessResult } from './readiness.ts';
import { READINESS_COLORS, READINESS_LABELS, READINESS_STATUSES } from './readiness-status.ts';
import { COVERAGE_STATUSES, HEADLINE_LABELS, INHERITED_COLOR, STATUS_COLORS } from './status.ts';
import type { Indication } from './types.ts';

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

/**
 * The status cell of each row in the explorer's colours (queries/status.ts, the one definition): a bar of the
 * status colour on a light tint of it, so dark text stays readable; met by inheritance in its own colour.
 */
const STATUS_CSS = [
  ...COVERAGE_STATUSES.map(
    (st) => `tr.${st} td:nth-child(3){background:${STATUS_COLORS[st]}2e;border-left:6px solid ${STATUS_COLORS[st]}}`,
  ),
  `tr.met.inherited td:nth-child(3){background:${INHERITED_COLOR}2e;border-left:6px solid ${INHERITED_COLOR}}`,
].join('\n');

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
  // The readiness programme of each reported framework that has one (md and html; the CSV is one table of
  // requirements and stays that).
  const programmes: ReadinessResult[] = [];
  for (const framework of frameworks.filter((f) => readinessFrameworks().includes(f))) {
    programmes.push(await readiness.run(graph, { framework, org: options.org, today: options.today }));
  }
  if (options.format === 'md') return toMarkdown(results, programmes);
  return toHtml(results, programmes);
}

/** A step's clauses in one cell: `uid status`. */
const clauseText = (step: ReadinessResult['steps'][number]): string =>
  step.clauses.map((c) => `${c.uid} ${c.status.replace('_', ' ')}`).join(', ');

function readinessMarkdown(programmes: ReadinessResult[]): string[] {
  if (!programmes.length) return [];
  const out = ['## Readiness', ''];
  for (const r of programmes) {
    out.push(`### ${r.framework}: ${READINESS_LABELS[r.status]}`, '');
    for (const s of r.steps) {
      out.push(`**${s.step}. ${s.title}: ${READINESS_LABELS[s.status]}**`, '');
      out.push(...s.facts.map((f) => `- ${f.text}`));
      if (s.next.length) out.push('', 'Next:', ...s.next.map((n, i) => `${i + 1}. ${n}`));
      if (s.clauses.length) out.push('', `Evidences: ${clauseText(s)}`);
      out.push('');
    }
  }
  return out;
}

function readinessHtml(programmes: ReadinessResult[]): string[] {
  if (!programmes.length) return [];
  const out = ['<h2>Readiness</h2>'];
  for (const r of programmes) {
    out.push(`<h3>${esc(r.framework)}: <span class="readiness ${r.status}">${esc(READINESS_LABELS[r.status])}</span></h3>`);
    for (const s of r.steps) {
      out.push(
        `<section class="step ${s.status}"><h4>${s.step}. ${esc(s.title)}: <span class="readiness ${s.status}">${esc(READINESS_LABELS[s.status])}</span></h4>`,
        `<ul>${s.facts.map((f) => `<li>${esc(f.text)}</li>`).join('')}</ul>`,
        s.next.length ? `<p>Next:</p><ol>${s.next.map((n) => `<li>${esc(n)}</li>`).join('')}</ol>` : '',
        s.clauses.length ? `<p>Evidences: ${esc(clauseText(s))}</p>` : '',
        '</section>',
      );
    }
  }
  return out;
}

const READINESS_CSS = READINESS_STATUSES.map(
  (st) =>
    `span.readiness.${st}{background:${READINESS_COLORS[st]};color:#fff;padding:0 .4rem;border-radius:.5rem}section.step.${st}{border-left:6px solid ${READINESS_COLORS[st]};padding-left:.75rem;margin:.75rem 0}`,
).join('\n');

const pct = (v: number | null): string => (v === null ? '-' : `${v}%`);

/** An indication in words: where the related work is, how it maps, how strong. */
export const indicationText = (i: Indication): string =>
  `${i.source} (${i.sourceStatus.replace('_', ' ')}; ${i.relationships.join(' > ')}, strength ${i.strength})`;

function requirementCells(r: CoverageResult['requirements'][number]): string[] {
  // The inheritance path only where it counts (basis inherited); indications are related work, never coverage.
  const inherited = r.basis === 'inherited' ? r.inherited : null;
  return [
    r.uid,
    r.ref,
    r.title,
    r.group,
    r.status,
    r.basis ?? '',
    [...new Set(r.controls.map((c) => c.control))].join(' '),
    inherited ? inherited.path.join(' > ') : '',
    inherited ? String(inherited.strength) : '',
    r.status === 'met' ? '' : r.indications.map(indicationText).join('; '),
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
  'inherited_path',
  'strength',
  'related_work',
  'exclusion',
];

function toCsv(results: CoverageResult[]): string {
  const lines = [['framework', ...REQUIREMENT_COLUMNS]];
  for (const res of results) for (const r of res.requirements) lines.push([res.framework, ...requirementCells(r)]);
  return csvText(lines);
}

function summaryRow(r: CoverageResult): string[] {
  const t = r.totals;
  return [
    r.framework,
    String(t.applicable),
    String(t.metDirect),
    String(t.metInherited),
    String(t.partiallyMet),
    String(t.stale),
    String(t.unverified),
    String(t.gap),
    String(t.excluded),
    String(t.indicated),
    pct(r.percentMetDirect),
    pct(r.percentMet),
    pct(r.percentPartiallyMetDirect),
  ];
}
/** The status counts both tables show, in the same order (summary per framework, roll-up per group). */
const COUNT_COLUMNS = [
  'met directly',
  'met by inheritance',
  'partially met',
  'stale',
  'unverified',
  'gap',
  'excluded',
  'indicated',
];
const SUMMARY_COLUMNS = [
  'framework',
  'applicable',
  ...COUNT_COLUMNS,
  `% ${HEADLINE_LABELS.percentMetDirect}`,
  `% ${HEADLINE_LABELS.percentMet}`,
  `% ${HEADLINE_LABELS.percentPartiallyMetDirect}`,
];
const GROUP_COLUMNS = ['group', 'title', 'requirements', ...COUNT_COLUMNS, '% met directly', '% met incl. inherited'];
const groupCells = (g: CoverageResult['groups'][number]): string[] => [
  g.ref,
  g.title,
  String(g.requirements),
  String(g.metDirect),
  String(g.metInherited),
  String(g.partiallyMet),
  String(g.stale),
  String(g.unverified),
  String(g.gap),
  String(g.excluded),
  String(g.indicated),
  pct(g.percentMetDirect),
  pct(g.percentMet),
];
const DETAIL_COLUMNS = [
  'requirement',
  'title',
  'status',
  'basis',
  'controls',
  'inherited through',
  'related work (not coverage)',
];
const detailCells = (q: CoverageResult['requirements'][number]): string[] => {
  const c = requirementCells(q);
  return [q.ref, q.title, q.status, q.basis ?? '', c[6] ?? '', c[7] ?? '', c[9] ?? ''];
};
const LEGEND =
  'Met directly: an in-force control of the organization implements the requirement fully, with approved evidence valid on the day. ' +
  'Met by inheritance: met through a chain of equal/superset_of mappings (strength at least the minimum, few hops) from a requirement met directly; the path is listed. ' +
  'Partially met: only partial implementation. Stale: evidence expired. Unverified: no approved evidence. ' +
  'Indicated: not met, but mappings point at related work the organization did; it never counts as coverage (see queries/README.md).';

function toMarkdown(results: CoverageResult[], programmes: ReadinessResult[] = []): string {
  const md = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  const out = [
    `# Coverage report: ${results[0]?.org ?? ''} (${results[0]?.today ?? ''})`,
    '',
    md(SUMMARY_COLUMNS),
    `|${SUMMARY_COLUMNS.map(() => '---').join('|')}|`,
  ];
  out.push(...results.map((r) => md(summaryRow(r))), '');
  out.push(LEGEND, '');
  for (const r of results) {
    out.push(`## ${r.framework}`, '', md(GROUP_COLUMNS), `|${GROUP_COLUMNS.map(() => '---').join('|')}|`);
    for (const g of r.groups) out.push(md(groupCells(g)));
    out.push('', md(DETAIL_COLUMNS), `|${DETAIL_COLUMNS.map(() => '---').join('|')}|`);
    for (const q of r.requirements) out.push(md(detailCells(q)));
    out.push('');
  }
  out.push(...readinessMarkdown(programmes));
  return out.join('\n');
}

const esc = (s: string): string =>
  s.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch] ?? ch);

function toHtml(results: CoverageResult[], programmes: ReadinessResult[] = []): string {
  const row = (cells: string[], tag = 'td') => `<tr>${cells.map((c) => `<${tag}>${esc(c)}</${tag}>`).join('')}</tr>`;
  const body: string[] = [
    `<h1>Coverage report: ${esc(results[0]?.org ?? '')} (${esc(results[0]?.today ?? '')})</h1>`,
    '<table>',
    row(SUMMARY_COLUMNS, 'th'),
    ...results.map((r) => row(summaryRow(r))),
    '</table>',
  ];
  body.push(`<p>${esc(LEGEND)}</p>`);
  for (const r of results) {
    body.push(`<h2>${esc(r.framework)}</h2>`, '<table>', row(GROUP_COLUMNS, 'th'));
    for (const g of r.groups) body.push(row(groupCells(g)));
    body.push('</table>', '<table>', row(DETAIL_COLUMNS, 'th'));
    for (const q of r.requirements) {
      const cls = `${q.status}${q.basis === 'inherited' ? ' inherited' : ''}`;
      body.push(
        `<tr class="${cls}">${detailCells(q)
          .map((c) => `<td>${esc(c)}</td>`)
          .join('')}</tr>`,
      );
    }
    body.push('</table>');
  }
  body.push(...readinessHtml(programmes));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Coverage report</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse;margin:1rem 0}
td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;font-size:.9rem}th{background:#f3f3f3}
${STATUS_CSS}
${READINESS_CSS}
@media print{body{margin:0}tr{page-break-inside:avoid}}
</style></head><body>
${body.join('\n')}
</body></html>
`;
}
