/**
 * AI Act classification of one system from its facts, by the rules of seeds/ai-act/classification-rules.csv
 * (pure: no database). Each step of the table settles one question the Act asks, in the Act's order:
 * is it an AI system (Art.3(1)), is it prohibited (Art.5), high-risk by Art.6(1) (Annex I) or Art.6(2)
 * (Annex III) unless the Art.6(3) derogation applies, which Art.50 duties it triggers, whether it is or
 * contains a general-purpose AI model (with systemic risk, Art.51), and the organization's effective role
 * (Art.25). A step's result is: a positive rule that holds; else a rule with outcome `none` that holds
 * (settled negatively); else unknown when some rule could not be evaluated (its missing facts become
 * questions, never guesses); else the `as_declared` fallback (role) or negative.
 */
import type { AiActRisk, AiActRole } from '../../graph/model.ts';
import { evaluate, type FactValue } from './conditions.ts';
import { aiActTables, type AiActTables, type Rule, type Step } from './tables.ts';

export type Category =
  'prohibited' | 'high_risk' | 'not_high_risk_art6_3' | 'transparency' | 'gpai' | 'minimal' | 'not_ai_system';

export interface Reason {
  rule: string;
  source: string;
  finding: string;
}

export interface Question {
  fact: string;
  question: string;
  source: string;
  /** The rules that could not be decided without it. */
  neededBy: string[];
}

export interface Contradiction {
  field: 'aiActRisk' | 'aiActRole';
  declared: string;
  derived: string;
  because: string[];
}

export interface Classification {
  /** The primary category; null while facts that could change it are missing. */
  category: Category | null;
  /** Every category established: e.g. high_risk_art6_2 and transparency and gpai together. */
  categories: string[];
  /** The class in the vocabulary of System.aiActRisk; null when undetermined or not an AI system. */
  risk: AiActRisk | null;
  highRiskBasis: 'art6_1' | 'art6_2' | null;
  /** Art.50 rules that hold (duties by role: see obligations). */
  transparency: { rule: string; source: string }[];
  gpai: { model: boolean | null; modelProvider: boolean | null; systemicRisk: boolean | null };
  /** The effective role after Art.25; null when undetermined. */
  role: AiActRole | null;
  reasons: Reason[];
  questions: Question[];
  contradictions: Contradiction[];
  /** Base and derived facts, for the timeline and the obligations table. */
  facts: Record<string, FactValue>;
}

type StepResult = { value: Truth; rules: Rule[]; outcome: string | null };
type Truth = boolean | null;

/** The facts of System (graph property names) the tables read. */
export type SystemFacts = Record<string, FactValue | undefined>;

export function classifySystem(system: SystemFacts, tables: AiActTables = aiActTables()): Classification {
  const facts: Record<string, FactValue> = {};
  for (const spec of tables.facts) facts[spec.fact] = normalize(system[spec.fact]);
  const annexI = tables.annexI.find((p) => p.point === facts.annexILegislation);
  const annexIII = tables.annexIII.find((p) => p.point === facts.annexIIIPoint);
  facts.annexIProduct = facts.annexILegislation === null ? null : facts.annexILegislation !== 'none';
  facts.annexISection = annexI?.section ?? (facts.annexILegislation === 'none' ? 'none' : null);
  facts.annexIIIListed = facts.annexIIIPoint === null ? null : facts.annexIIIPoint !== 'none';

  const reasons: Reason[] = [];
  const questions = new Map<string, Question>();
  const base = new Set(tables.facts.map((f) => f.fact));
  // A derived fact that is missing is asked through the fact it comes from.
  const askedAs: Record<string, string> = {
    annexIProduct: 'annexILegislation',
    annexISection: 'annexILegislation',
    annexIIIListed: 'annexIIIPoint',
  };
  const template = (text: string): string =>
    text.replace(/\{([\w.]+)\}/g, (_m, key: string) => {
      if (key.startsWith('annexI.')) return String((annexI as Record<string, unknown> | undefined)?.[key.slice(7)] ?? '?');
      if (key.startsWith('annexIII.')) {
        const field = key.slice(9) === 'area_name' ? 'areaName' : key.slice(9);
        return String((annexIII as Record<string, unknown> | undefined)?.[field] ?? '?');
      }
      const value = facts[key];
      return Array.isArray(value) ? value.join(', ') : String(value ?? '?');
    });
  const because = (rule: Rule) => reasons.push({ rule: rule.id, source: template(rule.source), finding: template(rule.reason) });

  const step = (name: Step): StepResult => {
    const rules = tables.rules.filter((r) => r.step === name);
    const results = rules.map((rule) => ({ rule, ...evaluate(rule.when, facts) }));
    const positive = results.filter((r) => r.value === true && r.rule.outcome !== 'none' && r.rule.outcome !== 'as_declared');
    if (positive.length) {
      positive.forEach((r) => because(r.rule));
      return { value: true, rules: positive.map((r) => r.rule), outcome: positive[0]?.rule.outcome ?? null };
    }
    const negative = results.find((r) => r.value === true && r.rule.outcome === 'none');
    if (negative) {
      because(negative.rule);
      return { value: false, rules: [negative.rule], outcome: 'none' };
    }
    const unknown = results.filter((r) => r.value === null && r.rule.outcome !== 'as_declared');
    if (unknown.length) {
      for (const r of unknown) {
        for (const missing of r.missing) {
          const fact = askedAs[missing] ?? missing;
          if (!base.has(fact)) continue;
          const spec = tables.facts.find((f) => f.fact === fact);
          const q = questions.get(fact) ?? { fact, question: spec?.question ?? fact, source: spec?.source ?? '', neededBy: [] };
          if (!q.neededBy.includes(r.rule.id)) q.neededBy.push(r.rule.id);
          questions.set(fact, q);
        }
      }
      return { value: null, rules: [], outcome: null };
    }
    const fallback = results.find((r) => r.value === true && r.rule.outcome === 'as_declared');
    if (fallback) {
      because(fallback.rule);
      return { value: false, rules: [fallback.rule], outcome: 'as_declared' };
    }
    return { value: false, rules: [], outcome: null };
  };

  const result: Classification = {
    category: null,
    categories: [],
    risk: null,
    highRiskBasis: null,
    transparency: [],
    gpai: { model: null, modelProvider: facts.gpaiModelProvider as boolean | null, systemicRisk: null },
    role: null,
    reasons,
    questions: [],
    contradictions: [],
    facts,
  };

  const scope = step('scope');
  if (scope.outcome === 'not_ai_system') {
    result.category = 'not_ai_system';
    result.categories = ['not_ai_system'];
    return finish(result, questions, system);
  }
  const inScope: Truth = scope.value;

  const prohibited = step('prohibited').value;
  if (prohibited === true) result.categories.push('prohibited');

  let highRisk: Truth = false;
  let derogated: Truth = false;
  if (prohibited !== true) {
    const art61 = step('art6_1').value;
    step('note');
    const art62 = step('art6_2').value;
    let art62HighRisk: Truth = art62;
    if (art62 === true) {
      const derogation = step('derogation');
      derogated = derogation.value;
      art62HighRisk = derogation.value === null ? null : !derogation.value;
    }
    highRisk = art61 === true || art62HighRisk === true ? true : art61 === null || art62HighRisk === null ? null : false;
    // Art.6(2) obligations apply from 2026, Art.6(1) ones from 2027 (Art.113(c)): the earlier basis decides the dates.
    result.highRiskBasis = art62HighRisk === true ? 'art6_2' : art61 === true ? 'art6_1' : null;
    if (art61 === true) result.categories.push('high_risk_art6_1');
    if (art62HighRisk === true) result.categories.push('high_risk_art6_2');
    if (derogated === true) result.categories.push('not_high_risk_art6_3');
  }
  facts.highRisk = prohibited === true ? false : highRisk;
  facts.highRiskBasis = result.highRiskBasis ?? (highRisk === false ? 'none' : null);
  facts.derogated = derogated;

  let transparency: Truth = false;
  if (prohibited !== true) {
    const t = step('transparency');
    transparency = t.value;
    result.transparency = t.value ? t.rules.map((r) => ({ rule: r.id, source: r.source })) : [];
    if (t.value) result.categories.push('transparency');
  }

  const gpai = step('gpai').value;
  result.gpai.model = gpai;
  if (gpai) {
    result.categories.push('gpai');
    const systemic = step('gpai_systemic').value;
    result.gpai.systemicRisk = facts.gpaiModelProvider === false ? null : systemic;
    if (systemic) result.categories.push('gpai_systemic_risk');
    facts.gpaiSystemicRisk = systemic;
  } else {
    facts.gpaiSystemicRisk = gpai === null ? null : false;
  }

  if (prohibited !== true) {
    const role = step('role');
    result.role =
      role.value === null ? null : role.outcome === 'provider' ? 'provider' : ((facts.aiActRole as AiActRole | null) ?? null);
  } else {
    result.role = (facts.aiActRole as AiActRole | null) ?? null;
  }

  // The class, most severe first; undetermined as soon as a more severe one is still possible.
  const ladder: [Truth, AiActRisk][] = [
    [prohibited, 'prohibited'],
    [highRisk, 'high'],
    [transparency, 'limited'],
  ];
  let risk: AiActRisk | null = 'minimal';
  for (const [value, level] of ladder) {
    if (value === true) {
      risk = level;
      break;
    }
    if (value === null) {
      risk = null;
      break;
    }
  }
  result.risk = inScope === true ? risk : null;
  result.category =
    result.risk === null
      ? null
      : result.risk === 'prohibited'
        ? 'prohibited'
        : result.risk === 'high'
          ? 'high_risk'
          : derogated === true
            ? 'not_high_risk_art6_3'
            : result.risk === 'limited'
              ? 'transparency'
              : gpai === true
                ? 'gpai'
                : 'minimal';
  return finish(result, questions, system);
}

function finish(result: Classification, questions: Map<string, Question>, system: SystemFacts): Classification {
  result.questions = [...questions.values()];
  const declaredRisk = typeof system.aiActRisk === 'string' ? system.aiActRisk : null;
  const declaredRole = typeof system.aiActRole === 'string' ? system.aiActRole : null;
  const citing = (prefixes: string[]) =>
    result.reasons.filter((r) => prefixes.some((p) => r.rule.startsWith(p))).map((r) => `${r.source}: ${r.finding}`);
  if (declaredRisk && result.risk && declaredRisk !== result.risk) {
    result.contradictions.push({
      field: 'aiActRisk',
      declared: declaredRisk,
      derived: result.risk,
      because: citing(['art5', 'no-prohibited', 'art6', 'not-annex', 'art2', 'no-derogation', 'art50', 'no-transparency']),
    });
  }
  if (result.category === 'not_ai_system' && declaredRisk) {
    result.contradictions.push({
      field: 'aiActRisk',
      declared: declaredRisk,
      derived: 'none (not an AI system)',
      because: citing(['not-ai']),
    });
  }
  if (declaredRole && result.role && declaredRole !== result.role && result.category !== 'not_ai_system') {
    result.contradictions.push({
      field: 'aiActRole',
      declared: declaredRole,
      derived: result.role,
      because: citing(['role-25']),
    });
  }
  return result;
}

/** Graph values to facts: empty strings are missing, lists stay lists (an empty list is an answer: none). */
function normalize(value: FactValue | undefined): FactValue {
  if (value === undefined || value === null || value === '') return null;
  if (Array.isArray(value)) return value.filter((v) => v !== 'none');
  return value;
}
