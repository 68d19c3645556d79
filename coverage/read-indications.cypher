// BEGIN read-indications: the indications on exactly `leaf` (any requirement: a parent keeps its own), read
// from the stored one-hop paths whose source is met or partially met on `today`, minus those that are an
// inheritance (an inheritance-shaped path from a met source); at most 10, strongest and shortest first.
// In: leaf, org, today, sourceFws, detail (computed only when null). Out: indications.
CALL (leaf, org, today, sourceFws, detail) {
  OPTIONAL MATCH (leaf)<-[p:COVERAGE_INDICATES]-(s:Requirement)
  WHERE detail IS NULL AND (sourceFws IS NULL OR s.frameworkId IN sourceFws)
  OPTIONAL MATCH (sd:CoverageDirect {org: org, uid: s.uid}) USING INDEX sd:CoverageDirect(org, uid)
  WITH p, sd, CASE WHEN coverage.metOn(sd, today) THEN 'met' ELSE 'partially_met' END AS sourceStatus
  WHERE sd.validUntil >= today AND NOT (p.inherits AND sourceStatus = 'met')
  ORDER BY p.strength DESC, p.hops, p.text
  LIMIT 10
  RETURN collect({source: p.path[0], sourceStatus: sourceStatus, path: p.path, relationships: p.relationships,
                  strength: p.strength, hops: p.hops}) AS indications
}
// END read-indications
