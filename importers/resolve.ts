/**
 * Turns foreign requirement identifiers (CISO Assistant URNs on mapping records) into our uids, looking
 * in the same import first and then at the `urn` stored on requirements already in the graph.
 */
import type { Graph } from '../graph/connection.ts';
import type { Problems } from './problems.ts';
import type { ImportBatch } from './records.ts';

export const REQUIREMENTS_BY_URN = 'UNWIND $urns AS urn MATCH (r:Requirement {urn: urn}) RETURN collect([r.urn, r.uid]) AS found';

export async function resolveUrns(batch: ImportBatch, graph: Graph, problems: Problems): Promise<void> {
  const pending = batch.mappings.filter((m) => m.sourceUrn !== undefined || m.targetUrn !== undefined);
  if (pending.length === 0) return;
  const byUrn = new Map<string, string>();
  for (const r of batch.requirements) if (r.urn) byUrn.set(r.urn, r.uid);
  const missing = [...new Set(pending.flatMap((m) => [m.sourceUrn, m.targetUrn]))].filter(
    (u): u is string => Boolean(u) && !byUrn.has(u!),
  );
  if (missing.length) {
    const { records } = await graph.run(REQUIREMENTS_BY_URN, { urns: missing });
    for (const [urn, uid] of (records[0]?.get('found') as [string, string][] | undefined) ?? []) byUrn.set(urn, uid);
  }
  for (const m of pending) {
    for (const [urnKey, uidKey, field] of [
      ['sourceUrn', 'sourceUid', 'source_requirement_urn'],
      ['targetUrn', 'targetUid', 'target_requirement_urn'],
    ] as const) {
      const urn = m[urnKey];
      if (!urn) continue;
      const uid = byUrn.get(urn);
      if (uid) m[uidKey] = uid;
      else
        problems.add(
          'REFERENCE_UNKNOWN',
          m.at,
          field,
          `unknown requirement URN '${urn}': import its CISO Assistant framework library first or together`,
        );
    }
  }
}
