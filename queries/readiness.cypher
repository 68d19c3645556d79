// readiness(framework, org, today): what queries/readiness.ts judges the five steps of the certification
// programme on (the rules are there and in queries/README.md "Readiness"): the inventory, the gap analysis,
// who is accountable for what, the risks, the controls and their evidence, training, internal audits,
// management reviews, findings and corrective actions, and the coverage status of the clauses each step
// evidences (seeds/readiness/clauses.csv) as the maintained coverage stores it (the shared status block).
// One row, column `result`. Params: $framework, $org, $today (null = date()), $clauseUids (the clauses),
// $clauseFrameworks (their frameworks).
WITH $org AS org, date(coalesce($today, date())) AS today
// The clauses: each with the normative leaves under it (itself when it is one) and their statuses.
CALL (org, today) {
  WITH org, today, $clauseFrameworks AS fws, 3 AS maxDepth, 7 AS minStrength, 1 AS indicationDepth,
       5 AS indicationMinStrength, null AS systemId, [] AS dropEvidence, [] AS dropControls, false AS reference,
       null AS sourceFws
// @include coverage/status
  WITH leaf, status
  WHERE EXISTS { (leaf)-[:PART_OF*0..]->(c:Requirement) WHERE c.uid IN $clauseUids }
  RETURN apoc.map.fromPairs(collect([leaf.uid, status])) AS statusOf
}
CALL (statusOf) {
  UNWIND $clauseUids AS uid
  MATCH (c:Requirement {uid: uid})
  OPTIONAL MATCH (l:Requirement)-[:PART_OF*0..]->(c)
  WHERE coalesce(l.normative, true) AND NOT EXISTS { (:Requirement)-[:PART_OF]->(l) }
  WITH c, collect(statusOf[l.uid]) AS statuses
  RETURN collect({uid: c.uid, ref: c.ref, title: c.title, statuses: statuses}) AS clauses
}
// Step 1: the framework, its adoption, the inventory, the gap analysis (a normative leaf is decided when a
// non-retired control of the organization implements it or an ancestor, or the organization excludes it or one).
OPTIONAL MATCH (fw:Framework {id: $framework})
OPTIONAL MATCH (:Organization {id: org})-[adoption:ADOPTS]->(fw)
CALL (org) {
  OPTIONAL MATCH (s:System {orgId: org})
  WITH s ORDER BY s.id
  RETURN collect(CASE WHEN s IS NOT NULL THEN {id: s.id, name: s.name, isAI: s.isAI, aiActRisk: s.aiActRisk,
    risks: COUNT { (:Risk {orgId: org})-[:THREATENS]->(s) },
    accountable: [(p:Person {orgId: org})-[r:RESPONSIBLE_FOR]->(s) WHERE r.raci = 'accountable' | p.id]} END) AS systems
}
CALL (org) {
  MATCH (l:Requirement {frameworkId: $framework})
  WHERE coalesce(l.normative, true) AND NOT EXISTS { (:Requirement)-[:PART_OF]->(l) }
  WITH l, EXISTS { MATCH (c:Control {orgId: org})-[:IMPLEMENTS]->(:Requirement)<-[:PART_OF*0..]-(l) WHERE c.status <> 'retired' }
         AS implemented,
       EXISTS { (:Organization {id: org})-[:EXCLUDES]->(:Requirement)<-[:PART_OF*0..]-(l) } AS excluded
  WITH l, implemented OR excluded AS decided ORDER BY l.order, l.uid
  RETURN count(l) AS leaves, [x IN collect(CASE WHEN NOT decided THEN l.uid END) WHERE x IS NOT NULL] AS undecided
}
// Step 2: people, bodies, who is accountable.
CALL (org) {
  OPTIONAL MATCH (p:Person {orgId: org})
  WITH p ORDER BY p.id
  RETURN count(p) AS persons,
         [x IN collect(CASE WHEN p.kind = 'body' THEN {id: p.id, name: p.name} END) WHERE x IS NOT NULL] AS bodies
}
CALL (org, fw) {
  OPTIONAL MATCH (p:Person {orgId: org})-[r:RESPONSIBLE_FOR]->(fw)
  WHERE r.raci = 'accountable'
  WITH p ORDER BY p.id
  RETURN collect({id: p.id, name: p.name}) AS frameworkAccountable
}
CALL (org, today) {
  OPTIONAL MATCH (c:Control {orgId: org})
  WHERE c.status <> 'retired'
  WITH c ORDER BY c.id
  RETURN collect(CASE WHEN c IS NOT NULL THEN {id: c.id, name: c.name, status: c.status,
    accountable: [(p:Person {orgId: org})-[r:RESPONSIBLE_FOR]->(c) WHERE r.raci = 'accountable' | p.id],
    validEvidence: [(e:Evidence {orgId: org})-[:SUPPORTS]->(c)
                    WHERE e.status = 'approved' AND (e.validUntil IS NULL OR e.validUntil >= today) | e.id]} END) AS controls
}
CALL (org) {
  OPTIONAL MATCH (p:Person {orgId: org})-[r:RESPONSIBLE_FOR]->(x)
  WHERE r.raci = 'accountable' AND (x.orgId = org OR x:Framework)
  WITH x, collect(DISTINCT p.id) AS persons
  WHERE size(persons) > 1
  WITH x, persons ORDER BY x.id
  RETURN collect({kind: CASE WHEN x:System THEN 'system' WHEN x:Control THEN 'control' WHEN x:Risk THEN 'risk' ELSE 'framework' END,
                  id: x.id, persons: apoc.coll.sort(persons)}) AS multiAccountable
}
// Step 3: the risks.
CALL (org) {
  OPTIONAL MATCH (r:Risk {orgId: org})
  WITH r ORDER BY r.id
  RETURN collect(CASE WHEN r IS NOT NULL THEN {id: r.id, title: r.title, treatment: r.treatment} END) AS risks
}
// Step 5: training (the rule shared with training-gaps), internal audits of the framework, management
// reviews of it, corrective actions and major nonconformities.
// @include training-needs
CALL (org, today) {
  OPTIONAL MATCH (a:Audit {orgId: org})
  WHERE a.kind = 'internal' AND a.status = 'completed' AND a.performedOn <= today
    AND EXISTS { (a)-[:AUDITS]->(x) WHERE (x:Framework AND x.id = $framework) OR (x:Requirement AND x.frameworkId = $framework) }
  WITH a ORDER BY a.performedOn DESC, a.id
  RETURN head(collect(CASE WHEN a IS NOT NULL THEN {id: a.id, title: a.title, performedOn: toString(a.performedOn),
                                                    auditor: a.auditor, independent: a.independent} END)) AS lastAudit,
         COUNT { (x:Audit {orgId: org}) WHERE x.kind = 'internal' } AS internalAudits
}
CALL (org, today) {
  OPTIONAL MATCH (m:ManagementReview {orgId: org})-[:REVIEWS]->(:Framework {id: $framework})
  WHERE m.heldOn <= today
  WITH m ORDER BY m.heldOn DESC, m.id
  RETURN head(collect(CASE WHEN m IS NOT NULL THEN {id: m.id, heldOn: toString(m.heldOn), inputs: coalesce(m.inputs, [])} END))
           AS lastReview,
         COUNT { (x:ManagementReview {orgId: org}) } AS reviews
}
// A corrective action is open until it is closed on or before today; the findings open on today are
// coverage/open-findings.cypher's (the findings rule, queries/README.md).
CALL (org, today) {
  OPTIONAL MATCH (ca:CorrectiveAction {orgId: org})
  WHERE NOT (ca.status = 'closed' AND ca.closedOn <= today) AND ca.dueOn < today
  WITH ca ORDER BY ca.dueOn, ca.id
  RETURN collect(CASE WHEN ca IS NOT NULL THEN {id: ca.id, title: ca.title, dueOn: toString(ca.dueOn)} END) AS overdue
}
CALL (org, today) {
// @include coverage/open-findings
  UNWIND openFindings AS f
  WITH org, f
  WHERE f.kind = 'major_nonconformity'
    // It concerns the framework: about one of its requirements or a control, raised in an audit of it, or about nothing named.
    AND (EXISTS { (f)-[:ABOUT]->(r:Requirement) WHERE r.frameworkId = $framework }
         OR EXISTS { (f)-[:ABOUT]->(:Control {orgId: org}) }
         OR EXISTS { (f)-[:RAISED_IN]->(:Audit {orgId: org})-[:AUDITS]->(x)
                     WHERE (x:Framework AND x.id = $framework) OR (x:Requirement AND x.frameworkId = $framework) }
         OR NOT EXISTS { (f)-[:ABOUT]->() })
  RETURN collect({id: f.id, title: f.title, raisedOn: toString(f.raisedOn)}) AS openMajor
}
RETURN {framework: $framework, org: $org, today: toString(today), frameworkName: fw.name,
        adopted: adoption IS NOT NULL, adoptedSince: toString(adoption.since),
        systems: systems, leaves: leaves, undecided: undecided,
        persons: persons, bodies: bodies, frameworkAccountable: [x IN frameworkAccountable WHERE x.id IS NOT NULL],
        controls: controls, multiAccountable: [x IN multiAccountable WHERE x.id IS NOT NULL], risks: risks,
        trainingGaps: trainingGaps, trainingRecords: trainingRecords, lastAudit: lastAudit, internalAudits: internalAudits,
        lastReview: lastReview, reviews: reviews, overdue: overdue, openMajor: openMajor, clauses: clauses} AS result
