/**
 * Latency of each reuse question, asked the three ways (bench/asking.ts) in the same run: warm-up, then
 * up to `runs` rounds in which each way asks once (interleaved, so that a burst of load elsewhere on the
 * machine hits all three alike), fewer when a question's rounds exceed the time budget. Also a PROFILE of
 * the raw Cypher, for what dominates its cost.
 */
import type { ProfiledPlan } from 'neo4j-driver';
import type { Graph } from '../graph/connection.ts';
import { cypher } from '../queries/cypher.ts';
import { validateParams } from '../queries/question.ts';
import { QUESTIONS } from '../queries/questions.ts';
import { questionOf, questionParams, WAYS, type Asker, type Way } from './asking.ts';
import type { Tenant } from './generate.ts';
import { round, summarize, type Latency } from './stats.ts';

export interface QuestionLatency {
  question: string;
  params: Record<string, string | number>;
  raw: Latency;
  graphql: Latency;
  http: Latency;
  /** p95 of the way over p95 of raw Cypher: the overhead we own. */
  ratio: { graphql: number; http: number };
  /** Milliseconds of the first ask of each way after the start (query planning included). */
  firstAsk: Partial<Record<Way, number>>;
  /** Whether the three ways returned the same JSON (in the warm-up). */
  sameResult: boolean;
  /** Failed asks per way (e.g. the 30 s timeout); their time is not in the percentiles. */
  errors: Record<Way, number>;
  errorSamples?: string[];
  profile: ProfileSummary;
}

export interface ProfileSummary {
  dbHits: number;
  rows: number;
  /** Operators with the most db hits (with what they work on). */
  top: { operator: string; details: string; dbHits: number; rows: number }[];
  /** Why there is no profile (e.g. it ran past PROFILE_TIMEOUT_MS). */
  error?: string;
}

/** PROFILE runs the whole query once more; bounded so that a very slow scale still finishes. */
const PROFILE_TIMEOUT_MS = 60_000;

export interface LatencyOptions {
  /** Warm-up rounds (at least 1; fewer when they take more than half the budget). */
  warmup: number;
  runs: number;
  minRuns: number;
  /** Seconds of measured rounds per question before stopping early (at least minRuns). */
  budgetSeconds: number;
  log: (line: string) => void;
}

function flatten(plan: ProfiledPlan, out: ProfiledPlan[] = []): ProfiledPlan[] {
  out.push(plan);
  for (const child of plan.children) flatten(child, out);
  return out;
}

export async function profileQuestion(graph: Graph, tenant: Tenant, question: string): Promise<ProfileSummary> {
  const spec = QUESTIONS.find((q) => q.name === questionOf(question))!;
  if (spec.computed) return { dbHits: 0, rows: 0, top: [], error: 'computed in TypeScript over several statements' };
  const params = validateParams(spec.params, { ...questionParams(tenant)[question], org: tenant.org });
  let plan: ProfiledPlan | false;
  try {
    const result = await graph.driver.executeQuery(`PROFILE ${cypher(questionOf(question))}`, params, {
      database: graph.database,
      transactionConfig: { timeout: PROFILE_TIMEOUT_MS },
    });
    plan = result.summary.profile;
  } catch (error) {
    return { dbHits: 0, rows: 0, top: [], error: (error as Error).message.slice(0, 200) };
  }
  if (!plan) return { dbHits: 0, rows: 0, top: [] };
  const operators = flatten(plan);
  const details = (p: ProfiledPlan) =>
    String((p.arguments as Record<string, unknown>).Details ?? p.identifiers.join(', '))
      .replace(/\s+/g, ' ')
      .slice(0, 160);
  return {
    dbHits: operators.reduce((n, p) => n + p.dbHits, 0),
    rows: plan.rows,
    top: [...operators]
      .sort((a, b) => b.dbHits - a.dbHits)
      .slice(0, 5)
      .map((p) => ({ operator: p.operatorType.replace(/@.*$/, ''), details: details(p), dbHits: p.dbHits, rows: p.rows })),
  };
}

const canonical = (value: unknown) => JSON.stringify(value);

export async function measureLatency(
  graph: Graph,
  tenant: Tenant,
  askers: Record<Way, Asker>,
  options: LatencyOptions,
): Promise<QuestionLatency[]> {
  const params = questionParams(tenant);
  const results: QuestionLatency[] = [];
  for (const name of Object.keys(params)) {
    const answers: Partial<Record<Way, string>> = {};
    const errors: Record<Way, number> = { raw: 0, graphql: 0, http: 0 };
    const errorSamples: string[] = [];
    const samples: Record<Way, number[]> = { raw: [], graphql: [], http: [] };
    /** The first ask of each way (after the start: it includes planning the statement). */
    const first: Partial<Record<Way, number>> = {};
    /** One ask; a failure (such as the 30 s timeout) is counted, not thrown, so a slow scale still reports. */
    const ask = async (way: Way, measured: boolean) => {
      const t = performance.now();
      try {
        const answer = await askers[way].ask(name);
        if (measured) samples[way].push(performance.now() - t);
        else {
          first[way] ??= round(performance.now() - t, 1);
          answers[way] = canonical(answer);
        }
      } catch (error) {
        errors[way]++;
        const message = `${way}: ${(error as Error).message.slice(0, 160)}`;
        if (errorSamples.length < 3 && !errorSamples.includes(message)) errorSamples.push(message);
      }
    };
    // At least one warm-up round (it also collects the answers compared below), more within half the budget.
    const started = performance.now();
    const elapsed = () => (performance.now() - started) / 1000;
    for (let i = 0; i < Math.max(1, options.warmup); i++) {
      for (const way of WAYS) await ask(way, false);
      if (elapsed() > options.budgetSeconds / 2) break;
    }
    // When every way failed (at scale: the 30 s timeout), measuring again would only time out again.
    const hopeless = WAYS.every((way) => answers[way] === undefined);
    // At least one measured round; minRuns unless that takes more than twice the budget; then up to
    // `runs` within the budget. A question that takes many seconds therefore gets few runs (reported).
    const measureStart = performance.now();
    const measuring = () => (performance.now() - measureStart) / 1000;
    for (let i = 0; i < (hopeless ? 0 : options.runs); i++) {
      for (const way of WAYS) await ask(way, true);
      const done = i + 1;
      if (done >= options.minRuns ? measuring() > options.budgetSeconds : measuring() > 2 * options.budgetSeconds) break;
    }
    const [raw, gql, http] = WAYS.map((w) => summarize(samples[w])) as [Latency, Latency, Latency];
    const profile = await profileQuestion(graph, tenant, name);
    const entry: QuestionLatency = {
      question: name,
      params: params[name]!,
      raw,
      graphql: gql,
      http,
      ratio: { graphql: round(gql.p95 / raw.p95, 2), http: round(http.p95 / raw.p95, 2) },
      firstAsk: first,
      sameResult: answers.raw !== undefined && answers.raw === answers.graphql && answers.raw === answers.http,
      errors,
      ...(errorSamples.length ? { errorSamples } : {}),
      profile,
    };
    results.push(entry);
    options.log(
      `  ${name.padEnd(24)} p95 raw ${raw.p95} ms, graphql ${gql.p95} ms, http ${http.p95} ms (x${entry.ratio.http}; ${raw.runs} runs; ${profile.dbHits} db hits)${entry.sameResult ? '' : ' RESULTS DIFFER'}${errorSamples.length ? ` ERRORS ${JSON.stringify(errors)}: ${errorSamples[0]}` : ''}`,
    );
  }
  return results;
}
