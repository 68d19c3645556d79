// BEGIN finding-targets: the requirements a finding is about (the findings rule, queries/README.md): the ones it
// names, and everything a control it names implements. Their parts are the callers' to add.
// In: f (a Finding). Out: x, one row per requirement.
CALL (f) {
  MATCH (f)-[:ABOUT]->(x:Requirement)
  RETURN x
  UNION
  MATCH (f)-[:ABOUT]->(:Control)-[:IMPLEMENTS]->(x:Requirement)
  RETURN x
}
// END finding-targets
