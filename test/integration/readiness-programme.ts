/**
 * The readiness suites' organization-side programme records (persons, responsibilities, training, audits,
 * findings, corrective actions, management reviews), written with parameterized Cypher in the graph model of
 * SPEC-readiness (the importer for their templates lands on another branch).
 */
import type { Graph } from '../../graph/connection.ts';

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
