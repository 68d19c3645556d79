/**
 * The one writer every format goes through. It writes a validated ImportBatch in ONE transaction made of
 * batched, parameterized UNWIND statements, so a failure anywhere (even after many batches) rolls back
 * everything and leaves the graph exactly as it was. MERGE on natural keys makes re-imports idempotent;
 * each statement also reports how many rows it created, updated or left unchanged.
 */
import neo4j, { type QueryResult } from 'neo4j-driver';
import { maintainImport } from '../coverage/changes.ts';
import type { Graph } from '../graph/connection.ts';
import { translateNeo4jError } from '../graph/errors.ts';
import { PROGRAMME_TEMPLATES, REFERENCE_SIDE, referenceKey, type ReferenceLabel } from './programme.ts';
import type { ImportBatch, LinkRecord } from './records.ts';
import { RESPONSIBILITY_SUBJECTS } from '../graph/model.ts';
import type { ImportProgress } from './progress.ts';

/** Rows per UNWIND statement. */
export const BATCH_SIZE = 5000;

/** Old value equals new value, where two nulls count as equal. */
const SAME_PROPS = (node: string) =>
  `${node} IS NOT NULL AND all(k IN keys(row.props) WHERE ${node}[k] = row.props[k] OR (${node}[k] IS NULL AND row.props[k] IS NULL))`;

const COUNTS = `RETURN sum(CASE WHEN created THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN unchanged THEN 1 ELSE 0 END) AS unchanged, count(*) AS total`;

/**
 * Nodes MERGEd on their key: one lookup in the key constraint's index, "created" taken from the
 * statement's counters rather than from a second lookup, and no write at all for a row that changes
 * nothing (re-imports commit nothing). A node MERGE has just created has none of its properties yet, and
 * every row carries a required one (name or title), so it never counts as unchanged. The label is ours,
 * never input.
 */
const writeNodes = (label: string, key: string) => `
UNWIND $rows AS row
MERGE (n:${label} {${key}})
WITH n, row, ${SAME_PROPS('n')} AS unchanged
FOREACH (_ IN CASE WHEN unchanged THEN [] ELSE [1] END | SET n += row.props)
RETURN sum(CASE WHEN unchanged THEN 1 ELSE 0 END) AS unchanged, count(*) AS total`;
/** Reference nodes are keyed by id; org-side nodes by (orgId, id) (graph/schema/001-keys.cypher). */
const BY_ID = 'id: row.id';
const BY_ORG_AND_ID = 'orgId: row.orgId, id: row.id';

export const WRITE_FRAMEWORKS = writeNodes('Framework', BY_ID);

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

/**
 * Another tool's identifier on one of our requirements (uid) or frameworks (id, uid null). Only `urn` is
 * written: an alias never changes a catalog's own fields.
 */
export const WRITE_URN_ALIASES = `
UNWIND $rows AS row
OPTIONAL MATCH (r:Requirement {uid: row.uid})
OPTIONAL MATCH (f:Framework {id: row.frameworkId}) WHERE row.uid IS NULL
WITH row, coalesce(r, f) AS n
WHERE n IS NOT NULL AND coalesce(n.urn, '') <> row.urn
SET n.urn = row.urn
RETURN count(*) AS total`;

/** `--into`: a library's own fields on a node the framework already has (never our fields). */
export const WRITE_REQUIREMENT_EXTRAS = `
UNWIND $rows AS row
MATCH (r:Requirement {uid: row.uid})
SET r += row.extras
RETURN count(*) AS total`;

export const WRITE_MAPPINGS = `
UNWIND $rows AS row
MATCH (s:Requirement {uid: row.sourceUid}), (t:Requirement {uid: row.targetUid})
OPTIONAL MATCH (s)-[old:MAPS_TO]->(t)
WITH s, t, row, old IS NULL AS created, ${SAME_PROPS('old')} AS unchanged
MERGE (s)-[m:MAPS_TO]->(t)
SET m += row.props
${COUNTS}`;

// ---- Organization inventory: org-side nodes are keyed by (orgId, id) (graph/schema/001-keys.cypher). ----
// Links carry the bulk of a large import (evidence and its links). Lookups name the (orgId, id) index: a
// plan cached while an organization was small would otherwise use the single-property orgId index, or join
// the two ends of a link as a cartesian product with an index scan, and scan the whole organization per row
// (measured: 100 million db hits for 5,000 links). The hint says SEEK: a plain USING INDEX is also
// satisfied by a scan of that index plus a filter, which the planner picks when the index statistics still
// describe an empty label (seen right after a bulk load).

export const WRITE_ORGANIZATIONS = writeNodes('Organization', BY_ID);
export const WRITE_SYSTEMS = writeNodes('System', BY_ORG_AND_ID);
export const WRITE_CONTROLS = writeNodes('Control', BY_ORG_AND_ID);
export const WRITE_EVIDENCE = writeNodes('Evidence', BY_ORG_AND_ID);
export const WRITE_RISKS = writeNodes('Risk', BY_ORG_AND_ID);

/**
 * Planned afresh on every batch: a plan cached while an organization had few nodes (an index scan is as
 * cheap as a seek on an empty index) would otherwise be reused for large imports and scan per row. Only
 * the small statements that look up organizations, frameworks and requirements by single properties use it.
 */
const REPLAN = 'CYPHER replan=force';

/** A relationship from the organization to reference data: a framework it adopts, a requirement it excludes. */
const writeOrgReference = (type: 'ADOPTS' | 'EXCLUDES', target: string) => `${REPLAN}
UNWIND $rows AS row
MATCH (o:Organization {id: row.orgId}), (t:${target})
OPTIONAL MATCH (o)-[old:${type}]->(t)
WITH o, t, row, old IS NULL AS created, ${SAME_PROPS('old')} AS unchanged
MERGE (o)-[x:${type}]->(t)
SET x += row.props
${COUNTS}`;
export const WRITE_ADOPTIONS = writeOrgReference('ADOPTS', 'Framework {id: row.frameworkId}');
export const WRITE_EXCLUSIONS = writeOrgReference('EXCLUDES', 'Requirement {uid: row.requirementUid}');

export const WRITE_IMPLEMENTS = `${REPLAN}
UNWIND $rows AS row
CALL (row) { MATCH (c:Control {orgId: row.orgId, id: row.controlId}) USING INDEX SEEK c:Control(orgId, id) RETURN c }
CALL (row) { MATCH (r:Requirement {uid: row.requirementUid}) RETURN r }
OPTIONAL MATCH (c)-[old:IMPLEMENTS]->(r)
WITH c, r, row, old IS NULL AS created, ${SAME_PROPS('old')} AS unchanged
MERGE (c)-[i:IMPLEMENTS]->(r)
SET i += row.props
${COUNTS}`;

/** A property-less link between two nodes of the same organization; created rows come from the counters. */
const writeLink = (from: string, type: string, to: string) => `
UNWIND $rows AS row
MATCH (a:${from} {orgId: row.orgId, id: row.fromId}) USING INDEX SEEK a:${from}(orgId, id)
MATCH (b:${to} {orgId: row.orgId, id: row.toId}) USING INDEX SEEK b:${to}(orgId, id)
MERGE (a)-[:${type}]->(b)
RETURN count(*) AS total`;
export const WRITE_APPLIES_TO = writeLink('Control', 'APPLIES_TO', 'System');
export const WRITE_SUPPORTS = writeLink('Evidence', 'SUPPORTS', 'Control');
export const WRITE_CONCERNS = writeLink('Evidence', 'CONCERNS', 'System');
export const WRITE_THREATENS = writeLink('Risk', 'THREATENS', 'System');
/** risk-controls rows name the risk first; the relationship runs from the control. */
export const WRITE_MITIGATES = `
UNWIND $rows AS row
MATCH (r:Risk {orgId: row.orgId, id: row.fromId}) USING INDEX SEEK r:Risk(orgId, id)
MATCH (c:Control {orgId: row.orgId, id: row.toId}) USING INDEX SEEK c:Control(orgId, id)
MERGE (c)-[:MITIGATES]->(r)
RETURN count(*) AS total`;

/**
 * A programme row's reference column (importers/programme.ts): the node's relationships of that type to
 * that label become exactly the ones the row names. `removed` counts as updated in the summary.
 */
export const writeProgrammeLinks = (from: string, type: string, target: ReferenceLabel) => {
  const k = referenceKey(target);
  const match =
    REFERENCE_SIDE[target] === 'organization'
      ? `MATCH (t:${target} {orgId: row.orgId, id: tid}) USING INDEX SEEK t:${target}(orgId, id)`
      : `MATCH (t:${target} {${k}: tid})`;
  return `
UNWIND $rows AS row
MATCH (a:${from} {orgId: row.orgId, id: row.id}) USING INDEX SEEK a:${from}(orgId, id)
CALL (a, row) {
  OPTIONAL MATCH (a)-[old:${type}]->(t:${target}) WHERE NOT t.${k} IN row.ids
  DELETE old
  RETURN count(old) AS removed
}
CALL (a, row) {
  UNWIND row.ids AS tid
  ${match}
  OPTIONAL MATCH (a)-[had:${type}]->(t)
  WITH a, t, had IS NULL AS added
  MERGE (a)-[:${type}]->(t)
  RETURN sum(CASE WHEN added THEN 1 ELSE 0 END) AS added, count(*) AS kept
}
RETURN sum(added) AS created, sum(kept - added) AS unchanged, sum(kept + removed) AS total`;
};

/** responsibilities.csv: one relationship per (person, subject, raci); a person may be both R and A. */
export const writeResponsibilities = (subject: string) => {
  const match =
    subject === 'Framework'
      ? 'MATCH (s:Framework {id: row.subjectId})'
      : `MATCH (s:${subject} {orgId: row.orgId, id: row.subjectId}) USING INDEX SEEK s:${subject}(orgId, id)`;
  return `
UNWIND $rows AS row
MATCH (p:Person {orgId: row.orgId, id: row.personId}) USING INDEX SEEK p:Person(orgId, id)
${match}
OPTIONAL MATCH (p)-[old:RESPONSIBLE_FOR {raci: row.raci}]->(s)
WITH p, s, row, old IS NULL AS created
MERGE (p)-[:RESPONSIBLE_FOR {raci: row.raci}]->(s)
RETURN sum(CASE WHEN created THEN 1 ELSE 0 END) AS created, sum(CASE WHEN created THEN 0 ELSE 1 END) AS unchanged, count(*) AS total`;
};

/** The current UTC time as the parts of a neo4j DateTime (year .. nanosecond, offset 0). */
function nowParts(): [number, number, number, number, number, number, number, number] {
  const d = new Date();
  return [
    d.getUTCFullYear(),
    d.getUTCMonth() + 1,
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    d.getUTCMilliseconds() * 1e6,
    0,
  ];
}

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
  /**
   * Where the number of created rows comes from: the statement's `created` column, or its counters of
   * created nodes or relationships; 'none' for statements that only link (no summary line). A statement
   * without an `unchanged` column changes every row it does not create (links have no properties).
   */
  created: 'column' | 'nodes' | 'relationships' | 'none';
}

const links = (b: LinkRecord[]) => b.map((l) => ({ orgId: l.orgId, fromId: l.fromId, toId: l.toId }));

/** The six programme node types, then the relationships of their reference columns (after every node exists). */
const PROGRAMME_NODE_WRITERS: EntityWriter[] = PROGRAMME_TEMPLATES.map((t) => ({
  type: t.label,
  statement: writeNodes(t.label, BY_ORG_AND_ID),
  created: 'nodes',
  rows: (b) =>
    b[t.batchKey].map((r) => ({
      orgId: r.orgId,
      id: r.id,
      props: Object.fromEntries(
        t.props.map((p) => [p.prop, p.type === 'date' ? toDate(r.props[p.prop] as string | null) : r.props[p.prop]]),
      ),
    })),
}));
const PROGRAMME_LINK_WRITERS: EntityWriter[] = [
  ...Object.values(RESPONSIBILITY_SUBJECTS).map((subject): EntityWriter => ({
    type: `RESPONSIBLE_FOR ${subject}`,
    statement: writeResponsibilities(subject),
    created: 'column',
    rows: (b) =>
      b.responsibilities
        .filter((r) => RESPONSIBILITY_SUBJECTS[r.subjectKind as keyof typeof RESPONSIBILITY_SUBJECTS] === subject)
        .map((r) => ({ orgId: r.orgId, personId: r.personId, raci: r.raci, subjectId: r.subjectId })),
  })),
  ...PROGRAMME_TEMPLATES.flatMap((t) =>
    t.links.map((l): EntityWriter => ({
      type: `${l.type} ${l.target}`,
      statement: writeProgrammeLinks(t.label, l.type, l.target),
      created: 'column',
      rows: (b) =>
        b[t.batchKey].flatMap((r) => {
          const given = r.links.find((x) => x.column === l.column);
          return given ? [{ orgId: r.orgId, id: r.id, ids: given.ids }] : [];
        }),
    })),
  ),
];

const WRITERS: EntityWriter[] = [
  {
    type: 'Framework',
    statement: WRITE_FRAMEWORKS,
    created: 'nodes',
    rows: (b) =>
      b.frameworks.map((f) => ({
        id: f.id,
        props: {
          name: f.name,
          version: f.version,
          publisher: f.publisher,
          kind: f.kind,
          url: f.url,
          publishedOn: toDate(f.publishedOn),
          // Only formats that know a foreign id set it, so a CSV re-import does not erase it.
          ...(f.urn ? { urn: f.urn } : {}),
          ...(f.extras ?? {}),
          ...(f.library ? { library: f.library } : {}),
        },
      })),
  },
  {
    type: 'Requirement',
    statement: WRITE_REQUIREMENTS,
    created: 'column',
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
          ...(r.urn ? { urn: r.urn } : {}),
          ...(r.extras ?? {}),
          // Only formats that know a status set it (null clears a withdrawn status on re-import).
          ...(r.status !== undefined ? { status: r.status } : {}),
        },
      })),
  },
  {
    type: 'Requirement parent',
    statement: WRITE_REQUIREMENT_PARENTS,
    created: 'none',
    rows: (b) => b.requirements.map((r) => ({ uid: r.uid, parentUid: r.parentUid })),
  },
  {
    type: 'URN alias',
    statement: WRITE_URN_ALIASES,
    created: 'none',
    rows: (b) =>
      b.urnAliases.map((a) => ({
        uid: a.ref ? `${a.frameworkId}:${a.ref}` : null,
        frameworkId: a.frameworkId,
        urn: a.urn,
      })),
  },
  {
    type: 'Requirement extras',
    statement: WRITE_REQUIREMENT_EXTRAS,
    created: 'none',
    rows: (b) => b.requirementExtras.map((e) => ({ uid: e.uid, extras: e.extras })),
  },
  {
    type: 'Mapping',
    statement: WRITE_MAPPINGS,
    created: 'column',
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
          // Set only by the formats that know them, so that a CSV re-import keeps a review's record.
          ...(m.importedFrom ? { importedFrom: m.importedFrom } : {}),
          ...(m.reviewedBy ? { reviewedBy: m.reviewedBy, reviewedAt: new neo4j.types.DateTime(...nowParts()) } : {}),
        },
      })),
  },
  {
    type: 'Organization',
    statement: WRITE_ORGANIZATIONS,
    created: 'nodes',
    rows: (b) => b.organizations.map((o) => ({ id: o.id, props: { name: o.name } })),
  },
  {
    type: 'System',
    statement: WRITE_SYSTEMS,
    created: 'nodes',
    rows: (b) =>
      b.systems.map((s) => ({
        orgId: s.orgId,
        id: s.id,
        props: {
          name: s.name,
          purpose: s.purpose,
          isAI: s.isAI,
          aiActRole: s.aiActRole,
          aiActRisk: s.aiActRisk,
          gpai: s.gpai,
          lifecycleStage: s.lifecycleStage,
          owner: s.owner,
          ...s.aiActFacts,
          placedOnMarketOn: toDate(s.aiActFacts.placedOnMarketOn),
        },
      })),
  },
  {
    type: 'Control',
    statement: WRITE_CONTROLS,
    created: 'nodes',
    rows: (b) =>
      b.controls.map((c) => ({
        orgId: c.orgId,
        id: c.id,
        props: { name: c.name, description: c.description, owner: c.owner, status: c.status },
      })),
  },
  {
    type: 'Evidence',
    statement: WRITE_EVIDENCE,
    created: 'nodes',
    rows: (b) =>
      b.evidence.map((e) => ({
        orgId: e.orgId,
        id: e.id,
        props: {
          title: e.title,
          kind: e.kind,
          uri: e.uri,
          sha256: e.sha256,
          collectedAt: toDate(e.collectedAt),
          validUntil: toDate(e.validUntil),
          status: e.status,
          owner: e.owner,
        },
      })),
  },
  {
    type: 'Risk',
    statement: WRITE_RISKS,
    created: 'nodes',
    rows: (b) =>
      b.risks.map((r) => ({
        orgId: r.orgId,
        id: r.id,
        props: { title: r.title, likelihood: r.likelihood, impact: r.impact, treatment: r.treatment },
      })),
  },
  {
    type: 'ADOPTS',
    statement: WRITE_ADOPTIONS,
    created: 'column',
    rows: (b) =>
      b.adoptions.map((a) => ({
        orgId: a.orgId,
        frameworkId: a.frameworkId,
        props: {
          since: toDate(a.since),
          targetDate: toDate(a.targetDate),
          scope: a.scope,
          soaVersion: a.soaVersion ?? null,
          soaApprover: a.soaApprover ?? null,
          soaApprovedOn: toDate(a.soaApprovedOn ?? null),
        },
      })),
  },
  {
    type: 'EXCLUDES',
    statement: WRITE_EXCLUSIONS,
    created: 'column',
    rows: (b) =>
      b.exclusions.map((e) => ({ orgId: e.orgId, requirementUid: e.requirementUid, props: { justification: e.justification } })),
  },
  {
    type: 'IMPLEMENTS',
    statement: WRITE_IMPLEMENTS,
    created: 'column',
    rows: (b) =>
      b.controlRequirements.map((c) => ({
        orgId: c.orgId,
        controlId: c.controlId,
        requirementUid: c.requirementUid,
        props: { coverage: c.coverage, note: c.note },
      })),
  },
  { type: 'APPLIES_TO', statement: WRITE_APPLIES_TO, created: 'relationships', rows: (b) => links(b.controlSystems) },
  { type: 'SUPPORTS', statement: WRITE_SUPPORTS, created: 'relationships', rows: (b) => links(b.evidenceControls) },
  { type: 'CONCERNS', statement: WRITE_CONCERNS, created: 'relationships', rows: (b) => links(b.evidenceSystems) },
  { type: 'THREATENS', statement: WRITE_THREATENS, created: 'relationships', rows: (b) => links(b.riskSystems) },
  { type: 'MITIGATES', statement: WRITE_MITIGATES, created: 'relationships', rows: (b) => links(b.riskControls) },
  ...PROGRAMME_NODE_WRITERS,
  ...PROGRAMME_LINK_WRITERS,
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
  /** Phases 'writing' (rows over all types) and 'committing'. */
  progress?: ImportProgress;
  /** Called once every statement has succeeded, just before the commit is sent. */
  onCommit?: () => void | Promise<void>;
}

/**
 * Statements of one writer sent ahead of their results: the driver pipelines them within the transaction,
 * so encoding the next batch overlaps with the database executing this one. Neo4j still runs them in order.
 */
const IN_FLIGHT = 4;

function countsOf(writer: EntityWriter, result: QueryResult): WriteCounts {
  const record = result.records[0];
  if (!record) return { created: 0, updated: 0, unchanged: 0 };
  const updates = result.summary.counters.updates();
  const created =
    writer.created === 'column'
      ? Number(record.get('created'))
      : writer.created === 'nodes'
        ? updates.nodesCreated
        : updates.relationshipsCreated;
  const total = Number(record.get('total'));
  const unchanged = record.has('unchanged') ? Number(record.get('unchanged')) : total - created;
  return { created, updated: total - created - unchanged, unchanged };
}

export async function writeBatch(graph: Graph, batch: ImportBatch, options: WriteOptions = {}): Promise<WriteSummary> {
  const summary: WriteSummary = {};
  const session = graph.driver.session({ database: graph.database, defaultAccessMode: neo4j.session.WRITE });
  const tx = session.beginTransaction();
  const inFlight: Promise<QueryResult>[] = [];
  const plan = WRITERS.map((writer) => ({ writer, rows: writer.rows(batch) }));
  const allRows = plan.reduce((n, p) => n + p.rows.length, 0);
  let allDone = 0;
  let phase: 'transaction' | 'commit' = 'transaction';
  try {
    for (const { writer, rows } of plan) {
      if (rows.length === 0) continue;
      const counts: WriteCounts = { created: 0, updated: 0, unchanged: 0 };
      let done = 0;
      const settle = async () => {
        const result = await inFlight.shift()!;
        if (writer.created !== 'none') {
          const c = countsOf(writer, result);
          counts.created += c.created;
          counts.updated += c.updated;
          counts.unchanged += c.unchanged;
        }
        const before = done;
        done = Math.min(done + BATCH_SIZE, rows.length);
        allDone += done - before;
        options.onProgress?.(writer.type, done, rows.length);
        options.progress?.({ phase: 'writing', done: allDone, total: allRows, unit: 'rows', detail: writer.type });
      };
      for (let start = 0; start < rows.length; start += BATCH_SIZE) {
        // A Result is thenable; wrapping it subscribes to the pipelined run without waiting for it. A
        // failure is rethrown where settle() awaits it; the no-op handler keeps it from counting as unhandled
        // in the meantime.
        const pending = Promise.resolve(tx.run(writer.statement, { rows: rows.slice(start, start + BATCH_SIZE) }));
        pending.catch(() => {});
        inFlight.push(pending);
        if (inFlight.length >= IN_FLIGHT) await settle();
      }
      while (inFlight.length) await settle();
      if (writer.created !== 'none') summary[writer.type] = counts;
    }
    // The maintained coverage changes in the same transaction: committed together or not at all.
    await maintainImport(tx, batch, summary);
    options.progress?.({
      phase: 'committing',
      done: 0,
      unit: 'transaction',
      detail: options.dryRun ? 'rolling back (dry run)' : undefined,
    });
    if (options.dryRun) await tx.rollback();
    else {
      await options.onCommit?.();
      phase = 'commit';
      await tx.commit();
    }
    return summary;
  } catch (error) {
    // The statements still queued fail with the transaction; their errors add nothing.
    await Promise.allSettled(inFlight);
    // A rollback on a broken connection fails too; the server drops the transaction either way.
    if (tx.isOpen()) await tx.rollback().catch(() => {});
    throw translateNeo4jError(error, { uri: graph.uri, dataDir: graph.dataDir, phase });
  } finally {
    await session.close().catch(() => {});
  }
}
