/**
 * The one writer every format goes through. It writes a validated ImportBatch in ONE transaction made of
 * batched, parameterized UNWIND statements, so a failure anywhere (even after many batches) rolls back
 * everything and leaves the graph exactly as it was. MERGE on natural keys makes re-imports idempotent;
 * each statement also reports how many rows it created, updated or left unchanged.
 */
import neo4j from 'neo4j-driver';
import type { Graph } from '../graph/connection.ts';
import type { ImportBatch } from './records.ts';

/** Rows per UNWIND statement. */
export const BATCH_SIZE = 5000;

/** Old value equals new value, where two nulls count as equal. */
const SAME_PROPS = (node: string) =>
  `${node} IS NOT NULL AND all(k IN keys(row.props) WHERE ${node}[k] = row.props[k] OR (${node}[k] IS NULL AND row.props[k] IS NULL))`;

const COUNTS = `RETURN sum(CASE WHEN created THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN unchanged THEN 1 ELSE 0 END) AS unchanged, count(*) AS total`;

export const WRITE_FRAMEWORKS = `
UNWIND $rows AS row
OPTIONAL MATCH (old:Framework {id: row.id})
WITH row, old IS NULL AS created, ${SAME_PROPS('old')} AS unchanged
MERGE (f:Framework {id: row.id})
SET f += row.props
${COUNTS}`;

export const WRITE_REQUIREMENTS = `
UNWIND $rows AS row
OPTIONAL MATCH (old:Requirement {uid: row.uid})
WITH row, old IS NULL AS created,
     ${SAME_PROPS('old')} AND coalesce(head([(old)-[:PART_OF]->(p) | p.uid]), '') = coalesce(row.parentUid, '') AS unchanged
MERGE (r:Requirement {uid: row.uid})
SET r += row.props
WITH r, row, created, unchanged
CALL (r, row) {
  MATCH (f:Framework {id: row.props.frameworkId})
  MERGE (r)-[:IN_FRAMEWORK]->(f)
}
${COUNTS}`;

/** Runs after all requirements exist, so parents may come later in a file than their children. */
export const WRITE_REQUIREMENT_PARENTS = `
UNWIND $rows AS row
MATCH (r:Requirement {uid: row.uid})
CALL (r, row) {
  OPTIONAL MATCH (r)-[old:PART_OF]->(p)
  WHERE p.uid <> coalesce(row.parentUid, '')
  DELETE old
}
CALL (r, row) {
  MATCH (p:Requirement {uid: row.parentUid})
  MERGE (r)-[:PART_OF]->(p)
}`;

export const WRITE_MAPPINGS = `
UNWIND $rows AS row
MATCH (s:Requirement {uid: row.sourceUid}), (t:Requirement {uid: row.targetUid})
OPTIONAL MATCH (s)-[old:MAPS_TO]->(t)
WITH s, t, row, old IS NULL AS created, ${SAME_PROPS('old')} AS unchanged
MERGE (s)-[m:MAPS_TO]->(t)
SET m += row.props
${COUNTS}`;

function toDate(iso: string | null): neo4j.Date<number> | null {
  if (!iso) return null;
  const [y, m, d] = iso.split('-').map(Number);
  return new neo4j.types.Date(y ?? 0, m ?? 1, d ?? 1);
}

interface EntityWriter {
  /** Name in the summary, e.g. "Requirement". */
  type: string;
  statement: string;
  rows(batch: ImportBatch): Record<string, unknown>[];
  /** Statements that only link (no counts). */
  counts: boolean;
}

const WRITERS: EntityWriter[] = [
  {
    type: 'Framework',
    statement: WRITE_FRAMEWORKS,
    counts: true,
    rows: (b) =>
      b.frameworks.map((f) => ({
        id: f.id,
        props: { name: f.name, version: f.version, publisher: f.publisher, kind: f.kind, url: f.url, publishedOn: toDate(f.publishedOn) },
      })),
  },
  {
    type: 'Requirement',
    statement: WRITE_REQUIREMENTS,
    counts: true,
    rows: (b) =>
      b.requirements.map((r) => ({
        uid: r.uid,
        parentUid: r.parentUid,
        props: {
          frameworkId: r.frameworkId,
          ref: r.ref,
          kind: r.kind,
          order: r.order,
          normative: r.normative,
          title: r.title,
          summary: r.summary,
          url: r.url,
        },
      })),
  },
  {
    type: 'Requirement parent',
    statement: WRITE_REQUIREMENT_PARENTS,
    counts: false,
    rows: (b) => b.requirements.map((r) => ({ uid: r.uid, parentUid: r.parentUid })),
  },
  {
    type: 'Mapping',
    statement: WRITE_MAPPINGS,
    counts: true,
    rows: (b) =>
      b.mappings.map((m) => ({
        sourceUid: m.sourceUid,
        targetUid: m.targetUid,
        props: {
          relationship: m.relationship,
          strength: m.strength,
          rationale: m.rationale,
          source: m.source,
          explanation: m.explanation,
          status: m.status,
        },
      })),
  },
];

export interface WriteCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export type WriteSummary = Record<string, WriteCounts>;

export interface WriteOptions {
  /** Run everything, report what would change, then roll back. */
  dryRun?: boolean;
  onProgress?: (type: string, done: number, total: number) => void;
}

export async function writeBatch(graph: Graph, batch: ImportBatch, options: WriteOptions = {}): Promise<WriteSummary> {
  const summary: WriteSummary = {};
  const session = graph.driver.session({ database: graph.database, defaultAccessMode: neo4j.session.WRITE });
  const tx = session.beginTransaction();
  try {
    for (const writer of WRITERS) {
      const rows = writer.rows(batch);
      if (rows.length === 0) continue;
      const counts: WriteCounts = { created: 0, updated: 0, unchanged: 0 };
      for (let start = 0; start < rows.length; start += BATCH_SIZE) {
        const result = await tx.run(writer.statement, { rows: rows.slice(start, start + BATCH_SIZE) });
        const record = result.records[0];
        if (writer.counts && record) {
          const created = Number(record.get('created'));
          const unchanged = Number(record.get('unchanged'));
          counts.created += created;
          counts.unchanged += unchanged;
          counts.updated += Number(record.get('total')) - created - unchanged;
        }
        options.onProgress?.(writer.type, Math.min(start + BATCH_SIZE, rows.length), rows.length);
      }
      if (writer.counts) summary[writer.type] = counts;
    }
    if (options.dryRun) await tx.rollback();
    else await tx.commit();
    return summary;
  } catch (error) {
    if (tx.isOpen()) await tx.rollback();
    throw error;
  } finally {
    await session.close();
  }
}
