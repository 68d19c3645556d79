// Scene action "Expand mappings" on Requirement: every mapping from or to the selected requirements.
// Bloom passes the selection as $nodes (element ids on Neo4j 5).
MATCH p = (r:Requirement)-[:MAPS_TO]-(:Requirement)
WHERE elementId(r) IN $nodes
RETURN p
