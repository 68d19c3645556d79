/**
 * Renders the Statement of Applicability (queries/soa) as CSV, Markdown, an XLSX workbook or a PDF, with
 * the same content in each: the document control (organization, framework, version, approver, approval
 * date, scope, date of the status), one row per control (applicability; the justification for inclusion
 * or exclusion; whether it is implemented; status; implementing controls with owner and implementation
 * description; evidence with title, URI and validity; related work), and the organization's additional
 * controls beyond the listed ones. A row met only through mappings is "not implemented".
 */
import ExcelJS from 'exceljs';
import type { Graph } from '../graph/connection.ts';
import { toCsv } from '../importers/csv/write.ts';
import { indicationText } from './coverage-report.ts';
import { QueryParameterError } from './question.ts';
import { soa, type SoaAdditionalControl, type SoaResult, type SoaRow } from './soa.ts';
import { HEADLINE_LABELS } from './status.ts';

export const SOA_FORMATS = ['csv', 'md', 'xlsx', 'pdf'] as const;
export type SoaFormat = (typeof SOA_FORMATS)[number];

export const SOA_COLUMNS = [
  'control',
  'title',
  'group',
  'applicable',
  'justification',
  'implementation',
  'status',
  'basis',
  'implemented_by',
  'control_owner',
  'implementation_description',
  'evidence',
  'related_work',
] as const;

const WIDE = new Set<string>([
  'title',
  'justification',
  'implementation',
  'implementation_description',
  'evidence',
  'related_work',
]);

function evidenceText(row: SoaRow): string {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const c of row.implementedBy)
    for (const e of c.evidence) {
      if (seen.has(e.id)) continue;
      seen.add(e.id);
      const validity = e.valid
        ? `valid${e.validUntil ? ` until ${e.validUntil}` : ''}`
        : e.status === 'approved'
          ? `expired ${e.validUntil}`
          : `${e.status}, not counted`;
      out.push(`${e.id} ${e.title}${e.uri ? ` <${e.uri}>` : ''} (${validity})`);
    }
  return out.join('; ');
}

/** Implemented only by an own in-force control; a row met through mappings alone says so and is not. */
function implementationText(row: SoaRow): string {
  if (!row.applicable) return 'not applicable';
  return row.justification.replace(/^Applicable: /, '');
}

function cells(row: SoaRow): string[] {
  return [
    row.ref,
    row.title,
    `${row.group ?? ''} ${row.groupTitle ?? ''}`.trim(),
    row.applicable ? 'yes' : 'no',
    row.applicable ? (row.inclusion ?? '') : row.justification,
    implementationText(row),
    row.status,
    row.basis ?? '',
    row.implementedBy.map((c) => `${c.id} ${c.name} (${c.status}, ${c.coverage})`).join('; '),
    [...new Set(row.implementedBy.map((c) => c.owner).filter(Boolean))].join('; '),
    row.implementedBy
      .map((c) => [c.description, c.note].filter(Boolean).join(' '))
      .filter(Boolean)
      .join(' | '),
    evidenceText(row),
    // Indications are related work the organization did elsewhere: never an implementation of this control.
    row.relatedWork.map(indicationText).join('; '),
  ];
}

/** An additional control as a row of the same table. */
function additionalCells(c: SoaAdditionalControl): string[] {
  const why = [
    c.risks.length ? `Risk treatment: ${c.risks.join(', ')}` : '',
    c.implements.length ? `Implements ${c.implements.join(', ')}` : '',
  ].filter(Boolean);
  return [
    c.id,
    c.name,
    'Additional controls (beyond the listed ones)',
    'yes',
    why.join('. ') || 'Organization-defined control',
    c.status === 'implemented' || c.status === 'operating' ? 'implemented' : `not implemented (${c.status})`,
    '',
    '',
    `${c.id} ${c.name} (${c.status})`,
    c.owner ?? '',
    c.description ?? '',
    '',
    '',
  ];
}

const tableRows = (result: SoaResult): string[][] => [
  ...result.rows.map(cells),
  ...result.additionalControls.map(additionalCells),
];

/** The document control block, in words. */
export function soaDocumentControl(result: SoaResult): [string, string][] {
  return [
    ['organization', result.organizationName ?? result.org],
    ['framework', `${result.frameworkName ?? result.framework} (${result.framework})`],
    ['version', result.version ?? 'not set'],
    ['approved by', result.approver ?? 'not approved'],
    ['approval date', result.approvedOn ?? 'not approved'],
    ['scope', result.scope ?? (result.adopted ? 'not set' : 'framework not adopted')],
    ['status as of', result.today],
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
    ['additional controls', String(result.additionalControls.length)],
  ];
}

const NOTE =
  'Implemented means an in-force control of the organization implements it; a control met only through mappings from other frameworks is not implemented. Related work lists mappings from requirements the organization met or partially met elsewhere; it is advice, not implementation.';

const mdField = (v: string): string => v.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const title = (result: SoaResult) =>
  `Statement of Applicability: ${result.frameworkName ?? result.framework} (${result.organizationName ?? result.org})`;

export function soaToCsv(result: SoaResult): string {
  // The document control as comment lines above the table, so the table itself stays one header + rows.
  const head = [...soaDocumentControl(result), ...soaHeadline(result)].map(([k, v]) => `# ${k}: ${v}`);
  return `# ${title(result)}\n${head.join('\n')}\n${toCsv([SOA_COLUMNS, ...tableRows(result)])}`;
}

export function soaToMarkdown(result: SoaResult): string {
  return [
    `# ${title(result)}`,
    '',
    '| document control | |',
    '|---|---|',
    ...soaDocumentControl(result).map(([k, v]) => `| ${k} | ${mdField(v)} |`),
    '',
    ...soaHeadline(result).map(([k, v]) => `- ${k}: ${v}`),
    '',
    NOTE,
    '',
    `| ${SOA_COLUMNS.join(' | ')} |`,
    `|${SOA_COLUMNS.map(() => '---').join('|')}|`,
    ...tableRows(result).map((r) => `| ${r.map(mdField).join(' | ')} |`),
    '',
  ].join('\n');
}

export async function soaToXlsx(result: SoaResult): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'crosswalk';
  workbook.title = title(result);
  const sheet = workbook.addWorksheet(`SoA ${result.framework}`.slice(0, 31), {
    // Print: landscape A4, all columns on one page width, the header row on every page.
    pageSetup: {
      orientation: 'landscape',
      paperSize: 9,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '1:1',
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: `${title(result)} - version ${result.version ?? 'not set'} - page &P of &N` },
  });
  sheet.columns = SOA_COLUMNS.map((c) => ({ header: c, key: c, width: WIDE.has(c) ? 48 : c === 'control' ? 12 : 18 }));
  for (const row of tableRows(result)) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  for (const col of sheet.columns) col.alignment = { wrapText: true, vertical: 'top' };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + tableRows(result).length, column: SOA_COLUMNS.length } };
  const info = workbook.addWorksheet('Document control');
  info.columns = [
    { header: 'field', key: 'k', width: 28 },
    { header: 'value', key: 'v', width: 80 },
  ];
  info.addRows([...soaDocumentControl(result), ...soaHeadline(result), ['note', NOTE]]);
  info.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The SoA as a printable HTML page (what the PDF is printed from). */
export function soaToHtml(result: SoaResult): string {
  const rows = tableRows(result)
    .map((r) => `<tr>${r.map((v) => `<td>${esc(v)}</td>`).join('')}</tr>`)
    .join('\n');
  const control = [...soaDocumentControl(result), ...soaHeadline(result)]
    .map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`)
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title(result))}</title>
<style>@page{size:A4 landscape;margin:12mm}body{font:9px sans-serif}table{border-collapse:collapse;width:100%}
td,th{border:1px solid #999;padding:2px 4px;vertical-align:top;text-align:left}thead{display:table-header-group}
.dc{width:auto;margin-bottom:8px}</style></head><body><h1>${esc(title(result))}</h1>
<table class="dc">${control}</table><p>${esc(NOTE)}</p>
<table><thead><tr>${SOA_COLUMNS.map((c) => `<th>${c}</th>`).join('')}</tr></thead><tbody>
${rows}
</tbody></table></body></html>`;
}

/** The chromium the PDF export prints with: CROSSWALK_CHROMIUM, else Debian's. */
const chromiumPath = (env: NodeJS.ProcessEnv) => env.CROSSWALK_CHROMIUM ?? '/usr/bin/chromium';

export async function soaToPdf(result: SoaResult, env: NodeJS.ProcessEnv = process.env): Promise<Buffer> {
  const fs = await import('node:fs');
  const executablePath = chromiumPath(env);
  if (!fs.existsSync(executablePath))
    throw new QueryParameterError(
      `the PDF export needs a Chromium; none at ${executablePath}`,
      'Install chromium (Debian: apt-get install chromium) or set CROSSWALK_CHROMIUM, or export --format xlsx|md|csv.',
    );
  // playwright-core is a development dependency: the PDF is optional and the import is lazy.
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    await page.setContent(soaToHtml(result), { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', landscape: true, printBackground: true });
  } finally {
    await browser.close();
  }
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
  if (options.format === 'pdf') return soaToPdf(result);
  return soaToXlsx(result);
}
