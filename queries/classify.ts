/**
 * classify(system, org): the system's AI Act category (prohibited, high-risk under Art.6(1) or 6(2), not
 * high-risk by the Art.6(3) derogation, Art.50 transparency, GPAI, minimal), its effective role (Art.25),
 * the chain of reasons citing the deciding articles and annex points, the facts still missing as
 * questions, and where the declared aiActRisk/aiActRole contradicts the facts. The rules are data
 * (seeds/ai-act/classification-rules.csv); queries/classify.cypher reads the facts, queries/ai-act/
 * classify-rules.ts evaluates them.
 */
import neo4j from 'neo4j-driver';
import { classifySystem, type Classification, type SystemFacts } from './ai-act/classify-rules.ts';
import type { FactValue } from './ai-act/conditions.ts';
import { cypher } from './cypher.ts';
import { defineComputedQuestion, P, type Runner } from './question.ts';

export interface ClassifyResult extends Omit<Classification, 'facts'> {
  org: string;
  system: { id: string; name: string };
  declared: { aiActRisk: string | null; aiActRole: string | null };
  facts: Record<string, FactValue>;
}

/** Graph values to plain facts (dates as YYYY-MM-DD). */
function plain(value: unknown): FactValue {
  if (value === null || value === undefined) return null;
  if (neo4j.isDate(value) || neo4j.isDateTime(value) || neo4j.isLocalDateTime(value)) return value.toString().slice(0, 10);
  if (neo4j.isInt(value)) return value.toNumber();
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string') return value;
  return String(value);
}

export async function classifyOne(graph: Runner, org: string, system: string): Promise<ClassifyResult> {
  const { records } = await graph.run(cypher('classify'), { org, system });
  const row = records[0]?.get('result') as { org: string; system: { id: string; name: string }; facts: Record<string, unknown> };
  const facts: SystemFacts = Object.fromEntries(Object.entries(row.facts).map(([k, v]) => [k, plain(v)]));
  const classification = classifySystem(facts);
  return {
    org: row.org,
    system: row.system,
    declared: {
      aiActRisk: typeof facts.aiActRisk === 'string' ? facts.aiActRisk : null,
      aiActRole: typeof facts.aiActRole === 'string' ? facts.aiActRole : null,
    },
    ...classification,
  };
}

export const classify = defineComputedQuestion<ClassifyResult>(
  'classify',
  "an AI system's AI Act category and effective role from its facts, with the articles that decide them, open questions and contradictions",
  [{ name: 'system', type: 'string', required: true, exists: 'system', description: 'system id, e.g. sys-chatbot' }, P.org],
  (graph, params) => classifyOne(graph, String(params.org), String(params.system)),
);
