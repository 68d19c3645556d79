// Scene action "Show coverage status (snapshot)" on Requirement: the CoverageStatus nodes written by
// `crosswalk bloom snapshot` for the selected requirements (one per organization that took a snapshot).
MATCH p = (:CoverageStatus)-[:STATUS_OF]->(r:Requirement)
WHERE elementId(r) IN $nodes
RETURN p
