// The requirements a write can change the direct status under: those the named controls implement, those
// the controls the named evidence supports implement, and the named requirements. Run before a write (what
// the nodes reached then) and after it (what they reach now); the union is what maintenance recomputes.
// Findings (the findings rule): what the named findings, the findings of the named corrective actions and of
// the corrective actions the named evidence closes are about (a control: what it implements).
// Params: $org, $controls (ids), $evidence (ids), $requirements (uids), $findings (ids), $correctiveActions (ids).
CALL () {
  UNWIND $controls AS id
  MATCH (c:Control {orgId: $org, id: id})-[:IMPLEMENTS]->(a:Requirement) USING INDEX SEEK c:Control(orgId, id)
  RETURN collect(DISTINCT a.uid) AS byControl
}
CALL () {
  UNWIND $evidence AS id
  // From the evidence's key (an indexable orgId on the control would make the planner start from every control).
  MATCH (e:Evidence {orgId: $org, id: id})-[:SUPPORTS]->(c:Control)-[:IMPLEMENTS]->(a:Requirement) USING INDEX SEEK e:Evidence(orgId, id)
  WHERE coalesce(c.orgId, '') = $org
  RETURN collect(DISTINCT a.uid) AS byEvidence
}
CALL () {
  CALL () {
    UNWIND $findings AS id
    MATCH (f:Finding {orgId: $org, id: id})
    RETURN f
    UNION
    UNWIND $correctiveActions AS id
    MATCH (:CorrectiveAction {orgId: $org, id: id})-[:CORRECTS]->(f:Finding)
    RETURN f
    UNION
    UNWIND $evidence AS id
    MATCH (:Evidence {orgId: $org, id: id})<-[:CLOSED_BY]-(:CorrectiveAction)-[:CORRECTS]->(f:Finding)
    RETURN f
  }
// @include coverage/finding-targets
  RETURN collect(DISTINCT x.uid) AS byFinding
}
RETURN apoc.coll.toSet(byControl + byEvidence + byFinding + $requirements) AS roots
