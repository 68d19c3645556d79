// coverage(framework, org, system?): the status of every assessed requirement of one framework for one
// organization (direct or inherited, with indications; see queries/README.md), rolled up to the framework's
// top-level clauses/chapters/groups, with the headline percentages over the applicable (not excluded)
// requirements. One row, column `result`; requirements paginated.
// Params: $framework, $org, $system (null = whole organization), $today (null = date()), $maxDepth (null = 3),
//         $minStrength (null = 7), $indicationDepth (null = 1), $indicationMinStrength (null = 5),
//         $first (null = all), $offset (null = 0).
WITH $org AS org, date(coalesce($today, date())) AS today, [$framework] AS fws, coalesce($maxDepth, 3) AS maxDepth,
     coalesce($minStrength, 7) AS minStrength, coalesce($indicationDepth, 1) AS indicationDepth,
     coalesce($indicationMinStrength, 5) AS indicationMinStrength,
     $system AS systemId, [] AS dropEvidence, [] AS dropControls, coalesce($reference, false) AS reference, null AS sourceFws
// The top-level group of each requirement, read down from the groups once.
CALL () {
  MATCH (top:Requirement {frameworkId: $framework})<-[:PART_OF*0..]-(r:Requirement)
  WHERE NOT EXISTS { (top)-[:PART_OF]->() }
  RETURN apoc.map.fromPairs(collect([r.uid, top.uid])) AS groupOf
}
// @include coverage/status
WITH org, today, fws, sourceFws, leaf, status, basis, directStatus, exclusion, indicated, direct, detail, indicatedParents,
     groupOf[leaf.uid] AS top
ORDER BY leaf.order, leaf.uid
// The counts need only the statuses; the detail of each requirement is built for the page alone.
WITH org, today, fws, sourceFws,
     collect({leaf: leaf, uid: leaf.uid, group: top, status: status, basis: basis, directStatus: directStatus,
              exclusion: exclusion, indicated: indicated, direct: direct, detail: detail}) AS rows,
     head(collect(indicatedParents)) AS indicatedParents
// @include coverage/indicated-parents
CALL (org, today, sourceFws, rows) {
  UNWIND rows[coalesce($offset, 0)..coalesce($offset, 0) + coalesce($first, size(rows))] AS row
  WITH org, today, sourceFws, row, row.leaf AS leaf, row.direct AS direct, row.detail AS detail
// @include coverage/read-detail
  RETURN collect({uid: leaf.uid, ref: leaf.ref, title: leaf.title, kind: leaf.kind, group: row.group, status: row.status,
                  basis: row.basis, directStatus: row.directStatus, controls: controls, inherited: inherited,
                  indications: indications, exclusion: row.exclusion}) AS page
}
WITH rows, parents AS indicatedParents, page
CALL () {
  MATCH (top:Requirement {frameworkId: $framework})
  WHERE NOT EXISTS { (top)-[:PART_OF]->() }
  RETURN top ORDER BY top.order, top.uid
}
WITH rows, indicatedParents, page, top, [r IN rows WHERE r.group = top.uid] AS mine
// The same counts for the framework and each group; percentages over the applicable requirements.
WITH rows, indicatedParents, page, top, mine, size([r IN mine WHERE r.status <> 'excluded']) AS applicable
WITH rows, indicatedParents, page, collect(CASE WHEN size(mine) > 0 THEN {
  uid: top.uid, ref: top.ref, title: top.title, requirements: size(mine), applicable: applicable,
  met: size([r IN mine WHERE r.status = 'met']), metDirect: size([r IN mine WHERE r.status = 'met' AND r.basis = 'direct']),
  metInherited: size([r IN mine WHERE r.basis = 'inherited']),
  partiallyMet: size([r IN mine WHERE r.status = 'partially_met']), stale: size([r IN mine WHERE r.status = 'stale']),
  unverified: size([r IN mine WHERE r.status = 'unverified']), excluded: size([r IN mine WHERE r.status = 'excluded']),
  gap: size([r IN mine WHERE r.status = 'gap']),
  indicated: size([r IN mine WHERE NOT r.status IN ['met', 'excluded'] AND r.indicated]),
  percentMetDirect: CASE WHEN applicable = 0 THEN null
    ELSE round(100.0 * size([r IN mine WHERE r.status = 'met' AND r.basis = 'direct']) / applicable, 1) END,
  percentMet: CASE WHEN applicable = 0 THEN null ELSE round(100.0 * size([r IN mine WHERE r.status = 'met']) / applicable, 1) END,
  percentPartiallyMetDirect: CASE WHEN applicable = 0 THEN null
    ELSE round(100.0 * size([r IN mine WHERE r.status = 'partially_met']) / applicable, 1) END
} END) AS groups
WITH rows, indicatedParents, page, groups, size([r IN rows WHERE r.status <> 'excluded']) AS applicable,
     size([r IN rows WHERE r.status = 'met' AND r.basis = 'direct']) AS metDirect,
     size([r IN rows WHERE r.status = 'met']) AS met, size([r IN rows WHERE r.status = 'partially_met']) AS partiallyMet
RETURN {
  framework: $framework, org: $org, system: $system, today: toString(date(coalesce($today, date()))),
  maxDepth: coalesce($maxDepth, 3), minStrength: coalesce($minStrength, 7), indicationDepth: coalesce($indicationDepth, 1),
  indicationMinStrength: coalesce($indicationMinStrength, 5),
  totals: {
    requirements: size(rows), applicable: applicable, met: met, metDirect: metDirect,
    metInherited: size([r IN rows WHERE r.basis = 'inherited']), partiallyMet: partiallyMet,
    stale: size([r IN rows WHERE r.status = 'stale']), unverified: size([r IN rows WHERE r.status = 'unverified']),
    excluded: size([r IN rows WHERE r.status = 'excluded']), gap: size([r IN rows WHERE r.status = 'gap']),
    indicated: size([r IN rows WHERE NOT r.status IN ['met', 'excluded'] AND r.indicated])
  },
  percentMetDirect: CASE WHEN applicable = 0 THEN null ELSE round(100.0 * metDirect / applicable, 1) END,
  percentMet: CASE WHEN applicable = 0 THEN null ELSE round(100.0 * met / applicable, 1) END,
  percentPartiallyMetDirect: CASE WHEN applicable = 0 THEN null ELSE round(100.0 * partiallyMet / applicable, 1) END,
  groups: groups,
  indicatedParents: coalesce(indicatedParents, []),
  total: size(rows),
  requirements: page
} AS result
