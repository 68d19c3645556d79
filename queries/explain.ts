/** explain(requirement, org): the paths behind a requirement's status. */
import { defineQuestion, P } from './question.ts';
import type { Basis, CoverageStatus, Exclusion } from './types.ts';

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
  status: 'met' | 'partially_met';
  source: string;
  sourceStatus: 'met' | 'partially_met';
  fullPath: boolean;
  strength: number;
  hops: number;
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

export interface ExplainResult {
  requirement: { uid: string; framework: string; ref: string; title: string; summary: string | null };
  org: string;
  today: string;
  maxDepth: number;
  /** The status when the requirement is itself assessed (a leaf); null when it has parts. */
  status: CoverageStatus | null;
  parts: {
    uid: string;
    ref: string;
    title: string;
    status: CoverageStatus;
    basis: Basis | null;
    exclusion: Exclusion | null;
    chosenPath: string[] | null;
    direct: DirectPath[];
  }[];
  inferred: MappingPath[];
}

export const explain = defineQuestion<ExplainResult>(
  'explain',
  'why a requirement has its status: evidence->control paths and mapping paths',
  [
    {
      name: 'requirement',
      type: 'string',
      required: true,
      exists: 'requirement',
      description: 'requirement uid, e.g. iso42001:7.5.3',
    },
    P.org,
    P.today,
    P.maxDepth,
  ],
);
