/** impact(evidence|control, org, asOf?, withinDays?): what changes when evidence or a control goes, or time passes. */
import { defineQuestion, P, QueryParameterError, STATUS_PARAMS } from './question.ts';
import type { Basis, CoverageStatus } from './types.ts';

export interface StatusChange {
  uid: string;
  framework: string;
  ref: string;
  title: string;
  before: CoverageStatus;
  beforeBasis: Basis | null;
  after: CoverageStatus;
  afterBasis: Basis | null;
}

export interface ImpactResult {
  org: string;
  today: string;
  /** The date "after" is judged on. */
  after: string;
  evidence: string | null;
  control: string | null;
  /** Approved evidence valid today that is no longer valid on the "after" date. */
  expiring: { id: string; title: string; validUntil: string; controls: string[] }[];
  total: number;
  byFramework: Record<string, number>;
  changes: StatusChange[];
}

export const impact = defineQuestion<ImpactResult>(
  'impact',
  'requirements whose status changes without an evidence item or control, or as evidence expires',
  [
    P.org,
    { name: 'evidence', type: 'string', exists: 'evidence', description: 'evidence id to take away' },
    { name: 'control', type: 'string', exists: 'control', description: 'control id to take away' },
    ...STATUS_PARAMS,
    { name: 'asOf', type: 'date', description: 'judge "after" on this date (default: today, or today + withinDays)' },
    {
      name: 'withinDays',
      type: 'int',
      min: 0,
      max: 3650,
      description: 'judge "after" this many days from today: what expires in the next N days',
    },
    P.first,
    P.offset,
  ],
  (params) => {
    if (params.evidence === null && params.control === null && params.asOf === null && params.withinDays === null) {
      throw new QueryParameterError('nothing to assess', 'Give evidence, control, asOf or withinDays.');
    }
    if (params.asOf !== null && params.withinDays !== null) {
      throw new QueryParameterError('asOf and withinDays both given', 'Use one of them.');
    }
  },
);
