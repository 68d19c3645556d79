/**
 * Reviewing imported mappings (issue #18): imported mappings arrive as `draft` and move no coverage until
 * approved. `crosswalk mappings list|approve|reject` (bin/commands/mappings) and the admin GraphQL
 * mutations (api/mapping-review.ts) share this module: one filter (source, framework pair, relationship,
 * file, status, one pair), one decision recorded with who and when, and the maintained coverage rebuilt
 * in the same transaction (coverage/README.md: mappings changed => `{ mappings: true }`).
 *
 * The preview answers "what would approving change in this organization's coverage" by doing it: the
 * decision and the maintenance run in a transaction, the organization's coverage of every framework the
 * mappings touch is computed from scratch (queries/coverage.cypher, the reference) before and after, and
 * the transaction is rolled back.
 */
import neo4j, { type ManagedTransaction, type Transaction } from 'neo4j-driver';
import { maintain } from '../coverage/maintain.ts';
import type { Graph } from '../graph/connection.ts';
import { MAPPING_RELATIONSHIPS, MAPPING_STATUSES } from '../graph/model.ts';
import { cypher } from '../queries/cypher.ts';
import { QueryParameterError } from '../queries/question.ts';

export interface MappingFilter {
  /** The mapping's `source` (provenance), e.g. imported. */
  source?: string;
  /** One framework (either end) or a pair (one end in each). */
  frameworks?: string[];
  relationship?: string;
  /** The file a mapping was imported from (base name). */
  file?: string;
  status?: string;
  /** One mapping: its source and target uids. */
  pair?: [string, string];
}

export interface ReviewedMapping {
  sourceUid: string;
  targetUid: string;
  relationship: string;
  strength: number;
  rationale: string | null;
  explanation: string | null;
  source: string | null;
  status: string;
  importedFrom: string | null;
  reviewedBy: string | null;
  /** ISO date-time of the decision. */
  reviewedAt: string | null;
}

export type Decision = 'approved' | 'rejected';

/** A filter value that does not fit (unknown relationship or status, a pair that is not two uids). */
export class MappingFilterError extends QueryParameterError {}

const FILTER = `
MATCH (s:Requirement)-[m:MAPS_TO]->(t:Requirement)
WHERE ($pair IS NULL OR (s.uid = $pair[0] AND t.uid = $pair[1]))
  AND ($source IS NULL OR m.source = $source)
  AND ($status IS NULL OR m.status = $status)
  AND ($relationship IS NULL OR m.relationship = $relationship)
  AND ($file IS NULL OR m.importedFrom = $file)
  AND ($frameworks IS NULL
       OR (size($frameworks) = 1 AND (s.frameworkId IN $frameworks OR t.frameworkId IN $frameworks))
       OR (size($frameworks) = 2 AND s.frameworkId <> t.frameworkId AND s.frameworkId IN $frameworks AND t.frameworkId IN $frameworks))`;

export const LIST_MAPPINGS = `${FILTER}
RETURN s.uid AS sourceUid, t.uid AS targetUid, m.relationship AS relationship, m.strength AS strength,
       m.rationale AS rationale, m.explanation AS explanation, m.source AS source, m.status AS status,
       m.importedFrom AS importedFrom, m.reviewedBy AS reviewedBy, toString(m.reviewedAt) AS reviewedAt
ORDER BY sourceUid, targetUid`;

export const DECIDE_MAPPINGS = `${FILTER}
SET m.status = $decision, m.reviewedBy = $by, m.reviewedAt = datetime()
RETURN collect(DISTINCT s.frameworkId) + collect(DISTINCT t.frameworkId) AS frameworks, count(m) AS decided`;

function params(filter: MappingFilter): Record<string, unknown> {
  if (filter.relationship && !(MAPPING_RELATIONSHIPS as readonly string[]).includes(filter.relationship))
    throw new MappingFilterError(`relationship '${filter.relationship}' is not one of ${MAPPING_RELATIONSHIPS.join(', ')}`);
  if (filter.status && !(MAPPING_STATUSES as readonly string[]).includes(filter.status))
    throw new MappingFilterError(`status '${filter.status}' is not one of ${MAPPING_STATUSES.join(', ')}`);
  if (filter.frameworks && (filter.frameworks.length < 1 || filter.frameworks.length > 2))
    throw new MappingFilterError('give one framework or a pair of frameworks', 'For example --frameworks nis2-ir,iso27001.');
  return {
    source: filter.source ?? null,
    frameworks: filter.frameworks ?? null,
    relationship: filter.relationship ?? null,
    file: filter.file ?? null,
    status: filter.status ?? null,
    pair: filter.pair ?? null,
  };
}

export async function listMappings(graph: Graph, filter: MappingFilter): Promise<ReviewedMapping[]> {
  const { records } = await graph.run(LIST_MAPPINGS, params(filter));
  return records.map((r) => ({ ...(r.toObject() as ReviewedMapping), strength: Number(r.get('strength')) }));
}

/** A requirement whose final status or indications the decision changes. */
export interface CoverageChangeRow {
  framework: string;
  uid: string;
  before: { status: string; basis: string | null; indications: number };
  after: { status: string; basis: string | null; indications: number };
}

export interface ReviewResult {
  decision: Decision;
  decided: number;
  by: string;
  /** True when nothing was kept (preview or dry run). */
  rolledBack: boolean;
  /** With an organization: what the decision changes in its coverage (computed from scratch). */
  preview?: { org: string; frameworks: string[]; changes: CoverageChangeRow[] };
}

interface CoverageRow {
  uid: string;
  status: string;
  basis: string | null;
  indications: unknown[];
}

const ADOPTED = 'MATCH (:Organization {id: $org})-[:ADOPTS]->(f:Framework) RETURN collect(f.id) AS ids';
const ORG_EXISTS = 'MATCH (o:Organization {id: $org}) RETURN count(o) AS n';

async function coverageOf(
  tx: Transaction | ManagedTransaction,
  framework: string,
  org: string,
): Promise<Map<string, CoverageRow>> {
  const { records } = await tx.run(cypher('coverage'), {
    framework,
    org,
    system: null,
    today: null,
    maxDepth: null,
    minStrength: null,
    indicationDepth: null,
    indicationMinStrength: null,
    first: null,
    offset: null,
    // From scratch, not from the maintained rows: the comparison must not depend on what is stored.
    reference: true,
  });
  const result = records[0]?.get('result') as { requirements: CoverageRow[] } | undefined;
  return new Map((result?.requirements ?? []).map((r) => [r.uid, r]));
}

/**
 * Approves or rejects the mappings the filter selects, recording who and when, and maintains coverage in
 * the same transaction. With `preview.org`, the organization's coverage before and after is compared and,
 * when `keep` is false, nothing is kept.
 */
export async function decideMappings(
  graph: Pick<Graph, 'driver'> & { database?: string },
  filter: MappingFilter,
  decision: Decision,
  by: string,
  options: { previewOrg?: string; keep?: boolean } = {},
): Promise<ReviewResult> {
  const p = params(filter);
  const session = graph.driver.session({
    database: graph.database,
    defaultAccessMode: neo4j.session.WRITE,
    bookmarkManager: graph.driver.executeQueryBookmarkManager,
  });
  const tx = session.beginTransaction();
  try {
    const org = options.previewOrg;
    let frameworks: string[] = [];
    const before = new Map<string, Map<string, CoverageRow>>();
    if (org) {
      const found = await tx.run(ORG_EXISTS, { org });
      if (!Number(found.records[0]?.get('n')))
        throw new MappingFilterError(
          `unknown organization '${org}'`,
          'Name an organization of the graph (crosswalk stats lists none; see seeds/demo).',
        );
      // Every framework the selected mappings touch that the organization adopts, else every one they touch.
      const touched = await tx.run(
        `${FILTER} RETURN collect(DISTINCT s.frameworkId) + collect(DISTINCT t.frameworkId) AS ids`,
        p,
      );
      const ids = [...new Set((touched.records[0]?.get('ids') as string[] | undefined) ?? [])].sort();
      const adopted = new Set(((await tx.run(ADOPTED, { org })).records[0]?.get('ids') as string[] | undefined) ?? []);
      frameworks = ids.filter((id) => adopted.has(id));
      if (!frameworks.length) frameworks = ids;
      for (const f of frameworks) before.set(f, await coverageOf(tx, f, org));
    }
    const decided = await tx.run(DECIDE_MAPPINGS, { ...p, decision, by });
    const count = Number(decided.records[0]?.get('decided') ?? 0);
    if (count) await maintain(tx, { mappings: true });
    const result: ReviewResult = { decision, decided: count, by, rolledBack: !(options.keep ?? true) };
    if (org) {
      const changes: CoverageChangeRow[] = [];
      for (const f of frameworks) {
        const after = await coverageOf(tx, f, org);
        for (const [uid, a] of after) {
          const b = before.get(f)?.get(uid);
          if (!b) continue;
          if (b.status !== a.status || b.basis !== a.basis || b.indications.length !== a.indications.length) {
            changes.push({
              framework: f,
              uid,
              before: { status: b.status, basis: b.basis, indications: b.indications.length },
              after: { status: a.status, basis: a.basis, indications: a.indications.length },
            });
          }
        }
      }
      result.preview = { org, frameworks, changes };
    }
    if (result.rolledBack) await tx.rollback();
    else await tx.commit();
    return result;
  } catch (error) {
    if (tx.isOpen()) await tx.rollback().catch(() => {});
    throw error;
  } finally {
    await session.close().catch(() => {});
  }
}
