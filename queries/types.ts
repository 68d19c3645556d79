/** Result shapes shared by the reuse questions (plain maps as the Cypher returns them). */

/** See queries/README.md "Coverage semantics". */
export type CoverageStatus = 'met' | 'partially_met' | 'stale' | 'unverified' | 'excluded' | 'gap';
export type Basis = 'direct' | 'inferred';

/** One of the organization's in-force controls implementing a requirement (or an ancestor, `via`). */
export interface ImplementingControl {
  control: string;
  coverage: 'full' | 'partial';
  via: string;
  /** Approved evidence valid on the day judged. */
  valid: string[];
  /** Approved evidence whose validUntil has passed. */
  expired: string[];
}

/** The best mapping path that gives a requirement inferred coverage. */
export interface InferredCoverage {
  status: 'met' | 'partially_met';
  source: string;
  fromStatus: 'met' | 'partially_met';
  fullPath: boolean;
  strength: number;
  hops: number;
  /** Requirement uids from the covered source to the covered requirement (or its ancestor). */
  path: string[];
  /** Each hop's relationship read in path direction (source relative to target). */
  relationships: string[];
}

export interface Exclusion {
  requirement: string;
  justification: string;
}

export interface Page<T> {
  total: number;
  items: T[];
}
