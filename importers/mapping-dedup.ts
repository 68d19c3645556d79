/**
 * Collapses the rows of CISO Assistant mapping sets (records with URNs) into one stored pair each, before
 * validation:
 * - a library carries each set in both directions (the `-revert` set is the inverse): A subset B and
 *   B superset A are one statement, stored once, in the direction the graph already stores the pair in,
 *   else in the direction of the first row;
 * - identical repeated rows collapse;
 * - rows of one pair that disagree (relationship or strength, once read in one direction) are conflicts,
 *   reported with both lines (VALUE_CONFLICT), never "duplicates";
 * - a row with a side rolled up to an ancestor (importers/resolve.ts) says at most that the two intersect:
 *   it becomes `intersects_with` (a `not_related` roll-up says nothing about the ancestor and is dropped),
 *   and it yields to a row that names the pair itself; several roll-ups onto one pair keep the strongest;
 * - a pair the graph already holds from another source (the built-in crosswalk, a CSV), or an imported
 *   pair a reviewer approved or rejected, is kept as it is.
 */
import { INVERSE_RELATIONSHIP, type MappingRelationship } from '../graph/model.ts';
import type { Graph } from '../graph/connection.ts';
import type { Position, Problems } from './problems.ts';
import type { ImportBatch, MappingRecord } from './records.ts';

export const STORED_PAIRS = `
UNWIND $pairs AS pair
MATCH (s:Requirement {uid: pair[0]})-[m:MAPS_TO]->(t:Requirement {uid: pair[1]})
RETURN collect([s.uid, t.uid, m.source, m.status, m.importedFrom]) AS found`;

export interface RollUp {
  file: string;
  line?: number;
  side: 'source' | 'target';
  urn: string;
  uid: string;
  /** What happened to the row: stored as intersects_with, merged with others, yielded, dropped. */
  outcome: 'stored' | 'merged' | 'yielded' | 'dropped';
}

export interface CollapseReport {
  /** Rows read from mapping sets (with URNs). */
  rows: number;
  /** Pairs to be written. */
  pairs: number;
  /** Rows that were the other direction of a pair already read. */
  reverse: number;
  /** Rows identical to one already read, in the same direction. */
  repeated: number;
  rolledUp: RollUp[];
  /** Pairs the graph holds from another source, left as they are. */
  keptExisting: number;
}

const where = (at: Position) => `${at.file}${at.line !== undefined ? ` line ${at.line}` : at.path ? ` ${at.path}` : ''}`;
const inverse = (r: string) => INVERSE_RELATIONSHIP[r as MappingRelationship] ?? r;

/** The row read from `source` towards `target`. */
function oriented(m: MappingRecord, source: string): MappingRecord {
  if (m.sourceUid === source) return m;
  return { ...m, sourceUid: m.targetUid, targetUid: m.sourceUid, relationship: inverse(m.relationship) };
}

export async function collapseMappings(batch: ImportBatch, graph: Graph, problems: Problems): Promise<CollapseReport> {
  const report: CollapseReport = { rows: 0, pairs: 0, reverse: 0, repeated: 0, rolledUp: [], keptExisting: 0 };
  const foreign = batch.mappings.filter((m) => m.sourceUrn !== undefined && m.sourceUid && m.targetUid);
  if (!foreign.length) return report;
  report.rows = foreign.length;
  const others = batch.mappings.filter((m) => !foreign.includes(m));
  const keyOf = (m: MappingRecord) => [m.sourceUid, m.targetUid].sort().join('|');

  const { records } = await graph.run(STORED_PAIRS, {
    pairs: [...new Set(foreign.map(keyOf))].flatMap((k) => {
      const [a, b] = k.split('|');
      return [
        [a, b],
        [b, a],
      ];
    }),
  });
  const stored = new Map<string, { source: string; from: string | null; status: string | null; file: string | null }>();
  for (const [s, t, from, status, file] of (records[0]?.get('found') as
    [string, string, string | null, string | null, string | null][] | undefined) ?? [])
    stored.set([s, t].sort().join('|'), { source: s, from, status, file });

  const groups = new Map<string, MappingRecord[]>();
  const selfRolled = (m: MappingRecord) => Boolean(m.rolledUp?.length) && m.sourceUid === m.targetUid;
  for (const m of foreign.filter(selfRolled))
    for (const r of m.rolledUp ?? []) report.rolledUp.push({ file: m.at.file, line: m.at.line, ...r, outcome: 'dropped' });
  for (const m of foreign.filter((m) => !selfRolled(m)))
    (groups.get(keyOf(m)) ?? groups.set(keyOf(m), []).get(keyOf(m))!).push(m);

  const kept: MappingRecord[] = [];
  for (const [key, rows] of groups) {
    const existing = stored.get(key);
    const direction = existing?.source ?? rows[0]!.sourceUid;
    const direct = rows.filter((m) => !m.rolledUp?.length);
    const rolled = rows.filter((m) => m.rolledUp?.length);
    const note = (m: MappingRecord, outcome: RollUp['outcome']) => {
      for (const r of m.rolledUp ?? []) report.rolledUp.push({ file: m.at.file, line: m.at.line, ...r, outcome });
    };
    let chosen: MappingRecord | undefined;
    if (direct.length) {
      const first = oriented(direct[0]!, direction);
      for (const row of direct.slice(1)) {
        const o = oriented(row, direction);
        if (o.relationship !== first.relationship || o.strength !== first.strength) {
          problems.add(
            'VALUE_CONFLICT',
            row.at,
            'relationship',
            `disagrees with ${where(direct[0]!.at)}: read from ${direction}, that row says ${first.relationship} (strength ${first.strength}), this one ${o.relationship} (strength ${o.strength})`,
          );
        } else if (row.sourceUid === direct[0]!.sourceUid) report.repeated++;
        else report.reverse++;
      }
      chosen = first;
      for (const m of rolled) note(m, 'yielded');
    } else {
      const usable = rolled.filter((m) => m.relationship !== 'no_relationship');
      for (const m of rolled.filter((m) => m.relationship === 'no_relationship')) note(m, 'dropped');
      if (usable.length) {
        const strongest = usable.reduce((a, b) => (b.strength > a.strength ? b : a));
        chosen = { ...oriented(strongest, direction), relationship: 'intersects_with' };
        for (const m of usable) note(m, m === strongest ? 'stored' : 'merged');
      }
    }
    if (!chosen) continue;
    // Another source's pair, or an imported one a reviewer decided on: a re-import never undoes either.
    if (existing && (existing.from !== 'imported' || existing.status !== 'draft')) {
      report.keptExisting++;
      continue;
    }
    // The file that first brought the pair stays its provenance (an export imported again changes nothing).
    kept.push(existing?.file ? { ...chosen, importedFrom: existing.file } : chosen);
  }
  report.pairs = kept.length;
  batch.mappings = [...others, ...kept];
  return report;
}
