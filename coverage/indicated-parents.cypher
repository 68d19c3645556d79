// BEGIN indicated-parents: the requirements of fws with parts that carry indications of their own on `today`
// ({uid, ref, title, indications}), read from the maintained coverage unless the reference block gave them.
// In: org, today, fws, sourceFws, indicatedParents (the reference's, or null). Out: indicatedParents.
CALL (org, today, fws, sourceFws, indicatedParents) {
  OPTIONAL MATCH (leaf:Requirement)
  WHERE indicatedParents IS NULL AND leaf.frameworkId IN fws AND EXISTS { (leaf)<-[:PART_OF]-() }
    AND EXISTS { MATCH (i:CoverageInferred {org: org, uid: leaf.uid}) WHERE i.indicatedUntil >= today }
  WITH org, today, sourceFws, indicatedParents, leaf, null AS detail ORDER BY leaf.uid
// @include coverage/read-indications
  WITH indicatedParents, collect(CASE WHEN leaf IS NOT NULL AND size(indications) > 0
                                      THEN {uid: leaf.uid, ref: leaf.ref, title: leaf.title, indications: indications} END) AS stored
  RETURN coalesce(indicatedParents, stored) AS parents
}
// END indicated-parents
