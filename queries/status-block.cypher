// BEGIN status-block: the status of every assessed requirement, shared by every question that needs it.
// Included with `// @include status-block` and expanded by queries/cypher.ts, so it exists once.
// See queries/README.md "Coverage semantics".
// In: org, today, fws (framework ids), maxDepth, systemId (or null), dropEvidence, dropControls,
//     sourceFws (frameworks inference may start from; null = any).
// Out: one row per assessed requirement (normative leaf) of fws with its status.
CALL (org, today, fws, maxDepth, systemId, dropEvidence, dropControls, sourceFws) {
  // Direct coverage: in-force controls of the organization (for a system: the system's own controls and
  // the organization-wide ones), their approved evidence split into valid and expired. Implementing a
  // requirement covers its descendants too.
  CALL (org, today, systemId, dropEvidence, dropControls) {
    OPTIONAL MATCH (c:Control {orgId: org})-[imp:IMPLEMENTS]->(a:Requirement)
    WHERE c.status IN ['implemented', 'operating'] AND NOT c.id IN dropControls
      AND (systemId IS NULL OR EXISTS { (c)-[:APPLIES_TO]->(:System {orgId: org, id: systemId}) }
           OR NOT EXISTS { (c)-[:APPLIES_TO]->(:System) })
    CALL (c, org, dropEvidence) {
      OPTIONAL MATCH (e:Evidence {orgId: org})-[:SUPPORTS]->(c)
      WHERE e.status = 'approved' AND NOT e.id IN dropEvidence
      RETURN collect(e) AS approved
    }
    OPTIONAL MATCH (r:Requirement)-[:PART_OF*0..]->(a)
    WITH r, [x IN collect({control: c.id, coverage: imp.coverage, via: a.uid,
              valid: [e IN approved WHERE e.validUntil IS NULL OR e.validUntil >= today | e.id],
              expired: [e IN approved WHERE e.validUntil < today | e.id]}) WHERE x.control IS NOT NULL] AS impls
    WITH r, impls,
         CASE WHEN any(i IN impls WHERE i.coverage = 'full' AND size(i.valid) > 0) THEN 'met'
              WHEN any(i IN impls WHERE size(i.valid) > 0) THEN 'partially_met'
              WHEN any(i IN impls WHERE size(i.expired) > 0) THEN 'stale'
              ELSE 'unverified' END AS status
    WHERE r IS NOT NULL
    RETURN collect({r: r, uid: r.uid, status: status, controls: impls}) AS directRows
  }
  // Inferred coverage: from every directly met or partially met requirement along approved MAPS_TO
  // mappings, read from the covered side (a stored mapping read backwards inverts subset_of and
  // superset_of), at most maxDepth hops, no requirement twice on a path (NODE_PATH). Full only when
  // every hop is equal or superset_of and the start is met; strength is the weakest hop.
  CALL (directRows, maxDepth, fws, sourceFws) {
    UNWIND [d IN directRows WHERE d.status IN ['met', 'partially_met']
                               AND (sourceFws IS NULL OR d.r.frameworkId IN sourceFws)] AS d
    WITH d.r AS s, d.status AS sStatus
    CALL apoc.path.expandConfig(s, {relationshipFilter: 'MAPS_TO', minLevel: 1, maxLevel: maxDepth, uniqueness: 'NODE_PATH'})
    YIELD path
    WITH s, sStatus, nodes(path) AS ns, relationships(path) AS ms
    WHERE last(ns).frameworkId IN fws
      AND all(m IN ms WHERE m.status = 'approved' AND m.relationship <> 'no_relationship')
    WITH s, sStatus, ns, ms,
         [i IN range(0, size(ms) - 1) |
           CASE WHEN startNode(ms[i]) = ns[i] THEN ms[i].relationship
                WHEN ms[i].relationship = 'subset_of' THEN 'superset_of'
                WHEN ms[i].relationship = 'superset_of' THEN 'subset_of'
                ELSE ms[i].relationship END] AS rels
    WITH s, sStatus, ns, ms, rels,
         all(x IN rels WHERE x IN ['equal', 'superset_of']) AS fullPath,
         reduce(w = 10, m IN ms | CASE WHEN m.strength < w THEN m.strength ELSE w END) AS strength
    WITH last(ns) AS t, {
      status: CASE WHEN fullPath AND sStatus = 'met' THEN 'met' ELSE 'partially_met' END,
      source: s.uid, fromStatus: sStatus, fullPath: fullPath, strength: strength, hops: size(ms),
      path: [n IN ns | n.uid], relationships: rels} AS cand
    MATCH (leaf:Requirement)-[:PART_OF*0..]->(t)
    WHERE coalesce(leaf.normative, true) AND NOT EXISTS { (:Requirement)-[:PART_OF]->(leaf) }
    WITH leaf, cand ORDER BY leaf.uid, CASE cand.status WHEN 'met' THEN 0 ELSE 1 END, cand.strength DESC, cand.hops,
         apoc.text.join(cand.path, '>')
    WITH leaf, head(collect(cand)) AS best
    RETURN collect([leaf.uid, best]) AS inferredPairs
  }
  CALL (org) {
    OPTIONAL MATCH (:Organization {id: org})-[x:EXCLUDES]->(ex:Requirement)<-[:PART_OF*0..]-(r:Requirement)
    RETURN collect(CASE WHEN r IS NOT NULL THEN [r.uid, {requirement: ex.uid, justification: x.justification}] END) AS excludedPairs
  }
  WITH apoc.map.fromPairs([d IN directRows | [d.uid, d]]) AS directBy,
       apoc.map.fromPairs(inferredPairs) AS inferredBy, apoc.map.fromPairs(excludedPairs) AS excludedBy, fws
  MATCH (leaf:Requirement)
  WHERE leaf.frameworkId IN fws AND coalesce(leaf.normative, true) AND NOT EXISTS { (:Requirement)-[:PART_OF]->(leaf) }
  WITH leaf, directBy[leaf.uid] AS d, inferredBy[leaf.uid] AS i, excludedBy[leaf.uid] AS x
  // Precedence: excluded; met (direct, then inferred); the direct status (partially met, stale, unverified:
  // an inferred partial never hides the organization's own stale or unverified control); inferred partial; gap.
  RETURN leaf,
         CASE WHEN x IS NOT NULL THEN 'excluded' WHEN d.status = 'met' THEN 'met' WHEN i.status = 'met' THEN 'met'
              WHEN d IS NOT NULL THEN d.status WHEN i IS NOT NULL THEN i.status ELSE 'gap' END AS status,
         CASE WHEN x IS NOT NULL OR d.status = 'met' THEN 'direct' WHEN i.status = 'met' THEN 'inferred'
              WHEN d IS NOT NULL THEN 'direct' WHEN i IS NOT NULL THEN 'inferred' ELSE null END AS basis,
         CASE WHEN d IS NULL THEN [] ELSE d.controls END AS controls,
         i AS inferred, x AS exclusion, d.status AS directStatus
}
// END status-block
