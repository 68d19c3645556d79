// impact(evidence|control, org, asOf?, withinDays?): what changes when an evidence item or a control goes
// away, and/or when time passes. "Before" is the status of every assessed requirement of every framework
// the organization adopts as of $today; "after" is the status as of the later date (= $asOf, or $today +
// $withinDays days, or $today) without $evidence and $control. Lists the evidence that expires in between.
// Statuses follow the coverage rules (queries/README.md); an inheritance that breaks shows as met/inherited -> gap.
// One row, column `result`. Params: $org, $evidence, $control, $today, $asOf, $withinDays, $maxDepth,
// $minStrength, $indicationDepth, $indicationMinStrength, $first, $offset.
WITH $org AS org, date(coalesce($today, date())) AS now, coalesce($maxDepth, 3) AS maxDepth,
     coalesce($minStrength, 7) AS minStrength, coalesce($indicationDepth, 1) AS indicationDepth,
     coalesce($indicationMinStrength, 5) AS indicationMinStrength
WITH org, now, maxDepth, minStrength, indicationDepth, indicationMinStrength,
     coalesce(date($asOf), CASE WHEN $withinDays IS NULL THEN now ELSE now + duration({days: $withinDays}) END) AS later,
     [(:Organization {id: org})-[:ADOPTS]->(f:Framework) | f.id] AS fws
UNWIND [{name: 'before', today: now, dropEvidence: [], dropControls: []},
        {name: 'after', today: later, dropEvidence: [x IN [$evidence] WHERE x IS NOT NULL],
         dropControls: [x IN [$control] WHERE x IS NOT NULL]}] AS scenario
WITH org, now, later, maxDepth, minStrength, indicationDepth, indicationMinStrength, fws, scenario.name AS scenarioName, scenario.today AS today,
     scenario.dropEvidence AS dropEvidence, scenario.dropControls AS dropControls, null AS systemId, null AS sourceFws
// @include status-block
WITH leaf, collect([scenarioName, {status: status, basis: basis}]) AS pairs
WITH leaf, apoc.map.fromPairs(pairs) AS s
WITH leaf, s.before AS before, s.after AS after WHERE before.status <> after.status
ORDER BY leaf.frameworkId, leaf.order, leaf.uid
WITH collect({uid: leaf.uid, framework: leaf.frameworkId, ref: leaf.ref, title: leaf.title,
                          before: before.status, beforeBasis: before.basis, after: after.status, afterBasis: after.basis}) AS changes
WITH changes, date(coalesce($today, date())) AS now
WITH changes, now,
     coalesce(date($asOf), CASE WHEN $withinDays IS NULL THEN now ELSE now + duration({days: $withinDays}) END) AS later
CALL (now, later) {
  MATCH (e:Evidence {orgId: $org})
  WHERE e.status = 'approved' AND e.validUntil >= now AND e.validUntil < later
  WITH e ORDER BY e.validUntil, e.id
  RETURN collect({id: e.id, title: e.title, validUntil: toString(e.validUntil),
                  controls: [(e)-[:SUPPORTS]->(c:Control) | c.id]}) AS expiring
}
RETURN {org: $org, today: toString(now), after: toString(later), evidence: $evidence, control: $control,
        expiring: expiring, total: size(changes),
        byFramework: apoc.map.fromPairs([f IN apoc.coll.toSet([c IN changes | c.framework]) | [f, size([c IN changes WHERE c.framework = f])]]),
        changes: changes[coalesce($offset, 0)..coalesce($offset, 0) + coalesce($first, size(changes))]} AS result
