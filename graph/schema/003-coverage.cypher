// Maintained coverage (coverage/README.md): the per-organization direct status rows are looked up by
// (orgId, uid) for every assessed requirement a question reads, and dropped per organization on a rebuild.
CREATE INDEX coverage_direct_key IF NOT EXISTS FOR (d:CoverageDirect) ON (d.org, d.uid);
CREATE INDEX coverage_direct_org IF NOT EXISTS FOR (d:CoverageDirect) ON (d.org);
