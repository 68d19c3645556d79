// Mappings per framework pair, the pair named in stored direction (source -> target).
MATCH (s:Requirement)-[m:MAPS_TO]->(t:Requirement)
RETURN s.frameworkId AS source, t.frameworkId AS target, count(m) AS mappings,
       sum(CASE WHEN m.relationship = 'no_relationship' THEN 1 ELSE 0 END) AS noRelationship
ORDER BY source, target
