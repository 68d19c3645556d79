/** obligations(system, org): AI Act provisions by role and risk class -> ISO 42001 -> status. */
import { defineQuestion, P, STATUS_PARAMS } from './question.ts';
import type { Basis, CoverageStatus, Indication, InheritedCoverage } from './types.ts';

export interface StatusOf {
  uid: string;
  ref: string;
  title: string;
  status: CoverageStatus;
  basis: Basis | null;
  directStatus: Exclude<CoverageStatus, 'excluded'>;
  controls: string[];
  inherited: InheritedCoverage | null;
  indications: Indication[];
}

export interface Obligation {
  uid: string;
  ref: string;
  title: string;
  why: string;
  /** Parts (assessed requirements) met. */
  met: number;
  parts: StatusOf[];
  iso42001: (StatusOf & { mapping: { provision: string; relationship: string; strength: number; explanation: string | null } })[];
}

export interface ObligationsResult {
  org: string;
  today: string;
  system: { id: string; name: string; isAI: boolean; aiActRole: string | null; aiActRisk: string | null; gpai: boolean | null };
  obligations: Obligation[];
}

export const obligations = defineQuestion<ObligationsResult>(
  'obligations',
  "an AI system's AI Act obligations (by role and risk class), the ISO 42001 requirements addressing them, status",
  [
    { name: 'system', type: 'string', required: true, exists: 'system', description: 'system id, e.g. sys-chatbot' },
    P.org,
    ...STATUS_PARAMS,
  ],
);
