// Search phrase "Coverage snapshot of $framework for $org": the CoverageStatus nodes `crosswalk bloom
// snapshot` wrote for the organization (graph/bloom/snapshot.ts), each on its requirement, coloured by
// status. A snapshot, not a live answer: its `asOf` says when it was taken.
// Params: $framework, $org.
MATCH p = (:CoverageStatus {orgId: $org, frameworkId: $framework})-[:STATUS_OF]->(:Requirement)
RETURN p
