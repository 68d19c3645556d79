/** The import summary's CISO Assistant part as text: collapsed rows, roll-ups, where rows landed, `--into`. */
import type { InterchangeReport } from '../index.ts';

export function formatInterchange(report: InterchangeReport): string {
  const m = report.mappings;
  const lines: string[] = [];
  if (m.rows) {
    lines.push(
      `Mapping sets: ${m.rows} rows -> ${m.pairs} pairs (${m.reverse} rows were the other direction of a pair, ${m.repeated} repeated rows)`,
    );
    if (m.keptExisting) lines.push(`  ${m.keptExisting} pairs already mapped by another source, kept as they are`);
    if (m.rolledUp.length) {
      lines.push(
        `  ${m.rolledUp.length} row ends rolled up to the nearest built-in ancestor (stored as intersects_with at most):`,
      );
      for (const r of m.rolledUp)
        lines.push(`    ${r.file}${r.line ? `:${r.line}` : ''} ${r.side} ${r.urn} -> ${r.uid} (${r.outcome})`);
    }
    if (report.landed.length) {
      lines.push('  ends of the stored pairs, per framework and level:');
      for (const l of report.landed)
        lines.push(`    ${l.framework.padEnd(24)} ${(l.kind || '-').padEnd(18)} ${String(l.ends).padStart(5)}`);
    }
  }
  for (const i of report.frameworks.into) {
    lines.push(`--into ${i.framework} (${i.file}): ${i.matched} nodes it has already (kept as they are), ${i.added} added`);
    if (i.wouldChangeCount) {
      lines.push(`  the library would have changed ${i.wouldChangeCount} fields; kept ours, for example:`);
      for (const c of i.wouldChange)
        lines.push(`    ${c.uid} ${c.field}: ${JSON.stringify(c.ours)} -> ${JSON.stringify(c.theirs)}`);
    }
  }
  for (const c of report.frameworks.copies) {
    lines.push(`${c.file}: imported as a separate framework '${c.framework}'; its URNs keep naming '${c.urnsStayWith}'`);
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}
