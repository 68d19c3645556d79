// BEGIN read-status: the status of every assessed requirement read from the maintained coverage
// (coverage/README.md) instead of computed from scratch: two index lookups per requirement (its direct and
// its inferred row) and the organization's exclusions, no traversal. The per-requirement detail (controls,
// inheritance path, indications) is built by coverage/read-detail.cypher, after a question has paged.
// For the DEFAULT inference parameters (maxDepth 3, minStrength 7, indicationDepth 1, indicationMinStrength 5)
// and the whole organization (no system filter): questions asked otherwise run the reference block.
// In: org, today, fws (framework ids), sourceFws (frameworks inference may start from; null = any), onlyUids
// (null, or only these requirements of fws: a maintenance refreshing what it touched).
// Out: one row per assessed requirement (normative leaf) of fws: leaf, status, basis, directStatus, exclusion,
//      inheritable (a met source reaches it by inheritance), indicated (it carries an indication while not
//      met by inheritance), direct (its direct row or null).
CALL (org, today, fws, sourceFws, onlyUids) {
  // Excluded when the organization excludes the requirement or an ancestor (the nearest one is reported:
  // later pairs win in fromPairs).
  CALL (org) {
    OPTIONAL MATCH p = (:Organization {id: org})-[x:EXCLUDES]->(ex:Requirement)<-[:PART_OF*0..]-(r:Requirement)
    WITH r, ex, x ORDER BY length(p) DESC
    RETURN apoc.map.fromPairs(collect(CASE WHEN r IS NOT NULL THEN [r.uid, {requirement: ex.uid, justification: x.justification}] END))
           AS excludedBy
  }
  // Restricted to some source frameworks (reuse), inference is read from the stored paths of their met and
  // partially met requirements, once, from the source side.
  CALL (org, today, sourceFws) {
    UNWIND coalesce(sourceFws, []) AS sourceFw
    MATCH (sd:CoverageDirect {org: org, frameworkId: sourceFw})
    // Met that day: within its interval and on no day an open major nonconformity caps (findings-caps.cypher).
    WHERE coverage.metOn(sd, today)
    MATCH (:Requirement {uid: sd.uid})-[:COVERAGE_INHERITS]->(:Requirement)<-[:PART_OF*0..]-(r:Requirement)
    RETURN apoc.map.fromPairs(collect(DISTINCT [r.uid, true])) AS inheritableFrom
  }
  CALL (org, today, sourceFws) {
    UNWIND coalesce(sourceFws, []) AS sourceFw
    MATCH (sd:CoverageDirect {org: org, frameworkId: sourceFw})
    WHERE sd.validUntil >= today
    MATCH (:Requirement {uid: sd.uid})-[:COVERAGE_INDICATES]->(r:Requirement)
    RETURN apoc.map.fromPairs(collect(DISTINCT [r.uid, true])) AS indicatedFrom
  }
  CALL (fws, onlyUids) {
    WITH fws WHERE onlyUids IS NULL
    MATCH (leaf:Requirement)
    WHERE leaf.frameworkId IN fws
    RETURN leaf
    UNION ALL
    WITH fws, onlyUids WHERE onlyUids IS NOT NULL
    UNWIND onlyUids AS uid
    MATCH (leaf:Requirement {uid: uid})
    WHERE leaf.frameworkId IN fws
    RETURN leaf
  }
  WITH * WHERE coalesce(leaf.normative, true) AND NOT EXISTS { (leaf)<-[:PART_OF]-() }
  OPTIONAL MATCH (d:CoverageDirect {org: org, uid: leaf.uid}) USING INDEX d:CoverageDirect(org, uid)
  OPTIONAL MATCH (i:CoverageInferred {org: org, uid: leaf.uid}) USING INDEX i:CoverageInferred(org, uid)
  WITH leaf, d, excludedBy[leaf.uid] AS exclusion,
       CASE WHEN d IS NULL THEN null WHEN coverage.metOn(d, today) THEN 'met' WHEN d.validUntil >= today THEN 'partially_met'
            WHEN d.approved THEN 'stale' ELSE 'unverified' END AS directStatus,
       // Inherited from a source no finding caps, or from one of the capped sources that is met that day.
       CASE WHEN sourceFws IS NULL THEN coverage.inheritedOn(i, today, org) ELSE inheritableFrom[leaf.uid] IS NOT NULL END
         AS inheritable,
       CASE WHEN sourceFws IS NULL THEN coalesce(i.indicatedUntil >= today, false) ELSE indicatedFrom[leaf.uid] IS NOT NULL END
         AS indicated
  RETURN leaf,
         CASE WHEN exclusion IS NOT NULL THEN 'excluded' WHEN directStatus = 'met' OR inheritable THEN 'met'
              ELSE coalesce(directStatus, 'gap') END AS status,
         CASE WHEN exclusion IS NOT NULL OR directStatus = 'met' THEN 'direct' WHEN inheritable THEN 'inherited'
              WHEN directStatus IS NOT NULL THEN 'direct' ELSE null END AS basis,
         coalesce(directStatus, 'gap') AS directStatus, exclusion, inheritable, indicated AND NOT inheritable AS indicated,
         d AS direct
}
// END read-status
