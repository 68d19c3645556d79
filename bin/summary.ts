/** An import summary (created / updated / unchanged per type) as text and as the documented --json shape. */
import type { ImportResult } from '../importers/index.ts';

export function formatImportResult(result: ImportResult): string {
  const lines = [`${result.dryRun ? 'Dry run (nothing written): ' : ''}${result.files.length} file(s)`];
  const width = Math.max(12, ...Object.keys(result.summary).map((t) => t.length));
  lines.push(`  ${'type'.padEnd(width)}  created  updated  unchanged`);
  for (const [type, c] of Object.entries(result.summary)) {
    lines.push(
      `  ${type.padEnd(width)}  ${String(c.created).padStart(7)}  ${String(c.updated).padStart(7)}  ${String(c.unchanged).padStart(9)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * `import --json` and `seed --json`: { dryRun, records, files: [{file, format}], summary: {type: {created,
 * updated, unchanged}} }, and `interchange` when CISO Assistant libraries were read (importers/index.ts).
 */
export function importResultJson(result: ImportResult) {
  return {
    dryRun: result.dryRun,
    records: result.records ?? null,
    files: result.files,
    summary: result.summary,
    ...(result.interchange ? { interchange: result.interchange } : {}),
  };
}
