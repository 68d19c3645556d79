// Every indication path (spec section 4) at the default indicationDepth 1 and indicationMinStrength 5: an
// approved mapping that is not no_relationship, in both directions, read from S towards R (a stored
// mapping read backwards inverts subset_of and superset_of). `inherits` marks a path that is an
// inheritance when S is met (equal/superset_of, strength >= 7): it indicates only while S is partially met.
// Stored as (S)-[:COVERAGE_INDICATES {path, relationships, strength, hops, text, inherits}]->(R).
MATCH (a:Requirement)-[m:MAPS_TO]->(b:Requirement)
WHERE m.status = 'approved' AND m.relationship <> 'no_relationship' AND m.strength >= 5 AND a <> b
UNWIND [[a, b, m.relationship],
        [b, a, CASE m.relationship WHEN 'subset_of' THEN 'superset_of' WHEN 'superset_of' THEN 'subset_of'
                                   ELSE m.relationship END]] AS hop
WITH hop[0] AS s, hop[1] AS r, hop[2] AS rel, m.strength AS strength
CREATE (s)-[:COVERAGE_INDICATES {path: [s.uid, r.uid], relationships: [rel], strength: strength, hops: 1,
                                 text: s.uid + '>' + r.uid,
                                 inherits: rel IN ['equal', 'superset_of'] AND strength >= 7}]->(r)
RETURN count(*) AS created
