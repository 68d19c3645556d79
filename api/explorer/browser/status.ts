/** Status and framework colours, shared by every view and the legends (queries/README.md "Coverage semantics"). */
import type { CoverageStatus } from '../../../queries/types.ts';

export const STATUSES: readonly CoverageStatus[] = ['met', 'partially_met', 'stale', 'unverified', 'gap', 'excluded'];

export const STATUS_COLORS: Record<CoverageStatus, string> = {
  met: '#2e7d32',
  partially_met: '#8bc34a',
  stale: '#f2a900',
  unverified: '#7e57c2',
  gap: '#d32f2f',
  excluded: '#9e9e9e',
};

export const STATUS_LABELS: Record<CoverageStatus, string> = {
  met: 'met',
  partially_met: 'partially met',
  stale: 'stale',
  unverified: 'unverified',
  gap: 'gap',
  excluded: 'excluded',
};

export const STATUS_MEANING: Record<CoverageStatus, string> = {
  met: 'an in-force control implements it fully, with approved evidence valid today (or met through a full mapping path)',
  partially_met: 'only partial coverage, or reached through a partial mapping path',
  stale: 'controls implement it, but their approved evidence has expired',
  unverified: 'controls implement it, but have no approved evidence',
  gap: 'nothing covers it',
  excluded: 'the organization excludes it (with a justification)',
};

/** Requirements that are not assessed (parts of the hierarchy, or non-normative leaves). */
export const NOT_ASSESSED_COLOR = '#e0e0e0';

const FRAMEWORK_COLORS: Record<string, string> = {
  iso42001: '#1565c0',
  iso27001: '#00838f',
  'eu-ai-act': '#6a1b9a',
  gdpr: '#ad1457',
  nis2: '#ef6c00',
};

export function frameworkColor(framework: string): string {
  return FRAMEWORK_COLORS[framework] ?? '#546e7a';
}

export const CONTROL_COLOR = '#37474f';
export const EVIDENCE_COLORS: Record<string, string> = { approved: '#a1887f', draft: '#d7ccc8', rejected: '#5d4037' };
