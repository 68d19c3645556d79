/**
 * readiness(framework, org, today): the five steps of a certification programme (ISO/IEC 42001 or
 * ISO/IEC 27001), each done / in progress / not started, with the facts behind the verdict, what to do next
 * and the clauses it evidences (seeds/readiness/clauses.csv) with their stored coverage status.
 * queries/readiness.cypher reads the facts; the rules below judge them (queries/README.md "Readiness").
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { repairPending } from '../coverage/pending.ts';
import type { Graph } from '../graph/connection.ts';
import { PROJECT_ROOT } from '../graph/config.ts';
import { REQUIRED_REVIEW_INPUTS } from '../graph/model.ts';
import { toJsonValue } from '../graph/values.ts';
import { cypher } from './cypher.ts';
import { READINESS_FRAMEWORKS, type ReadinessStatus } from './readiness-status.ts';
import { defineComputedQuestion, P, QueryParameterError, type Runner } from './question.ts';
import type { CoverageStatus } from './types.ts';

/** An internal audit older than this many months no longer counts (ISO 9.2: "at planned intervals"; yearly at least). */
export const AUDIT_MAX_AGE_MONTHS = 12;
/** A management review older than this many months no longer counts. */
export const REVIEW_MAX_AGE_MONTHS = 12;
/** A list of names longer than this is cut to its first NAMES_SHOWN and "and N more". */
export const NAMES_LISTED = 3;
export const NAMES_SHOWN = 2;
export const DEFAULT_READINESS_FRAMEWORK = 'iso42001';

export { READINESS_STATUSES, type ReadinessStatus } from './readiness-status.ts';

export const READINESS_STEPS = [
  { step: 1, key: 'inventory', title: 'Inventory and gap analysis' },
  { step: 2, key: 'governance', title: 'Governance and responsibilities' },
  { step: 3, key: 'risk', title: 'Risk inventory and AI Act classification' },
  { step: 4, key: 'policy', title: 'Policy, processes and documentation' },
  { step: 5, key: 'assurance', title: 'Training, internal audit, management review and corrective action' },
] as const;

/** What a management system is called in a sentence ("internal audit of the AIMS"). */
const SYSTEM_NAME: Record<string, string> = { iso42001: 'AIMS', iso27001: 'ISMS' };

export interface ClauseRow {
  framework: string;
  step: number;
  uid: string;
  key: string | null;
}

let clauseRows: ClauseRow[] | undefined;

/** seeds/readiness/clauses.csv, read once. */
export function readinessClauses(): ClauseRow[] {
  clauseRows ??= (
    parse(fs.readFileSync(path.join(PROJECT_ROOT, 'seeds', 'readiness', 'clauses.csv'), 'utf8'), {
      columns: true,
      skip_empty_lines: true,
      trim: true,
    }) as Record<string, string>[]
  ).map((r) => ({ framework: r.framework_id ?? '', step: Number(r.step), uid: r.ref ?? '', key: r.key || null }));
  return clauseRows;
}

/** The frameworks whose programme readiness follows: those seeds/readiness/clauses.csv names. */
export const readinessFrameworks = (): string[] => [...new Set(readinessClauses().map((c) => c.framework))];

export interface ReadinessFact {
  key: string;
  text: string;
  count: number | null;
  total: number | null;
  ids: string[];
}

export interface ReadinessClause {
  uid: string;
  ref: string;
  title: string;
  key: string | null;
  status: CoverageStatus;
}

export interface ReadinessStep {
  step: number;
  key: string;
  title: string;
  status: ReadinessStatus;
  facts: ReadinessFact[];
  next: string[];
  clauses: ReadinessClause[];
}

export interface ReadinessResult {
  framework: string;
  frameworkName: string | null;
  org: string;
  today: string;
  status: ReadinessStatus;
  steps: ReadinessStep[];
}

/** What queries/readiness.cypher returns. */
export interface ReadinessFacts {
  framework: string;
  org: string;
  today: string;
  frameworkName: string | null;
  adopted: boolean;
  adoptedSince: string | null;
  systems: { id: string; name: string; isAI: boolean | null; aiActRisk: string | null; risks: number; accountable: string[] }[];
  leaves: number;
  undecided: string[];
  persons: number;
  bodies: { id: string; name: string }[];
  frameworkAccountable: { id: string; name: string }[];
  controls: { id: string; name: string; status: string; accountable: string[]; validEvidence: string[] }[];
  multiAccountable: { kind: string; id: string; persons: string[] }[];
  risks: { id: string; title: string; treatment: string | null }[];
  trainingGaps: TrainingGapRow[];
  trainingRecords: number;
  lastAudit: { id: string; title: string; performedOn: string; auditor: string | null; independent: boolean | null } | null;
  internalAudits: number;
  lastReview: { id: string; heldOn: string; inputs: string[] } | null;
  reviews: number;
  overdue: { id: string; title: string; dueOn: string }[];
  openMajor: { id: string; title: string; raisedOn: string }[];
  clauses: { uid: string; ref: string; title: string; statuses: CoverageStatus[] }[];
}

/** One individual lacking training they need (queries/training-needs.cypher). */
export interface TrainingGapRow {
  id: string;
  name: string;
  role: string | null;
  needs: string[];
  missing: { kind: string; expiredOn: string | null; course: string | null }[];
  responsibilities: string[];
}

/** "a, b and c"; longer lists "a, b and 4 more". */
export function listed(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  if (items.length <= NAMES_LISTED) return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
  return `${items.slice(0, NAMES_SHOWN).join(', ')} and ${items.length - NAMES_SHOWN} more`;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** Whole months from `from` to `to` (YYYY-MM-DD): 2025-09-20 to 2026-11-19 is 13. */
export function monthsBetween(from: string, to: string): number {
  const [y1, m1, d1] = from.split('-').map(Number) as [number, number, number];
  const [y2, m2, d2] = to.split('-').map(Number) as [number, number, number];
  return (y2 - y1) * 12 + (m2 - m1) - (d2 < d1 ? 1 : 0);
}

const monthsAgo = (n: number): string => (n <= 0 ? 'this month' : `${plural(n, 'month')} ago`);

/**
 * A clause's status from its normative leaves: met when every applicable one is met, excluded when all are
 * excluded, partially_met when some are met or partially met, otherwise the lowest of them (gap, then
 * unverified, then stale). A leaf clause is its own status.
 */
export function rollUp(statuses: readonly CoverageStatus[]): CoverageStatus {
  const applicable = statuses.filter((s) => s !== 'excluded');
  if (!statuses.length) return 'gap';
  if (!applicable.length) return 'excluded';
  if (applicable.every((s) => s === 'met')) return 'met';
  if (applicable.some((s) => s === 'met' || s === 'partially_met')) return 'partially_met';
  return (['gap', 'unverified', 'stale'] as const).find((s) => applicable.includes(s)) ?? 'gap';
}

const fact = (key: string, text: string, count: number | null = null, total: number | null = null, ids: string[] = []) => ({
  key,
  text,
  count,
  total,
  ids,
});

const status = (done: boolean, notStarted: boolean): ReadinessStatus =>
  done ? 'done' : notStarted ? 'not_started' : 'in_progress';

/** Judges the five steps on what readiness.cypher read (pure: the unit tests call it too). */
export function judgeReadiness(f: ReadinessFacts): ReadinessResult {
  const fw = f.framework;
  const allClauses = readinessClauses().filter((c) => c.framework === fw);
  const clauseOf = new Map(f.clauses.map((c) => [c.uid, c]));
  const clausesOf = (step: number): ReadinessClause[] =>
    allClauses
      .filter((c) => c.step === step)
      .flatMap((c) => {
        const stored = clauseOf.get(c.uid);
        return stored ? [{ uid: c.uid, ref: stored.ref, title: stored.title, key: c.key, status: rollUp(stored.statuses) }] : [];
      });
  const aiSystems = f.systems.filter((s) => s.isAI === true);
  const aiIds = aiSystems.map((s) => s.id);

  // Step 1: inventory and gap analysis.
  const unanswered = f.systems.filter((s) => s.isAI === null).map((s) => s.id);
  const decided = f.leaves - f.undecided.length;
  const step1 = {
    status: status(
      f.adopted && f.systems.length > 0 && unanswered.length === 0 && f.undecided.length === 0,
      f.systems.length === 0 && !f.adopted,
    ),
    facts: [
      fact(
        'ai_systems',
        `${plural(aiSystems.length, 'AI system')} inventoried of ${plural(f.systems.length, 'system')}`,
        aiSystems.length,
        f.systems.length,
        aiIds,
      ),
      fact(
        'is_ai_unanswered',
        `${plural(unanswered.length, 'system')} not yet said to be AI or not`,
        unanswered.length,
        f.systems.length,
        unanswered,
      ),
      fact(
        'adopted',
        f.adopted ? `${fw} adopted${f.adoptedSince ? ` since ${f.adoptedSince}` : ''}` : `${fw} not adopted`,
        f.adopted ? 1 : 0,
        1,
      ),
      fact(
        'requirements_decided',
        `${decided} of ${f.leaves} requirements of ${fw} decided (implemented by a control or excluded)`,
        decided,
        f.leaves,
        f.undecided,
      ),
    ],
    next: [
      ...(f.adopted ? [] : [`Adopt ${fw} with its scope (adoptions.csv)`]),
      ...(f.systems.length ? [] : ['Inventory your systems and say which are AI systems (systems.csv, is_ai)']),
      ...(unanswered.length
        ? [`Say whether ${listed(unanswered)} ${unanswered.length === 1 ? 'is an AI system' : 'are AI systems'} (is_ai)`]
        : []),
      ...(f.undecided.length
        ? [
            `Decide ${plural(f.undecided.length, 'requirement')} of ${fw} (a control implementing it, or an exclusion with its justification): ${listed(f.undecided)}`,
          ]
        : []),
    ],
  };

  // Step 2: governance and responsibilities.
  const controlsWithout = f.controls.filter((c) => c.accountable.length === 0).map((c) => c.id);
  const systemsWithout = aiSystems.filter((s) => s.accountable.length === 0).map((s) => s.id);
  const step2 = {
    status: status(
      f.bodies.length > 0 &&
        f.frameworkAccountable.length > 0 &&
        !controlsWithout.length &&
        !systemsWithout.length &&
        !f.multiAccountable.length,
      f.persons === 0,
    ),
    facts: [
      fact(
        'bodies',
        f.bodies.length
          ? `${plural(f.bodies.length, 'governance body', 'governance bodies')}: ${listed(f.bodies.map((b) => b.name))}`
          : 'no governance body',
        f.bodies.length,
        null,
        f.bodies.map((b) => b.id),
      ),
      fact(
        'framework_accountable',
        f.frameworkAccountable.length
          ? `accountable for ${fw}: ${listed(f.frameworkAccountable.map((p) => p.name))}`
          : `nobody accountable for ${fw}`,
        f.frameworkAccountable.length,
        null,
        f.frameworkAccountable.map((p) => p.id),
      ),
      fact(
        'controls_without_accountable',
        `no accountable person for ${controlsWithout.length} of ${plural(f.controls.length, 'control')}`,
        controlsWithout.length,
        f.controls.length,
        controlsWithout,
      ),
      fact(
        'ai_systems_without_accountable',
        `no accountable person for ${systemsWithout.length} of ${plural(aiSystems.length, 'AI system')}`,
        systemsWithout.length,
        aiSystems.length,
        systemsWithout,
      ),
      fact(
        'multiple_accountable',
        `${plural(f.multiAccountable.length, 'subject')} with more than one accountable person`,
        f.multiAccountable.length,
        null,
        f.multiAccountable.map((m) => `${m.kind}:${m.id}`),
      ),
    ],
    next: [
      ...(f.bodies.length ? [] : ['Set up a governance body, e.g. an AI governance board (persons.csv, kind body)']),
      ...(f.frameworkAccountable.length
        ? []
        : [`Name who is accountable for ${fw} (responsibilities.csv, subject_kind framework)`]),
      ...(controlsWithout.length ? [`Name an accountable person for ${listed(controlsWithout)}`] : []),
      ...(systemsWithout.length
        ? [`Name an accountable person for AI system${systemsWithout.length === 1 ? '' : 's'} ${listed(systemsWithout)}`]
        : []),
      ...f.multiAccountable.map((m) => `Keep one accountable person for ${m.kind} ${m.id} (now ${listed(m.persons)})`),
    ],
  };

  // Step 3: risk inventory and AI Act classification.
  const unclassified = aiSystems.filter((s) => !s.aiActRisk).map((s) => s.id);
  const withoutRisk = aiSystems.filter((s) => s.risks === 0).map((s) => s.id);
  const untreated = f.risks.filter((r) => !r.treatment).map((r) => r.id);
  const classified = aiSystems.length - unclassified.length;
  const step3 = {
    status: status(
      aiSystems.length > 0 && !unclassified.length && !withoutRisk.length && !untreated.length,
      classified === 0 && f.risks.length === 0,
    ),
    facts: [
      fact(
        'classified',
        `${classified} of ${plural(aiSystems.length, 'AI system')} classified under the AI Act`,
        classified,
        aiSystems.length,
        unclassified,
      ),
      fact(
        'ai_systems_without_risk',
        `${plural(withoutRisk.length, 'AI system')} without a recorded risk`,
        withoutRisk.length,
        aiSystems.length,
        withoutRisk,
      ),
      fact(
        'risks_untreated',
        `${untreated.length} of ${plural(f.risks.length, 'risk')} without a treatment`,
        untreated.length,
        f.risks.length,
        untreated,
      ),
    ],
    next: [
      ...(aiSystems.length ? [] : ['Inventory the AI systems first (step 1)']),
      ...(unclassified.length
        ? [`Classify ${listed(unclassified)} under the AI Act (crosswalk query classify --system ID; ai_act_risk)`]
        : []),
      ...(withoutRisk.length ? [`Record the risks of ${listed(withoutRisk)} (risks.csv, risk-systems.csv)`] : []),
      ...(untreated.length ? [`Choose a treatment for ${listed(untreated)} (mitigate, accept, transfer or avoid)`] : []),
    ],
  };

  // Step 4: policy, processes and documentation.
  const policy = clausesOf(4).find((c) => c.key === 'policy') ?? null;
  const policyMet = policy?.status === 'met';
  const notInForce = f.controls.filter((c) => !['implemented', 'operating'].includes(c.status)).map((c) => c.id);
  const inForce = f.controls.filter((c) => ['implemented', 'operating'].includes(c.status));
  const unevidenced = inForce.filter((c) => c.validEvidence.length === 0).map((c) => c.id);
  const step4 = {
    status: status(
      f.controls.length > 0 && policyMet && !notInForce.length && !unevidenced.length,
      f.controls.length === 0 && !policyMet,
    ),
    facts: [
      fact(
        'policy',
        policy ? `${policy.uid} ${policy.title}: ${policy.status.replace('_', ' ')}` : `no policy clause for ${fw}`,
        policyMet ? 1 : 0,
        1,
        policy ? [policy.uid] : [],
      ),
      fact(
        'controls_in_force',
        `${inForce.length} of ${plural(f.controls.length, 'control')} implemented or operating`,
        inForce.length,
        f.controls.length,
        notInForce,
      ),
      fact(
        'controls_evidenced',
        `${inForce.length - unevidenced.length} of ${inForce.length} implemented or operating controls with approved evidence valid on ${f.today}`,
        inForce.length - unevidenced.length,
        inForce.length,
        unevidenced,
      ),
    ],
    next: [
      ...(policy && !policyMet
        ? [
            `Have top management adopt the policy (${policy.uid} ${policy.title}): a control implementing it, with the approved policy as evidence`,
          ]
        : []),
      ...(f.controls.length ? [] : [`Set up the controls that implement ${fw} (controls.csv, control-requirements.csv)`]),
      ...(notInForce.length ? [`Put ${listed(notInForce)} into operation (planned now)`] : []),
      ...(unevidenced.length ? [`Attach approved evidence valid on ${f.today} to ${listed(unevidenced)}`] : []),
    ],
  };

  // Step 5: training, internal audit, management review, corrective action.
  const system = SYSTEM_NAME[fw] ?? fw;
  const auditAge = f.lastAudit ? monthsBetween(f.lastAudit.performedOn, f.today) : null;
  const auditCurrent = auditAge !== null && withinMonths(f.lastAudit?.performedOn ?? '', f.today, AUDIT_MAX_AGE_MONTHS);
  const reviewAge = f.lastReview ? monthsBetween(f.lastReview.heldOn, f.today) : null;
  const reviewCurrent = reviewAge !== null && withinMonths(f.lastReview?.heldOn ?? '', f.today, REVIEW_MAX_AGE_MONTHS);
  const required = REQUIRED_REVIEW_INPUTS[fw] ?? [];
  const lacking = f.lastReview ? required.filter((i) => !f.lastReview?.inputs.includes(i)) : [...required];
  const gapNames = f.trainingGaps.map((g) => `${g.id} (${g.missing.map((m) => m.kind.replace('_', ' ')).join(', ')})`);
  const step5 = {
    status: status(
      !f.trainingGaps.length && auditCurrent && reviewCurrent && !lacking.length && !f.overdue.length && !f.openMajor.length,
      f.trainingRecords === 0 && f.internalAudits === 0 && f.reviews === 0,
    ),
    facts: [
      fact(
        'training_gaps',
        `${plural(f.trainingGaps.length, 'person', 'people')} without the valid training they need`,
        f.trainingGaps.length,
        null,
        f.trainingGaps.map((g) => g.id),
      ),
      fact(
        'internal_audit',
        f.lastAudit
          ? `internal audit of the ${system} ${monthsAgo(auditAge ?? 0)} (${f.lastAudit.id}, ${f.lastAudit.performedOn})`
          : `no completed internal audit of the ${system}`,
        auditAge,
        AUDIT_MAX_AGE_MONTHS,
        f.lastAudit ? [f.lastAudit.id] : [],
      ),
      fact(
        'management_review',
        f.lastReview
          ? `management review ${monthsAgo(reviewAge ?? 0)} (${f.lastReview.id}, ${f.lastReview.heldOn})${lacking.length ? `, without ${listed(lacking)}` : ', with every required input'}`
          : `no management review of the ${system}`,
        reviewAge,
        REVIEW_MAX_AGE_MONTHS,
        f.lastReview ? [f.lastReview.id] : [],
      ),
      fact(
        'overdue_actions',
        `${plural(f.overdue.length, 'corrective action')} overdue`,
        f.overdue.length,
        null,
        f.overdue.map((a) => a.id),
      ),
      fact(
        'open_major_nonconformities',
        `${plural(f.openMajor.length, 'open major nonconformity', 'open major nonconformities')}`,
        f.openMajor.length,
        null,
        f.openMajor.map((x) => x.id),
      ),
    ],
    next: [
      ...(gapNames.length ? [`Train ${listed(gapNames)} (crosswalk query training-gaps)`] : []),
      ...(auditCurrent
        ? []
        : [`${f.lastAudit ? 'Run the next' : 'Run an'} internal audit of ${fw} (crosswalk query audit-plan --framework ${fw})`]),
      ...(!reviewCurrent
        ? [`Hold a management review of ${fw} with ${required.length ? listed(required) : 'its inputs'}`]
        : lacking.length
          ? [`Consider ${listed(lacking)} in the next management review of ${fw}`]
          : []),
      ...(f.overdue.length
        ? [
            `Close or replan the overdue corrective actions ${listed(f.overdue.map((a) => a.id))} (crosswalk query overdue-actions)`,
          ]
        : []),
      ...(f.openMajor.length
        ? [
            `Close major nonconformit${f.openMajor.length === 1 ? 'y' : 'ies'} ${listed(f.openMajor.map((x) => x.id))}: corrective actions closed with approved evidence`,
          ]
        : []),
    ],
  };

  const judged = [step1, step2, step3, step4, step5];
  const steps = READINESS_STEPS.map((s, i) => ({ ...s, ...judged[i]!, clauses: clausesOf(s.step) }));
  const overall: ReadinessStatus = steps.every((s) => s.status === 'done')
    ? 'done'
    : steps.every((s) => s.status === 'not_started')
      ? 'not_started'
      : 'in_progress';
  return { framework: fw, frameworkName: f.frameworkName, org: f.org, today: f.today, status: overall, steps };
}

/** `date` is at most `months` months before `today` (both YYYY-MM-DD): 2025-11-20 is within 12 of 2026-11-20. */
export function withinMonths(date: string, today: string, months: number): boolean {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const limit = new Date(Date.UTC(y, m - 1 + months, d)).toISOString().slice(0, 10);
  return date <= today && today <= limit;
}

export const readiness = defineComputedQuestion<ReadinessResult>(
  'readiness',
  'the five steps of the certification programme (inventory, governance, risk, policy, training/audit/review), each done, in progress or not started, with facts, next steps and the clauses it evidences',
  [
    {
      // One of the programmes, not any framework: `exists` would only be a weaker check.
      name: 'framework',
      type: 'string',
      oneOf: READINESS_FRAMEWORKS,
      description: `the framework whose programme to follow: ${READINESS_FRAMEWORKS.join(', ')} (default ${DEFAULT_READINESS_FRAMEWORK})`,
    },
    P.org,
    P.today,
  ],
  async (graph: Runner, params) => {
    const framework = typeof params.framework === 'string' ? params.framework : DEFAULT_READINESS_FRAMEWORK;
    if (!readinessFrameworks().includes(framework)) {
      throw new QueryParameterError(
        `parameter framework: readiness follows the programme of ${readinessFrameworks().join(', ')}, not '${framework}'`,
        'seeds/readiness/clauses.csv lists the clauses each step evidences per framework.',
      );
    }
    const clauses = readinessClauses().filter((c) => c.framework === framework);
    // Clause statuses come from the maintained coverage: repair a write whose maintenance did not finish first.
    if ('driver' in graph) await repairPending(graph as Graph, { org: String(params.org) });
    const { records } = await graph.run(cypher('readiness'), {
      framework,
      org: params.org,
      today: params.today,
      clauseUids: clauses.map((c) => c.uid),
      clauseFrameworks: [...new Set(clauses.map((c) => c.uid.slice(0, c.uid.indexOf(':'))))],
    });
    return judgeReadiness(toJsonValue(records[0]?.get('result')) as unknown as ReadinessFacts);
  },
);
