/**
 * The readiness vocabulary (queries/README.md "Readiness"): step statuses, their words and colours. Plain
 * constants: the explorer's browser bundle and the reports import them too.
 */
export const READINESS_STATUSES = ['done', 'in_progress', 'not_started'] as const;
export type ReadinessStatus = (typeof READINESS_STATUSES)[number];

export const READINESS_LABELS: Record<ReadinessStatus, string> = {
  done: 'done',
  in_progress: 'in progress',
  not_started: 'not started',
};

export const READINESS_COLORS: Record<ReadinessStatus, string> = {
  done: '#2e7d32',
  in_progress: '#c77700',
  not_started: '#757575',
};

/** The frameworks whose programme readiness follows (seeds/readiness/clauses.csv; a unit test keeps both equal). */
export const READINESS_FRAMEWORKS = ['iso42001', 'iso27001'] as const;
