// `crosswalk coverage verify`: the same columns read from the maintained coverage. Params: $org, $today, $fws.
WITH $org AS org, date($today) AS today, $fws AS fws, null AS sourceFws
// @include coverage/read-status
RETURN leaf.uid AS uid, status, basis, directStatus, controls, inherited, indications, exclusion
