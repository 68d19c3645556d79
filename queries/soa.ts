/** soa(framework, org): Statement of Applicability for ISO/IEC 42001 or 27001 Annex A. */
import { defineQuestion, P } from './question.ts';
import type { Basis, CoverageStatus } from './types.ts';

export const SOA_FRAMEWORKS = ['iso42001', 'iso27001'] as const;

export interface SoaRow {
  uid: string;
  ref: string;
  title: string;
  group: string;
  groupTitle: string;
  applicable: boolean;
  justification: string;
  status: CoverageStatus;
  basis: Basis | null;
  inferredFrom: string | null;
  implementedBy: {
    id: string;
    name: string;
    status: string;
    coverage: 'full' | 'partial';
    evidence: { id: string; title: string; status: string; validUntil: string | null; valid: boolean }[];
  }[];
}

export interface SoaResult {
  framework: string;
  org: string;
  today: string;
  total: number;
  applicable: number;
  rows: SoaRow[];
}

export const soa = defineQuestion<SoaResult>(
  'soa',
  'Statement of Applicability: every Annex A control, applicability, implementing controls, status, evidence',
  [{ ...P.framework(), oneOf: SOA_FRAMEWORKS, description: 'iso42001 or iso27001' }, P.org, P.today, P.maxDepth],
);
