/** Status and framework colours, shared by every view and the legends (queries/README.md "Coverage semantics"). */
// The vocabulary lives in queries/status.ts (plain constants, bundled into the page with it).
export {
  COVERAGE_STATUSES as STATUSES,
  HEADLINE_LABELS,
  INDICATED_COLOR,
  INHERITED_COLOR,
  STATUS_COLORS,
  STATUS_LABELS,
  STATUS_MEANING,
} from '../../../queries/status.ts';

/** Requirements that are not assessed (parts of the hierarchy, or non-normative leaves). */
export const NOT_ASSESSED_COLOR = '#e0e0e0';

const FRAMEWORK_COLORS: Record<string, string> = {
  iso42001: '#1565c0',
  iso27001: '#00838f',
  'eu-ai-act': '#6a1b9a',
  gdpr: '#ad1457',
  nis2: '#ef6c00',
  'nis2-ir': '#ffa726',
};

export function frameworkColor(framework: string): string {
  return FRAMEWORK_COLORS[framework] ?? '#546e7a';
}

export const CONTROL_COLOR = '#37474f';
export const EVIDENCE_COLORS: Record<string, string> = { approved: '#a1887f', draft: '#d7ccc8', rejected: '#5d4037' };
export const EXPIRED_COLOR = '#ffcc80';
