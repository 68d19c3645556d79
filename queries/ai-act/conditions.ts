/**
 * The small condition language of the AI Act tables in seeds/ai-act/ (see its README): terms joined by
 * ` & `; a term is `fact` (true, or a non-empty list), `!fact`, `fact=a|b` (equals one of, or for a list
 * contains one of; `none` matches an empty list), `fact<v` or `fact>v` (numbers, or ISO dates).
 *
 * Evaluation is three-valued because a fact nobody has answered must never be guessed: a term over a
 * missing fact is unknown, and the conjunction is false as soon as one term is false, else unknown when
 * one is unknown, else true. `missing` names the first fact that made it unknown, so it can be asked: terms
 * are written precondition first (`annexIProduct & thirdPartyAssessment`), so a follow-up question is only
 * asked once the question before it is answered and makes it relevant.
 */
export type FactValue = boolean | number | string | string[] | null;
export type Facts = Readonly<Record<string, FactValue>>;
export type Truth = boolean | null;

export interface Term {
  fact: string;
  op: 'truthy' | 'falsy' | 'eq' | 'lt' | 'gt';
  values: string[];
}

export interface Condition {
  text: string;
  terms: Term[];
}

export interface Evaluation {
  value: Truth;
  missing: string[];
}

const TERM = /^(!)?([A-Za-z][A-Za-z0-9_]*)(?:(=|<|>)(.+))?$/;

/** Parses a condition; throws on a malformed term (the tables are checked when they are loaded). */
export function parseCondition(text: string): Condition {
  const trimmed = text.trim();
  if (!trimmed) return { text: '', terms: [] };
  const terms = trimmed.split(/\s*&\s*/).map((raw): Term => {
    const match = TERM.exec(raw);
    if (!match || (match[1] && match[3])) throw new Error(`malformed condition term '${raw}' in '${text}'`);
    const [, not, fact = '', op, value = ''] = match;
    if (!op) return { fact, op: not ? 'falsy' : 'truthy', values: [] };
    return { fact, op: op === '=' ? 'eq' : op === '<' ? 'lt' : 'gt', values: value.split('|').map((v) => v.trim()) };
  });
  return { text: trimmed, terms };
}

function truthy(value: Exclude<FactValue, null>): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'string') return value !== '' && value !== 'none';
  return Boolean(value);
}

function compare(value: Exclude<FactValue, null>, bound: string): number | null {
  if (typeof value === 'number') {
    const n = Number(bound);
    return Number.isNaN(n) ? null : value - n;
  }
  if (typeof value === 'string') return value < bound ? -1 : value > bound ? 1 : 0;
  return null;
}

function evalTerm(term: Term, facts: Facts): Truth {
  const value = facts[term.fact];
  if (value === null || value === undefined) return null;
  switch (term.op) {
    case 'truthy':
      return truthy(value);
    case 'falsy':
      return !truthy(value);
    case 'eq':
      if (Array.isArray(value)) return term.values.some((v) => (v === 'none' ? value.length === 0 : value.includes(v)));
      return term.values.includes(String(value));
    case 'lt':
    case 'gt': {
      const c = compare(value, term.values[0] ?? '');
      if (c === null) return null;
      return term.op === 'lt' ? c < 0 : c > 0;
    }
  }
}

/** An empty condition is true. */
export function evaluate(condition: Condition, facts: Facts): Evaluation {
  const missing: string[] = [];
  let unknown = false;
  for (const term of condition.terms) {
    const value = evalTerm(term, facts);
    if (value === false) return { value: false, missing: [] };
    if (value === null && !unknown) {
      unknown = true;
      missing.push(term.fact);
    }
  }
  return { value: unknown ? null : true, missing };
}

/** The facts a condition reads. */
export const factsOf = (condition: Condition): string[] => [...new Set(condition.terms.map((t) => t.fact))];
