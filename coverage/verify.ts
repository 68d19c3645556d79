/**
 * `crosswalk coverage verify`: compares the maintained coverage (coverage/read-status.cypher) with the
 * from-scratch reference computation, requirement by requirement, and lists every difference.
 */
import type { Graph } from '../graph/connection.ts';
import { cypher } from '../queries/cypher.ts';

export interface CoverageDifference {
  org: string;
  today: string;
  uid: string;
  field: string;
  stored: unknown;
  reference: unknown;
}

export interface VerifyResult {
  orgs: string[];
  days: string[];
  /** Assessed requirements compared (per organization and day). */
  compared: number;
  differences: CoverageDifference[];
}

type Row = Record<string, unknown>;

const ALL_ORGS = 'MATCH (o:Organization) RETURN o.id AS id ORDER BY id';
const ALL_FRAMEWORKS = 'MATCH (f:Framework) RETURN f.id AS id ORDER BY id';

const sortBy = <T>(list: T[], key: (x: T) => string): T[] => [...list].sort((a, b) => key(a).localeCompare(key(b)));

/** The fields that must agree, normalized so that list order a question does not promise is ignored. */
function comparable(row: Row): Record<string, unknown> {
  const excluded = row.status === 'excluded';
  const inherited = row.basis === 'inherited' ? (row.inherited as Row | null) : null;
  const controls = sortBy((row.controls as Row[] | null) ?? [], (c) => `${String(c.control)} ${String(c.via)}`).map((c) => ({
    control: c.control,
    coverage: c.coverage,
    via: c.via,
    valid: [...((c.valid as string[] | null) ?? [])].sort(),
    expired: [...((c.expired as string[] | null) ?? [])].sort(),
  }));
  const indications = ((row.indications as Row[] | null) ?? []).map((i) => ({
    source: i.source,
    sourceStatus: i.sourceStatus,
    path: i.path,
    relationships: i.relationships,
    strength: i.strength,
    hops: i.hops,
  }));
  const exclusion = row.exclusion as Row | null;
  return {
    status: row.status,
    basis: row.basis ?? null,
    // What the organization's controls give is only asked of a requirement that is not excluded.
    directStatus: excluded ? null : (row.directStatus ?? 'gap'),
    controls,
    inherited: inherited && {
      source: inherited.source,
      path: inherited.path,
      relationships: inherited.relationships,
      strength: inherited.strength,
      hops: inherited.hops,
      target: inherited.target,
    },
    indications,
    exclusion: exclusion && { requirement: exclusion.requirement, justification: exclusion.justification },
  };
}

async function rows(graph: Graph, name: string, params: Record<string, unknown>): Promise<Map<string, Row>> {
  const { records } = await graph.run(cypher(name), params);
  return new Map(records.map((r) => [String(r.get('uid')), r.toObject() as Row]));
}

export async function verify(
  graph: Graph,
  options: { org?: string; days?: readonly string[]; frameworks?: readonly string[] } = {},
): Promise<VerifyResult> {
  const orgs = options.org ? [options.org] : (await graph.run(ALL_ORGS)).records.map((r) => String(r.get('id')));
  const fws = options.frameworks?.length
    ? [...options.frameworks]
    : (await graph.run(ALL_FRAMEWORKS)).records.map((r) => String(r.get('id')));
  const days = options.days?.length ? [...options.days] : [new Date().toISOString().slice(0, 10)];
  const result: VerifyResult = { orgs, days, compared: 0, differences: [] };
  for (const org of orgs) {
    for (const today of days) {
      const params = { org, today, fws };
      const reference = await rows(graph, 'coverage/verify-reference', params);
      const stored = await rows(graph, 'coverage/verify-stored', params);
      for (const uid of new Set([...reference.keys(), ...stored.keys()])) {
        result.compared++;
        const a = stored.get(uid);
        const b = reference.get(uid);
        if (!a || !b) {
          result.differences.push({
            org,
            today,
            uid,
            field: 'row',
            stored: a ? 'present' : null,
            reference: b ? 'present' : null,
          });
          continue;
        }
        const x = comparable(a);
        const y = comparable(b);
        for (const field of Object.keys(y)) {
          if (JSON.stringify(x[field]) !== JSON.stringify(y[field])) {
            result.differences.push({ org, today, uid, field, stored: x[field], reference: y[field] });
          }
        }
      }
    }
  }
  return result;
}
