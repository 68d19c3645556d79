// Lookups the reuse questions start from: a framework's requirements, an organization's nodes,
// evidence by validity, and full-text search over requirement titles and summaries.
CREATE INDEX requirement_framework IF NOT EXISTS FOR (r:Requirement) ON (r.frameworkId);
CREATE INDEX requirement_ref IF NOT EXISTS FOR (r:Requirement) ON (r.ref);
CREATE INDEX system_org IF NOT EXISTS FOR (s:System) ON (s.orgId);
CREATE INDEX control_org IF NOT EXISTS FOR (c:Control) ON (c.orgId);
CREATE INDEX evidence_org IF NOT EXISTS FOR (e:Evidence) ON (e.orgId);
CREATE INDEX risk_org IF NOT EXISTS FOR (r:Risk) ON (r.orgId);
CREATE INDEX evidence_valid_until IF NOT EXISTS FOR (e:Evidence) ON (e.validUntil);
CREATE FULLTEXT INDEX requirement_text IF NOT EXISTS FOR (r:Requirement) ON EACH [r.ref, r.title, r.summary];
