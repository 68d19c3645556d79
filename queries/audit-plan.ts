/** audit-plan(framework, org, today): the requirements the next internal audit should cover, first. */
import { defineQuestion, P } from './question.ts';
import type { CoverageStatus } from './types.ts';

export interface AuditPlanRow {
  uid: string;
  ref: string;
  title: string;
  status: CoverageStatus;
  /** Completed internal audits whose scope covered it. */
  audits: number;
  lastAudit: { id: string; title: string; performedOn: string } | null;
  monthsSince: number | null;
  /** Open on the day asked; `caps`: a major nonconformity (it keeps the requirement from being met). */
  openFindings: { id: string; title: string; kind: string; raisedOn: string; caps: boolean; correctiveActions: string[] }[];
}

export interface AuditPlanResult {
  framework: string;
  org: string;
  today: string;
  total: number;
  neverAudited: number;
  requirements: AuditPlanRow[];
}

export const auditPlan = defineQuestion<AuditPlanResult>(
  'audit-plan',
  "a framework's requirements for the next internal audit: never audited first, then audited longest ago, with their open findings",
  [
    P.framework(),
    P.org,
    { ...P.today, description: 'the day audits, findings and evidence are judged on (default: today)' },
    P.first,
    P.offset,
  ],
);
