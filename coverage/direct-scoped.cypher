// Recomputes the stored direct status of one organization for the requirements under $roots (each root
// and its descendants: implementing a requirement covers its parts), spec section 1, as validity intervals:
//   metUntil   latest validUntil of approved evidence behind an in-force FULL implementation (9999-12-31 = no
//              end date; null = never met): met on every day <= metUntil;
//   validUntil the same over every in-force implementation: met or partially met on every day <= validUntil;
//   approved   some approved evidence exists (after validUntil: stale; without any: unverified).
// A requirement no in-force control implements has no row (gap). Params: $org, $roots (requirement uids).
UNWIND $roots AS rootUid
MATCH (:Requirement {uid: rootUid})<-[:PART_OF*0..]-(r:Requirement)
WITH DISTINCT r
CALL (r) {
  // Expanded from the requirement up to its ancestors and their implementers (coalesce: see below).
  OPTIONAL MATCH (r)-[:PART_OF*0..]->(:Requirement)<-[imp:IMPLEMENTS]-(c:Control)
  WHERE coalesce(c.orgId, '') = $org AND c.status IN ['implemented', 'operating']
  // Expanded from the control: an indexable `e.orgId = $org` lets the planner seek ALL of the
  // organization's evidence by its orgId index once per control (it does inside an import, whose
  // uncommitted rows the statistics do not count), so the comparison goes through coalesce().
  WITH *, [(c)<-[:SUPPORTS]-(e:Evidence) WHERE coalesce(e.orgId, '') = $org AND e.status = 'approved' |
           coalesce(e.validUntil, date('9999-12-31'))] AS untils
  WITH *, CASE WHEN size(untils) > 0 THEN apoc.coll.max(untils) END AS until, size(untils) AS approved
  RETURN count(c) AS impls, max(CASE WHEN imp.coverage = 'full' THEN until END) AS metUntil, max(until) AS validUntil,
         sum(approved) > 0 AS approved
}
OPTIONAL MATCH (old:CoverageDirect {org: $org, uid: r.uid}) USING INDEX old:CoverageDirect(org, uid)
CALL (old, impls) {
  WITH old WHERE impls = 0 AND old IS NOT NULL
  DELETE old
}
// New rows are created and changed ones set in place (a MERGE would look rows up by the orgId index alone);
// the organization lock (lock-org.cypher) keeps two maintenances from creating the same row.
CALL (r, old, impls, metUntil, validUntil, approved) {
  WITH r, metUntil, validUntil, approved WHERE impls > 0 AND old IS NULL
  CREATE (:CoverageDirect {org: $org, uid: r.uid, frameworkId: r.frameworkId, metUntil: metUntil,
                           validUntil: validUntil, approved: approved, capFrom: [], capUntil: []})
}
CALL (old, impls, metUntil, validUntil, approved) {
  // Unchanged rows are not rewritten (a re-import commits nothing). Two nulls are the same date.
  WITH old, metUntil, validUntil, approved
  WHERE impls > 0 AND old IS NOT NULL
    AND (old.approved <> approved
         OR NOT (coalesce(old.metUntil = metUntil, false) OR (old.metUntil IS NULL AND metUntil IS NULL))
         OR NOT (coalesce(old.validUntil = validUntil, false) OR (old.validUntil IS NULL AND validUntil IS NULL)))
  SET old.metUntil = metUntil, old.validUntil = validUntil, old.approved = approved
}
RETURN count(r) AS recomputed
