/** coverage(framework, org, system?): status of every assessed requirement, roll-ups and percentages. */
import { defineQuestion, P, type ParamSpec } from './question.ts';
import type { Basis, CoverageStatus, Exclusion, ImplementingControl, InferredCoverage } from './types.ts';

export interface StatusCounts {
  met: number;
  partially_met: number;
  stale: number;
  unverified: number;
  excluded: number;
  gap: number;
}

export interface CoverageGroup extends StatusCounts {
  uid: string;
  ref: string;
  title: string;
  requirements: number;
  percentMet: number | null;
}

export interface CoverageRequirement {
  uid: string;
  ref: string;
  title: string;
  kind: string;
  /** uid of the top-level clause, chapter or Annex A group. */
  group: string;
  status: CoverageStatus;
  basis: Basis | null;
  controls: ImplementingControl[];
  inferred: InferredCoverage | null;
  exclusion: Exclusion | null;
}

export interface CoverageResult {
  framework: string;
  org: string;
  system: string | null;
  today: string;
  maxDepth: number;
  totals: StatusCounts & {
    requirements: number;
    applicable: number;
    metDirect: number;
    metInferred: number;
    partiallyMetDirect: number;
    partiallyMetInferred: number;
  };
  /** met / applicable (not excluded), in percent. */
  percentMet: number | null;
  /** (met + partially met) / applicable, in percent. */
  percentCovered: number | null;
  groups: CoverageGroup[];
  total: number;
  requirements: CoverageRequirement[];
}

export const COVERAGE_PARAMS: readonly ParamSpec[] = [
  P.framework(),
  P.org,
  { name: 'system', type: 'string', exists: 'system', description: 'only controls of this system and organization-wide ones' },
  P.today,
  P.maxDepth,
  P.first,
  P.offset,
];

export const coverage = defineQuestion<CoverageResult>(
  'coverage',
  'status of every requirement of a framework (direct or inferred), rolled up, with percentages',
  COVERAGE_PARAMS,
);
