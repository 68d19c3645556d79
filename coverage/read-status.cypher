// BEGIN read-status: the status of every assessed requirement read from the maintained coverage
// (coverage/README.md) instead of computed from scratch. Yields the columns of queries/status-block.cypher
// (leaf, status, basis, directStatus, controls, inherited, indications, exclusion) for the DEFAULT inference
// parameters (maxDepth 3, minStrength 7, indicationDepth 1, indicationMinStrength 5) and the whole
// organization (no system filter): questions asked otherwise run the reference block.
// In: org, today, fws (framework ids), sourceFws (frameworks inference may start from; null = any). Out: one row per assessed requirement (normative leaf) of fws.
CALL (org, today, fws, sourceFws) {
  MATCH (leaf:Requirement)
  WHERE leaf.frameworkId IN fws AND coalesce(leaf.normative, true) AND NOT EXISTS { (:Requirement)-[:PART_OF]->(leaf) }
  OPTIONAL MATCH (d:CoverageDirect {org: org, uid: leaf.uid}) USING INDEX d:CoverageDirect(org, uid)
  WITH leaf, d, CASE WHEN d IS NULL THEN null WHEN d.metUntil >= today THEN 'met' WHEN d.validUntil >= today THEN 'partially_met'
                     WHEN d.approved THEN 'stale' ELSE 'unverified' END AS directStatus
  // Excluded when the organization excludes the requirement or an ancestor (the nearest one is reported).
  CALL (leaf, org) {
    OPTIONAL MATCH p = (leaf)-[:PART_OF*0..]->(ex:Requirement)<-[x:EXCLUDES]-(:Organization {id: org})
    WITH ex, x ORDER BY length(p)
    RETURN head(collect(CASE WHEN x IS NOT NULL THEN {requirement: ex.uid, justification: x.justification} END)) AS exclusion
  }
  // Inherited: the best stored path onto the requirement or an ancestor whose source is met on `today`.
  CALL (leaf, org, today, directStatus, sourceFws) {
    OPTIONAL MATCH (leaf)-[:PART_OF*0..]->(t:Requirement)<-[p:COVERAGE_INHERITS]-(s:Requirement)
    WHERE (directStatus IS NULL OR directStatus <> 'met') AND (sourceFws IS NULL OR s.frameworkId IN sourceFws)
    OPTIONAL MATCH (sd:CoverageDirect {org: org, uid: s.uid}) USING INDEX sd:CoverageDirect(org, uid)
    WITH t, p, sd WHERE sd.metUntil >= today
    ORDER BY p.strength DESC, p.hops, p.text
    RETURN head(collect({source: p.path[0], path: p.path, relationships: p.relationships, strength: p.strength,
                         hops: p.hops, target: t.uid})) AS inherited
  }
  // Indicated: stored one-hop paths ending exactly at the requirement from a source met or partially met
  // on `today`, minus those that are an inheritance (an inheritance-shaped path from a met source).
  CALL (leaf, org, today, sourceFws) {
    OPTIONAL MATCH (leaf)<-[p:COVERAGE_INDICATES]-(s:Requirement)
    WHERE sourceFws IS NULL OR s.frameworkId IN sourceFws
    OPTIONAL MATCH (sd:CoverageDirect {org: org, uid: s.uid}) USING INDEX sd:CoverageDirect(org, uid)
    WITH p, sd, CASE WHEN sd.metUntil >= today THEN 'met' ELSE 'partially_met' END AS sourceStatus
    WHERE sd.validUntil >= today AND NOT (p.inherits AND sourceStatus = 'met')
    ORDER BY p.strength DESC, p.hops, p.text
    LIMIT 10
    RETURN collect({source: p.path[0], sourceStatus: sourceStatus, path: p.path, relationships: p.relationships,
                    strength: p.strength, hops: p.hops}) AS indications
  }
  // The in-force controls behind a direct status, with their approved evidence valid and expired today.
  CALL (leaf, org, today, d) {
    // Expanded from the requirement (an indexable orgId predicate makes the planner join the organization's
    // controls instead).
    OPTIONAL MATCH (leaf)-[:PART_OF*0..]->(a:Requirement)<-[imp:IMPLEMENTS]-(c:Control)
    WHERE d IS NOT NULL AND coalesce(c.orgId, '') = org AND c.status IN ['implemented', 'operating']
    WITH c, imp, a, [(c)<-[:SUPPORTS]-(e:Evidence) WHERE coalesce(e.orgId, '') = org AND e.status = 'approved' | e] AS approved
    ORDER BY c.id, a.uid
    RETURN collect(CASE WHEN c IS NOT NULL THEN {control: c.id, coverage: imp.coverage, via: a.uid,
             valid: [e IN approved WHERE e.validUntil IS NULL OR e.validUntil >= today | e.id],
             expired: [e IN approved WHERE e.validUntil < today | e.id]} END) AS controls
  }
  RETURN leaf,
         CASE WHEN exclusion IS NOT NULL THEN 'excluded' WHEN directStatus = 'met' OR inherited IS NOT NULL THEN 'met'
              ELSE coalesce(directStatus, 'gap') END AS status,
         CASE WHEN exclusion IS NOT NULL OR directStatus IS NOT NULL AND (directStatus = 'met' OR inherited IS NULL) THEN 'direct'
              WHEN inherited IS NOT NULL THEN 'inherited' ELSE null END AS basis,
         coalesce(directStatus, 'gap') AS directStatus, controls, inherited, indications, exclusion
}
// END read-status
