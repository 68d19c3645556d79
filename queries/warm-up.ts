/**
 * Plans every question once after a start, so that the first ask of a user does not pay for planning a large
 * statement (seconds on a cold database). Neo4j caches plans by statement text and parameter types, and the
 * CLI and the API run the same statements (api/questions.ts calls `question.run`), so asking each question once
 * with its usual parameters for one organization warms both. Errors are returned, never thrown: a warm-up
 * must not stop a start.
 */
import type { Graph } from '../graph/connection.ts';
import { findQuestion } from './questions.ts';

/** One organization with something to ask about: its first adopted frameworks, system, evidence, control, requirement. */
const SUBJECTS = `
MATCH (o:Organization)-[:ADOPTS]->(f:Framework)
WITH o, collect(f.id) AS fws ORDER BY size(fws) DESC, o.id LIMIT 1
RETURN o.id AS org, fws,
       head(COLLECT { MATCH (s:System {orgId: o.id}) RETURN s.id ORDER BY s.id }) AS system,
       head(COLLECT { MATCH (e:Evidence {orgId: o.id}) RETURN e.id ORDER BY e.id }) AS evidence,
       head(COLLECT { MATCH (r:Requirement {frameworkId: fws[0]}) RETURN r.uid ORDER BY r.order, r.uid }) AS requirement`;

export interface WarmUpResult {
  org: string | null;
  asked: number;
  errors: string[];
  seconds: number;
}

export async function warmUp(graph: Graph): Promise<WarmUpResult> {
  const started = Date.now();
  const row = (await graph.run(SUBJECTS)).records[0];
  if (!row) return { org: null, asked: 0, errors: [], seconds: 0 };
  const org = String(row.get('org'));
  const fws = row.get('fws') as string[];
  const [a, b = a] = fws as [string, string?];
  const asks: [string, Record<string, unknown>][] = [
    ['coverage', { framework: a }],
    ['gaps', { framework: a }],
    ['reuse', { source: a, target: b }],
    ['evidence-covering-both', { frameworkA: a, frameworkB: b }],
    ['explain', { requirement: row.get('requirement') }],
    ['impact', { evidence: row.get('evidence') }],
    ['impact', { withinDays: 90 }],
    ['soa', { framework: fws.includes('iso27001') ? 'iso27001' : a }],
    ['obligations', { system: row.get('system') }],
  ];
  const errors: string[] = [];
  let asked = 0;
  for (const [name, params] of asks) {
    if (Object.values(params).some((v) => v === null || v === undefined)) continue;
    try {
      await findQuestion(name)!.run(graph, { ...params, org });
      asked++;
    } catch (error) {
      errors.push(`${name}: ${(error as Error).message}`);
    }
  }
  return { org, asked, errors, seconds: (Date.now() - started) / 1000 };
}
