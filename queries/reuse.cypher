// reuse(source, target, org): what the organization's direct work on the SOURCE framework gives it for the
// TARGET framework under the coverage rules (queries/README.md): the target requirements it meets by
// inheritance (a full chain of mappings from a directly met source requirement; counts as met) and, apart,
// those it only indicates (related work, never counted). One entry per target requirement reached, next to
// its status counting the organization's direct work and what the source gives. One row, column `result`.
// Params: $source, $target, $org, $today, $maxDepth (null = 3), $minStrength (null = 7),
//         $indicationDepth (null = 1), $indicationMinStrength (null = 5), $first, $offset.
WITH $org AS org, date(coalesce($today, date())) AS today, [$target] AS fws, coalesce($maxDepth, 3) AS maxDepth,
     coalesce($minStrength, 7) AS minStrength, coalesce($indicationDepth, 1) AS indicationDepth,
     coalesce($indicationMinStrength, 5) AS indicationMinStrength,
     null AS systemId, [] AS dropEvidence, [] AS dropControls, coalesce($reference, false) AS reference, [$source] AS sourceFws
// @include coverage/status
WITH org, today, sourceFws, leaf, status, basis, inheritable, indicated, direct, detail
ORDER BY leaf.order, leaf.uid
// Which target requirements the source reaches needs only the cheap columns; the paths are built for the page.
WITH org, today, sourceFws, collect({leaf: leaf, status: status, basis: basis, inheritable: inheritable, indicated: indicated,
                                     direct: direct, detail: detail}) AS assessed
WITH org, today, sourceFws, assessed, [r IN assessed WHERE r.inheritable OR r.indicated] AS rows
CALL (org, today, sourceFws, rows) {
  UNWIND rows[coalesce($offset, 0)..coalesce($offset, 0) + coalesce($first, size(rows))] AS row
  WITH org, today, sourceFws, row, row.leaf AS leaf, row.direct AS direct, row.detail AS detail
// @include coverage/read-detail
  RETURN collect({uid: leaf.uid, ref: leaf.ref, title: leaf.title, inherited: inherited,
                  indications: CASE WHEN inherited IS NULL THEN indications ELSE [] END,
                  currentStatus: row.status, currentBasis: row.basis}) AS page
}
RETURN {source: $source, target: $target, org: $org, today: toString(date(coalesce($today, date()))),
        maxDepth: coalesce($maxDepth, 3), minStrength: coalesce($minStrength, 7),
        indicationDepth: coalesce($indicationDepth, 1), indicationMinStrength: coalesce($indicationMinStrength, 5),
        targetRequirements: size(assessed),
        inherited: size([r IN rows WHERE r.inheritable]),
        indicated: size([r IN rows WHERE NOT r.inheritable]),
        total: size(rows),
        requirements: page} AS result
