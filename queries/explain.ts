/** explain(requirement, org): the paths behind a requirement's status. */
import { defineQuestion, P, STATUS_PARAMS } from './question.ts';
import type { Basis, CoverageParameters, CoverageStatus, Exclusion, Indication, InheritedCoverage } from './types.ts';

export interface DirectPath {
  control: string;
  coverage: 'full' | 'partial';
  via: string;
  paths: {
    nodes: Record<string, string | boolean | null>[];
    relationships: { type: string; coverage?: string }[];
  }[];
}

export interface MappingPath {
  /** What the coverage rules make of the path: it counts (inheritance), it advises (indication), or neither. */
  reading: 'inheritance' | 'indication' | null;
  source: string;
  sourceStatus: 'met' | 'partially_met';
  /** The requirement the path ends at: the one explained or an ancestor. */
  target: string;
  strength: number;
  hops: number;
  /** Each hop's relationship read in path direction. */
  relationshipsRead: string[];
  /** The inheritance a part's status uses. */
  chosen: boolean;
  nodes: { label: 'Requirement'; uid: string; framework: string; ref: string; title: string }[];
  relationships: {
    type: 'MAPS_TO';
    from: string;
    to: string;
    read: string;
    stored: {
      source: string;
      target: string;
      relationship: string;
      strength: number;
      rationale: string | null;
      provenance: string | null;
      explanation: string | null;
    };
  }[];
}

export interface ExplainPart {
  uid: string;
  ref: string;
  title: string;
  status: CoverageStatus;
  basis: Basis | null;
  directStatus: Exclude<CoverageStatus, 'excluded'>;
  exclusion: Exclusion | null;
  inherited: InheritedCoverage | null;
  indications: Indication[];
  /** Findings open on `today` about the part, an ancestor or a control implementing either. */
  findings: OpenFinding[];
  direct: DirectPath[];
}

/** A finding open on the day asked; `caps`: a major nonconformity, which keeps the part from being met. */
export interface OpenFinding {
  id: string;
  title: string;
  kind: string;
  raisedOn: string;
  caps: boolean;
  correctiveActions: string[];
}

export interface ExplainResult extends CoverageParameters {
  requirement: { uid: string; framework: string; ref: string; title: string; summary: string | null };
  org: string;
  today: string;
  /** The status when the requirement is itself assessed (a normative leaf); null otherwise. */
  status: CoverageStatus | null;
  parts: ExplainPart[];
  /** The requirement's own indications (for a requirement with parts: never spread to them). */
  indications: Indication[];
  paths: MappingPath[];
}

export const explain = defineQuestion<ExplainResult>(
  'explain',
  'why a requirement has its status: evidence->control paths, inheritance, indications and every mapping path',
  [
    {
      name: 'requirement',
      type: 'string',
      required: true,
      exists: 'requirement',
      description: 'requirement uid, e.g. iso42001:7.5.3',
    },
    P.org,
    ...STATUS_PARAMS,
  ],
);
