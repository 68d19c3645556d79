/**
 * The AI Act decision tables in seeds/ai-act/ (data, each row with its legal source; README there):
 * facts.csv (what is asked about a system), classification-rules.csv, annex-i.csv, annex-iii.csv,
 * obligations.csv and application-dates.csv. Read once; every condition is parsed and every fact it names
 * is checked against facts.csv (or the derived facts below) so that a typo in the data fails loudly.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { PROJECT_ROOT } from '../../graph/config.ts';
import { factsOf, parseCondition, type Condition } from './conditions.ts';

export const AI_ACT_SEEDS = path.join(PROJECT_ROOT, 'seeds', 'ai-act');

export type FactType = 'bool' | 'list' | 'text' | 'number' | 'date' | 'role';

export interface FactSpec {
  fact: string;
  type: FactType;
  values: string[];
  question: string;
  source: string;
}

export type Step =
  'scope' | 'prohibited' | 'art6_1' | 'note' | 'art6_2' | 'derogation' | 'transparency' | 'gpai' | 'gpai_systemic' | 'role';
export const STEPS: readonly Step[] = [
  'scope',
  'prohibited',
  'art6_1',
  'note',
  'art6_2',
  'derogation',
  'transparency',
  'gpai',
  'gpai_systemic',
  'role',
];

export interface Rule {
  id: string;
  step: Step;
  when: Condition;
  /** `none` = the rule settles the step negatively; `as_declared` = the role fallback. */
  outcome: string;
  source: string;
  reason: string;
}

export interface AnnexIPoint {
  point: string;
  section: 'A' | 'B';
  legislation: string;
}

export interface AnnexIIIPoint {
  point: string;
  area: string;
  areaName: string;
  summary: string;
}

export interface ObligationRule {
  uid: string;
  roles: string[] | null;
  risks: string[] | null;
  when: Condition;
  why: string;
}

export interface DateRule {
  id: string;
  kind: 'date' | 'transitional';
  /** Catalog refs (chapter, section, article, paragraph) a provision inherits the date from; `*` = all. */
  refs: string[];
  except: string[];
  when: Condition;
  /** null for a transitional rule that defers the obligations indefinitely (Art.111(2)). */
  appliesFrom: string | null;
  source: string;
  explanation: string;
}

export interface AiActTables {
  facts: FactSpec[];
  rules: Rule[];
  annexI: AnnexIPoint[];
  annexIII: AnnexIIIPoint[];
  obligations: ObligationRule[];
  dates: DateRule[];
}

/** Facts the evaluator computes from the others (queries/ai-act/classify-rules.ts). */
export const DERIVED_FACTS = [
  'annexIProduct',
  'annexISection',
  'annexIIIListed',
  'highRisk',
  'highRiskBasis',
  'derogated',
  'gpaiSystemicRisk',
] as const;

function read(file: string): Record<string, string>[] {
  return parse(fs.readFileSync(path.join(AI_ACT_SEEDS, file), 'utf8'), {
    columns: true,
    skip_empty_lines: true,
    trim: true,
  }) as Record<string, string>[];
}

const list = (value: string | undefined): string[] => (value ? value.split('|').map((v) => v.trim()) : []);

let cached: AiActTables | undefined;

export function aiActTables(): AiActTables {
  if (cached) return cached;
  const facts = read('facts.csv').map((r): FactSpec => ({
    fact: r.fact ?? '',
    type: r.type as FactType,
    values: list(r.values),
    question: r.question ?? '',
    source: r.source ?? '',
  }));
  const known = new Set<string>([...facts.map((f) => f.fact), ...DERIVED_FACTS]);
  const condition = (file: string, id: string, text: string | undefined): Condition => {
    const parsed = parseCondition(text ?? '');
    const unknown = factsOf(parsed).filter((f) => !known.has(f));
    if (unknown.length) throw new Error(`seeds/ai-act/${file} ${id}: unknown fact ${unknown.join(', ')}`);
    return parsed;
  };
  const rules = read('classification-rules.csv').map((r): Rule => {
    if (!STEPS.includes(r.step as Step)) throw new Error(`seeds/ai-act/classification-rules.csv ${r.id}: unknown step ${r.step}`);
    return {
      id: r.id ?? '',
      step: r.step as Step,
      when: condition('classification-rules.csv', r.id ?? '', r.when),
      outcome: r.outcome ?? '',
      source: r.source ?? '',
      reason: r.reason ?? '',
    };
  });
  const annexI = read('annex-i.csv').map((r): AnnexIPoint => ({
    point: r.point ?? '',
    section: r.section as 'A' | 'B',
    legislation: r.legislation ?? '',
  }));
  const annexIII = read('annex-iii.csv').map((r): AnnexIIIPoint => ({
    point: r.point ?? '',
    area: r.area ?? '',
    areaName: r.area_name ?? '',
    summary: r.summary ?? '',
  }));
  const obligations = read('obligations.csv').map((r): ObligationRule => ({
    uid: r.uid ?? '',
    roles: r.roles ? list(r.roles) : null,
    risks: r.risks ? list(r.risks) : null,
    when: condition('obligations.csv', r.uid ?? '', r.when),
    why: r.why ?? '',
  }));
  const dates = read('application-dates.csv').map((r): DateRule => ({
    id: r.id ?? '',
    kind: r.kind as 'date' | 'transitional',
    refs: list(r.refs),
    except: list(r.except),
    when: condition('application-dates.csv', r.id ?? '', r.when),
    appliesFrom: r.applies_from || null,
    source: r.source ?? '',
    explanation: r.explanation ?? '',
  }));
  cached = { facts, rules, annexI, annexIII, obligations, dates };
  return cached;
}
