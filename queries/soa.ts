/** soa(framework, org): Statement of Applicability for ISO/IEC 42001 or 27001 Annex A. */
import { defineQuestion, P, STATUS_PARAMS } from './question.ts';
import type { Basis, CoverageParameters, CoverageStatus, Indication, InheritedCoverage } from './types.ts';

export const SOA_FRAMEWORKS = ['iso42001', 'iso27001'] as const;

export interface SoaRow {
  uid: string;
  ref: string;
  title: string;
  group: string;
  groupTitle: string;
  applicable: boolean;
  /** "Applicable: implemented by ..." only with an in-force control of the organization's own. */
  justification: string;
  status: CoverageStatus;
  basis: Basis | null;
  directStatus: Exclude<CoverageStatus, 'excluded'>;
  /** Where the row is met from when its basis is inherited. */
  inherited: InheritedCoverage | null;
  /** Indications of a control that is not met: related work, never implementation. */
  relatedWork: Indication[];
  implementedBy: {
    id: string;
    name: string;
    status: string;
    coverage: 'full' | 'partial';
    evidence: { id: string; title: string; status: string; validUntil: string | null; valid: boolean }[];
  }[];
}

export interface SoaResult extends CoverageParameters {
  framework: string;
  org: string;
  today: string;
  total: number;
  applicable: number;
  metDirect: number;
  metInherited: number;
  partiallyMet: number;
  /** Applicable controls not met that carry related work. */
  indicated: number;
  percentMetDirect: number | null;
  percentMet: number | null;
  percentPartiallyMetDirect: number | null;
  rows: SoaRow[];
}

export const soa = defineQuestion<SoaResult>(
  'soa',
  'Statement of Applicability: every Annex A control, applicability, implementing controls, status, evidence, related work',
  [{ ...P.framework(), oneOf: SOA_FRAMEWORKS, description: 'iso42001 or iso27001' }, P.org, ...STATUS_PARAMS],
);
