// The readiness programme (issue 24): people and bodies, training records, audits, findings, corrective
// actions and management reviews are organization data, keyed by (orgId, id) like the inventory
// (001-keys.cypher), with the orgId lookup index the inventory labels have (002-lookup-indexes.cypher).
CREATE CONSTRAINT person_key IF NOT EXISTS FOR (p:Person) REQUIRE (p.orgId, p.id) IS UNIQUE;
CREATE CONSTRAINT training_key IF NOT EXISTS FOR (t:Training) REQUIRE (t.orgId, t.id) IS UNIQUE;
CREATE CONSTRAINT audit_key IF NOT EXISTS FOR (a:Audit) REQUIRE (a.orgId, a.id) IS UNIQUE;
CREATE CONSTRAINT finding_key IF NOT EXISTS FOR (f:Finding) REQUIRE (f.orgId, f.id) IS UNIQUE;
CREATE CONSTRAINT corrective_action_key IF NOT EXISTS FOR (c:CorrectiveAction) REQUIRE (c.orgId, c.id) IS UNIQUE;
CREATE CONSTRAINT management_review_key IF NOT EXISTS FOR (m:ManagementReview) REQUIRE (m.orgId, m.id) IS UNIQUE;
CREATE INDEX person_org IF NOT EXISTS FOR (p:Person) ON (p.orgId);
CREATE INDEX training_org IF NOT EXISTS FOR (t:Training) ON (t.orgId);
CREATE INDEX audit_org IF NOT EXISTS FOR (a:Audit) ON (a.orgId);
CREATE INDEX finding_org IF NOT EXISTS FOR (f:Finding) ON (f.orgId);
CREATE INDEX corrective_action_org IF NOT EXISTS FOR (c:CorrectiveAction) ON (c.orgId);
CREATE INDEX management_review_org IF NOT EXISTS FOR (m:ManagementReview) ON (m.orgId);
