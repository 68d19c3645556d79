/**
 * Turns foreign requirement identifiers (CISO Assistant URNs on mapping records) into our uids, looking
 * in the same import first (requirements and URN aliases), then at the `urn` stored on requirements already
 * in the graph (imported libraries and the aliases of the built-in catalogs, seeds/ciso-assistant/).
 *
 * A URN with no node of its own may land on its nearest ancestor in the same library when that ancestor
 * is known: a CISO Assistant point under one of our paragraphs lands on the paragraph. That is sound only
 * as a weaker statement (the point intersects what the paragraph asks, nothing more), so the mapping's
 * relationship becomes `intersects_with` (importers/mapping-dedup.ts) and every roll-up is reported.
 * The ancestor is the node's parent_urn when its library is in the same import, else the URN with its last
 * dotted part cut (`...:21.1.sp2` -> `...:21.1`; a bare article number also tries `article-N`).
 */
import type { Graph } from '../graph/connection.ts';
import type { Problems } from './problems.ts';
import type { ImportBatch } from './records.ts';

export const REQUIREMENTS_BY_URN = 'UNWIND $urns AS urn MATCH (r:Requirement {urn: urn}) RETURN collect([r.urn, r.uid]) AS found';

/** Ancestor URNs to try, nearest first, by cutting the URN's last dotted part within its namespace. */
export function ancestorUrns(urn: string): string[] {
  const colon = urn.lastIndexOf(':');
  if (colon < 0) return [];
  const ns = urn.slice(0, colon + 1);
  const parts = urn.slice(colon + 1).split('.');
  const out: string[] = [];
  for (let n = parts.length - 1; n >= 1; n--) {
    const local = parts.slice(0, n).join('.');
    out.push(`${ns}${local}`);
    if (/^\d+$/.test(local)) out.push(`${ns}article-${local}`);
  }
  return out;
}

export async function resolveUrns(batch: ImportBatch, graph: Graph, problems: Problems): Promise<void> {
  const pending = batch.mappings.filter((m) => m.sourceUrn !== undefined || m.targetUrn !== undefined);
  if (pending.length === 0) return;
  const byUrn = new Map<string, string>();
  const parentOf = new Map<string, string>();
  for (const a of batch.urnAliases) if (a.ref) byUrn.set(a.urn, `${a.frameworkId}:${a.ref}`);
  for (const r of batch.requirements) {
    if (r.urn) byUrn.set(r.urn, r.uid);
    if (r.urn && r.parentUrn) parentOf.set(r.urn, r.parentUrn);
  }
  const wanted = [...new Set(pending.flatMap((m) => [m.sourceUrn, m.targetUrn]))].filter((u): u is string => Boolean(u));
  const lookup = async (urns: string[]) => {
    const missing = urns.filter((u) => !byUrn.has(u));
    if (!missing.length) return;
    const { records } = await graph.run(REQUIREMENTS_BY_URN, { urns: missing });
    for (const [urn, uid] of (records[0]?.get('found') as [string, string][] | undefined) ?? []) byUrn.set(urn, uid);
  };
  await lookup(wanted);
  // Roll-up candidates for what is still unknown, looked up in one go.
  const chains = new Map<string, string[]>();
  for (const urn of wanted.filter((u) => !byUrn.has(u))) {
    const chain: string[] = [];
    for (let p = parentOf.get(urn); p; p = parentOf.get(p)) chain.push(p);
    chains.set(urn, [...chain, ...ancestorUrns(urn)]);
  }
  await lookup([...new Set([...chains.values()].flat())]);

  for (const m of pending) {
    for (const [urnKey, uidKey, field, side] of [
      ['sourceUrn', 'sourceUid', 'source_requirement_urn', 'source'],
      ['targetUrn', 'targetUid', 'target_requirement_urn', 'target'],
    ] as const) {
      const urn = m[urnKey];
      if (!urn) continue;
      const uid = byUrn.get(urn);
      if (uid) {
        m[uidKey] = uid;
        continue;
      }
      const ancestor = chains.get(urn)?.find((u) => byUrn.has(u));
      if (ancestor) {
        m[uidKey] = byUrn.get(ancestor)!;
        (m.rolledUp ??= []).push({ side, urn, uid: m[uidKey] });
        continue;
      }
      problems.add(
        'REFERENCE_UNKNOWN',
        m.at,
        field,
        `unknown requirement URN '${urn}': import its CISO Assistant framework library first or together`,
      );
    }
  }
}
