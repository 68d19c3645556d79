/**
 * obligations(system, org, asOf): the AI Act provisions the system's effective role and class bring
 * (seeds/ai-act/obligations.csv; class and role derived by classify, falling back to the declared
 * aiActRisk/aiActRole where facts are missing, and saying so), when each applies (Art.113 and the Art.111
 * transitional rules, seeds/ai-act/application-dates.csv), split into what applies on `asOf` and what
 * comes next, each with what the organization has in place (status of its parts and the ISO/IEC 42001
 * requirements mapped to it; queries/obligations.cypher).
 */
import { evaluate, type FactValue } from './ai-act/conditions.ts';
import { aiActTables } from './ai-act/tables.ts';
import { applicationDate, type ApplicationDate } from './ai-act/timeline.ts';
import { classifyOne, type ClassifyResult } from './classify.ts';
import { cypher } from './cypher.ts';
import { defineComputedQuestion, P, STATUS_PARAMS } from './question.ts';
import type { Basis, CoverageStatus, Indication, InheritedCoverage } from './types.ts';

export interface StatusOf {
  uid: string;
  ref: string;
  title: string;
  status: CoverageStatus;
  basis: Basis | null;
  directStatus: Exclude<CoverageStatus, 'excluded'>;
  controls: string[];
  inherited: InheritedCoverage | null;
  indications: Indication[];
}

export interface Obligation {
  uid: string;
  ref: string;
  title: string;
  why: string;
  /** Parts (assessed requirements) met. */
  met: number;
  parts: StatusOf[];
  iso42001: (StatusOf & { mapping: { provision: string; relationship: string; strength: number; explanation: string | null } })[];
  /** When it applies to this system, and why (legal source). */
  applies: ApplicationDate;
  /** Facts not yet answered on which it depends: listed because it may apply. */
  dependsOn: string[];
}

export interface ObligationsResult {
  org: string;
  today: string;
  asOf: string;
  system: { id: string; name: string; isAI: boolean; aiActRole: string | null; aiActRisk: string | null; gpai: boolean | null };
  /** The class and role the list is built from, and where each came from. */
  basis: {
    risk: string | null;
    riskFrom: 'derived' | 'declared' | 'none';
    role: string | null;
    roleFrom: 'derived' | 'declared' | 'none';
    notes: string[];
    openQuestions: string[];
  };
  /** Everything that applies to the system, in table order (applying or not yet). */
  obligations: Obligation[];
  /** What applies on asOf. */
  applying: string[];
  /** The next date on which more applies, and what. */
  next: { on: string; provisions: string[] } | null;
  /** Everything after asOf, by date (null date = deferred, Art.111(2)). */
  upcoming: { on: string | null; provisions: string[] }[];
}

interface Selected {
  uid: string;
  why: string;
  dependsOn: string[];
}

/** The rows of obligations.csv for this role and class; a condition over an unanswered fact keeps the row, marked. */
export function selectProvisions(risk: string | null, role: string | null, facts: Record<string, FactValue>): Selected[] {
  const { obligations } = aiActTables();
  const selected = new Map<string, Selected>();
  for (const row of obligations) {
    if (row.roles && (!role || !row.roles.includes(role))) continue;
    if (row.risks && (!risk || !row.risks.includes(risk))) continue;
    // Art.2(2): a high-risk system under Art.6(1) in an Annex I Section B product gets only Art.6(1),
    // 102-109 and 112 of the Act; its Chapter III duties come through the sector legislation.
    if (row.risks?.includes('high') && facts.highRiskBasis === 'art6_1' && facts.annexISection === 'B') continue;
    const { value, missing } = evaluate(row.when, facts);
    if (value === false) continue;
    const previous = selected.get(row.uid);
    if (previous && (previous.dependsOn.length === 0 || value === null)) continue;
    selected.set(row.uid, { uid: row.uid, why: row.why, dependsOn: value === null ? missing : [] });
  }
  return [...selected.values()];
}

function basisOf(c: ClassifyResult, isAI: boolean | null): ObligationsResult['basis'] {
  const notes: string[] = [];
  let risk: string | null = c.risk;
  let riskFrom: ObligationsResult['basis']['riskFrom'] = 'derived';
  if (c.category === 'not_ai_system' || isAI === false)
    return {
      risk: null,
      riskFrom: 'none',
      role: null,
      roleFrom: 'none',
      notes: ['Not an AI system (Art.3(1)): no AI Act obligations.'],
      openQuestions: [],
    };
  if (!risk) {
    risk = c.declared.aiActRisk;
    riskFrom = risk ? 'declared' : 'none';
    notes.push(
      risk
        ? `The class cannot be derived yet (facts missing); using the declared aiActRisk '${risk}'.`
        : 'The class cannot be derived yet and none is declared: only obligations of every AI system are listed.',
    );
  }
  let role: string | null = c.role;
  let roleFrom: ObligationsResult['basis']['roleFrom'] = 'derived';
  if (!role) {
    role = c.declared.aiActRole;
    roleFrom = role ? 'declared' : 'none';
    notes.push(
      role
        ? `The role cannot be derived yet (facts missing); using the declared aiActRole '${role}'.`
        : 'The role cannot be derived yet and none is declared: only obligations of every operator are listed.',
    );
  }
  for (const x of c.contradictions)
    notes.push(`Declared ${x.field} '${x.declared}' contradicts the facts: derived '${x.derived}'.`);
  return { risk, riskFrom, role, roleFrom, notes, openQuestions: c.questions.map((q) => q.fact) };
}

interface CypherResult {
  org: string;
  today: string;
  system: ObligationsResult['system'];
  obligations: (Omit<Obligation, 'applies' | 'dependsOn'> & { ancestors: { ref: string; depth: number }[] })[];
}

export const obligations = defineComputedQuestion<ObligationsResult>(
  'obligations',
  "an AI system's AI Act obligations (by derived role and class), when each applies (asOf), what is in place (status, ISO 42001)",
  [
    { name: 'system', type: 'string', required: true, exists: 'system', description: 'system id, e.g. sys-chatbot' },
    P.org,
    ...STATUS_PARAMS,
    {
      name: 'asOf',
      type: 'date',
      description: 'the date the timeline is read on: what applies then, what next (default: today)',
    },
  ],
  async (graph, params) => {
    const org = String(params.org);
    const c = await classifyOne(graph, org, String(params.system));
    const isAI = typeof c.facts.isAI === 'boolean' ? c.facts.isAI : null;
    const basis = basisOf(c, isAI);
    // A system that is not (or not known to be) an AI system owes nothing under the AI Act's system rules.
    const provisions =
      isAI === true || (isAI === null && c.category !== 'not_ai_system' && basis.riskFrom !== 'none')
        ? selectProvisions(basis.risk, basis.role, c.facts)
        : [];
    const { records } = await graph.run(cypher('obligations'), {
      org,
      system: params.system,
      today: params.today,
      maxDepth: params.maxDepth,
      minStrength: params.minStrength,
      indicationDepth: params.indicationDepth,
      indicationMinStrength: params.indicationMinStrength,
      reference: params.reference,
      provisions: provisions.map((p) => ({ uid: p.uid, why: p.why })),
    });
    const row = records[0]?.get('result') as CypherResult;
    const asOf = typeof params.asOf === 'string' ? params.asOf : row.today;
    const base = new Set(aiActTables().facts.map((f) => f.fact));
    const list: Obligation[] = row.obligations.map(({ ancestors, ...o }) => {
      const refs = [...ancestors].sort((a, b) => a.depth - b.depth).map((a) => a.ref);
      const applies = applicationDate(refs, c.facts);
      return {
        ...o,
        applies: { ...applies, openFacts: applies.openFacts.filter((f) => base.has(f)) },
        dependsOn: provisions.find((p) => p.uid === o.uid)?.dependsOn ?? [],
      };
    });
    const later = list.filter((o) => o.applies.appliesFrom === null || o.applies.appliesFrom > asOf);
    const dates = [...new Set(later.map((o) => o.applies.appliesFrom))].sort((a, b) =>
      a === null ? 1 : b === null ? -1 : a.localeCompare(b),
    );
    const upcoming = dates.map((on) => ({ on, provisions: later.filter((o) => o.applies.appliesFrom === on).map((o) => o.uid) }));
    const first = upcoming[0];
    return {
      org: row.org,
      today: row.today,
      asOf,
      system: row.system,
      basis,
      obligations: list,
      applying: list.filter((o) => o.applies.appliesFrom !== null && o.applies.appliesFrom <= asOf).map((o) => o.uid),
      next: first && first.on !== null ? { on: first.on, provisions: first.provisions } : null,
      upcoming,
    };
  },
);
