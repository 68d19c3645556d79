/** gaps(framework, org): unmet requirements, those advancing most other adopted frameworks first. */
import { defineQuestion, P } from './question.ts';
import type { CoverageStatus } from './types.ts';

export const GAP_STATUSES = ['gap', 'unverified', 'stale', 'partially_met'] as const;

export interface GapItem {
  uid: string;
  ref: string;
  title: string;
  status: CoverageStatus;
  /** Other adopted frameworks closing this gap would advance. */
  frameworks: string[];
  /** Their requirements reached through approved mappings. */
  advances: string[];
}

export interface GapsResult {
  framework: string;
  org: string;
  today: string;
  total: number;
  gaps: GapItem[];
}

export const gaps = defineQuestion<GapsResult>(
  'gaps',
  'requirements not met, ordered by how many other adopted frameworks closing them would advance',
  [
    P.framework(),
    P.org,
    {
      name: 'statuses',
      type: 'strings',
      oneOf: GAP_STATUSES,
      description: `statuses counted as gaps, comma-separated (default gap; ${GAP_STATUSES.join(', ')})`,
    },
    P.today,
    P.maxDepth,
    P.first,
    P.offset,
  ],
);
