/**
 * The readiness suites' organization-side programme records (persons, responsibilities, training, audits,
 * findings, corrective actions, management reviews), written with parameterized Cypher in the graph model of
 * SPEC-readiness (the importer for their templates lands on another branch), and the organizations of the
 * readiness suites: rdy-empty (nothing), rdy-mid (every step in progress), rdy-done (every step done).
 */
import path from 'node:path';
import type { Graph } from '../../graph/connection.ts';
import { runCli } from './helpers.ts';

export interface Programme {
  persons: { org: string; id: string; name: string; kind: 'individual' | 'body'; role?: string; memberOf?: string[] }[];
  responsibilities: {
    org: string;
    person: string;
    raci: string;
    kind: 'system' | 'control' | 'risk' | 'framework';
    subject: string;
  }[];
  trainings: {
    org: string;
    id: string;
    person: string;
    course: string;
    kind: string;
    completedOn: string;
    validUntil?: string;
  }[];
  audits: {
    org: string;
    id: string;
    title: string;
    kind: string;
    status: string;
    performedOn?: string;
    auditor?: string;
    independent?: boolean;
    frameworks?: string[];
    requirements?: string[];
  }[];
  findings: {
    org: string;
    id: string;
    title: string;
    kind: string;
    raisedOn: string;
    audit?: string;
    requirements?: string[];
    controls?: string[];
  }[];
  actions: {
    org: string;
    id: string;
    finding: string;
    title: string;
    status: string;
    owner?: string;
    dueOn?: string;
    closedOn?: string;
    evidence?: string[];
  }[];
  reviews: { org: string; id: string; heldOn: string; frameworks: string[]; inputs: string[] }[];
}

const STATEMENTS: [keyof Programme, string][] = [
  [
    'persons',
    `UNWIND $rows AS r
     MERGE (p:Person {orgId: r.org, id: r.id}) SET p.name = r.name, p.kind = r.kind, p.role = r.role
     WITH p, r UNWIND coalesce(r.memberOf, []) AS body
     MATCH (b:Person {orgId: r.org, id: body}) MERGE (p)-[:MEMBER_OF]->(b)`,
  ],
  [
    'responsibilities',
    `UNWIND $rows AS r
     MATCH (p:Person {orgId: r.org, id: r.person})
     CALL (r) {
       MATCH (x) WHERE (r.kind = 'framework' AND x:Framework AND x.id = r.subject)
          OR (r.kind = 'system' AND x:System AND x.orgId = r.org AND x.id = r.subject)
          OR (r.kind = 'control' AND x:Control AND x.orgId = r.org AND x.id = r.subject)
          OR (r.kind = 'risk' AND x:Risk AND x.orgId = r.org AND x.id = r.subject)
       RETURN x
     }
     MERGE (p)-[:RESPONSIBLE_FOR {raci: r.raci}]->(x)`,
  ],
  [
    'trainings',
    `UNWIND $rows AS r
     MATCH (p:Person {orgId: r.org, id: r.person})
     MERGE (t:Training {orgId: r.org, id: r.id})
     SET t.course = r.course, t.kind = r.kind, t.completedOn = date(r.completedOn), t.validUntil = date(r.validUntil)
     MERGE (t)-[:COMPLETED_BY]->(p)`,
  ],
  [
    'audits',
    `UNWIND $rows AS r
     MERGE (a:Audit {orgId: r.org, id: r.id})
     SET a.title = r.title, a.kind = r.kind, a.status = r.status, a.performedOn = date(r.performedOn), a.auditor = r.auditor,
         a.independent = r.independent
     WITH a, r
     CALL (a, r) {
       UNWIND coalesce(r.frameworks, []) AS f MATCH (x:Framework {id: f}) MERGE (a)-[:AUDITS]->(x)
     }
     CALL (a, r) {
       UNWIND coalesce(r.requirements, []) AS q MATCH (x:Requirement {uid: q}) MERGE (a)-[:AUDITS]->(x)
     }`,
  ],
  [
    'findings',
    `UNWIND $rows AS r
     MERGE (f:Finding {orgId: r.org, id: r.id}) SET f.title = r.title, f.kind = r.kind, f.raisedOn = date(r.raisedOn)
     WITH f, r
     CALL (f, r) { MATCH (a:Audit {orgId: r.org, id: r.audit}) MERGE (f)-[:RAISED_IN]->(a) }
     CALL (f, r) { UNWIND coalesce(r.requirements, []) AS q MATCH (x:Requirement {uid: q}) MERGE (f)-[:ABOUT]->(x) }
     CALL (f, r) { UNWIND coalesce(r.controls, []) AS c MATCH (x:Control {orgId: r.org, id: c}) MERGE (f)-[:ABOUT]->(x) }`,
  ],
  [
    'actions',
    `UNWIND $rows AS r
     MATCH (f:Finding {orgId: r.org, id: r.finding})
     MERGE (ca:CorrectiveAction {orgId: r.org, id: r.id})
     SET ca.title = r.title, ca.status = r.status, ca.dueOn = date(r.dueOn), ca.closedOn = date(r.closedOn)
     MERGE (ca)-[:CORRECTS]->(f)
     WITH ca, r
     CALL (ca, r) { MATCH (p:Person {orgId: r.org, id: r.owner}) MERGE (ca)-[:OWNED_BY]->(p) }
     CALL (ca, r) { UNWIND coalesce(r.evidence, []) AS e MATCH (x:Evidence {orgId: r.org, id: e}) MERGE (ca)-[:CLOSED_BY]->(x) }`,
  ],
  [
    'reviews',
    `UNWIND $rows AS r
     MERGE (m:ManagementReview {orgId: r.org, id: r.id}) SET m.heldOn = date(r.heldOn), m.inputs = r.inputs
     WITH m, r UNWIND r.frameworks AS f MATCH (x:Framework {id: f}) MERGE (m)-[:REVIEWS]->(x)`,
  ],
];

export async function writeProgramme(graph: Graph, programme: Programme): Promise<void> {
  for (const [key, statement] of STATEMENTS) {
    const rows = programme[key].map((row) => ({
      role: null,
      validUntil: null,
      performedOn: null,
      auditor: null,
      independent: null,
      audit: null,
      owner: null,
      dueOn: null,
      closedOn: null,
      ...row,
    }));
    if (rows.length) await graph.run(statement, { rows });
  }
}

const ALL_42001_INPUTS = [
  'previous_actions',
  'context_changes',
  'stakeholder_needs',
  'nonconformities',
  'monitoring_results',
  'audit_results',
  'improvement_opportunities',
];

export const PROGRAMME: Programme = {
  persons: [
    { org: 'rdy-mid', id: 'board', name: 'AI governance board', kind: 'body' },
    { org: 'rdy-mid', id: 'p-1', name: 'Ada Officer', kind: 'individual', role: 'AI officer', memberOf: ['board'] },
    { org: 'rdy-mid', id: 'p-2', name: 'Ben Builder', kind: 'individual' },
    { org: 'rdy-mid', id: 'p-3', name: 'Dora Protect', kind: 'individual', role: 'Data protection officer', memberOf: ['board'] },
    { org: 'rdy-mid', id: 'p-4', name: 'Eve Nobody', kind: 'individual' },
    { org: 'rdy-done', id: 'board', name: 'AI governance board', kind: 'body' },
    { org: 'rdy-done', id: 'p-ceo', name: 'Cleo Chief', kind: 'individual', role: 'CEO', memberOf: ['board'] },
  ],
  responsibilities: [
    { org: 'rdy-mid', person: 'p-1', raci: 'accountable', kind: 'framework', subject: 'iso42001' },
    { org: 'rdy-mid', person: 'p-1', raci: 'accountable', kind: 'control', subject: 'CTL-1' },
    { org: 'rdy-mid', person: 'p-3', raci: 'accountable', kind: 'control', subject: 'CTL-1' },
    { org: 'rdy-mid', person: 'p-1', raci: 'accountable', kind: 'system', subject: 'sys-a' },
    { org: 'rdy-mid', person: 'p-2', raci: 'responsible', kind: 'system', subject: 'sys-a' },
    { org: 'rdy-mid', person: 'p-4', raci: 'informed', kind: 'system', subject: 'sys-a' },
    { org: 'rdy-done', person: 'p-ceo', raci: 'accountable', kind: 'framework', subject: 'iso42001' },
    { org: 'rdy-done', person: 'p-ceo', raci: 'accountable', kind: 'control', subject: 'CTL-P' },
    { org: 'rdy-done', person: 'p-ceo', raci: 'accountable', kind: 'system', subject: 'sys-ai' },
  ],
  trainings: [
    {
      org: 'rdy-mid',
      id: 'T-1',
      person: 'p-1',
      course: 'AIMS awareness',
      kind: 'awareness',
      completedOn: '2026-01-10',
      validUntil: '2027-01-10',
    },
    { org: 'rdy-mid', id: 'T-2', person: 'p-1', course: 'AI officer course', kind: 'role_specific', completedOn: '2025-06-01' },
    {
      org: 'rdy-mid',
      id: 'T-3',
      person: 'p-1',
      course: 'AI literacy basics',
      kind: 'ai_literacy',
      completedOn: '2025-01-01',
      validUntil: '2026-01-01',
    },
    {
      org: 'rdy-mid',
      id: 'T-4',
      person: 'p-2',
      course: 'AIMS awareness',
      kind: 'awareness',
      completedOn: '2026-01-10',
      validUntil: '2027-01-10',
    },
    {
      org: 'rdy-mid',
      id: 'T-5',
      person: 'p-3',
      course: 'AIMS awareness',
      kind: 'awareness',
      completedOn: '2026-01-10',
      validUntil: '2027-01-10',
    },
    {
      org: 'rdy-mid',
      id: 'T-6',
      person: 'p-3',
      course: 'DPO update',
      kind: 'role_specific',
      completedOn: '2026-03-01',
      validUntil: '2027-03-01',
    },
    // Completed after today: not valid yet.
    { org: 'rdy-mid', id: 'T-7', person: 'p-2', course: 'AI literacy basics', kind: 'ai_literacy', completedOn: '2026-12-01' },
    {
      org: 'rdy-done',
      id: 'T-D1',
      person: 'p-ceo',
      course: 'AIMS awareness',
      kind: 'awareness',
      completedOn: '2026-01-01',
      validUntil: '2027-01-01',
    },
    { org: 'rdy-done', id: 'T-D2', person: 'p-ceo', course: 'Leading an AIMS', kind: 'role_specific', completedOn: '2026-01-01' },
    {
      org: 'rdy-done',
      id: 'T-D3',
      person: 'p-ceo',
      course: 'AI literacy',
      kind: 'ai_literacy',
      completedOn: '2026-02-01',
      validUntil: '2027-02-01',
    },
  ],
  audits: [
    {
      org: 'rdy-mid',
      id: 'AUD-1',
      title: 'Internal audit of clause 9.2',
      kind: 'internal',
      status: 'completed',
      performedOn: '2025-09-20',
      auditor: 'Q. Auditor',
      independent: true,
      requirements: ['iso42001:9.2'],
    },
    { org: 'rdy-mid', id: 'AUD-2', title: 'Next internal audit', kind: 'internal', status: 'planned', frameworks: ['iso42001'] },
    {
      org: 'rdy-mid',
      id: 'AUD-3',
      title: 'ISMS audit',
      kind: 'internal',
      status: 'completed',
      performedOn: '2026-10-01',
      frameworks: ['iso27001'],
    },
    {
      org: 'rdy-done',
      id: 'AUD-D',
      title: 'AIMS internal audit',
      kind: 'internal',
      status: 'completed',
      performedOn: '2026-06-01',
      frameworks: ['iso42001'],
    },
  ],
  findings: [
    {
      org: 'rdy-mid',
      id: 'F-1',
      title: 'No risk method',
      kind: 'major_nonconformity',
      raisedOn: '2025-09-20',
      audit: 'AUD-1',
      requirements: ['iso42001:6.1.2'],
    },
    {
      org: 'rdy-mid',
      id: 'F-2',
      title: 'Matrix incomplete',
      kind: 'minor_nonconformity',
      raisedOn: '2025-09-20',
      audit: 'AUD-1',
      controls: ['CTL-4'],
    },
    {
      org: 'rdy-mid',
      id: 'F-3',
      title: 'No review records',
      kind: 'major_nonconformity',
      raisedOn: '2026-10-01',
      requirements: ['iso42001:9.3.1'],
    },
    {
      org: 'rdy-done',
      id: 'F-D',
      title: 'Roles unclear',
      kind: 'major_nonconformity',
      raisedOn: '2026-06-01',
      audit: 'AUD-D',
      requirements: ['iso42001:5.3'],
    },
  ],
  actions: [
    {
      org: 'rdy-mid',
      id: 'CA-1',
      finding: 'F-1',
      title: 'Write the risk method',
      status: 'open',
      owner: 'p-1',
      dueOn: '2025-12-31',
    },
    {
      org: 'rdy-mid',
      id: 'CA-4',
      finding: 'F-1',
      title: 'Train the risk owners',
      status: 'in_progress',
      owner: 'p-3',
      dueOn: '2026-11-30',
    },
    {
      org: 'rdy-mid',
      id: 'CA-2',
      finding: 'F-2',
      title: 'Complete the matrix',
      status: 'closed',
      dueOn: '2026-03-01',
      closedOn: '2026-02-01',
      evidence: ['EV-6'],
    },
    // Closed, but without closing evidence: F-3 stays open.
    {
      org: 'rdy-mid',
      id: 'CA-3',
      finding: 'F-3',
      title: 'Minute the reviews',
      status: 'closed',
      dueOn: '2026-10-31',
      closedOn: '2026-10-15',
    },
    {
      org: 'rdy-done',
      id: 'CA-D',
      finding: 'F-D',
      title: 'RACI adopted',
      status: 'closed',
      owner: 'p-ceo',
      dueOn: '2026-08-01',
      closedOn: '2026-07-15',
      evidence: ['EV-P'],
    },
  ],
  reviews: [
    {
      org: 'rdy-mid',
      id: 'MR-1',
      heldOn: '2026-05-01',
      frameworks: ['iso42001'],
      inputs: ['previous_actions', 'context_changes', 'nonconformities', 'monitoring_results', 'audit_results'],
    },
    { org: 'rdy-done', id: 'MR-D', heldOn: '2026-07-01', frameworks: ['iso42001'], inputs: ALL_42001_INPUTS },
  ],
};

const FIXTURES = path.join(import.meta.dirname, 'fixtures', 'readiness');

/** Imports fixtures/readiness through the CLI and writes the programme records. */
export async function setUpReadinessOrganizations(graph: Graph): Promise<void> {
  const imported = await runCli(graph, ['import', FIXTURES]);
  if (imported.code !== 0) throw new Error(`importing ${FIXTURES} failed: ${imported.stderr}`);
  await writeProgramme(graph, PROGRAMME);
}
