// The best inheritance path for every pair (S, T) of requirements (docs: coverage/README.md, spec section 3):
// approved MAPS_TO hops that, read from S towards T, are `equal` or `superset_of` (a stored superset_of read
// forwards, a stored subset_of read backwards), each of strength >= 7 (minStrength), at most 3 hops
// (maxDepth; a quantifier must be a literal), no requirement twice. Best = stronger, then fewer hops, then
// the uids joined by '>'. Stored as (S)-[:COVERAGE_INHERITS {path, relationships, strength, hops, text}]->(T);
// which S counts is decided per organization and date when a question reads it.
MATCH (s:Requirement)
WHERE EXISTS { (s)-[m:MAPS_TO]-() WHERE m.status = 'approved' AND m.strength >= 7 }
CALL (s) {
  MATCH path = (s) ((a:Requirement)-[m:MAPS_TO]-(b:Requirement)
                    WHERE m.status = 'approved' AND m.strength >= 7
                      AND (m.relationship = 'equal' OR (m.relationship = 'superset_of' AND startNode(m) = a)
                           OR (m.relationship = 'subset_of' AND endNode(m) = a))){1,3} (t:Requirement)
  WITH t, nodes(path) AS ns, relationships(path) AS ms
  WHERE all(i IN range(0, size(ns) - 2) WHERE NOT ns[i] IN ns[i + 1..])
  WITH t, [n IN ns | n.uid] AS uids,
       [m IN ms | CASE m.relationship WHEN 'equal' THEN 'equal' ELSE 'superset_of' END] AS rels,
       reduce(w = 10, m IN ms | CASE WHEN m.strength < w THEN m.strength ELSE w END) AS strength
  ORDER BY strength DESC, size(uids), apoc.text.join(uids, '>')
  WITH t, head(collect({uids: uids, rels: rels, strength: strength})) AS best
  CREATE (s)-[:COVERAGE_INHERITS {path: best.uids, relationships: best.rels, strength: best.strength,
                                  hops: size(best.uids) - 1, text: apoc.text.join(best.uids, '>')}]->(t)
  RETURN count(*) AS created
}
RETURN sum(created) AS created
