/** What an import touches, as the CoverageChange its maintenance needs (importers/writer.ts calls it). */
import type { ImportBatch } from '../importers/records.ts';
import { maintain, type CoverageChange, type MaintenanceSummary, type OrgChange, type Runner } from './maintain.ts';

/**
 * The importer only adds and updates (MERGE), never removes a link, so what the written nodes reach
 * after the write covers every requirement whose status can have changed; the hierarchy of every
 * imported requirement may have moved (its parent is rewritten).
 */
export function changeOfBatch(batch: ImportBatch): CoverageChange {
  const orgs = new Map<string, { controls: Set<string>; evidence: Set<string>; requirements: Set<string>; full: boolean }>();
  const of = (org: string) => {
    let entry = orgs.get(org);
    if (!entry) orgs.set(org, (entry = { controls: new Set(), evidence: new Set(), requirements: new Set(), full: false }));
    return entry;
  };
  // Exclusions change the status (and the Bloom colours) of what they exclude; a new adoption needs the
  // colours of a whole framework.
  for (const x of batch.exclusions) of(x.orgId).requirements.add(x.requirementUid);
  for (const a of batch.adoptions) of(a.orgId).full = true;
  for (const c of batch.controls) of(c.orgId).controls.add(c.id);
  for (const i of batch.controlRequirements) of(i.orgId).controls.add(i.controlId);
  for (const e of batch.evidence) of(e.orgId).evidence.add(e.id);
  for (const l of batch.evidenceControls) {
    of(l.orgId).evidence.add(l.fromId);
    of(l.orgId).controls.add(l.toId);
  }
  // The findings rule: a finding's row replaces what it is about and a corrective action's its closing
  // evidence, so what they reached before the import is unknown here: the organization is recomputed.
  for (const f of [...batch.findings, ...batch.correctiveActions]) of(f.orgId).full = true;
  const changes: OrgChange[] = [...orgs].map(([org, touched]) => ({
    org,
    controls: [...touched.controls],
    evidence: [...touched.evidence],
    requirements: [...touched.requirements],
    ...(touched.full ? { full: true } : {}),
  }));
  return {
    mappings: batch.mappings.length > 0,
    hierarchy: batch.requirements.map((r) => r.uid),
    orgs: changes,
  };
}

/** Counts the writer reports per type (importers/writer.ts WriteSummary). */
export type WrittenCounts = Record<string, { created: number; updated: number } | undefined>;

/** The writer's summary types whose change moves an organization's coverage (the findings rule included). */
const ORG_TYPES = [
  'Control',
  'Evidence',
  'IMPLEMENTS',
  'SUPPORTS',
  'EXCLUDES',
  'ADOPTS',
  'Finding',
  'CorrectiveAction',
  'ABOUT Requirement',
  'ABOUT Control',
  'CORRECTS Finding',
  'CLOSED_BY Evidence',
] as const;

const changed = (written: WrittenCounts | undefined, types: readonly string[]) =>
  !written || types.some((t) => (written[t]?.created ?? 0) + (written[t]?.updated ?? 0) > 0);

/**
 * The importer's one call: maintains what `batch` touched inside the import's transaction `tx`. With the
 * writer's counts, what it left unchanged is skipped, so re-importing the same files commits nothing.
 */
export async function maintainImport(tx: Runner, batch: ImportBatch, written?: WrittenCounts): Promise<MaintenanceSummary> {
  const change = changeOfBatch(batch);
  return maintain(tx, {
    mappings: change.mappings && changed(written, ['Mapping']),
    hierarchy: changed(written, ['Requirement']) ? change.hierarchy : [],
    orgs: changed(written, ORG_TYPES) ? change.orgs : [],
  });
}
