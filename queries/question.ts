/**
 * What the reuse questions share: parameter specs (used for validation, the CLI and its help), validation
 * with typed errors, existence checks of the things a question names, and running a question's Cypher
 * (queries/<name>.cypher, one row with one column `result`).
 */
import { repairPending } from '../coverage/pending.ts';
import type { Graph } from '../graph/connection.ts';
import { CrosswalkError } from '../graph/errors.ts';
import { FULL_MAPPING_MIN_STRENGTH } from '../graph/model.ts';
import { cypher } from './cypher.ts';

/** A parameter a question was given that it cannot use. */
export class QueryParameterError extends CrosswalkError {}

/** A parameter names a framework, organization, system, requirement, evidence item or control that does not exist. */
export class NotFoundError extends QueryParameterError {
  constructor(
    message: string,
    hint: string,
    /** What was looked for. */
    readonly kind: NonNullable<ParamSpec['exists']>,
    /** The name it was looked for by. */
    readonly value: string,
  ) {
    super(message, hint);
  }
}

export type ParamType = 'string' | 'date' | 'int' | 'bool' | 'strings';

export interface ParamSpec {
  name: string;
  type: ParamType;
  required?: boolean;
  /** Inclusive bounds for `int`. */
  min?: number;
  max?: number;
  /** Allowed values for `string`/`strings`. */
  oneOf?: readonly string[];
  /** What must exist in the graph (checked before the question runs). */
  exists?: 'framework' | 'controlFramework' | 'organization' | 'system' | 'requirement' | 'evidence' | 'control';
  description: string;
}

export type ParamValue = string | number | boolean | string[] | null;
export type Params = Record<string, ParamValue>;

/** The largest mapping depth any question accepts (paths grow fast beyond it). */
export const MAX_DEPTH = 5;

/**
 * Defaults of the coverage parameters (queries/README.md "Coverage semantics"). The .cypher files apply the
 * same values with coalesce() (the API passes its arguments to them unchanged); a unit test keeps both equal.
 */
export const COVERAGE_DEFAULTS = {
  maxDepth: 3,
  minStrength: FULL_MAPPING_MIN_STRENGTH,
  indicationDepth: 1,
  indicationMinStrength: 5,
} as const;

export const P = {
  org: { name: 'org', type: 'string', required: true, exists: 'organization', description: 'organization id, e.g. demo' },
  today: { name: 'today', type: 'date', description: 'the date evidence validity is judged on (default: today)' },
  maxDepth: {
    name: 'maxDepth',
    type: 'int',
    min: 1,
    max: MAX_DEPTH,
    description: `most mapping hops an inheritance (met through equal/superset_of mappings) may take (default ${COVERAGE_DEFAULTS.maxDepth})`,
  },
  minStrength: {
    name: 'minStrength',
    type: 'int',
    min: 1,
    max: 10,
    description: `weakest mapping strength an inheritance may use, 1-10 (default ${COVERAGE_DEFAULTS.minStrength})`,
  },
  indicationDepth: {
    name: 'indicationDepth',
    type: 'int',
    min: 1,
    max: MAX_DEPTH,
    description: `most mapping hops an indication (related work, never counted as met) may take (default ${COVERAGE_DEFAULTS.indicationDepth})`,
  },
  indicationMinStrength: {
    name: 'indicationMinStrength',
    type: 'int',
    min: 1,
    max: 10,
    description: `weakest mapping strength an indication may use, 1-10 (default ${COVERAGE_DEFAULTS.indicationMinStrength})`,
  },
  reference: {
    name: 'reference',
    type: 'bool',
    description:
      'compute from scratch instead of reading the maintained coverage (slower; the answer is the same: `crosswalk coverage verify` checks it)',
  },
  first: { name: 'first', type: 'int', min: 0, max: 10_000, description: 'page size (default: all)' },
  offset: { name: 'offset', type: 'int', min: 0, description: 'items to skip (default 0)' },
  framework: (name = 'framework'): ParamSpec => ({
    name,
    type: 'string',
    required: true,
    exists: 'framework',
    description: 'framework id: iso42001, iso27001, eu-ai-act, gdpr, nis2',
  }),
} satisfies Record<string, ParamSpec | ((name?: string) => ParamSpec)>;

/** The parameters of every question that computes coverage status, after its own. */
export const STATUS_PARAMS: readonly ParamSpec[] = [
  P.today,
  P.maxDepth,
  P.minStrength,
  P.indicationDepth,
  P.indicationMinStrength,
  P.reference,
];

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function invalid(spec: ParamSpec, message: string): QueryParameterError {
  return new QueryParameterError(`parameter ${spec.name}: ${message}`, `${spec.name}: ${spec.description}`);
}

/** Checks and normalizes the parameters (strings from the CLI are converted); unknown names are rejected. */
export function validateParams(specs: readonly ParamSpec[], given: Record<string, unknown>): Params {
  const known = new Set(specs.map((s) => s.name));
  for (const name of Object.keys(given)) {
    if (!known.has(name) && given[name] !== undefined) {
      throw new QueryParameterError(`unknown parameter '${name}'`, `Parameters: ${specs.map((s) => s.name).join(', ')}`);
    }
  }
  const params: Params = {};
  for (const spec of specs) {
    const raw = given[spec.name];
    if (raw === undefined || raw === null || raw === '') {
      if (spec.required) throw invalid(spec, 'is required');
      params[spec.name] = null;
      continue;
    }
    params[spec.name] = convert(spec, raw);
  }
  return params;
}

function convert(spec: ParamSpec, raw: unknown): ParamValue {
  switch (spec.type) {
    case 'string': {
      if (typeof raw !== 'string') throw invalid(spec, 'must be a string');
      if (spec.oneOf && !spec.oneOf.includes(raw)) throw invalid(spec, `'${raw}' is not one of ${spec.oneOf.join(', ')}`);
      return raw;
    }
    case 'strings': {
      // "a,b" and ["a", "b"] and ["a,b"] all mean the same list (the CLI gives one string, GraphQL a list).
      const given = typeof raw === 'string' ? [raw] : raw;
      if (!Array.isArray(given) || !given.every((s): s is string => typeof s === 'string'))
        throw invalid(spec, 'must be a list of strings');
      const list = given
        .flatMap((s) => s.split(','))
        .map((s) => s.trim())
        .filter(Boolean);
      const bad = spec.oneOf ? list.filter((s) => !spec.oneOf?.includes(s)) : [];
      if (bad.length) throw invalid(spec, `${bad.join(', ')} not in ${spec.oneOf?.join(', ')}`);
      return list;
    }
    case 'date': {
      if (typeof raw !== 'string' || !DATE.test(raw) || Number.isNaN(Date.parse(`${raw}T00:00:00Z`))) {
        throw invalid(spec, `'${String(raw)}' is not a date YYYY-MM-DD`);
      }
      return raw;
    }
    case 'int': {
      const n = typeof raw === 'string' ? Number(raw) : raw;
      if (typeof n !== 'number' || !Number.isInteger(n)) throw invalid(spec, `'${String(raw)}' is not an integer`);
      if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) {
        throw invalid(spec, `${n} is outside ${spec.min ?? '-∞'}..${spec.max ?? '∞'}`);
      }
      return n;
    }
    case 'bool': {
      if (typeof raw === 'boolean') return raw;
      if (raw === 'true') return true;
      if (raw === 'false') return false;
      throw invalid(spec, `'${String(raw)}' is not true or false`);
    }
  }
}

const EXISTS: Record<NonNullable<ParamSpec['exists']>, string> = {
  framework: 'MATCH (x:Framework {id: $value}) RETURN count(x) > 0 AS found',
  // A framework with controls (ISO Annex A, or kind 'control' as imported catalogs have): what an SoA lists.
  controlFramework: `MATCH (x:Requirement {frameworkId: $value}) WHERE x.kind IN ['annex_a_control', 'control']
                     RETURN count(x) > 0 AS found`,
  organization: 'MATCH (x:Organization {id: $value}) RETURN count(x) > 0 AS found',
  system: 'MATCH (x:System {orgId: $org, id: $value}) RETURN count(x) > 0 AS found',
  requirement: 'MATCH (x:Requirement {uid: $value}) RETURN count(x) > 0 AS found',
  evidence: 'MATCH (x:Evidence {orgId: $org, id: $value}) RETURN count(x) > 0 AS found',
  control: 'MATCH (x:Control {orgId: $org, id: $value}) RETURN count(x) > 0 AS found',
};

/** Fails with a hint when a named framework, organization, system, ... is not in the graph. */
export async function checkExistence(graph: Runner, specs: readonly ParamSpec[], params: Params): Promise<void> {
  for (const spec of specs) {
    const value = params[spec.name];
    if (!spec.exists || typeof value !== 'string') continue;
    const { records } = await graph.run(EXISTS[spec.exists], { value, org: params.org ?? null });
    if (!records[0]?.get('found')) {
      const scope = ['system', 'evidence', 'control'].includes(spec.exists) ? ` in organization '${String(params.org)}'` : '';
      const what = spec.exists === 'controlFramework' ? 'framework with controls' : spec.exists;
      throw new NotFoundError(`no ${what} '${value}'${scope}`, `${spec.name}: ${spec.description}`, spec.exists, value);
    }
  }
}

/** What a question needs of the graph: running one statement (the CLI's Graph, or the API's driver). */
export type Runner = Pick<Graph, 'run'>;

export interface Question<R> {
  name: string;
  summary: string;
  params: readonly ParamSpec[];
  /**
   * True when the answer is computed in TypeScript over what queries/<name>.cypher reads: the API then
   * serves it through a resolver (api/questions.ts), not as a @cypher field.
   */
  computed?: boolean;
  /** Validates `given`, checks what it names exists, runs queries/<name>.cypher and returns its `result`. */
  run(graph: Runner, given: Record<string, unknown>): Promise<R>;
}

export function defineQuestion<R>(
  name: string,
  summary: string,
  params: readonly ParamSpec[],
  check?: (params: Params) => void,
): Question<R> {
  return {
    name,
    summary,
    params,
    async run(graph, given) {
      const validated = validateParams(params, given);
      check?.(validated);
      await checkExistence(graph, params, validated);
      // A write whose coverage maintenance did not finish (a crash) is repaired before anything is read.
      // (Only with a whole Graph: a caller's own transaction has no session to repair in.)
      if ('driver' in graph && typeof validated.org === 'string') await repairPending(graph as Graph, { org: validated.org });
      const { records } = await graph.run(cypher(name), validated);
      return records[0]?.get('result') as R;
    },
  };
}

/**
 * A question whose answer is computed in TypeScript (rules that read far more clearly as code than as
 * Cypher): same validation and existence checks, then `compute` with the validated parameters; it reads the
 * graph through queries/<name>.cypher (`cypher(name)`) like every other question.
 */
export function defineComputedQuestion<R>(
  name: string,
  summary: string,
  params: readonly ParamSpec[],
  compute: (graph: Runner, params: Params) => Promise<R>,
): Question<R> {
  return {
    name,
    summary,
    params,
    computed: true,
    async run(graph, given) {
      const validated = validateParams(params, given);
      await checkExistence(graph, params, validated);
      return compute(graph, validated);
    },
  };
}
