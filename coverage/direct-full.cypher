// Rebuilds the stored direct status of one organization from scratch (same rows as direct-scoped.cypher):
// drops its rows, then aggregates each in-force control's approved evidence once and spreads it to every
// requirement under what the control implements. Params: $org.
CALL () {
  MATCH (old:CoverageDirect {org: $org})
  DELETE old
  RETURN count(old) AS removed
}
CALL () {
  MATCH (c:Control {orgId: $org})
  WHERE c.status IN ['implemented', 'operating']
  // Expanded from the control: an indexable `e.orgId = $org` lets the planner seek ALL of the
  // organization's evidence by its orgId index once per control (it does inside an import, whose
  // uncommitted rows the statistics do not count), so the comparison goes through coalesce().
  WITH *, [(c)<-[:SUPPORTS]-(e:Evidence) WHERE coalesce(e.orgId, '') = $org AND e.status = 'approved' |
           coalesce(e.validUntil, date('9999-12-31'))] AS untils
  WITH *, CASE WHEN size(untils) > 0 THEN apoc.coll.max(untils) END AS until, size(untils) AS approved
  MATCH (c)-[imp:IMPLEMENTS]->(:Requirement)<-[:PART_OF*0..]-(r:Requirement)
  WITH r, max(CASE WHEN imp.coverage = 'full' THEN until END) AS metUntil, max(until) AS validUntil,
       sum(approved) > 0 AS approved
  CREATE (:CoverageDirect {org: $org, uid: r.uid, frameworkId: r.frameworkId, metUntil: metUntil,
                           validUntil: validUntil, approved: approved, capFrom: [], capUntil: []})
  RETURN count(*) AS written
}
RETURN removed, written
