/**
 * The per-organization coverage snapshot Bloom colours requirements by: one
 * `(:CoverageStatus {orgId, requirementUid, frameworkId, status, basis, indicated, asOf, maxDepth, minStrength})-[:STATUS_OF]->(:Requirement)`
 * per assessed requirement. Bloom styles only by stored properties, and coverage is computed per
 * organization (Requirements are shared by every tenant and must not carry one tenant's status), so the
 * status is written as separate nodes, on request (`crosswalk bloom snapshot`), from the coverage question
 * itself (queries/coverage.cypher): the same semantics as the API, frozen at `asOf`.
 */
import type { Graph } from '../graph/connection.ts';
import { CrosswalkError } from '../graph/errors.ts';
import { coverage } from '../queries/coverage.ts';
import { bloomCypher } from './perspective.ts';

export interface SnapshotOptions {
  org: string;
  /** Framework ids; default: the frameworks the organization adopts. */
  frameworks?: readonly string[];
  /** YYYY-MM-DD; default: today. */
  today?: string | null;
  maxDepth?: number | null;
  minStrength?: number | null;
}

export interface SnapshotResult {
  org: string;
  asOf: string;
  frameworks: { framework: string; requirements: number; byStatus: Record<string, number> }[];
  removed: number;
  written: number;
}

const ADOPTED = 'MATCH (:Organization {id: $org})-[:ADOPTS]->(f:Framework) RETURN f.id AS id ORDER BY id';

export async function writeCoverageSnapshot(graph: Graph, options: SnapshotOptions): Promise<SnapshotResult> {
  const frameworks = options.frameworks?.length
    ? [...options.frameworks]
    : (await graph.run(ADOPTED, { org: options.org })).records.map((r) => String(r.get('id')));
  if (frameworks.length === 0) {
    throw new CrosswalkError(`organization '${options.org}' adopts no framework`, 'Name them: --framework iso42001,iso27001');
  }
  const rows: { uid: string; frameworkId: string; status: string; basis: string | null; indicated: boolean }[] = [];
  const summary: SnapshotResult['frameworks'] = [];
  let asOf = '';
  let depths = { maxDepth: 3, minStrength: 7 };
  for (const framework of frameworks) {
    // Validates org, framework, today and maxDepth like `crosswalk query coverage` does.
    const result = await coverage.run(graph, {
      framework,
      org: options.org,
      today: options.today ?? null,
      maxDepth: options.maxDepth ?? null,
      minStrength: options.minStrength ?? null,
    });
    asOf = result.today;
    depths = { maxDepth: result.maxDepth, minStrength: result.minStrength };
    const byStatus: Record<string, number> = {};
    for (const r of result.requirements) {
      // indicated: not met, not excluded, with related work (the coverage question's `indicated` count).
      const indicated = r.status !== 'met' && r.status !== 'excluded' && r.indications.length > 0;
      rows.push({ uid: r.uid, frameworkId: framework, status: r.status, basis: r.basis, indicated });
      byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    }
    summary.push({ framework, requirements: result.requirements.length, byStatus });
  }
  const { records } = await graph.run(bloomCypher('write-coverage-snapshot'), {
    org: options.org,
    frameworks,
    rows,
    asOf,
    ...depths,
  });
  return {
    org: options.org,
    asOf,
    frameworks: summary,
    removed: Number(records[0]?.get('removed') ?? 0),
    written: Number(records[0]?.get('written') ?? 0),
  };
}

/** Removes the organization's snapshot; returns how many CoverageStatus nodes went. */
export async function clearCoverageSnapshot(graph: Graph, org: string): Promise<number> {
  const { records } = await graph.run(bloomCypher('clear-coverage-snapshot'), { org });
  return Number(records[0]?.get('removed') ?? 0);
}
