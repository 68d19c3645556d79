// coverage(framework, org, system?): the status of every assessed requirement of one framework for one
// organization (direct or inferred, see queries/README.md), rolled up to the framework's top-level
// clauses/chapters/groups, with percentages. One row, column `result`; requirements paginated.
// Params: $framework, $org, $system (null = whole organization), $today (null = date()), $maxDepth (null = 3),
//         $first (null = all), $offset (null = 0).
WITH $org AS org, date(coalesce($today, date())) AS today, [$framework] AS fws, coalesce($maxDepth, 3) AS maxDepth,
     $system AS systemId, [] AS dropEvidence, [] AS dropControls, null AS sourceFws
// @include status-block
WITH leaf, status, basis, controls, inferred, exclusion,
     head([(leaf)-[:PART_OF*0..]->(top:Requirement) WHERE NOT EXISTS { (top)-[:PART_OF]->(:Requirement) } | top.uid]) AS top
ORDER BY leaf.order, leaf.uid
WITH collect({uid: leaf.uid, ref: leaf.ref, title: leaf.title, kind: leaf.kind, group: top, status: status, basis: basis,
              controls: controls, inferred: inferred, exclusion: exclusion}) AS rows
CALL () {
  MATCH (top:Requirement {frameworkId: $framework})
  WHERE NOT EXISTS { (top)-[:PART_OF]->(:Requirement) }
  RETURN top ORDER BY top.order, top.uid
}
WITH rows, top, [r IN rows WHERE r.group = top.uid] AS mine
WITH rows, collect(CASE WHEN size(mine) > 0 THEN {
  uid: top.uid, ref: top.ref, title: top.title, requirements: size(mine),
  met: size([r IN mine WHERE r.status = 'met']), partially_met: size([r IN mine WHERE r.status = 'partially_met']),
  stale: size([r IN mine WHERE r.status = 'stale']), unverified: size([r IN mine WHERE r.status = 'unverified']),
  excluded: size([r IN mine WHERE r.status = 'excluded']), gap: size([r IN mine WHERE r.status = 'gap']),
  percentMet: CASE WHEN size([r IN mine WHERE r.status <> 'excluded']) = 0 THEN null
                   ELSE round(100.0 * size([r IN mine WHERE r.status = 'met']) / size([r IN mine WHERE r.status <> 'excluded']), 1) END
} END) AS groups
WITH rows, groups, size([r IN rows WHERE r.status <> 'excluded']) AS applicable,
     size([r IN rows WHERE r.status = 'met']) AS met, size([r IN rows WHERE r.status = 'partially_met']) AS partial
RETURN {
  framework: $framework, org: $org, system: $system, today: toString(date(coalesce($today, date()))),
  maxDepth: coalesce($maxDepth, 3),
  totals: {
    requirements: size(rows), applicable: applicable, met: met, partially_met: partial,
    stale: size([r IN rows WHERE r.status = 'stale']), unverified: size([r IN rows WHERE r.status = 'unverified']),
    excluded: size([r IN rows WHERE r.status = 'excluded']), gap: size([r IN rows WHERE r.status = 'gap']),
    metDirect: size([r IN rows WHERE r.status = 'met' AND r.basis = 'direct']),
    metInferred: size([r IN rows WHERE r.status = 'met' AND r.basis = 'inferred']),
    partiallyMetDirect: size([r IN rows WHERE r.status = 'partially_met' AND r.basis = 'direct']),
    partiallyMetInferred: size([r IN rows WHERE r.status = 'partially_met' AND r.basis = 'inferred'])
  },
  percentMet: CASE WHEN applicable = 0 THEN null ELSE round(100.0 * met / applicable, 1) END,
  percentCovered: CASE WHEN applicable = 0 THEN null ELSE round(100.0 * (met + partial) / applicable, 1) END,
  groups: groups,
  total: size(rows),
  requirements: rows[coalesce($offset, 0)..coalesce($offset, 0) + coalesce($first, size(rows))]
} AS result
