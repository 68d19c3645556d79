// Scene action "Show implemented requirements" on Control and Evidence: what the selected controls (or the
// controls the selected evidence supports) implement.
MATCH (x) WHERE elementId(x) IN $nodes AND (x:Control OR x:Evidence)
MATCH p = (x)-[:SUPPORTS*0..1]->(c:Control)-[:IMPLEMENTS]->(:Requirement)
WHERE c.orgId = x.orgId
RETURN p
