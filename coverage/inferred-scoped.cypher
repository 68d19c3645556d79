// Recomputes what inference gives one organization's requirements (columns: inferred-full.cypher) after its
// direct rows under $roots were recomputed: every requirement a stored path reaches from a requirement under
// a root (and, for inheritance, the parts of what it reaches) is recomputed from all of its sources.
// Params: $org, $roots (requirement uids).
UNWIND $roots AS rootUid
MATCH (:Requirement {uid: rootUid})<-[:PART_OF*0..]-(s:Requirement)
WITH DISTINCT s
CALL (s) {
  MATCH (s)-[:COVERAGE_INHERITS]->(:Requirement)<-[:PART_OF*0..]-(r:Requirement)
  RETURN r
  UNION
  MATCH (s)-[:COVERAGE_INDICATES]->(r:Requirement)
  RETURN r
}
WITH DISTINCT r
CALL (r) {
  OPTIONAL MATCH (r)-[:PART_OF*0..]->(:Requirement)<-[:COVERAGE_INHERITS]-(s:Requirement)
  OPTIONAL MATCH (sd:CoverageDirect {org: $org, uid: s.uid}) USING INDEX sd:CoverageDirect(org, uid)
  RETURN max(sd.metUntil) AS inheritedUntil
}
CALL (r) {
  OPTIONAL MATCH (r)<-[:COVERAGE_INDICATES]-(s:Requirement)
  OPTIONAL MATCH (sd:CoverageDirect {org: $org, uid: s.uid}) USING INDEX sd:CoverageDirect(org, uid)
  RETURN max(sd.validUntil) AS indicatedUntil
}
OPTIONAL MATCH (old:CoverageInferred {org: $org, uid: r.uid}) USING INDEX old:CoverageInferred(org, uid)
CALL (old, inheritedUntil, indicatedUntil) {
  WITH old WHERE old IS NOT NULL AND inheritedUntil IS NULL AND indicatedUntil IS NULL
  DELETE old
}
CALL (r, old, inheritedUntil, indicatedUntil) {
  WITH r, inheritedUntil, indicatedUntil WHERE old IS NULL AND (inheritedUntil IS NOT NULL OR indicatedUntil IS NOT NULL)
  CREATE (:CoverageInferred {org: $org, uid: r.uid, frameworkId: r.frameworkId, inheritedUntil: inheritedUntil,
                             indicatedUntil: indicatedUntil})
}
CALL (old, inheritedUntil, indicatedUntil) {
  // Unchanged rows are not rewritten. Two nulls are the same date.
  WITH old, inheritedUntil, indicatedUntil
  WHERE old IS NOT NULL AND (inheritedUntil IS NOT NULL OR indicatedUntil IS NOT NULL)
    AND (NOT (coalesce(old.inheritedUntil = inheritedUntil, false) OR (old.inheritedUntil IS NULL AND inheritedUntil IS NULL))
         OR NOT (coalesce(old.indicatedUntil = indicatedUntil, false) OR (old.indicatedUntil IS NULL AND indicatedUntil IS NULL)))
  SET old.inheritedUntil = inheritedUntil, old.indicatedUntil = indicatedUntil
}
RETURN count(r) AS recomputed
