/** Result shapes shared by the reuse questions (plain maps as the Cypher returns them). */
export { BASES, COVERAGE_STATUSES, type Basis, type CoverageStatus } from './status.ts';

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

/**
 * The best chain of full mappings (every hop read equal or superset_of, strength >= minStrength, at most
 * maxDepth hops) from a directly met requirement to this requirement or an ancestor (`target`).
 */
export interface InheritedCoverage {
  source: string;
  /** Requirement uids from the met source to `target`. */
  path: string[];
  /** Each hop's relationship read in path direction (source relative to target). */
  relationships: string[];
  /** The weakest hop. */
  strength: number;
  hops: number;
  /** The requirement the path ends at: this one, or the ancestor whose parts it covers. */
  target: string;
}

/** Related work: a mapping path that is not an inheritance, from a directly met or partially met requirement. */
export interface Indication {
  source: string;
  sourceStatus: 'met' | 'partially_met';
  path: string[];
  relationships: string[];
  strength: number;
  hops: number;
}

/** A requirement with parts that carries indications of its own (they never spread to its parts). */
export interface IndicatedParent {
  uid: string;
  ref: string;
  title: string;
  indications: Indication[];
}

export interface Exclusion {
  requirement: string;
  justification: string;
}

/** The coverage parameters every status-computing question echoes. */
export interface CoverageParameters {
  maxDepth: number;
  minStrength: number;
  indicationDepth: number;
  indicationMinStrength: number;
}

export interface Page<T> {
  total: number;
  items: T[];
}
