/** gaps(framework, org): unmet requirements, those advancing most other adopted frameworks first. */
import { defineQuestion, P, STATUS_PARAMS } from './question.ts';
import type { CoverageParameters, CoverageStatus, Indication } from './types.ts';

export const GAP_STATUSES = ['gap', 'unverified', 'stale', 'partially_met'] as const;

export interface GapItem {
  uid: string;
  ref: string;
  title: string;
  status: CoverageStatus;
  /** Other adopted frameworks in which meeting it directly would meet requirements by inheritance. */
  frameworks: string[];
  /** Their assessed requirements it would meet by inheritance (a full mapping onto a parent meets its parts). */
  meets: string[];
  /** Requirements of other adopted frameworks it would indicate (and not meet). */
  indicates: string[];
  /** Its own indications: related work the organization already did. */
  indications: Indication[];
}

export interface GapsResult extends CoverageParameters {
  framework: string;
  org: string;
  today: string;
  total: number;
  gaps: GapItem[];
}

export const gaps = defineQuestion<GapsResult>(
  'gaps',
  'requirements not met, ranked by what meeting them would meet (by inheritance) and indicate in other adopted frameworks',
  [
    P.framework(),
    P.org,
    {
      name: 'statuses',
      type: 'strings',
      oneOf: GAP_STATUSES,
      description: `statuses counted as gaps, comma-separated (default gap; ${GAP_STATUSES.join(', ')})`,
    },
    ...STATUS_PARAMS,
    P.first,
    P.offset,
  ],
);
