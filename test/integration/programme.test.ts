/**
 * The readiness programme's organization-side model (issue 24) end to end: the seven templates through the
 * CLI (`crosswalk import`), bad input with file/line/field and an unchanged graph, re-imports replacing a
 * row's list relationships, the demo organization's programme, and GraphQL create/read/link by an editor.
 * Expected figures are counted by hand from the CSV files named in each test.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken } from '../../api/auth.ts';
import { readApiOptions } from '../../api/config.ts';
import { startApiServer, type ApiServer } from '../../api/server.ts';
import type { Graph } from '../../graph/connection.ts';
import { importFiles } from '../../importers/index.ts';
import { ImportValidationError } from '../../importers/problems.ts';
import { graphFingerprint, runCli, seededGraph } from './helpers.ts';

const TEMPLATES = path.join(import.meta.dirname, '..', '..', 'seeds', 'templates');
const SECRET = 'test-secret-0123456789-0123456789-abcdef';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-programme-'));

let graph: Graph;
let server: ApiServer;
beforeAll(async () => {
  graph = await seededGraph({ demo: true });
  server = await startApiServer(graph, { port: 0, host: '127.0.0.1', api: { ...readApiOptions({}), auth: { secret: SECRET } } });
}, 300_000);
afterAll(async () => {
  await server?.stop();
  await graph?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Writes files into a fresh directory: { 'persons.csv': 'header\nrow' }. */
function dir(name: string, files: Record<string, string>): string {
  const at = path.join(tmp, name);
  fs.mkdirSync(at, { recursive: true });
  for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(at, file), `${text.trim()}\n`);
  return at;
}

const one = async (cypher: string, params: Record<string, unknown> = {}) => (await graph.run(cypher, params)).records[0]!;
const counts = (summary: Record<string, { created: number; updated: number; unchanged: number }>, types: string[]) =>
  Object.fromEntries(
    types.map((t) => [t, summary[t] ? `${summary[t].created}/${summary[t].updated}/${summary[t].unchanged}` : 'none']),
  );

const PROGRAMME_TYPES = [
  'Person',
  'Training',
  'Audit',
  'Finding',
  'CorrectiveAction',
  'ManagementReview',
  'RESPONSIBLE_FOR System',
  'RESPONSIBLE_FOR Control',
  'RESPONSIBLE_FOR Risk',
  'RESPONSIBLE_FOR Framework',
  'MEMBER_OF Person',
  'COMPLETED_BY Person',
  'AUDITS Framework',
  'AUDITS Requirement',
  'AUDITS System',
  'RAISED_IN Audit',
  'ABOUT Requirement',
  'ABOUT Control',
  'CORRECTS Finding',
  'OWNED_BY Person',
  'CLOSED_BY Evidence',
  'REVIEWS Framework',
];

describe('the programme templates through the CLI', () => {
  it('imports every example file of seeds/templates with the counts of its rows; a re-import changes nothing', async () => {
    const first = await runCli(graph, ['import', TEMPLATES, '--json']);
    expect(first.code, first.stderr).toBe(0);
    const summary = JSON.parse(first.stdout).summary;
    // persons.csv 5 rows (1 body, 3 members of it); responsibilities.csv 8 rows: 2 system, 3 control, 1 risk,
    // 2 framework; trainings.csv 4; audits.csv 2 (scope: 1 framework, 2 requirements, 2 + 1 systems);
    // findings.csv 3 (all raised in AUD-2025-AIMS; about 2 requirements and 2 controls); corrective-actions.csv
    // 2 (each with a finding and an owner, 1 closed by evidence); management-reviews.csv 1 (2 frameworks).
    expect(counts(summary, PROGRAMME_TYPES)).toEqual({
      Person: '5/0/0',
      Training: '4/0/0',
      Audit: '2/0/0',
      Finding: '3/0/0',
      CorrectiveAction: '2/0/0',
      ManagementReview: '1/0/0',
      'RESPONSIBLE_FOR System': '2/0/0',
      'RESPONSIBLE_FOR Control': '3/0/0',
      'RESPONSIBLE_FOR Risk': '1/0/0',
      'RESPONSIBLE_FOR Framework': '2/0/0',
      'MEMBER_OF Person': '3/0/0',
      'COMPLETED_BY Person': '4/0/0',
      'AUDITS Framework': '1/0/0',
      'AUDITS Requirement': '2/0/0',
      'AUDITS System': '3/0/0',
      'RAISED_IN Audit': '3/0/0',
      'ABOUT Requirement': '2/0/0',
      'ABOUT Control': '2/0/0',
      'CORRECTS Finding': '2/0/0',
      'OWNED_BY Person': '2/0/0',
      'CLOSED_BY Evidence': '1/0/0',
      'REVIEWS Framework': '2/0/0',
    });
    const again = await runCli(graph, ['import', TEMPLATES, '--json']);
    expect(again.code, again.stderr).toBe(0);
    const unchanged = JSON.parse(again.stdout).summary;
    for (const type of PROGRAMME_TYPES) expect(unchanged[type].created + unchanged[type].updated, type).toBe(0);

    // What the rows say, as stored: dates as dates, lists as lists, the board and its members.
    const ca = await one(
      `MATCH (c:CorrectiveAction {orgId: 'example', id: 'CA-2025-02'})-[:CLOSED_BY]->(e:Evidence)
       MATCH (c)-[:OWNED_BY]->(p:Person) MATCH (c)-[:CORRECTS]->(f:Finding)
       RETURN toString(c.closedOn) AS closedOn, c.status AS status, e.id AS evidence, p.id AS owner, f.kind AS kind`,
    );
    expect(ca.toObject()).toEqual({
      closedOn: '2025-12-19',
      status: 'closed',
      evidence: 'EV-REVLOG',
      owner: 'P-UW',
      kind: 'minor_nonconformity',
    });
    const board = await one(
      `MATCH (m:Person {orgId: 'example'})-[:MEMBER_OF]->(b:Person {orgId: 'example', id: 'BOARD-AI'})
       RETURN b.kind AS kind, collect(m.id) AS members`,
    );
    expect(board.get('kind')).toBe('body');
    expect((board.get('members') as string[]).sort()).toEqual(['P-AIO', 'P-CEO', 'P-DPO']);
    const review = await one(
      `MATCH (m:ManagementReview {orgId: 'example', id: 'MR-2025'}) RETURN size(m.inputs) AS inputs, toString(m.heldOn) AS heldOn`,
    );
    expect(review.toObject()).toEqual({ inputs: 10, heldOn: '2025-12-10' });
    const training = await one(
      `MATCH (t:Training {orgId: 'example', id: 'TR-DPO-AWARE'})-[:COMPLETED_BY]->(p) RETURN t.validUntil AS validUntil, p.id AS person`,
    );
    expect(training.toObject()).toEqual({ validUntil: null, person: 'P-DPO' });
  });
});

describe('bad programme input', () => {
  it('names file, line and field of every problem and writes nothing (exit code 3)', async () => {
    const bad = dir('bad', {
      'organizations.csv': 'id,name\nprog-a,Programme A\nprog-b,Programme B',
      'persons.csv': `org_id,id,name,kind,role,email,member_of
prog-a,P-1,Alice,individual,AI officer,,
prog-a,P-2,Bob,robot,,,
prog-a,P-3,Carol,individual,,,P-1
prog-b,P-9,Other,individual,,,`,
      'trainings.csv': `org_id,id,person_id,course,kind,completed_on,valid_until
prog-a,T-1,P-1,Awareness,awareness,2026-02-30,
prog-a,T-2,P-9,Awareness,awareness,2026-01-01,2025-12-31`,
      'findings.csv': `org_id,id,title,kind,raised_on,audit_id,requirements,controls,description
prog-a,F-1,Risk assessment missing,major_nonconformity,2026-01-10,,iso42001:6.1.2,,`,
      'corrective-actions.csv': `org_id,id,finding_id,title,status,owner_id,due_on,closed_on,evidence
prog-a,CA-1,F-1,Assess,closed,P-1,2026-03-01,,
prog-a,CA-2,F-1,Assess again,open,P-1,2026-03-01,2026-02-01,`,
      'responsibilities.csv': `org_id,person_id,raci,subject_kind,subject_id
prog-a,P-1,accountable,framework,iso42001
prog-a,P-3,accountable,framework,iso42001`,
    });
    const before = await graphFingerprint(graph);
    const error = await importFiles(graph, [bad]).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ImportValidationError);
    const problems = (error as ImportValidationError).problems
      .map((p) => `${path.basename(p.file)}:${p.line} [${p.field}] ${p.code}`)
      .sort();
    expect(problems).toEqual([
      'corrective-actions.csv:2 [closed_on] VALUE_REQUIRED',
      'corrective-actions.csv:3 [closed_on] VALUE_CONFLICT',
      'persons.csv:3 [kind] VALUE_ENUM',
      'persons.csv:4 [member_of] REFERENCE_WRONG_KIND',
      'responsibilities.csv:3 [person_id] VALUE_CONFLICT',
      'trainings.csv:2 [completed_on] VALUE_DATE',
      'trainings.csv:3 [person_id] REFERENCE_OTHER_ORGANIZATION',
      'trainings.csv:3 [valid_until] DATE_ORDER',
    ]);
    const cli = await runCli(graph, ['import', bad]);
    expect(cli.code).toBe(3);
    expect(cli.stderr).toContain("trainings.csv:line 3 [person_id]: person 'P-9' belongs to organization 'prog-b', not 'prog-a'");
    expect(cli.stderr).toContain("persons.csv:line 4 [member_of]: 'P-1' is a person of kind individual");
    expect(await graphFingerprint(graph)).toBe(before);
  });

  it('an unknown person, audit or requirement is REFERENCE_UNKNOWN at its row and column', async () => {
    const bad = dir('unknown', {
      'organizations.csv': 'id,name\nprog-u,Programme U',
      'findings.csv': `org_id,id,title,kind,raised_on,audit_id,requirements,controls,description
prog-u,F-1,Finding,observation,2026-01-10,AUD-NONE,iso42001:99.9,,`,
      'trainings.csv': `org_id,id,person_id,course,kind,completed_on,valid_until
prog-u,T-1,P-NONE,Awareness,awareness,2026-01-10,`,
    });
    const error = (await importFiles(graph, [bad]).catch((e: unknown) => e)) as ImportValidationError;
    expect(error.problems.map((p) => `${path.basename(p.file)}:${p.line} [${p.field}] ${p.code}`).sort()).toEqual([
      'findings.csv:2 [audit_id] REFERENCE_UNKNOWN',
      'findings.csv:2 [requirements] REFERENCE_UNKNOWN',
      'trainings.csv:2 [person_id] REFERENCE_UNKNOWN',
    ]);
  });
});

describe('re-importing a row replaces its list relationships', () => {
  it('an audit scope shrinks to what the row names; a column left out keeps its links', async () => {
    const base = {
      'organizations.csv': 'id,name\nprog-r,Programme R',
      'systems.csv': 'org_id,id,name\nprog-r,S-1,System one\nprog-r,S-2,System two',
    };
    const first = await importFiles(graph, [
      dir('r1', {
        ...base,
        'audits.csv': `org_id,id,title,kind,status,performed_on,frameworks,systems
prog-r,A-1,Audit,internal,completed,2026-05-01,iso42001,S-1|S-2`,
      }),
    ]);
    expect(counts(first.summary, ['AUDITS Framework', 'AUDITS System'])).toEqual({
      'AUDITS Framework': '1/0/0',
      'AUDITS System': '2/0/0',
    });
    // S-2 leaves the scope: one link removed (counted as updated), one kept.
    const second = await importFiles(graph, [
      dir('r2', {
        'audits.csv': `org_id,id,title,kind,status,performed_on,frameworks,systems
prog-r,A-1,Audit,internal,completed,2026-05-01,iso42001,S-1`,
      }),
    ]);
    expect(counts(second.summary, ['AUDITS Framework', 'AUDITS System'])).toEqual({
      'AUDITS Framework': '0/0/1',
      'AUDITS System': '0/1/1',
    });
    // No frameworks column: the framework stays in scope; an empty systems cell empties the systems.
    const third = await importFiles(graph, [
      dir('r3', {
        'audits.csv': `org_id,id,title,kind,status,performed_on,systems
prog-r,A-1,Audit,internal,completed,2026-05-01,`,
      }),
    ]);
    expect(counts(third.summary, ['AUDITS Framework', 'AUDITS System'])).toEqual({
      'AUDITS Framework': 'none',
      'AUDITS System': '0/1/0',
    });
    const scope = await one(
      `MATCH (a:Audit {orgId: 'prog-r', id: 'A-1'}) RETURN [(a)-[:AUDITS]->(t) | coalesce(t.uid, t.id)] AS scope`,
    );
    expect(scope.get('scope')).toEqual(['iso42001']);
  });
});

describe('the demo organization', () => {
  it('has a governance board, an AI officer, RACI gaps, expired training, an audit with findings and a review', async () => {
    const people = await one(
      `MATCH (p:Person {orgId: 'demo'})
       RETURN count(p) AS persons, [x IN collect(p) WHERE x.kind = 'body' | x.id] AS bodies,
              [x IN collect(p) WHERE x.role = 'AI officer' | x.id] AS aiOfficers,
              [x IN collect(p) WHERE x.role = 'Data protection officer' | x.id] AS dpos,
              size([(m:Person {orgId: 'demo'})-[:MEMBER_OF]->(:Person {id: 'BOARD-AI'}) | m]) AS members`,
    );
    expect(people.toObject()).toEqual({ persons: 12, bodies: ['BOARD-AI'], aiOfficers: ['P-AIO'], dpos: ['P-DPO'], members: 4 });
    // responsibilities.csv: the board is accountable for iso42001; 21 of 27 controls and 2 of 3 AI systems
    // (not sys-recruit) have an accountable person.
    const raci = await one(
      `MATCH (c:Control {orgId: 'demo'})
       WITH count(c) AS controls,
            count(CASE WHEN EXISTS { (c)<-[:RESPONSIBLE_FOR {raci: 'accountable'}]-(:Person) } THEN 1 END) AS accountableControls
       MATCH (s:System {orgId: 'demo', isAI: true})
       WITH controls, accountableControls, collect(s) AS ai
       RETURN controls, accountableControls, size(ai) AS aiSystems,
              [s IN ai WHERE NOT EXISTS { (s)<-[:RESPONSIBLE_FOR {raci: 'accountable'}]-(:Person) } | s.id] AS aiWithoutAccountable,
              [(p:Person {orgId: 'demo'})-[:RESPONSIBLE_FOR {raci: 'accountable'}]->(:Framework {id: 'iso42001'}) | p.id] AS iso42001`,
    );
    expect(raci.toObject()).toEqual({
      controls: 27,
      accountableControls: 21,
      aiSystems: 3,
      aiWithoutAccountable: ['sys-recruit'],
      iso42001: ['BOARD-AI'],
    });
    // trainings.csv as of 2026-12-01: 4 of 19 expired; P-HTA has a role and no valid training at all.
    const training = await one(
      `MATCH (t:Training {orgId: 'demo'})
       WITH count(t) AS trainings, count(CASE WHEN t.validUntil < date('2026-12-01') THEN 1 END) AS expired
       MATCH (p:Person {orgId: 'demo', kind: 'individual'})
       WHERE NOT EXISTS { (p)<-[:COMPLETED_BY]-(v:Training) WHERE v.validUntil IS NULL OR v.validUntil >= date('2026-12-01') }
       RETURN trainings, expired, collect(p.id) AS untrained`,
    );
    expect(training.toObject()).toEqual({ trainings: 19, expired: 4, untrained: ['P-HTA'] });
    // One completed internal audit of iso42001, three findings, two corrective actions (one open and overdue).
    const audit = await one(
      `MATCH (a:Audit {orgId: 'demo'})-[:AUDITS]->(:Framework {id: 'iso42001'})
       MATCH (f:Finding)-[:RAISED_IN]->(a)
       OPTIONAL MATCH (c:CorrectiveAction)-[:CORRECTS]->(f)
       WITH a, f, c ORDER BY f.id
       RETURN a.status AS status, toString(a.performedOn) AS performedOn,
              collect([f.kind, c.status, toString(c.dueOn), [(c)-[:CLOSED_BY]->(e:Evidence {status: 'approved'}) | e.id]]) AS findings`,
    );
    expect(audit.toObject()).toEqual({
      status: 'completed',
      performedOn: '2025-10-20',
      findings: [
        ['major_nonconformity', 'open', '2026-03-31', []],
        ['minor_nonconformity', 'closed', '2026-06-30', ['EV-09']],
        ['observation', null, null, []],
      ],
    });
    // The major nonconformity is about a requirement the demo meets directly (before the findings rule).
    const about = await one(
      `MATCH (:Finding {orgId: 'demo', id: 'F-2025-01'})-[:ABOUT]->(r:Requirement) RETURN collect(r.uid) AS uids`,
    );
    expect(about.get('uids')).toEqual(['iso42001:A.6.2.6']);
    const review = await one(
      `MATCH (m:ManagementReview {orgId: 'demo'})-[:REVIEWS]->(:Framework {id: 'iso42001'})
       RETURN toString(m.heldOn) AS heldOn, 'monitoring_results' IN m.inputs AS monitoring, size(m.inputs) AS inputs`,
    );
    expect(review.toObject()).toEqual({ heldOn: '2026-03-18', monitoring: false, inputs: 8 });
  });
});

describe('GraphQL', () => {
  const gql = async (token: string, query: string, variables?: Record<string, unknown>) => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as {
      data?: Record<string, any>;
      errors?: { message: string; extensions?: { code?: string } }[];
    };
  };

  it('an editor creates a person, links it to a body and makes it accountable for a control; a viewer cannot', async () => {
    await importFiles(graph, [
      dir('api', {
        'organizations.csv': 'id,name\nprog-g,Programme G',
        'controls.csv': 'org_id,id,name,status\nprog-g,C-1,Control one,operating',
        'persons.csv': 'org_id,id,name,kind\nprog-g,BOARD,Board,body\nprog-g,P-OLD,Old,individual',
      }),
    ]);
    const editor = await mintToken(SECRET, { roles: ['editor'], org: 'prog-g' }, { ttlSeconds: 600 });
    const viewer = await mintToken(SECRET, { roles: ['viewer'], org: 'prog-g' }, { ttlSeconds: 600 });
    const created = await gql(
      editor,
      `mutation { createPeople(input: [{ id: "P-NEW", name: "Nadia", kind: individual, role: "AI officer" }]) { people { orgId id kind role } } }`,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data?.createPeople.people).toEqual([{ orgId: 'prog-g', id: 'P-NEW', kind: 'individual', role: 'AI officer' }]);
    const linked = await gql(
      editor,
      `mutation {
        m: addPersonMembership(personId: "P-NEW", bodyId: "BOARD") { id }
        a: addControlResponsibility(personId: "P-NEW", controlId: "C-1", raci: accountable) { id }
        r: addControlResponsibility(personId: "P-NEW", controlId: "C-1", raci: responsible) { id }
      }`,
    );
    expect(linked.errors).toBeUndefined();
    // A member_of must name a body: P-OLD is an individual.
    const notBody = await gql(editor, `mutation { addPersonMembership(personId: "P-NEW", bodyId: "P-OLD") { id } }`);
    expect(notBody.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(notBody.errors?.[0]?.message).toContain('no body (a person of kind body) P-OLD');
    const itself = await gql(editor, `mutation { addPersonMembership(personId: "BOARD", bodyId: "BOARD") { id } }`);
    expect(itself.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(itself.errors?.[0]?.message).toBe('a body cannot be a member of itself');
    // Removing one responsibility keeps the other (one relationship per raci).
    const removed = await gql(
      editor,
      `mutation { removeControlResponsibility(personId: "P-NEW", controlId: "C-1", raci: responsible) { id } }`,
    );
    expect(removed.errors).toBeUndefined();
    const read = await gql(
      viewer,
      `{ people(where: { id: { eq: "P-NEW" } }) { name memberOf { id } responsibleForControlsConnection { edges { node { id } properties { raci } } } }
         controls(where: { id: { eq: "C-1" } }) { responsible { id } } }`,
    );
    expect(read.errors).toBeUndefined();
    expect(read.data).toEqual({
      people: [
        {
          name: 'Nadia',
          memberOf: [{ id: 'BOARD' }],
          responsibleForControlsConnection: { edges: [{ node: { id: 'C-1' }, properties: { raci: 'accountable' } }] },
        },
      ],
      controls: [{ responsible: [{ id: 'P-NEW' }] }],
    });
    // A training record is of one person: adding another replaces it.
    const training = await gql(
      editor,
      `mutation {
        createTrainings(input: [{ id: "T-1", course: "Awareness", kind: awareness, completedOn: "2026-11-02" }]) { trainings { id } }
        first: addTrainingPerson(trainingId: "T-1", personId: "P-OLD") { id }
        second: addTrainingPerson(trainingId: "T-1", personId: "P-NEW") { id }
      }`,
    );
    expect(training.errors).toBeUndefined();
    const trained = await gql(viewer, `{ trainings(where: { id: { eq: "T-1" } }) { completedOn validUntil person { id } } }`);
    expect(trained.data?.trainings).toEqual([{ completedOn: '2026-11-02', validUntil: null, person: [{ id: 'P-NEW' }] }]);
    const refused = await gql(
      viewer,
      `mutation { createPeople(input: [{ id: "P-V", name: "V", kind: individual }]) { people { id } } }`,
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
