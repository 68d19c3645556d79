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
  RETURN max(CASE WHEN size(sd.capFrom) = 0 THEN sd.metUntil END) AS inheritedUntil,
         apoc.coll.sort(collect(DISTINCT CASE WHEN size(sd.capFrom) > 0 AND sd.metUntil IS NOT NULL THEN sd.uid END))
           AS cappedSources
}
CALL (r) {
  OPTIONAL MATCH (r)<-[:COVERAGE_INDICATES]-(s:Requirement)
  OPTIONAL MATCH (sd:CoverageDirect {org: $org, uid: s.uid}) USING INDEX sd:CoverageDirect(org, uid)
  RETURN max(sd.validUntil) AS indicatedUntil
}
WITH r, inheritedUntil, cappedSources, indicatedUntil,
     inheritedUntil IS NOT NULL OR size(cappedSources) > 0 OR indicatedUntil IS NOT NULL AS reached
OPTIONAL MATCH (old:CoverageInferred {org: $org, uid: r.uid}) USING INDEX old:CoverageInferred(org, uid)
CALL (old, reached) {
  WITH old WHERE old IS NOT NULL AND NOT reached
  DELETE old
}
CALL (r, old, inheritedUntil, cappedSources, indicatedUntil, reached) {
  WITH r, inheritedUntil, cappedSources, indicatedUntil WHERE old IS NULL AND reached
  CREATE (:CoverageInferred {org: $org, uid: r.uid, frameworkId: r.frameworkId, inheritedUntil: inheritedUntil,
                             cappedSources: cappedSources, indicatedUntil: indicatedUntil})
}
CALL (old, inheritedUntil, cappedSources, indicatedUntil, reached) {
  // Unchanged rows are not rewritten. Two nulls are the same date.
  WITH old, inheritedUntil, cappedSources, indicatedUntil
  WHERE old IS NOT NULL AND reached
    AND (NOT (coalesce(old.inheritedUntil = inheritedUntil, false) OR (old.inheritedUntil IS NULL AND inheritedUntil IS NULL))
         OR coalesce(old.cappedSources, []) <> cappedSources
         OR NOT (coalesce(old.indicatedUntil = indicatedUntil, false) OR (old.indicatedUntil IS NULL AND indicatedUntil IS NULL)))
  SET old.inheritedUntil = inheritedUntil, old.cappedSources = cappedSources, old.indicatedUntil = indicatedUntil
}
RETURN count(r) AS recomputed
