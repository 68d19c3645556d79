/** reuse(source, target, org): what the source framework's covered requirements give for the target. */
import { defineQuestion, P, QueryParameterError } from './question.ts';
import type { Basis, CoverageStatus, InferredCoverage } from './types.ts';

export interface ReuseItem {
  uid: string;
  ref: string;
  title: string;
  reuse: InferredCoverage;
  currentStatus: CoverageStatus;
  currentBasis: Basis | null;
}

export interface ReuseResult {
  source: string;
  target: string;
  org: string;
  today: string;
  targetRequirements: number;
  met: number;
  partially_met: number;
  total: number;
  requirements: ReuseItem[];
}

export const reuse = defineQuestion<ReuseResult>(
  'reuse',
  "what the organization's covered requirements of one framework give it for another",
  [P.framework('source'), P.framework('target'), P.org, P.today, P.maxDepth, P.first, P.offset],
  (params) => {
    if (params.source === params.target)
      throw new QueryParameterError('source and target are the same', 'Name two different frameworks.');
  },
);
