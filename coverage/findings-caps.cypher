// The findings rule on the stored direct rows (coverage/README.md "Findings"): for every CoverageDirect row of
// $org under $roots (null: every row), the days an open major nonconformity keeps the requirement from being
// met, as inclusive intervals capFrom[k]..capUntil[k] (parallel lists, ordered; [] when none). A major
// nonconformity caps from the day it is raised until the day before it is closed: it is closed when it has
// corrective actions and every one of them is closed, on its closedOn, with approved closing evidence (the
// latest closedOn counts); otherwise it caps for good (9999-12-31). It caps the requirement it is about and its
// parts; a finding about a control caps every requirement the control implements, and their parts.
// queries/status-block.cypher applies the same rule from scratch for one day. Params: $org, $roots.
CALL () {
  MATCH (f:Finding {orgId: $org})
  WHERE f.kind = 'major_nonconformity' AND f.raisedOn IS NOT NULL
  CALL (f) {
    OPTIONAL MATCH (f)<-[:CORRECTS]-(ca:CorrectiveAction)
    WITH collect(ca) AS actions
    RETURN CASE WHEN size(actions) > 0
                     AND all(ca IN actions WHERE ca.status = 'closed' AND ca.closedOn IS NOT NULL
                             AND EXISTS { (ca)-[:CLOSED_BY]->(e:Evidence) WHERE e.status = 'approved' AND coalesce(e.orgId, '') = $org })
                THEN apoc.coll.max([ca IN actions | ca.closedOn]) - duration({days: 1})
                ELSE date('9999-12-31') END AS until
  }
// @include coverage/finding-targets
  MATCH (x)<-[:PART_OF*0..]-(r:Requirement)
  WITH DISTINCT r.uid AS uid, f, f.raisedOn AS from, until
  WITH uid, from, until ORDER BY uid, from, until
  WITH uid, collect(from) AS froms, collect(until) AS untils
  RETURN apoc.map.fromPairs(collect([uid, {from: froms, until: untils}])) AS capsBy
}
CALL () {
  MATCH (d:CoverageDirect {org: $org})
  WHERE $roots IS NULL
  RETURN d
  UNION
  UNWIND coalesce($roots, []) AS rootUid
  MATCH (:Requirement {uid: rootUid})<-[:PART_OF*0..]-(r:Requirement)
  MATCH (d:CoverageDirect {org: $org, uid: r.uid}) USING INDEX d:CoverageDirect(org, uid)
  RETURN d
}
WITH d, coalesce(capsBy[d.uid].from, []) AS capFrom, coalesce(capsBy[d.uid].until, []) AS capUntil
// Unchanged rows are not rewritten (a re-import commits nothing).
WHERE d.capFrom IS NULL OR d.capFrom <> capFrom OR d.capUntil <> capUntil
SET d.capFrom = capFrom, d.capUntil = capUntil
RETURN count(d) AS capped
