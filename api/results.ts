/**
 * The client-facing shapes of the question results (api/question-types.graphql), made in TypeScript from
 * what each question returns (queries/<name>.ts: the Cypher's maps, snake_case-free but list-shaped). One
 * function per question; the API's resolvers (api/questions.ts) and `crosswalk query NAME --json` both
 * call `answer()`, so the CLI prints exactly the GraphQL result with every field selected.
 *
 * Paging: a question's main list becomes a Relay connection. Cursors encode the position the way
 * @neo4j/graphql's own connections do (base64 of `arrayconnection:<index>`), so `after` maps back onto the
 * Cypher's `$offset`.
 */
import { toJsonValue } from '../graph/values.ts';
import type { AuditPlanResult } from '../queries/audit-plan.ts';
import type { ClassifyResult } from '../queries/classify.ts';
import type { CoverageResult } from '../queries/coverage.ts';
import type { EvidenceCoveringBothResult, Reach } from '../queries/evidence-covering-both.ts';
import type { ExplainResult } from '../queries/explain.ts';
import type { GapsResult } from '../queries/gaps.ts';
import type { ImpactResult } from '../queries/impact.ts';
import type { ObligationsResult, StatusOf } from '../queries/obligations.ts';
import type { OverdueActionsResult } from '../queries/overdue-actions.ts';
import { QueryParameterError, type Question, type Runner } from '../queries/question.ts';
import type { ReadinessResult } from '../queries/readiness.ts';
import type { ReuseResult } from '../queries/reuse.ts';
import type { SearchResult } from '../queries/search.ts';
import type { SoaResult } from '../queries/soa.ts';
import type { TrainingGapsResult } from '../queries/training-gaps.ts';
import type { CoverageParameters, ImplementingControl, Indication, InheritedCoverage } from '../queries/types.ts';

const CURSOR_PREFIX = 'arrayconnection:';

export const offsetToCursor = (offset: number): string => Buffer.from(`${CURSOR_PREFIX}${offset}`, 'utf8').toString('base64');

/** The offset after a cursor (the index of the next item); a string that is no cursor of ours is a bad argument. */
export function offsetAfter(cursor: string): number {
  const text = Buffer.from(cursor, 'base64').toString('utf8');
  const index = text.startsWith(CURSOR_PREFIX) ? Number(text.slice(CURSOR_PREFIX.length)) : NaN;
  if (!Number.isInteger(index) || index < 0) {
    throw new QueryParameterError(
      `parameter after: '${cursor}' is not a cursor`,
      'after: pass a pageInfo.endCursor or an edge cursor.',
    );
  }
  return index + 1;
}

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface Connection<T> {
  totalCount: number;
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
}

export function connection<T>(items: readonly T[], totalCount: number, offset: number): Connection<T> {
  const edges = items.map((node, i) => ({ cursor: offsetToCursor(offset + i), node }));
  return {
    totalCount,
    edges,
    pageInfo: {
      hasNextPage: offset + items.length < totalCount,
      hasPreviousPage: offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** `uid = frameworkId + ":" + ref` (graph model): the framework of a uid. */
const frameworkOf = (uid: string): string => uid.slice(0, uid.indexOf(':'));

const parameters = (r: CoverageParameters) => ({
  maxDepth: r.maxDepth,
  minStrength: r.minStrength,
  indicationDepth: r.indicationDepth,
  indicationMinStrength: r.indicationMinStrength,
});

/** Inherited coverage and indications as the one MappingPath shape. */
function mappingPath(p: InheritedCoverage | Indication) {
  return {
    source: p.source,
    sourceStatus: 'sourceStatus' in p ? p.sourceStatus : 'met',
    target: 'target' in p ? p.target : (p.path.at(-1) ?? p.source),
    path: p.path,
    relationships: p.relationships,
    strength: p.strength,
    hops: p.hops,
  };
}

const mappingPathOrNull = (p: InheritedCoverage | null | undefined) => (p ? mappingPath(p) : null);
const mappingPaths = (list: readonly Indication[] | null | undefined) => (list ?? []).map(mappingPath);

const implementingControl = (c: ImplementingControl) => ({
  control: c.control,
  coverage: c.coverage,
  via: c.via,
  validEvidence: c.valid,
  expiredEvidence: c.expired,
});

interface Evidenceish {
  id: string;
  title: string;
  kind?: string | null;
  status?: string | null;
  validUntil?: string | null;
  valid?: boolean | null;
}

const evidenceItem = (e: Evidenceish, valid?: boolean) => ({
  id: e.id,
  title: e.title,
  kind: e.kind ?? null,
  status: e.status ?? null,
  validUntil: e.validUntil || null,
  valid: valid ?? e.valid ?? false,
});

interface Paging {
  offset: number;
}

function coverage(r: CoverageResult, { offset }: Paging) {
  const counts = (
    c: CoverageResult['totals'],
    p: Pick<CoverageResult, 'percentMet' | 'percentMetDirect' | 'percentPartiallyMetDirect'>,
  ) => ({
    requirements: c.requirements,
    applicable: c.applicable,
    met: c.met,
    metDirect: c.metDirect,
    metInherited: c.metInherited,
    partiallyMet: c.partiallyMet,
    stale: c.stale,
    unverified: c.unverified,
    excluded: c.excluded,
    gap: c.gap,
    indicated: c.indicated,
    percentMetDirect: p.percentMetDirect,
    percentMet: p.percentMet,
    percentPartiallyMetDirect: p.percentPartiallyMetDirect,
  });
  return {
    framework: r.framework,
    org: r.org,
    system: r.system,
    today: r.today,
    parameters: parameters(r),
    totals: counts(r.totals, r),
    groups: r.groups.map((g) => ({ uid: g.uid, ref: g.ref, title: g.title, counts: counts(g, g) })),
    indicatedParents: r.indicatedParents.map((p) => ({
      uid: p.uid,
      ref: p.ref,
      title: p.title,
      indications: mappingPaths(p.indications),
    })),
    requirements: connection(
      r.requirements.map((q) => ({
        uid: q.uid,
        framework: r.framework,
        ref: q.ref,
        title: q.title,
        kind: q.kind ?? null,
        group: q.group ?? null,
        status: q.status,
        basis: q.basis,
        directStatus: q.directStatus,
        inherited: mappingPathOrNull(q.inherited),
        indications: mappingPaths(q.indications),
        exclusion: q.exclusion,
        controls: q.controls.map(implementingControl),
      })),
      r.total,
      offset,
    ),
  };
}

const reach = (x: Reach) => ({
  requirement: { uid: x.uid, framework: x.framework, ref: x.ref, title: x.title },
  reach: x.reach,
  control: x.control,
  coverage: x.coverage,
  strength: x.strength,
  path: x.path,
  relationships: x.relationships,
});

function evidenceCoveringBoth(r: EvidenceCoveringBothResult, { offset }: Paging) {
  return {
    frameworkA: r.frameworkA,
    frameworkB: r.frameworkB,
    org: r.org,
    today: r.today,
    parameters: parameters(r),
    evidence: connection(
      r.items.map((i) => ({ evidence: evidenceItem(i.evidence), controls: i.controls, a: i.a.map(reach), b: i.b.map(reach) })),
      r.total,
      offset,
    ),
  };
}

function reuse(r: ReuseResult, { offset }: Paging) {
  return {
    source: r.source,
    target: r.target,
    org: r.org,
    today: r.today,
    parameters: parameters(r),
    targetRequirements: r.targetRequirements,
    inherited: r.inherited,
    indicated: r.indicated,
    requirements: connection(
      r.requirements.map((q) => ({
        uid: q.uid,
        framework: r.target,
        ref: q.ref,
        title: q.title,
        inherited: mappingPathOrNull(q.inherited),
        indications: mappingPaths(q.indications),
        currentStatus: q.currentStatus,
        currentBasis: q.currentBasis,
      })),
      r.total,
      offset,
    ),
  };
}

function gaps(r: GapsResult, { offset }: Paging) {
  return {
    framework: r.framework,
    org: r.org,
    today: r.today,
    parameters: parameters(r),
    gaps: connection(
      r.gaps.map((g) => ({
        uid: g.uid,
        framework: r.framework,
        ref: g.ref,
        title: g.title,
        status: g.status,
        frameworks: g.frameworks,
        meets: g.meets,
        indicates: g.indicates,
        indications: mappingPaths(g.indications),
      })),
      r.total,
      offset,
    ),
  };
}

function impact(r: ImpactResult, { offset }: Paging) {
  return {
    org: r.org,
    today: r.today,
    after: r.after,
    evidence: r.evidence,
    control: r.control,
    expiring: r.expiring.map((e) => ({
      evidence: evidenceItem({ ...e, status: 'approved' }, true),
      controls: e.controls,
    })),
    byFramework: Object.entries(r.byFramework)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([framework, count]) => ({ framework, count })),
    changes: connection(
      r.changes.map((c) => ({
        requirement: { uid: c.uid, framework: c.framework, ref: c.ref, title: c.title },
        before: c.before,
        beforeBasis: c.beforeBasis,
        after: c.after,
        afterBasis: c.afterBasis,
      })),
      r.total,
      offset,
    ),
  };
}

type TraceNode = Record<string, string | boolean | null | undefined>;

function explain(r: ExplainResult) {
  return {
    requirement: r.requirement,
    org: r.org,
    today: r.today,
    parameters: parameters(r),
    status: r.status,
    parts: r.parts.map((p) => ({
      uid: p.uid,
      framework: frameworkOf(p.uid),
      ref: p.ref,
      title: p.title,
      status: p.status,
      basis: p.basis,
      directStatus: p.directStatus,
      inherited: mappingPathOrNull(p.inherited),
      indications: mappingPaths(p.indications),
      exclusion: p.exclusion,
      findings: p.findings,
      direct: p.direct.map((d) => ({
        control: d.control,
        coverage: d.coverage,
        via: d.via,
        evidencePaths: d.paths.map((x) => {
          const [e = {}, c = {}] = x.nodes as TraceNode[];
          return {
            evidence: evidenceItem(e as unknown as Evidenceish),
            control: { id: String(c.id), name: (c.name as string | null) ?? null, status: (c.status as string | null) ?? null },
            requirement: d.via,
            coverage: d.coverage,
          };
        }),
      })),
    })),
    indications: mappingPaths(r.indications),
    paths: r.paths.map((p) => ({
      reading: p.reading,
      chosen: p.chosen,
      mapping: {
        source: p.source,
        sourceStatus: p.sourceStatus,
        target: p.target,
        path: p.nodes.map((n) => n.uid),
        relationships: p.relationshipsRead,
        strength: p.strength,
        hops: p.hops,
      },
      requirements: p.nodes.map((n) => ({ uid: n.uid, framework: n.framework, ref: n.ref, title: n.title })),
      hops: p.relationships.map((h) => ({ from: h.from, to: h.to, read: h.read, stored: h.stored })),
    })),
  };
}

function search(r: SearchResult, { offset }: Paging) {
  return {
    q: r.q,
    org: r.org,
    counts: r.counts,
    hits: connection(
      r.items.map((i) => ({
        kind: i.kind,
        id: i.id,
        framework: i.framework,
        ref: i.ref,
        title: i.title ?? null,
        detail: i.detail,
        score: i.score,
        owner: i.owner ?? null,
        status: i.status ?? null,
        validUntil: i.validUntil || null,
      })),
      r.total,
      offset,
    ),
  };
}

function soa(r: SoaResult) {
  return {
    framework: r.framework,
    org: r.org,
    today: r.today,
    parameters: parameters(r),
    total: r.total,
    applicable: r.applicable,
    metDirect: r.metDirect,
    metInherited: r.metInherited,
    partiallyMet: r.partiallyMet,
    indicated: r.indicated,
    percentMetDirect: r.percentMetDirect,
    percentMet: r.percentMet,
    percentPartiallyMetDirect: r.percentPartiallyMetDirect,
    rows: r.rows.map((x) => ({
      uid: x.uid,
      framework: r.framework,
      ref: x.ref,
      title: x.title,
      group: x.group ?? null,
      groupTitle: x.groupTitle ?? null,
      applicable: x.applicable,
      justification: x.justification,
      status: x.status,
      basis: x.basis,
      directStatus: x.directStatus,
      inherited: mappingPathOrNull(x.inherited),
      indications: mappingPaths(x.relatedWork),
      implementedBy: x.implementedBy.map((c) => ({
        id: c.id,
        name: c.name ?? null,
        status: c.status ?? null,
        coverage: c.coverage,
        evidence: c.evidence.map((e) => evidenceItem(e)),
      })),
    })),
  };
}

function fact(name: string, value: unknown) {
  const base = { name, answered: value !== null && value !== undefined, boolean: null, number: null, string: null, list: null };
  if (typeof value === 'boolean') return { ...base, boolean: value };
  if (typeof value === 'number') return { ...base, number: value };
  if (typeof value === 'string') return { ...base, string: value };
  if (Array.isArray(value)) return { ...base, list: value.map(String) };
  return base;
}

function classify(r: ClassifyResult) {
  return {
    org: r.org,
    system: r.system,
    declared: r.declared,
    category: r.category,
    categories: r.categories,
    risk: r.risk,
    highRiskBasis: r.highRiskBasis,
    transparency: r.transparency,
    gpai: r.gpai,
    role: r.role,
    reasons: r.reasons.map((x) => ({ rule: x.rule, source: x.source, finding: x.finding })),
    questions: r.questions,
    contradictions: r.contradictions,
    facts: Object.entries(r.facts)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, value]) => fact(name, value)),
  };
}

const statusOf = (p: StatusOf) => ({
  uid: p.uid,
  framework: frameworkOf(p.uid),
  ref: p.ref,
  title: p.title,
  status: p.status,
  basis: p.basis,
  directStatus: p.directStatus,
  inherited: mappingPathOrNull(p.inherited),
  indications: mappingPaths(p.indications),
  controls: p.controls,
});

function obligations(r: ObligationsResult) {
  return {
    org: r.org,
    today: r.today,
    asOf: r.asOf,
    system: r.system,
    basis: r.basis,
    obligations: r.obligations.map((o) => ({
      uid: o.uid,
      ref: o.ref,
      title: o.title,
      why: o.why,
      met: o.met,
      parts: o.parts.map(statusOf),
      iso42001: o.iso42001.map((i) => ({ ...statusOf(i), mapping: i.mapping })),
      applies: o.applies,
      dependsOn: o.dependsOn,
    })),
    applying: r.applying,
    next: r.next,
    upcoming: r.upcoming,
  };
}

function readiness(r: ReadinessResult) {
  return {
    framework: r.framework,
    frameworkName: r.frameworkName ?? null,
    org: r.org,
    today: r.today,
    status: r.status,
    steps: r.steps.map((s) => ({
      step: s.step,
      key: s.key,
      title: s.title,
      status: s.status,
      facts: s.facts.map((f) => ({ key: f.key, text: f.text, count: f.count, total: f.total, ids: f.ids })),
      next: s.next,
      clauses: s.clauses.map((c) => ({ uid: c.uid, ref: c.ref, title: c.title, key: c.key, status: c.status })),
    })),
  };
}

const personSummary = (p: { id: string; name?: string | null; role?: string | null }) => ({
  id: p.id,
  name: p.name ?? null,
  role: p.role ?? null,
});

function overdueActions(r: OverdueActionsResult) {
  return {
    org: r.org,
    today: r.today,
    total: r.total,
    actions: r.actions.map((a) => ({
      id: a.id,
      title: a.title ?? null,
      status: a.status ?? null,
      dueOn: a.dueOn,
      daysOverdue: a.daysOverdue,
      owner: a.owner ? personSummary(a.owner) : null,
      finding: a.finding
        ? {
            id: a.finding.id,
            title: a.finding.title ?? null,
            kind: a.finding.kind ?? null,
            raisedOn: a.finding.raisedOn || null,
            about: a.finding.about,
          }
        : null,
    })),
  };
}

function trainingGaps(r: TrainingGapsResult) {
  return {
    org: r.org,
    today: r.today,
    total: r.total,
    trainingRecords: r.trainingRecords,
    people: r.people.map((p) => ({
      person: personSummary(p),
      needs: p.needs,
      missing: p.missing.map((m) => ({ kind: m.kind, expiredOn: m.expiredOn || null, course: m.course ?? null })),
      responsibilities: p.responsibilities,
    })),
  };
}

function auditPlan(r: AuditPlanResult, { offset }: Paging) {
  return {
    framework: r.framework,
    org: r.org,
    today: r.today,
    neverAudited: r.neverAudited,
    requirements: connection(
      r.requirements.map((q) => ({
        uid: q.uid,
        framework: r.framework,
        ref: q.ref,
        title: q.title,
        status: q.status,
        audits: q.audits,
        lastAudit: q.lastAudit
          ? { id: q.lastAudit.id, title: q.lastAudit.title ?? null, performedOn: q.lastAudit.performedOn || null }
          : null,
        monthsSince: q.monthsSince ?? null,
        openFindings: q.openFindings.map((f) => ({
          id: f.id,
          title: f.title,
          kind: f.kind,
          raisedOn: f.raisedOn,
          caps: f.caps,
          correctiveActions: f.correctiveActions,
        })),
      })),
      r.total,
      offset,
    ),
  };
}

/* eslint-disable @typescript-eslint/no-explicit-any -- each shaper takes its own question's result type */
const SHAPERS: Record<string, { type: string; paged: boolean; shape: (raw: any, paging: Paging) => unknown }> = {
  coverage: { type: 'CoverageResult', paged: true, shape: coverage },
  'evidence-covering-both': { type: 'EvidenceCoveringBothResult', paged: true, shape: evidenceCoveringBoth },
  reuse: { type: 'ReuseResult', paged: true, shape: reuse },
  gaps: { type: 'GapsResult', paged: true, shape: gaps },
  impact: { type: 'ImpactResult', paged: true, shape: impact },
  explain: { type: 'ExplainResult', paged: false, shape: explain },
  search: { type: 'SearchResult', paged: true, shape: search },
  soa: { type: 'SoaResult', paged: false, shape: soa },
  classify: { type: 'ClassifyResult', paged: false, shape: classify },
  obligations: { type: 'ObligationsResult', paged: false, shape: obligations },
  readiness: { type: 'ReadinessResult', paged: false, shape: readiness },
  'overdue-actions': { type: 'OverdueActionsResult', paged: false, shape: overdueActions },
  'training-gaps': { type: 'TrainingGapsResult', paged: false, shape: trainingGaps },
  'audit-plan': { type: 'AuditPlanResult', paged: true, shape: auditPlan },
};
/* eslint-enable @typescript-eslint/no-explicit-any */

/** The GraphQL result type of a question (api/question-types.graphql). */
export function resultType(question: string): string {
  const shaper = SHAPERS[question];
  if (!shaper) throw new Error(`question ${question} has no result shape in api/results.ts`);
  return shaper.type;
}

/**
 * Asks a question and shapes its answer for clients: the API's resolvers and `crosswalk query --json` both
 * come here. `params` are the question's own (offset included); integers and dates are plain JSON.
 */
export async function answer(question: Question<unknown>, graph: Runner, params: Record<string, unknown>): Promise<unknown> {
  const offset = typeof params.offset === 'number' ? params.offset : Number(params.offset ?? 0) || 0;
  return shapeAnswer(question.name, toJsonValue(await question.run(graph, params)), offset);
}

/** Shapes what a question returned (plain JSON, e.g. its Cypher's `result`) for clients. */
export function shapeAnswer(question: string, raw: unknown, offset = 0): unknown {
  const shaper = SHAPERS[question];
  if (!shaper) throw new Error(`question ${question} has no result shape in api/results.ts`);
  return shaper.shape(raw, { offset });
}

/** The shaped answers' types (the explorer's browser code reads them; type-only imports carry no Node code). */
export type CoverageAnswer = ReturnType<typeof coverage>;
export type EvidenceCoveringBothAnswer = ReturnType<typeof evidenceCoveringBoth>;
export type ReuseAnswer = ReturnType<typeof reuse>;
export type GapsAnswer = ReturnType<typeof gaps>;
export type ImpactAnswer = ReturnType<typeof impact>;
export type ExplainAnswer = ReturnType<typeof explain>;
export type SearchAnswer = ReturnType<typeof search>;
export type SoaAnswer = ReturnType<typeof soa>;
export type ClassifyAnswer = ReturnType<typeof classify>;
export type ObligationsAnswer = ReturnType<typeof obligations>;
export type ReadinessAnswer = ReturnType<typeof readiness>;
export type OverdueActionsAnswer = ReturnType<typeof overdueActions>;
export type TrainingGapsAnswer = ReturnType<typeof trainingGaps>;
export type AuditPlanAnswer = ReturnType<typeof auditPlan>;
