// Natural keys. Reference data is keyed globally; organization data by (orgId, id) so that two
// organizations may use the same ids without ever sharing a node.
CREATE CONSTRAINT framework_id IF NOT EXISTS FOR (f:Framework) REQUIRE f.id IS UNIQUE;
CREATE CONSTRAINT requirement_uid IF NOT EXISTS FOR (r:Requirement) REQUIRE r.uid IS UNIQUE;
CREATE CONSTRAINT organization_id IF NOT EXISTS FOR (o:Organization) REQUIRE o.id IS UNIQUE;
CREATE CONSTRAINT system_key IF NOT EXISTS FOR (s:System) REQUIRE (s.orgId, s.id) IS UNIQUE;
CREATE CONSTRAINT control_key IF NOT EXISTS FOR (c:Control) REQUIRE (c.orgId, c.id) IS UNIQUE;
CREATE CONSTRAINT evidence_key IF NOT EXISTS FOR (e:Evidence) REQUIRE (e.orgId, e.id) IS UNIQUE;
CREATE CONSTRAINT risk_key IF NOT EXISTS FOR (r:Risk) REQUIRE (r.orgId, r.id) IS UNIQUE;
