// The requirements a write can change the direct status under: those the named controls implement, those
// the controls the named evidence supports implement, and the named requirements. Run before a write (what
// the nodes reached then) and after it (what they reach now); the union is what maintenance recomputes.
// Params: $org, $controls (ids), $evidence (ids), $requirements (uids).
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
RETURN apoc.coll.toSet(byControl + byEvidence + $requirements) AS roots
