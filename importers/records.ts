/**
 * What every importer produces: plain records with the position they came from. The validator checks a
 * whole ImportBatch, the writer writes it; formats only translate their input into these records.
 */
import type { Position } from './problems.ts';

export interface FrameworkRecord {
  at: Position;
  id: string;
  name: string;
  version: string | null;
  publisher: string | null;
  kind: string;
  url: string | null;
  /** ISO date `YYYY-MM-DD`. */
  publishedOn: string | null;
}

export interface RequirementRecord {
  at: Position;
  uid: string;
  frameworkId: string;
  ref: string;
  /** uid of the parent requirement, if any. */
  parentUid: string | null;
  kind: string;
  order: number | null;
  normative: boolean;
  title: string;
  summary: string | null;
  url: string | null;
}

export interface MappingRecord {
  at: Position;
  sourceUid: string;
  targetUid: string;
  relationship: string;
  strength: number;
  rationale: string | null;
  source: string | null;
  explanation: string | null;
  status: string;
}

export interface ImportBatch {
  frameworks: FrameworkRecord[];
  requirements: RequirementRecord[];
  mappings: MappingRecord[];
}

export const emptyBatch = (): ImportBatch => ({ frameworks: [], requirements: [], mappings: [] });

export function mergeBatches(batches: ImportBatch[]): ImportBatch {
  const all = emptyBatch();
  for (const batch of batches) {
    for (const key of Object.keys(all) as (keyof ImportBatch)[]) (all[key] as unknown[]).push(...batch[key]);
  }
  return all;
}
