/** coverage(framework, org, system?): status of every assessed requirement, roll-ups and headline percentages. */
import { defineQuestion, P, STATUS_PARAMS, type ParamSpec } from './question.ts';
import type {
  Basis,
  CoverageParameters,
  CoverageStatus,
  Exclusion,
  ImplementingControl,
  IndicatedParent,
  Indication,
  InheritedCoverage,
} from './types.ts';

/** Requirements per final status (the explorer rolls these up its hierarchy). */
export type StatusCounts = Record<CoverageStatus, number>;

/** The counts of the headline (queries/README.md "Headline figures"), for the framework and each group. */
export interface CoverageCounts {
  requirements: number;
  /** Assessed minus excluded: the denominator of every percentage. */
  applicable: number;
  /** metDirect + metInherited. */
  met: number;
  metDirect: number;
  metInherited: number;
  partiallyMet: number;
  stale: number;
  unverified: number;
  excluded: number;
  gap: number;
  /** Not met, not excluded, with at least one indication (advice; counted in their own status too). */
  indicated: number;
}

export interface HeadlinePercentages {
  /** Met with basis direct / applicable, in percent. */
  percentMetDirect: number | null;
  /** Met, direct or inherited through full mappings / applicable, in percent. */
  percentMet: number | null;
  /** Partially met (always direct) / applicable, in percent. */
  percentPartiallyMetDirect: number | null;
}

export interface CoverageGroup extends CoverageCounts, HeadlinePercentages {
  uid: string;
  ref: string;
  title: string;
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
  /** What the organization's own controls and evidence give, before exclusions and inheritance. */
  directStatus: Exclude<CoverageStatus, 'excluded'>;
  controls: ImplementingControl[];
  /** The best inheritance path when one exists; it counts only when basis is `inherited`. */
  inherited: InheritedCoverage | null;
  indications: Indication[];
  exclusion: Exclusion | null;
}

export interface CoverageResult extends CoverageParameters, HeadlinePercentages {
  framework: string;
  org: string;
  system: string | null;
  today: string;
  totals: CoverageCounts;
  groups: CoverageGroup[];
  /** Requirements with parts that carry indications of their own. */
  indicatedParents: IndicatedParent[];
  total: number;
  requirements: CoverageRequirement[];
}

export const COVERAGE_PARAMS: readonly ParamSpec[] = [
  P.framework(),
  P.org,
  { name: 'system', type: 'string', exists: 'system', description: 'only controls of this system and organization-wide ones' },
  ...STATUS_PARAMS,
  P.first,
  P.offset,
];

export const coverage = defineQuestion<CoverageResult>(
  'coverage',
  'status of every requirement of a framework (direct or inherited, with indications), rolled up, with percentages',
  COVERAGE_PARAMS,
);
