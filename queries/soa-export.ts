/** Renders the Statement of Applicability (queries/soa) as CSV, Markdown or an XLSX workbook. */
import ExcelJS from 'exceljs';
import type { Graph } from '../graph/connection.ts';
import { toCsv } from '../importers/csv/write.ts';
import { indicationText } from './coverage-report.ts';
import { QueryParameterError } from './question.ts';
import { soa, type SoaResult, type SoaRow } from './soa.ts';
import { HEADLINE_LABELS } from './status.ts';

export const SOA_FORMATS = ['csv', 'md', 'xlsx'] as const;
export type SoaFormat = (typeof SOA_FORMATS)[number];

const COLUMNS = [
  'control',
  'title',
  'group',
  'applicable',
  'justification',
  'status',
  'basis',
  'implemented_by',
  'evidence',
  'related_work',
] as const;

function cells(row: SoaRow): string[] {
  const evidence = row.implementedBy.flatMap((c) =>
    c.evidence.map((e) => `${e.id} (${e.valid ? 'valid' : e.status === 'approved' ? `expired ${e.validUntil}` : e.status})`),
  );
  return [
    row.ref,
    row.title,
    `${row.group} ${row.groupTitle}`,
    row.applicable ? 'yes' : 'no',
    row.justification,
    row.status,
    row.basis ?? '',
    row.implementedBy.map((c) => `${c.id} ${c.name} (${c.status}, ${c.coverage})`).join('; '),
    [...new Set(evidence)].join('; '),
    // Indications are related work the organization did elsewhere: never an implementation of this control.
    row.relatedWork.map(indicationText).join('; '),
  ];
}

/** The headline figures, in words (the same as the coverage report's). */
export function soaHeadline(result: SoaResult): [string, string][] {
  const pct = (v: number | null) => (v === null ? '-' : `${v}%`);
  return [
    ['applicable', `${result.applicable} of ${result.total} controls`],
    [HEADLINE_LABELS.percentMetDirect, `${pct(result.percentMetDirect)} (${result.metDirect})`],
    [HEADLINE_LABELS.percentMet, `${pct(result.percentMet)} (${result.metDirect + result.metInherited})`],
    [HEADLINE_LABELS.percentPartiallyMetDirect, `${pct(result.percentPartiallyMetDirect)} (${result.partiallyMet})`],
    [HEADLINE_LABELS.indicated, String(result.indicated)],
  ];
}

const mdField = (v: string): string => v.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function soaToCsv(result: SoaResult): string {
  return toCsv([COLUMNS, ...result.rows.map(cells)]);
}

export function soaToMarkdown(result: SoaResult): string {
  return [
    `# Statement of Applicability: ${result.framework} Annex A (${result.org}, ${result.today})`,
    '',
    `${result.applicable} of ${result.total} controls applicable.`,
    '',
    ...soaHeadline(result).map(([k, v]) => `- ${k}: ${v}`),
    '',
    'Related work lists mappings from requirements the organization met or partially met elsewhere; it is advice, not implementation.',
    '',
    `| ${COLUMNS.join(' | ')} |`,
    `|${COLUMNS.map(() => '---').join('|')}|`,
    ...result.rows.map((r) => `| ${cells(r).map(mdField).join(' | ')} |`),
    '',
  ].join('\n');
}

export async function soaToXlsx(result: SoaResult): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'crosswalk';
  const sheet = workbook.addWorksheet(`SoA ${result.framework}`);
  sheet.columns = COLUMNS.map((c) => ({
    header: c,
    key: c,
    width: c === 'justification' || c === 'implemented_by' || c === 'evidence' || c === 'related_work' ? 50 : 16,
  }));
  for (const row of result.rows) sheet.addRow(cells(row));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const info = workbook.addWorksheet('About');
  info.addRows([
    ['framework', result.framework],
    ['organization', result.org],
    ['date', result.today],
    ...soaHeadline(result),
    ['related work', 'mappings from requirements met or partially met elsewhere: advice, never implementation'],
  ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Runs the soa question and renders it. */
export async function exportSoa(
  graph: Graph,
  options: { framework: string; org: string; format: string; today?: string },
): Promise<string | Buffer> {
  if (!(SOA_FORMATS as readonly string[]).includes(options.format)) {
    throw new QueryParameterError(`unknown format '${options.format}'`, `Use --format ${SOA_FORMATS.join('|')}.`);
  }
  const result = await soa.run(graph, { framework: options.framework, org: options.org, today: options.today });
  if (options.format === 'csv') return soaToCsv(result);
  if (options.format === 'md') return soaToMarkdown(result);
  return soaToXlsx(result);
}
