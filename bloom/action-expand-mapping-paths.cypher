// Scene action "Expand approved mapping paths (3 hops)" on Requirement: where coverage of the selected
// requirements can travel (approved mappings, not no_relationship, at most 3 hops, no requirement twice:
// the composition rules of queries/README.md).
MATCH (r:Requirement)
WHERE elementId(r) IN $nodes
CALL apoc.path.expandConfig(r, {relationshipFilter: 'MAPS_TO', minLevel: 1, maxLevel: 3, uniqueness: 'NODE_PATH'})
YIELD path
WITH path WHERE all(m IN relationships(path) WHERE m.status = 'approved' AND m.relationship <> 'no_relationship')
RETURN path
