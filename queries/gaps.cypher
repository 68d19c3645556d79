// gaps(framework, org): the assessed requirements of a framework the organization does not meet (status
// `gap` by default; pass $statuses to widen, e.g. ['gap','unverified','stale']), ordered by how many OTHER
// frameworks the organization adopts they would also advance (approved mappings within $maxDepth hops,
// no_relationship excluded), then by how many requirements there. One row, column `result`.
// Params: $framework, $org, $statuses (null = ['gap']), $today, $maxDepth (null = 3), $first, $offset.
WITH $org AS org, date(coalesce($today, date())) AS today, [$framework] AS fws, coalesce($maxDepth, 3) AS maxDepth,
     null AS systemId, [] AS dropEvidence, [] AS dropControls, null AS sourceFws
// @include status-block
WITH leaf, status, maxDepth WHERE status IN coalesce($statuses, ['gap'])
CALL (leaf, maxDepth) {
  OPTIONAL MATCH (leaf)-[:PART_OF*0..]->(start:Requirement)
  CALL apoc.path.expandConfig(start, {relationshipFilter: 'MAPS_TO', minLevel: 1, maxLevel: maxDepth, uniqueness: 'NODE_PATH'})
  YIELD path
  WITH last(nodes(path)) AS t, relationships(path) AS ms
  WHERE t.frameworkId <> $framework
    AND EXISTS { (:Organization {id: $org})-[:ADOPTS]->(:Framework {id: t.frameworkId}) }
    AND all(m IN ms WHERE m.status = 'approved' AND m.relationship <> 'no_relationship')
  WITH DISTINCT t
  ORDER BY t.frameworkId, t.uid
  RETURN collect(DISTINCT t.frameworkId) AS frameworks, collect(t.uid) AS advances
}
WITH leaf, status, frameworks, advances
ORDER BY size(frameworks) DESC, size(advances) DESC, leaf.order, leaf.uid
WITH collect({uid: leaf.uid, ref: leaf.ref, title: leaf.title, status: status, frameworks: frameworks,
              advances: advances}) AS rows
RETURN {framework: $framework, org: $org, today: toString(date(coalesce($today, date()))), total: size(rows),
        gaps: rows[coalesce($offset, 0)..coalesce($offset, 0) + coalesce($first, size(rows))]} AS result
