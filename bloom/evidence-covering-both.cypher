// Search phrase "Evidence covering $a and $b for $org" (the graph form of queries/evidence-covering-both.cypher
// with its defaults: approved evidence valid today, in-force controls, a requirement reached directly or over
// ONE approved mapping that is not no_relationship and has strength >= 5: an inheritance needs 7, an
// indication 5, anything weaker is neither; queries/README.md). Draws Evidence -SUPPORTS-> Control -IMPLEMENTS->
// Requirement, plus the mapping hop to the other framework's requirement where there is one.
// Params: $a, $b (framework ids), $org.
MATCH (e:Evidence {orgId: $org})-[sup:SUPPORTS]->(c:Control {orgId: $org})-[imp:IMPLEMENTS]->(r:Requirement)
WHERE c.status IN ['implemented', 'operating'] AND e.status = 'approved'
  AND (e.validUntil IS NULL OR e.validUntil >= date())
CALL (r) {
  WITH r WHERE r.frameworkId IN [$a, $b]
  RETURN null AS m, r AS t
  UNION
  MATCH (r)-[m:MAPS_TO]-(t:Requirement)
  WHERE t.frameworkId IN [$a, $b] AND m.status = 'approved' AND m.relationship <> 'no_relationship' AND m.strength >= 5
  RETURN m, t
}
WITH e, collect({sup: sup, c: c, imp: imp, r: r, m: m, t: t}) AS reached
WHERE any(x IN reached WHERE x.t.frameworkId = $a) AND any(x IN reached WHERE x.t.frameworkId = $b)
UNWIND reached AS x
RETURN e, x.sup AS supports, x.c AS control, x.imp AS implements, x.r AS requirement, x.m AS mapping, x.t AS reachedRequirement
