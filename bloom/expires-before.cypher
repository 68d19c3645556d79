// Search phrase "What expires before $date for $org": the organization's approved evidence (the only kind
// that counts for coverage) whose validUntil is before the date, already expired items included, with the
// controls it supports and the requirements those implement: what goes stale unless it is renewed. The
// status changes themselves are queries/impact.cypher (`crosswalk query impact --asOf DATE`).
// Params: $date (YYYY-MM-DD), $org.
MATCH p = (e:Evidence {orgId: $org})-[:SUPPORTS]->(c:Control {orgId: $org})-[:IMPLEMENTS]->(:Requirement)
WHERE e.status = 'approved' AND e.validUntil < date($date)
RETURN p
