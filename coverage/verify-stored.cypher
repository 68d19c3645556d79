// `crosswalk coverage verify`: the same columns read from the maintained coverage (status, then the detail of
// every row). Params: $org, $today, $fws.
WITH $org AS org, date($today) AS today, $fws AS fws, null AS sourceFws, null AS onlyUids
// @include coverage/read-status
WITH org, today, sourceFws, leaf, status, basis, directStatus, exclusion, direct, null AS detail
// @include coverage/read-detail
RETURN leaf.uid AS uid, status, basis, directStatus, controls, inherited, indications, exclusion
