// The Bloom colours, kept by every maintenance: one (:CoverageStatus {orgId, requirementUid, frameworkId, status,
// basis, indicated, asOf, maxDepth, minStrength})-[:STATUS_OF]->(:Requirement) per assessed requirement of the
// frameworks the organization adopts, as of today, read from the maintained coverage (Bloom styles only by
// stored properties, and requirements are shared by every organization, so the status sits on a node of its
// own). $roots: refresh what a scoped maintenance touched (the requirements under the roots and what stored
// paths reach from them); null: all of them, and drop colours of frameworks no longer adopted.
// Params: $org, $roots.
MATCH (o:Organization {id: $org})
WITH $org AS org, date() AS today, null AS sourceFws, [(o)-[:ADOPTS]->(f:Framework) | f.id] AS fws
CALL (org, fws) {
  OPTIONAL MATCH (old:CoverageStatus {orgId: org})
  WHERE $roots IS NULL AND (NOT old.frameworkId IN fws OR NOT EXISTS { (old)-[:STATUS_OF]->(:Requirement) })
  DETACH DELETE old
  RETURN count(old) AS removed
}
CALL () {
  UNWIND coalesce($roots, []) AS rootUid
  MATCH (:Requirement {uid: rootUid})<-[:PART_OF*0..]-(s:Requirement)
  WITH DISTINCT s
  CALL (s) {
    RETURN s AS r
    UNION
    MATCH (s)-[:COVERAGE_INHERITS]->(:Requirement)<-[:PART_OF*0..]-(r:Requirement)
    RETURN r
    UNION
    MATCH (s)-[:COVERAGE_INDICATES]->(r:Requirement)
    RETURN r
  }
  RETURN CASE WHEN $roots IS NULL THEN null ELSE collect(DISTINCT r.uid) END AS onlyUids
}
// @include coverage/read-status
MERGE (s:CoverageStatus {orgId: org, requirementUid: leaf.uid})
ON CREATE SET s.frameworkId = leaf.frameworkId
SET s.status = status, s.basis = basis, s.indicated = indicated AND NOT status IN ['met', 'excluded'], s.asOf = today,
    s.maxDepth = 3.0, s.minStrength = 7.0
MERGE (s)-[:STATUS_OF]->(leaf)
RETURN removed, count(s) AS written
