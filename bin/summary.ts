/** Prints an import summary: created / updated / unchanged per type. */
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
