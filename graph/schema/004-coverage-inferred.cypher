// Maintained coverage (coverage/README.md): what inference gives each requirement of an organization
// (coverage/inferred-*.cypher), looked up by (org, uid) like the direct rows and dropped per organization.
CREATE INDEX coverage_inferred_key IF NOT EXISTS FOR (i:CoverageInferred) ON (i.org, i.uid);
CREATE INDEX coverage_inferred_org IF NOT EXISTS FOR (i:CoverageInferred) ON (i.org);
// A framework's direct rows (the sources of reuse's inference, read from the source side).
CREATE INDEX coverage_direct_framework IF NOT EXISTS FOR (d:CoverageDirect) ON (d.org, d.frameworkId);
// The Bloom colours (coverage/colours.cypher): one CoverageStatus node per (organization, requirement).
CREATE INDEX coverage_status_key IF NOT EXISTS FOR (s:CoverageStatus) ON (s.orgId, s.requirementUid);
CREATE INDEX coverage_status_org IF NOT EXISTS FOR (s:CoverageStatus) ON (s.orgId);
