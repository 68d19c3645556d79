/**
 * The coverage status vocabulary (queries/README.md "Coverage semantics"), in one place: the statuses and
 * bases the status block returns, their words for people, meanings and colours. The explorer
 * (api/explorer/browser/status.ts), the Bloom perspective (bloom/perspective.ts), the reports and the
 * snapshot import it; nothing else spells the list out. Plain constants: the browser bundle imports it too.
 */

/** In precedence order of the final status (excluded wins), then the direct statuses, then gap. */
export const COVERAGE_STATUSES = ['met', 'partially_met', 'stale', 'unverified', 'gap', 'excluded'] as const;
export type CoverageStatus = (typeof COVERAGE_STATUSES)[number];

/** `direct`: what the organization did; `inherited`: met through a full chain of mappings (counts as met). */
export const BASES = ['direct', 'inherited'] as const;
export type Basis = (typeof BASES)[number];

export const STATUS_LABELS: Record<CoverageStatus, string> = {
  met: 'met',
  partially_met: 'partially met',
  stale: 'stale',
  unverified: 'unverified',
  gap: 'gap',
  excluded: 'excluded',
};

export const STATUS_MEANING: Record<CoverageStatus, string> = {
  met: 'an in-force control implements it fully, with approved evidence valid today; or inherited: met through a chain of equal/superset_of mappings from a directly met requirement',
  partially_met: 'an in-force control implements it only partially, with approved evidence valid today',
  stale: 'controls implement it, but their approved evidence has expired',
  unverified: 'controls implement it, but have no approved evidence',
  gap: 'nothing the organization did covers it (indications may point at related work)',
  excluded: 'the organization excludes it (with a justification)',
};

/** Headline words, the same in the coverage question's CLI output, the reports, the SoA and the explorer. */
export const HEADLINE_LABELS = {
  percentMetDirect: 'met directly',
  percentMet: 'met, including inherited through full mappings',
  percentPartiallyMetDirect: 'partially met directly',
  indicated: 'not met, with related work indicated through mappings',
} as const;

export const STATUS_COLORS: Record<CoverageStatus, string> = {
  met: '#2e7d32',
  partially_met: '#8bc34a',
  stale: '#f2a900',
  unverified: '#7e57c2',
  gap: '#d32f2f',
  excluded: '#9e9e9e',
};

/** Met by inheritance: green, but lighter and bluer than met directly, so the two never read the same. */
export const INHERITED_COLOR = '#4db6ac';
/** The mark on a requirement that is not met but carries indications. */
export const INDICATED_COLOR = '#ff8a65';
