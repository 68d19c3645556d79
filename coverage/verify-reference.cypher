// `crosswalk coverage verify`: the reference (from-scratch) status of every assessed requirement of $fws,
// at the default inference parameters. Params: $org, $today (YYYY-MM-DD), $fws.
WITH $org AS org, date($today) AS today, $fws AS fws, 3 AS maxDepth, 7 AS minStrength, 1 AS indicationDepth,
     5 AS indicationMinStrength, null AS systemId, [] AS dropEvidence, [] AS dropControls, null AS sourceFws
// @include status-block
RETURN leaf.uid AS uid, status, basis, directStatus, controls, inherited, indications, exclusion
