/** reuse(source, target, org): what the source framework's directly met requirements give for the target. */
import { defineQuestion, P, QueryParameterError, STATUS_PARAMS } from './question.ts';
import type { Basis, CoverageParameters, CoverageStatus, Indication, InheritedCoverage } from './types.ts';

export interface ReuseItem {
  uid: string;
  ref: string;
  title: string;
  /** The best inheritance from the source framework: the requirement counts as met through it. */
  inherited: InheritedCoverage | null;
  /** Related work in the source framework when nothing is inherited (advice, never counted). */
  indications: Indication[];
  /** Status counting the organization's direct work and inheritance from the source framework only. */
  currentStatus: CoverageStatus;
  currentBasis: Basis | null;
}

export interface ReuseResult extends CoverageParameters {
  source: string;
  target: string;
  org: string;
  today: string;
  targetRequirements: number;
  /** Target requirements met by inheritance from the source (some may also be met directly). */
  inherited: number;
  /** Target requirements with indications from the source and no inheritance. */
  indicated: number;
  /** inherited + indicated: the requirements listed. */
  total: number;
  requirements: ReuseItem[];
}

export const reuse = defineQuestion<ReuseResult>(
  'reuse',
  "what the organization's directly met requirements of one framework give it for another (inherited, indicated)",
  [P.framework('source'), P.framework('target'), P.org, ...STATUS_PARAMS, P.first, P.offset],
  (params) => {
    if (params.source === params.target)
      throw new QueryParameterError('source and target are the same', 'Name two different frameworks.');
  },
);
