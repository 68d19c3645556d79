/**
 * Export of the current view: each view hands over the table it shows (columns and rows, the same values
 * as on screen), and the header's buttons save it as CSV (csv-stringify, the csv-parse project's writer) or
 * XLSX (exceljs). The file is made in the page from what the view already fetched: no extra request.
 */
import { stringify } from 'csv-stringify/browser/esm/sync';
import { h } from './dom.ts';

export type Cell = string | number | boolean | null;

export interface ExportTable {
  /** File name without extension, e.g. "gaps-iso42001". */
  name: string;
  /** Sheet title. */
  title: string;
  columns: string[];
  rows: Cell[][];
}

let current: ExportTable | undefined;
const listeners = new Set<() => void>();

/** Registers the table the current view shows (or none). */
export function setExport(table: ExportTable | undefined): void {
  current = table;
  listeners.forEach((l) => l());
}

export function toCsv(table: ExportTable): string {
  return stringify([table.columns, ...table.rows.map((r) => r.map((c) => (c === null ? '' : c)))], { bom: true });
}

/** exceljs is large: it is loaded the first time someone asks for XLSX. */
export async function toXlsx(table: ExportTable): Promise<ArrayBuffer> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'crosswalk explorer';
  const sheet = workbook.addWorksheet(table.title.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '));
  sheet.addRow(table.columns).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row.map((c) => (c === null ? '' : c)));
  sheet.columns.forEach((column, i) => {
    const longest = Math.max(...[table.columns[i] ?? '', ...table.rows.map((r) => String(r[i] ?? ''))].map((v) => v.length));
    column.width = Math.min(60, Math.max(8, longest + 2));
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer).slice().buffer;
}

function save(body: BlobPart, type: string, file: string): void {
  const url = URL.createObjectURL(new Blob([body], { type }));
  const link = h('a', { href: url, download: file, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The header's export buttons; disabled while the view shows no table. */
export function exportButtons(): HTMLElement {
  const csv = h('button', { type: 'button', id: 'export-csv', title: 'Save the table of this view as CSV' }, 'CSV');
  const xlsx = h(
    'button',
    { type: 'button', id: 'export-xlsx', title: 'Save the table of this view as an Excel workbook' },
    'XLSX',
  );
  csv.addEventListener('click', () => {
    if (current) save(toCsv(current), 'text/csv;charset=utf-8', `${current.name}.csv`);
  });
  xlsx.addEventListener('click', () => {
    const table = current;
    if (!table) return;
    xlsx.disabled = true;
    void toXlsx(table)
      .then((bytes) => save(bytes, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', `${table.name}.xlsx`))
      .finally(() => (xlsx.disabled = !current));
  });
  const update = () => {
    csv.disabled = xlsx.disabled = !current;
    box.dataset.table = current?.name ?? '';
  };
  const box = h('span', { class: 'export', id: 'export' }, 'Export ', csv, ' ', xlsx);
  listeners.clear();
  listeners.add(update);
  update();
  return box;
}
