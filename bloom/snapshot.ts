/**
 * The per-organization coverage colours Bloom styles requirements by: one
 * `(:CoverageStatus {orgId, requirementUid, frameworkId, status, basis, indicated, asOf, maxDepth, minStrength})-[:STATUS_OF]->(:Requirement)`
 * per assessed requirement of the frameworks the organization adopts. Bloom styles only by stored
 * properties, and requirements are shared by every tenant, so the status sits on nodes of its own. They are
 * part of the maintained coverage (coverage/colours.cypher): every write keeps them current, and a new day
 * brings them to that day (`crosswalk start`, then hourly). `crosswalk bloom snapshot` rewrites them now.
 */
import { refreshColours } from '../coverage/maintain.ts';
import type { Graph } from '../graph/connection.ts';
import { CrosswalkError } from '../graph/errors.ts';
import { bloomCypher } from './perspective.ts';

export interface SnapshotResult {
  org: string;
  asOf: string;
  frameworks: { framework: string; requirements: number; byStatus: Record<string, number> }[];
  written: number;
}

const ADOPTED = 'MATCH (:Organization {id: $org})-[:ADOPTS]->(f:Framework) RETURN f.id AS id ORDER BY id';
const COLOURS = `MATCH (s:CoverageStatus {orgId: $org})
  WITH s.frameworkId AS framework, s.status AS status, count(*) AS n, max(s.asOf) AS asOf
  RETURN framework, status, n, toString(asOf) AS asOf ORDER BY framework, status`;

/** `crosswalk bloom snapshot`: rewrites the organization's colours from the maintained coverage, as of today. */
export async function writeCoverageSnapshot(graph: Graph, options: { org: string }): Promise<SnapshotResult> {
  const adopted = (await graph.run(ADOPTED, { org: options.org })).records.map((r) => String(r.get('id')));
  if (adopted.length === 0) {
    throw new CrosswalkError(`organization '${options.org}' adopts no framework`, 'Adopt one first (adoptions.csv).');
  }
  await refreshColours(graph, { org: options.org });
  const byFramework = new Map<string, SnapshotResult['frameworks'][number]>();
  let asOf = '';
  for (const record of (await graph.run(COLOURS, { org: options.org })).records) {
    const framework = String(record.get('framework'));
    const entry = byFramework.get(framework) ?? { framework, requirements: 0, byStatus: {} };
    const n = Number(record.get('n'));
    entry.requirements += n;
    entry.byStatus[String(record.get('status'))] = n;
    byFramework.set(framework, entry);
    asOf = String(record.get('asOf'));
  }
  const frameworks = [...byFramework.values()];
  return { org: options.org, asOf, frameworks, written: frameworks.reduce((n, f) => n + f.requirements, 0) };
}

/** Removes the organization's colours (the next write or day brings them back); returns how many went. */
export async function clearCoverageSnapshot(graph: Graph, org: string): Promise<number> {
  const { records } = await graph.run(bloomCypher('clear-coverage-snapshot'), { org });
  return Number(records[0]?.get('removed') ?? 0);
}
