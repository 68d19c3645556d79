// Search phrase "Why is $requirement covered for $org": the paths behind the requirement's status, the graph
// form of queries/explain.cypher.
// - Direct: Requirement (or the ancestor a control implements) <-IMPLEMENTS- in-force Control of the
//   organization <-SUPPORTS- Evidence (every item; Evidence styling shows draft and rejected ones; a control
//   without evidence is drawn alone: that is why the requirement is unverified).
// - Excluded: the organization's EXCLUDES on the requirement or an ancestor.
// - Mappings: every approved mapping path (not no_relationship, at most 3 hops, no requirement twice) from
//   the requirement or an ancestor to a requirement the organization covers directly (met or partially met,
//   by its maintained direct rows), continued to that requirement's in-force controls and valid evidence: the
//   paths `explain` lists; which of them is an inheritance (counts) or an indication (advice) it says.
// Params: $requirement (uid), $org.
// The requirements the organization covers directly today (met or partially met), from its maintained
// direct rows (what the organization did does not depend on the inference parameters).
WITH $org AS org, date() AS today, 3 AS maxDepth
WITH org, today, maxDepth, COLLECT { MATCH (d:CoverageDirect {org: org}) WHERE d.validUntil >= today RETURN d.uid } AS coveredLeaves
MATCH (req:Requirement {uid: $requirement})
CALL (req, org, today, maxDepth, coveredLeaves) {
  MATCH p = (req)-[:PART_OF*0..]->(:Requirement)<-[:IMPLEMENTS]-(c:Control {orgId: org})<-[:SUPPORTS]-(:Evidence {orgId: org})
  WHERE c.status IN ['implemented', 'operating']
  RETURN p
  UNION
  MATCH p = (req)-[:PART_OF*0..]->(:Requirement)<-[:IMPLEMENTS]-(c:Control {orgId: org})
  WHERE c.status IN ['implemented', 'operating'] AND NOT EXISTS { (c)<-[:SUPPORTS]-(:Evidence {orgId: org}) }
  RETURN p
  UNION
  MATCH p = (req)-[:PART_OF*0..]->(:Requirement)<-[:EXCLUDES]-(:Organization {id: org})
  RETURN p
  UNION
  MATCH up = (req)-[:PART_OF*0..]->(t:Requirement)
  CALL apoc.path.expandConfig(t, {relationshipFilter: 'MAPS_TO', minLevel: 1, maxLevel: maxDepth, uniqueness: 'NODE_PATH'})
  YIELD path
  WITH up, path, last(nodes(path)) AS source
  WHERE source.uid IN coveredLeaves
    AND all(m IN relationships(path) WHERE m.status = 'approved' AND m.relationship <> 'no_relationship')
  MATCH evidence = (source)-[:PART_OF*0..]->(:Requirement)<-[:IMPLEMENTS]-(c:Control {orgId: org})<-[:SUPPORTS]-(e:Evidence {orgId: org})
  WHERE c.status IN ['implemented', 'operating'] AND e.status = 'approved' AND (e.validUntil IS NULL OR e.validUntil >= today)
  RETURN apoc.path.combine(apoc.path.combine(up, path), evidence) AS p
}
RETURN p
