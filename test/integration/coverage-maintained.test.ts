/**
 * Maintained coverage (coverage/, issue #14) against the from-scratch reference: a generated tenant takes
 * 500+ random writes through the real GraphQL API (create/update/delete evidence and controls, status and
 * validity, connect/disconnect, exclusions, findings and corrective actions, filters that cannot be bounded) and the importer (mappings,
 * inventory), and after every batch `coverage verify` finds no difference on several days.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken } from '../../api/auth.ts';
import { readApiOptions, type ApiOptions } from '../../api/config.ts';
import { startApiServer, type ApiServer } from '../../api/server.ts';
import { generateTenant, prng, tenantFiles, type Tenant } from '../../bench/generate.ts';
import { verify } from '../../coverage/index.ts';
import type { Graph } from '../../graph/connection.ts';
import { importFiles } from '../../importers/index.ts';
import { findQuestion } from '../../queries/questions.ts';
import { seededGraph } from './helpers.ts';

const SECRET = 'coverage-test-secret-0123456789-0123456789';
const OPTIONS: ApiOptions = { ...readApiOptions({}), auth: { secret: SECRET } };
const DAYS = ['2025-06-01', '2026-01-01', '2027-03-01'];
const BATCHES = 5;
const WRITES_PER_BATCH = 104;

let graph: Graph;
let server: ApiServer;
let tenant: Tenant;
let dir: string;
let editor: string;

// Seeded: the same writes every run, so a failure reproduces.
const random = prng(20261201);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
const chance = (p: number) => random() < p;
const someDay = () =>
  chance(0.15) ? null : pick(['2024-12-31', '2025-06-01', '2025-12-31', '2026-01-01', '2026-06-30', '2027-03-01', '2030-01-01']);

async function gql(bearer: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
  // A link to a node deleted earlier in the batch is NOT_FOUND (ids are read once per batch); nothing else may fail.
  const unexpected = (body.errors ?? []).filter((e) => e.extensions?.code !== 'NOT_FOUND');
  expect(unexpected, `${query} ${JSON.stringify(variables)}: ${JSON.stringify(body.errors)}`).toEqual([]);
  return body.data;
}

/** The organization's ids per label, read once per batch (a deleted id just matches nothing). */
type Known = 'Evidence' | 'Control' | 'Finding' | 'CorrectiveAction';
const known: Record<Known, string[]> = { Evidence: [], Control: [], Finding: [], CorrectiveAction: [] };
const ids = async (label: Known): Promise<string[]> => known[label];
async function refreshIds() {
  for (const label of ['Evidence', 'Control', 'Finding', 'CorrectiveAction'] as const) {
    known[label] = (
      await graph.run(`MATCH (n:${label} {orgId: $org}) RETURN n.id AS id ORDER BY id`, { org: tenant.org })
    ).records.map((r) => String(r.get('id')));
  }
}

/** Requirements worth touching: ends of approved mappings, their parents, and what controls implement. */
let requirements: string[] = [];

let serial = 0;
const WRITES: { weight: number; run: () => Promise<void> }[] = [
  {
    weight: 4, // evidence status
    run: async () => {
      await gql(
        editor,
        'mutation($id: ID!, $s: EvidenceStatus!) { updateEvidence(where: {id: {eq: $id}}, update: {status: {set: $s}}) { evidence { id } } }',
        {
          id: pick(await ids('Evidence')),
          s: pick(['approved', 'approved', 'draft', 'rejected']),
        },
      );
    },
  },
  {
    weight: 4, // evidence validity
    run: async () => {
      await gql(
        editor,
        'mutation($id: ID!, $d: Date) { updateEvidence(where: {id: {eq: $id}}, update: {validUntil: {set: $d}}) { evidence { id } } }',
        {
          id: pick(await ids('Evidence')),
          d: someDay(),
        },
      );
    },
  },
  {
    weight: 3, // new evidence supporting one or two controls (one operation, three mutation fields)
    run: async () => {
      const controls = await ids('Control');
      await gql(
        editor,
        `mutation($input: [EvidenceCreateInput!]!, $id: ID!, $a: ID!, $b: ID!) { createEvidence(input: $input) { evidence { id } }
           one: addEvidenceControl(evidenceId: $id, controlId: $a) { id } two: addEvidenceControl(evidenceId: $id, controlId: $b) { id } }`,
        (() => {
          const id = `EV-T-${serial++}`;
          return {
            input: [
              {
                id,
                title: 'differential test evidence',
                kind: 'report',
                status: pick(['approved', 'approved', 'draft']),
                validUntil: someDay(),
              },
            ],
            id,
            a: pick(controls),
            b: pick(controls),
          };
        })(),
      );
    },
  },
  {
    weight: 2,
    run: async () => {
      await gql(editor, 'mutation($id: ID!) { deleteEvidence(where: {id: {eq: $id}}) { nodesDeleted } }', {
        id: pick(await ids('Evidence')),
      });
    },
  },
  {
    weight: 3, // evidence moves between controls
    run: async () => {
      const controls = await ids('Control');
      await gql(
        editor,
        `mutation($id: ID!, $add: ID!, $drop: ID!) { addEvidenceControl(evidenceId: $id, controlId: $add) { id }
           removeEvidenceControl(evidenceId: $id, controlId: $drop) { id } }`,
        { id: pick(await ids('Evidence')), add: pick(controls), drop: pick(controls) },
      );
    },
  },
  {
    weight: 4, // control status
    run: async () => {
      await gql(
        editor,
        'mutation($id: ID!, $s: ControlStatus!) { updateControls(where: {id: {eq: $id}}, update: {status: {set: $s}}) { controls { id } } }',
        {
          id: pick(await ids('Control')),
          s: pick(['planned', 'implemented', 'operating', 'operating', 'retired']),
        },
      );
    },
  },
  {
    weight: 4, // a control implements another requirement (or a parent), full or partial
    run: async () => {
      await gql(
        editor,
        'mutation($id: ID!, $uid: ID!, $c: Coverage!) { addControlRequirement(controlId: $id, requirementUid: $uid, coverage: $c) { id } }',
        { id: pick(await ids('Control')), uid: pick(requirements), c: pick(['full', 'full', 'partial']) },
      );
    },
  },
  {
    weight: 2, // ... or stops implementing one
    run: async () => {
      const { records } = await graph.run(
        'MATCH (c:Control {orgId: $org})-[:IMPLEMENTS]->(r) RETURN c.id AS id, r.uid AS uid ORDER BY id, uid',
        { org: tenant.org },
      );
      const link = pick(records);
      await gql(
        editor,
        'mutation($id: ID!, $uid: ID!) { removeControlRequirement(controlId: $id, requirementUid: $uid) { id } }',
        {
          id: link.get('id'),
          uid: link.get('uid'),
        },
      );
    },
  },
  {
    weight: 2, // a new control, what it implements and its evidence in one operation
    run: async () => {
      const n = serial++;
      await gql(
        editor,
        `mutation($c: [ControlCreateInput!]!, $e: [EvidenceCreateInput!]!, $cid: ID!, $eid: ID!, $uid: ID!, $cov: Coverage!) {
           createControls(input: $c) { controls { id } } createEvidence(input: $e) { evidence { id } }
           addControlRequirement(controlId: $cid, requirementUid: $uid, coverage: $cov) { id }
           addEvidenceControl(evidenceId: $eid, controlId: $cid) { id } }`,
        {
          c: [{ id: `CTL-T-${n}`, name: 'differential test control', status: pick(['implemented', 'operating']) }],
          e: [{ id: `EV-TC-${n}`, title: 'its evidence', kind: 'log', status: 'approved', validUntil: someDay() }],
          cid: `CTL-T-${n}`,
          eid: `EV-TC-${n}`,
          uid: pick(requirements),
          cov: pick(['full', 'partial']),
        },
      );
    },
  },
  {
    weight: 1,
    run: async () => {
      await gql(editor, 'mutation($id: ID!) { deleteControls(where: {id: {eq: $id}}) { nodesDeleted } }', {
        id: pick(await ids('Control')),
      });
    },
  },
  {
    weight: 2, // exclusions come and go
    run: async () => {
      const uid = pick(requirements);
      await gql(
        editor,
        chance(0.6)
          ? 'mutation($uid: ID!) { addExclusion(requirementUid: $uid, justification: "not applicable here") { id } }'
          : 'mutation($uid: ID!) { removeExclusion(requirementUid: $uid) { id } }',
        { uid },
      );
    },
  },
  {
    weight: 3, // a finding (mostly a major nonconformity) about a requirement or a control (the findings rule)
    run: async () => {
      const id = `F-T-${serial++}`;
      const about = chance(0.5)
        ? `addFindingRequirement(findingId: $id, requirementUid: "${pick(requirements)}") { id }`
        : `addFindingControl(findingId: $id, controlId: "${pick(await ids('Control'))}") { id }`;
      await gql(
        editor,
        `mutation($input: [FindingCreateInput!]!, $id: ID!) { createFindings(input: $input) { findings { id } } ${about} }`,
        {
          input: [
            {
              id,
              title: 'differential test finding',
              kind: pick(['major_nonconformity', 'major_nonconformity', 'minor_nonconformity']),
              raisedOn: pick(['2025-01-01', '2025-12-31', '2026-06-30', '2027-01-01']),
            },
          ],
          id,
        },
      );
    },
  },
  {
    weight: 3, // a corrective action on a finding, open or closed, with or without closing evidence
    run: async () => {
      const findings = await ids('Finding');
      if (!findings.length) return;
      const id = `CA-T-${serial++}`;
      const closed = chance(0.6);
      const withEvidence = chance(0.8);
      await gql(
        editor,
        `mutation($input: [CorrectiveActionCreateInput!]!, $id: ID!, $f: ID!${withEvidence ? ', $e: ID!' : ''}) {
           createCorrectiveActions(input: $input) { correctiveActions { id } }
           addCorrectiveActionFinding(correctiveActionId: $id, findingId: $f) { id }
           ${withEvidence ? 'addCorrectiveActionEvidence(correctiveActionId: $id, evidenceId: $e) { id }' : ''} }`,
        {
          input: [
            {
              id,
              title: 'differential test action',
              status: closed ? 'closed' : pick(['open', 'in_progress']),
              closedOn: closed ? pick(['2025-06-01', '2026-01-01', '2026-12-31']) : null,
            },
          ],
          id,
          f: pick(findings),
          ...(withEvidence ? { e: pick(await ids('Evidence')) } : {}),
        },
      );
    },
  },
  {
    weight: 2, // a corrective action is reopened or closed, or a finding goes
    run: async () => {
      const actions = await ids('CorrectiveAction');
      const findings = await ids('Finding');
      if (chance(0.3) || !actions.length) {
        if (findings.length)
          await gql(editor, 'mutation($id: ID!) { deleteFindings(where: {id: {eq: $id}}) { nodesDeleted } }', {
            id: pick(findings),
          });
        return;
      }
      const closed = chance(0.5);
      await gql(
        editor,
        `mutation($id: ID!, $s: CorrectiveActionStatus!, $d: Date) {
           updateCorrectiveActions(where: {id: {eq: $id}}, update: {status: {set: $s}, closedOn: {set: $d}}) { correctiveActions { id } } }`,
        { id: pick(actions), s: closed ? 'closed' : 'open', d: closed ? pick(['2025-06-01', '2026-01-01', '2027-01-01']) : null },
      );
    },
  },
  {
    weight: 1, // a filter that names no ids: the organization is recomputed as a whole
    run: async () => {
      await gql(
        editor,
        'mutation($d: Date) { updateEvidence(where: {status: {eq: draft}, kind: {eq: log}}, update: {validUntil: {set: $d}}) { evidence { id } } }',
        {
          d: someDay(),
        },
      );
    },
  },
];

const csvLine = (fields: (string | number)[]) =>
  fields.map((f) => (/[",\n]/.test(String(f)) ? `"${String(f).replace(/"/g, '""')}"` : String(f))).join(',');

/** Through the importer: a few mappings between the requirements in play, then evidence for some controls. */
async function importBatch(n: number): Promise<number> {
  const mappings = path.join(dir, `mappings-${n}.csv`);
  const rows = Array.from({ length: 6 }, () => {
    const [a, b] = [pick(requirements), pick(requirements)];
    return a === b
      ? null
      : csvLine([
          a,
          b,
          pick(['equal', 'superset_of', 'subset_of', 'intersects_with']),
          pick([5, 6, 7, 8, 9]),
          'semantic',
          'expert_judgement',
          'differential test mapping',
          'approved',
        ]);
  }).filter((r): r is string => r !== null);
  fs.writeFileSync(
    mappings,
    ['source_uid,target_uid,relationship,strength,rationale,source,explanation,status', ...rows].join('\n') + '\n',
  );
  const controls = await ids('Control');
  const evidence = Array.from({ length: 5 }, () => `EV-I-${serial++}`);
  const evidenceFile = path.join(dir, `evidence.csv`);
  const linksFile = path.join(dir, `evidence-controls.csv`);
  fs.writeFileSync(
    evidenceFile,
    [
      'org_id,id,title,kind,uri,sha256,collected_at,valid_until,status,owner',
      ...evidence.map((id) =>
        csvLine([tenant.org, id, 'imported evidence', 'report', '', '', '2024-01-01', someDay() ?? '', 'approved', 'test']),
      ),
    ].join('\n') + '\n',
  );
  fs.writeFileSync(
    linksFile,
    ['org_id,evidence_id,control_id', ...evidence.map((id) => csvLine([tenant.org, id, pick(controls)]))].join('\n') + '\n',
  );
  await importFiles(graph, [mappings]);
  await importFiles(graph, [evidenceFile, linksFile]);
  return 2;
}

beforeAll(async () => {
  // One organization only: the generated ids (CTL-1, EV-1) collide with the demo organization's, and a
  // second organization would only slow the suite down (tenant isolation has its own tests).
  graph = await seededGraph();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-coverage-'));
  tenant = generateTenant({ factor: 0.003, seed: 5, out: path.join(dir, 'tenant') });
  await importFiles(graph, tenantFiles(tenant));
  server = await startApiServer(graph, { port: 0, host: '127.0.0.1', api: OPTIONS });
  editor = await mintToken(SECRET, { roles: ['editor'], org: tenant.org }, { ttlSeconds: 3600 });
  const { records } = await graph.run(
    `MATCH (a:Requirement)-[m:MAPS_TO]-() WHERE m.status = 'approved' WITH DISTINCT a
     OPTIONAL MATCH (a)-[:PART_OF]->(p) WITH collect(a.uid) + collect(p.uid) AS uids
     UNWIND uids AS uid WITH DISTINCT uid ORDER BY uid RETURN collect(uid) AS uids`,
  );
  requirements = records[0]?.get('uids') as string[];
}, 240_000);

afterAll(async () => {
  await server?.stop();
  await graph?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** verify on `days`; the whole answers on the first of them (they cost more). */
async function expectNoDifference(org: string, days: readonly string[] = DAYS) {
  const result = await verify(graph, { org, days });
  expect(result.compared).toBeGreaterThan(1000);
  expect(result.differences.slice(0, 5)).toEqual([]);
  await expectSameAnswers(org, days.slice(0, 1));
}

/** Key order is not part of an answer. */
const canonical = (x: unknown): unknown =>
  Array.isArray(x)
    ? x.map(canonical)
    : x && typeof x === 'object'
      ? Object.fromEntries(
          Object.keys(x)
            .sort()
            .map((k) => [k, canonical((x as Record<string, unknown>)[k])]),
        )
      : x;

/**
 * Every question that reads the maintained coverage gives, whole (counts, pages, detail), the answer it gives
 * computed from scratch (`reference: true`).
 */
async function expectSameAnswers(org: string, days: readonly string[]) {
  const [a, b] = [tenant.adopted[0]!, tenant.adopted[1]!];
  const asked: [string, Record<string, unknown>][] = [
    ['coverage', { framework: a }],
    ['coverage', { framework: b, first: 20, offset: 30 }],
    ['gaps', { framework: a, statuses: ['gap', 'stale', 'unverified', 'partially_met'], first: 25 }],
    ['reuse', { source: a, target: b }],
    ['evidence-covering-both', { frameworkA: a, frameworkB: b, includeInvalid: true, first: 30 }],
    ['explain', { requirement: pick(requirements) }],
    ['impact', { evidence: pick(known.Evidence), withinDays: 400 }],
    ['impact', { control: pick(known.Control) }],
  ];
  for (const today of days) {
    for (const [name, params] of asked) {
      const question = findQuestion(name)!;
      const given = { ...params, org, today };
      const stored = await question.run(graph, given);
      const reference = await question.run(graph, { ...given, reference: true });
      expect(canonical(stored), `${name} ${JSON.stringify(given)}`).toEqual(canonical(reference));
    }
  }
}

describe('maintained coverage equals the reference computation', () => {
  it('after the import of a generated tenant', async () => {
    await refreshIds();
    await expectNoDifference(tenant.org);
  }, 300_000);

  it(`after ${BATCHES * WRITES_PER_BATCH} random writes through GraphQL and the importer, batch by batch`, async () => {
    const total = WRITES.reduce((sum, w) => sum + w.weight, 0);
    let writes = 0;
    await refreshIds();
    for (let batch = 0; batch < BATCHES; batch++) {
      for (let i = 0; i < WRITES_PER_BATCH - 2; i++) {
        let x = random() * total;
        const write = WRITES.find((w) => (x -= w.weight) < 0) ?? WRITES[0]!;
        await write.run();
        writes++;
      }
      await refreshIds();
      writes += await importBatch(batch);
      await refreshIds();
      // Two of the days after each batch (in turn), all of them after the last.
      await expectNoDifference(tenant.org, batch === BATCHES - 1 ? DAYS : [DAYS[batch % 3]!, DAYS[(batch + 1) % 3]!]);
    }
    expect(writes).toBeGreaterThanOrEqual(500);
    // No pending token stayed behind.
    const { records } = await graph.run('MATCH (p:CoveragePending) RETURN count(p) AS n');
    expect(records[0]?.get('n')).toBe(0);
    // The findings writes did cap requirements that were met on some of the days (the rule was exercised).
    const capped = await graph.run(
      `MATCH (d:CoverageDirect {org: $org}) WHERE size(d.capFrom) > 0 AND d.metUntil >= date('2025-06-01')
       RETURN count(d) AS n`,
      { org: tenant.org },
    );
    expect(Number(capped.records[0]?.get('n'))).toBeGreaterThan(0);
  }, 900_000);
});
