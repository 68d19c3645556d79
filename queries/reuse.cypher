// reuse(source, target, org): what the organization's directly met or partially met requirements of the
// SOURCE framework give it for the TARGET framework, through approved mappings (composition rules in
// queries/README.md). One entry per target requirement reached (its best path), next to its current status.
// One row, column `result`. Params: $source, $target, $org, $today, $maxDepth (null = 3), $first, $offset.
WITH $org AS org, date(coalesce($today, date())) AS today, [$target] AS fws, coalesce($maxDepth, 3) AS maxDepth,
     null AS systemId, [] AS dropEvidence, [] AS dropControls, [$source] AS sourceFws
// @include status-block
WITH leaf, status, basis, inferred
ORDER BY leaf.order, leaf.uid
WITH collect({uid: leaf.uid, ref: leaf.ref, title: leaf.title, reuse: inferred, currentStatus: status, currentBasis: basis}) AS assessed
WITH assessed, [r IN assessed WHERE r.reuse IS NOT NULL] AS rows
RETURN {source: $source, target: $target, org: $org, today: toString(date(coalesce($today, date()))),
        targetRequirements: size(assessed),
        met: size([r IN rows WHERE r.reuse.status = 'met']), partially_met: size([r IN rows WHERE r.reuse.status = 'partially_met']),
        total: size(rows),
        requirements: rows[coalesce($offset, 0)..coalesce($offset, 0) + coalesce($first, size(rows))]} AS result
