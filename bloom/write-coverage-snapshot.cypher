// `crosswalk bloom snapshot`: replaces the organization's CoverageStatus nodes for the given frameworks with
// the statuses the coverage question computed ($rows: {uid, frameworkId, status, basis, indicated}), in one statement
// (one transaction). Requirements stay untouched: they are shared by every organization.
// Params: $org, $frameworks, $rows, $asOf (YYYY-MM-DD), $maxDepth, $minStrength.
OPTIONAL MATCH (old:CoverageStatus {orgId: $org})
WHERE old.frameworkId IN $frameworks
DETACH DELETE old
WITH count(old) AS removed
CALL (removed) {
  UNWIND $rows AS row
  MATCH (r:Requirement {uid: row.uid})
  CREATE (s:CoverageStatus {orgId: $org, requirementUid: row.uid, frameworkId: row.frameworkId, status: row.status,
                            basis: row.basis, indicated: row.indicated, asOf: date($asOf), maxDepth: $maxDepth,
                            minStrength: $minStrength})-[:STATUS_OF]->(r)
  RETURN count(s) AS written
}
RETURN removed, written
