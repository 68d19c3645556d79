/** soa(framework, org): Statement of Applicability of a framework with controls (ISO Annex A, NIST, ...). */
import { defineQuestion, P, STATUS_PARAMS } from './question.ts';
import type { Basis, CoverageParameters, CoverageStatus, Indication, InheritedCoverage } from './types.ts';

/** The ISO management-system standards whose SoA lists Annex A; any framework with controls works. */
export const SOA_FRAMEWORKS = ['iso42001', 'iso27001'] as const;

export interface SoaEvidence {
  id: string;
  title: string;
  status: string;
  uri: string | null;
  collectedAt: string | null;
  validUntil: string | null;
  valid: boolean;
}

export interface SoaControl {
  id: string;
  name: string;
  status: string;
  coverage: 'full' | 'partial';
  owner: string | null;
  /** The control's description: how it is implemented. */
  description: string | null;
  /** The IMPLEMENTS note: what the control does for this requirement. */
  note: string | null;
  evidence: SoaEvidence[];
}

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
  /** An in-force control of the organization's own implements it (mappings alone never do). */
  implemented: boolean;
  /** Why it is included: risk treatment, legal requirements, the adoption (null when excluded). */
  inclusion: string | null;
  risks: { id: string; title: string; treatment: string | null }[];
  /** Requirements of adopted regulations an approved mapping relates to it. */
  legal: string[];
  implementedBy: SoaControl[];
}

/** A control of the organization beyond the listed ones (ISO/IEC 27001 6.1.3 c: "additional controls"). */
export interface SoaAdditionalControl {
  id: string;
  name: string;
  status: string;
  owner: string | null;
  description: string | null;
  /** What it implements elsewhere (requirement uids). */
  implements: string[];
  risks: string[];
}

export interface SoaResult extends CoverageParameters {
  framework: string;
  org: string;
  today: string;
  /** Document control. */
  organizationName: string | null;
  frameworkName: string | null;
  adopted: boolean;
  adoptedSince: string | null;
  scope: string | null;
  version: string | null;
  approver: string | null;
  approvedOn: string | null;
  additionalControls: SoaAdditionalControl[];
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
  'Statement of Applicability: every Annex A control (or control), applicability, inclusion, implementation, owner, status, evidence, related work',
  [
    {
      ...P.framework(),
      exists: 'controlFramework',
      description: 'a framework with controls: iso42001, iso27001, or an imported catalog (e.g. NIST SP 800-53)',
    },
    P.org,
    ...STATUS_PARAMS,
  ],
);
