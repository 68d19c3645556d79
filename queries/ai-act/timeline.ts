/**
 * When an AI Act provision applies to one system (pure), from seeds/ai-act/application-dates.csv:
 * the `date` rules of Art.113 give a provision the date of its nearest ancestor-or-self ref that has one
 * (a conditional row, e.g. the Art.6(1) obligations from 2027, counts only when its condition holds), `*`
 * last; then a `transitional` rule of Art.111 that holds for the system replaces it (a later deadline, or
 * no date at all while a legacy high-risk system's design does not change significantly).
 */
import { evaluate, type Facts } from './conditions.ts';
import { aiActTables, type AiActTables } from './tables.ts';

export interface ApplicationDate {
  /** YYYY-MM-DD; null when a transitional rule defers the provision indefinitely. */
  appliesFrom: string | null;
  rule: string;
  source: string;
  explanation: string;
  /** Facts still missing that could change the date (e.g. when the system was placed on the market). */
  openFacts: string[];
  /** The rule whose condition could not be decided, with the date it would give. */
  possibly: { rule: string; appliesFrom: string | null; source: string }[];
}

/** `refs` = the provision's own ref first, then its ancestors up to the chapter. */
export function applicationDate(refs: readonly string[], facts: Facts, tables: AiActTables = aiActTables()): ApplicationDate {
  const openFacts = new Set<string>();
  const possibly: ApplicationDate['possibly'] = [];
  const dateRules = tables.dates.filter((d) => d.kind === 'date');
  let chosen = dateRules.find((d) => d.refs.includes('*'));
  outer: for (const ref of [...refs, '*']) {
    for (const rule of dateRules.filter((d) => d.refs.includes(ref))) {
      const { value, missing } = evaluate(rule.when, facts);
      if (value === true) {
        chosen = rule;
        break outer;
      }
      if (value === null) {
        missing.forEach((m) => openFacts.add(m));
        possibly.push({ rule: rule.id, appliesFrom: rule.appliesFrom, source: rule.source });
      }
    }
  }
  let result: ApplicationDate = {
    appliesFrom: chosen?.appliesFrom ?? null,
    rule: chosen?.id ?? '',
    source: chosen?.source ?? '',
    explanation: chosen?.explanation ?? '',
    openFacts: [],
    possibly,
  };
  for (const rule of tables.dates.filter((d) => d.kind === 'transitional')) {
    const covered = rule.refs.includes('*') || rule.refs.some((r) => refs.includes(r));
    if (!covered || rule.except.some((r) => refs.includes(r))) continue;
    const { value, missing } = evaluate(rule.when, facts);
    if (value === true) {
      result = { ...result, appliesFrom: rule.appliesFrom, rule: rule.id, source: rule.source, explanation: rule.explanation };
      break;
    }
    if (value === null) {
      missing.forEach((m) => openFacts.add(m));
      possibly.push({ rule: rule.id, appliesFrom: rule.appliesFrom, source: rule.source });
    }
  }
  return { ...result, openFacts: [...openFacts] };
}
