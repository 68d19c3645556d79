// BEGIN read-detail: the detail of one requirement's status read from the maintained coverage, built only for
// the rows a question returns (after paging). Rows the reference block computed carry theirs in `detail`
// (a map {controls, inherited, indications}) and are passed through.
// In: leaf, org, today, direct (its CoverageDirect row or null), sourceFws, detail.
// Out: controls, inherited, indications (the columns of queries/status-block.cypher).
CALL (leaf, org, today, direct, sourceFws, detail) {
  // Inherited: the best stored path onto the requirement or an ancestor whose source is met on `today`.
  CALL (leaf, org, today, sourceFws, detail) {
    OPTIONAL MATCH (leaf)-[:PART_OF*0..]->(t:Requirement)<-[p:COVERAGE_INHERITS]-(s:Requirement)
    WHERE detail IS NULL AND (sourceFws IS NULL OR s.frameworkId IN sourceFws)
    OPTIONAL MATCH (sd:CoverageDirect {org: org, uid: s.uid}) USING INDEX sd:CoverageDirect(org, uid)
    WITH t, p, sd WHERE coverage.metOn(sd, today)
    ORDER BY p.strength DESC, p.hops, p.text
    RETURN head(collect({source: p.path[0], path: p.path, relationships: p.relationships, strength: p.strength,
                         hops: p.hops, target: t.uid})) AS inherited
  }
// @include coverage/read-indications
  // The in-force controls behind a direct status, with their approved evidence valid and expired today.
  CALL (leaf, org, today, direct, detail) {
    // Expanded from the requirement (an indexable orgId predicate makes the planner join the organization's
    // controls instead).
    OPTIONAL MATCH (leaf)-[:PART_OF*0..]->(a:Requirement)<-[imp:IMPLEMENTS]-(c:Control)
    WHERE detail IS NULL AND direct IS NOT NULL AND coalesce(c.orgId, '') = org AND c.status IN ['implemented', 'operating']
    WITH c, imp, a, [(c)<-[:SUPPORTS]-(e:Evidence) WHERE coalesce(e.orgId, '') = org AND e.status = 'approved' | e] AS approved
    ORDER BY c.id, a.uid
    RETURN collect(CASE WHEN c IS NOT NULL THEN {control: c.id, coverage: imp.coverage, via: a.uid,
             valid: apoc.coll.sort([e IN approved WHERE e.validUntil IS NULL OR e.validUntil >= today | e.id]),
             expired: apoc.coll.sort([e IN approved WHERE e.validUntil < today | e.id])} END) AS controls
  }
  RETURN CASE WHEN detail IS NULL THEN controls ELSE detail.controls END AS controls,
         CASE WHEN detail IS NULL THEN inherited ELSE detail.inherited END AS inherited,
         CASE WHEN detail IS NULL THEN indications ELSE detail.indications END AS indications
}
// END read-detail
