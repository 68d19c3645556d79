// audit-plan(framework, org, today): what the next internal audit should cover. Every assessed requirement
// (normative leaf) of the framework, never audited first, then audited longest ago, then in catalog order. A
// completed internal audit (performed on or before today) audits a requirement when its scope names the
// requirement, an ancestor of it, or its framework. With each: its coverage status (the shared status
// block), the last such audit, and the findings still open on today about it (or an ancestor) or about a
// control of the organization implementing it: a finding is closed when it has corrective actions and every one
// is closed on or before today with approved closing evidence. One row, column `result`; requirements paged.
// Params: $framework, $org, $today (null = date()), $first, $offset.
WITH $org AS org, date(coalesce($today, date())) AS today, [$framework] AS fws, 3 AS maxDepth, 7 AS minStrength,
     1 AS indicationDepth, 5 AS indicationMinStrength, null AS systemId, [] AS dropEvidence, [] AS dropControls,
     false AS reference, null AS sourceFws
// @include coverage/status
WITH org, today, leaf, status
CALL (org, today, leaf) {
  OPTIONAL MATCH (a:Audit {orgId: org})-[:AUDITS]->(x)
  WHERE a.kind = 'internal' AND a.status = 'completed' AND a.performedOn <= today
    AND ((x:Framework AND x.id = $framework) OR (x:Requirement AND EXISTS { (leaf)-[:PART_OF*0..]->(x) }))
  WITH DISTINCT a ORDER BY a.performedOn DESC, a.id
  RETURN head(collect(CASE WHEN a IS NOT NULL THEN {id: a.id, title: a.title, performedOn: a.performedOn} END)) AS last,
         count(a) AS audits
}
CALL (org, today, leaf) {
  OPTIONAL MATCH (f:Finding {orgId: org})-[:ABOUT]->(x)
  WHERE f.raisedOn <= today
    AND ((x:Requirement AND EXISTS { (leaf)-[:PART_OF*0..]->(x) })
         OR (x:Control AND x.orgId = org AND EXISTS { (x)-[:IMPLEMENTS]->(:Requirement)<-[:PART_OF*0..]-(leaf) }))
    AND NOT (EXISTS { (:CorrectiveAction {orgId: org})-[:CORRECTS]->(f) }
             AND all(ca IN [(ca:CorrectiveAction {orgId: org})-[:CORRECTS]->(f) | ca]
                     WHERE ca.status = 'closed' AND ca.closedOn <= today
                       AND EXISTS { (ca)-[:CLOSED_BY]->(e:Evidence {orgId: org}) WHERE e.status = 'approved' }))
  WITH DISTINCT f ORDER BY f.raisedOn, f.id
  RETURN collect(CASE WHEN f IS NOT NULL THEN {id: f.id, title: f.title, kind: f.kind, raisedOn: toString(f.raisedOn),
                      caps: f.kind = 'major_nonconformity',
                      correctiveActions: apoc.coll.sort([(ca:CorrectiveAction {orgId: org})-[:CORRECTS]->(f) | ca.id])} END)
         AS openFindings
}
WITH today, leaf, status, last, audits, openFindings
ORDER BY last IS NOT NULL, last.performedOn, leaf.order, leaf.uid
WITH today, collect({uid: leaf.uid, ref: leaf.ref, title: leaf.title, status: status, audits: audits,
                     lastAudit: CASE WHEN last IS NOT NULL THEN {id: last.id, title: last.title,
                                  performedOn: toString(last.performedOn)} END,
                     monthsSince: CASE WHEN last IS NOT NULL THEN duration.inMonths(last.performedOn, today).months END,
                     openFindings: openFindings}) AS rows
RETURN {framework: $framework, org: $org, today: toString(today), total: size(rows),
        neverAudited: size([r IN rows WHERE r.lastAudit IS NULL]),
        requirements: rows[coalesce($offset, 0)..coalesce($offset, 0) + coalesce($first, size(rows))]} AS result
