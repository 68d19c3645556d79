// audit-plan(framework, org, today): what the next internal audit should cover. Every assessed requirement
// (normative leaf) of the framework, never audited first, then audited longest ago, then in catalog order. A
// completed internal audit (performed on or before today) audits a requirement when its scope names the
// requirement, an ancestor of it, or its framework. With each: its coverage status (the shared status
// block), the last such audit, and the findings still open on today about it (or an ancestor) or about a
// control of the organization implementing it (coverage/open-findings.cypher). One row, column `result`; requirements paged.
// Params: $framework, $org, $today (null = date()), $first, $offset.
WITH $org AS org, date(coalesce($today, date())) AS today, [$framework] AS fws, 3 AS maxDepth, 7 AS minStrength,
     1 AS indicationDepth, 5 AS indicationMinStrength, null AS systemId, [] AS dropEvidence, [] AS dropControls,
     false AS reference, null AS sourceFws
// @include coverage/open-findings
// @include coverage/status
WITH org, today, leaf, status, openFindings
CALL (org, today, leaf) {
  OPTIONAL MATCH (a:Audit {orgId: org})-[:AUDITS]->(x)
  WHERE a.kind = 'internal' AND a.status = 'completed' AND a.performedOn <= today
    AND ((x:Framework AND x.id = $framework) OR (x:Requirement AND EXISTS { (leaf)-[:PART_OF*0..]->(x) }))
  WITH DISTINCT a ORDER BY a.performedOn DESC, a.id
  RETURN head(collect(CASE WHEN a IS NOT NULL THEN {id: a.id, title: a.title, performedOn: a.performedOn} END)) AS last,
         count(a) AS audits
}
CALL (org, today, leaf, openFindings) {
  UNWIND openFindings AS f
  WITH org, leaf, f
  WHERE EXISTS { (f)-[:ABOUT]->(x:Requirement) WHERE EXISTS { (leaf)-[:PART_OF*0..]->(x) } }
     OR EXISTS { (f)-[:ABOUT]->(x:Control {orgId: org})-[:IMPLEMENTS]->(:Requirement)<-[:PART_OF*0..]-(leaf) }
  RETURN collect({id: f.id, title: f.title, kind: f.kind, raisedOn: toString(f.raisedOn), caps: f.kind = 'major_nonconformity',
                  correctiveActions: apoc.coll.sort([(ca:CorrectiveAction {orgId: org})-[:CORRECTS]->(f) | ca.id])})
         AS leafFindings
}
WITH today, leaf, status, last, audits, leafFindings
ORDER BY last IS NOT NULL, last.performedOn, leaf.order, leaf.uid
WITH today, collect({uid: leaf.uid, ref: leaf.ref, title: leaf.title, status: status, audits: audits,
                     lastAudit: CASE WHEN last IS NOT NULL THEN {id: last.id, title: last.title,
                                  performedOn: toString(last.performedOn)} END,
                     monthsSince: CASE WHEN last IS NOT NULL THEN duration.inMonths(last.performedOn, today).months END,
                     openFindings: leafFindings}) AS rows
RETURN {framework: $framework, org: $org, today: toString(today), total: size(rows),
        neverAudited: size([r IN rows WHERE r.lastAudit IS NULL]),
        requirements: rows[coalesce($offset, 0)..coalesce($offset, 0) + coalesce($first, size(rows))]} AS result
