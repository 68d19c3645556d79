// impact(evidence|control, org, asOf?, withinDays?): what changes when an evidence item or a control goes
// away, and/or when time passes. "Before" is the status of every assessed requirement of every framework
// the organization adopts as of $today; "after" is the status as of the later date (= $asOf, or $today +
// $withinDays days, or $today) without $evidence and $control. Lists the evidence that expires in between.
// Statuses follow the coverage rules (queries/README.md); an inheritance that breaks shows as met/inherited -> gap.
// One row, column `result`. Params: $org, $evidence, $control, $today, $asOf, $withinDays, $maxDepth,
// $minStrength, $indicationDepth, $indicationMinStrength, $first, $offset.
WITH $org AS org, date(coalesce($today, date())) AS now, coalesce($maxDepth, 3) AS maxDepth,
     coalesce($minStrength, 7) AS minStrength, coalesce($indicationDepth, 1) AS indicationDepth,
     coalesce($indicationMinStrength, 5) AS indicationMinStrength, coalesce($reference, false) AS reference
WITH org, now, maxDepth, minStrength, indicationDepth, indicationMinStrength, reference,
     coalesce(date($asOf), CASE WHEN $withinDays IS NULL THEN now ELSE now + duration({days: $withinDays}) END) AS later,
     [(:Organization {id: org})-[:ADOPTS]->(f:Framework) | f.id] AS fws
CALL (org, now, later, maxDepth, minStrength, indicationDepth, indicationMinStrength, fws, reference) {
  // At the default parameters, from the maintained coverage and only around what changes: the requirements
  // under what the named evidence or control implements (their direct status is recomputed without it), what
  // stored inheritance paths reach from them, and the requirements whose stored intervals end between the two
  // dates (a status changes with the date only there).
  WITH org, now, later, fws
  WHERE NOT reference AND coalesce(maxDepth, 3) = 3 AND minStrength = 7 AND indicationDepth = 1 AND indicationMinStrength = 5
  WITH org, now, later, fws, CASE WHEN later < now THEN later ELSE now END AS lo, CASE WHEN later < now THEN now ELSE later END AS hi
  CALL (org) {
    CALL (org) {
      MATCH (:Control {orgId: org, id: $control})-[:IMPLEMENTS]->(a:Requirement)
      RETURN a
      UNION
      MATCH (:Evidence {orgId: org, id: $evidence})-[:SUPPORTS]->(c:Control)-[:IMPLEMENTS]->(a:Requirement)
      WHERE coalesce(c.orgId, '') = org
      RETURN a
    }
    MATCH (a)<-[:PART_OF*0..]-(r:Requirement)
    RETURN collect(DISTINCT r) AS scope
  }
  // The direct status of each requirement in scope without them (spec section 1, as coverage/direct-scoped.cypher).
  CALL (org, scope) {
    UNWIND scope AS r
    OPTIONAL MATCH (r)-[:PART_OF*0..]->(:Requirement)<-[imp:IMPLEMENTS]-(c:Control)
    WHERE coalesce(c.orgId, '') = org AND c.status IN ['implemented', 'operating'] AND c.id <> coalesce($control, '')
    WITH r, c, imp, [(c)<-[:SUPPORTS]-(e:Evidence) WHERE coalesce(e.orgId, '') = org AND e.status = 'approved'
                                                       AND e.id <> coalesce($evidence, '') | coalesce(e.validUntil, date('9999-12-31'))] AS untils
    WITH r, c, imp, CASE WHEN size(untils) > 0 THEN apoc.coll.max(untils) END AS until, size(untils) AS approved
    WITH r, count(c) AS impls, max(CASE WHEN imp.coverage = 'full' THEN until END) AS metUntil, max(until) AS validUntil,
         sum(approved) > 0 AS approved
    // Findings cap the requirement whatever implements it: its caps stay (coverage/findings-caps.cypher).
    OPTIONAL MATCH (od:CoverageDirect {org: org, uid: r.uid}) USING INDEX od:CoverageDirect(org, uid)
    RETURN apoc.map.fromPairs(collect([r.uid, CASE WHEN impls > 0 THEN {metUntil: metUntil, validUntil: validUntil, approved: approved,
                                                                        capFrom: coalesce(od.capFrom, []), capUntil: coalesce(od.capUntil, [])}
                                                   ELSE {none: true} END])) AS without
  }
  CALL (org, fws, scope, lo, hi) {
    UNWIND scope AS r
    MATCH (r)-[:COVERAGE_INHERITS]->(:Requirement)<-[:PART_OF*0..]-(leaf:Requirement)
    RETURN collect(DISTINCT leaf) AS reached
  }
  CALL (org, lo, hi) {
    OPTIONAL MATCH (d:CoverageDirect {org: org})
    WHERE lo <= d.metUntil < hi OR lo <= d.validUntil < hi
       OR any(k IN range(0, size(coalesce(d.capFrom, [])) - 1) WHERE lo <= d.capFrom[k] <= hi OR lo <= d.capUntil[k] <= hi)
    RETURN collect(d.uid) AS endingDirect
  }
  CALL (org, lo, hi) {
    OPTIONAL MATCH (i:CoverageInferred {org: org})
    WHERE lo <= i.inheritedUntil < hi OR size(coalesce(i.cappedSources, [])) > 0
    RETURN collect(i.uid) AS endingInferred
  }
  UNWIND apoc.coll.toSet([r IN scope + reached | r.uid] + endingDirect + endingInferred) AS uid
  MATCH (leaf:Requirement {uid: uid})
  WHERE leaf.frameworkId IN fws AND coalesce(leaf.normative, true) AND NOT EXISTS { (:Requirement)-[:PART_OF]->(leaf) }
    AND NOT EXISTS { (leaf)-[:PART_OF*0..]->(:Requirement)<-[:EXCLUDES]-(:Organization {id: org}) }
  OPTIONAL MATCH (d:CoverageDirect {org: org, uid: leaf.uid}) USING INDEX d:CoverageDirect(org, uid)
  OPTIONAL MATCH (i:CoverageInferred {org: org, uid: leaf.uid}) USING INDEX i:CoverageInferred(org, uid)
  WITH leaf, now, later, d, i, without, size(scope) > 0 AS dropping,
       CASE WHEN without[leaf.uid] IS NULL THEN d WHEN without[leaf.uid].none THEN null ELSE without[leaf.uid] END AS after
  // Inheritance after: from a source met on the later day, its direct row recomputed when it is in scope.
  WITH leaf, now, later, d, i, after,
       CASE WHEN NOT dropping THEN coverage.inheritedOn(i, later, org)
            ELSE EXISTS { MATCH (leaf)-[:PART_OF*0..]->(:Requirement)<-[:COVERAGE_INHERITS]-(s:Requirement)
                          OPTIONAL MATCH (sd:CoverageDirect {org: org, uid: s.uid})
                          WITH s, CASE WHEN without[s.uid] IS NULL THEN sd WHEN without[s.uid].none THEN null
                                       ELSE without[s.uid] END AS row
                          WHERE coverage.metOn(row, later) } END AS inheritedAfter
  WITH leaf,
       CASE WHEN d IS NULL THEN 'gap' WHEN coverage.metOn(d, now) THEN 'met' WHEN d.validUntil >= now THEN 'partially_met'
            WHEN d.approved THEN 'stale' ELSE 'unverified' END AS directBefore,
       coverage.inheritedOn(i, now, org) AS inheritedBefore,
       CASE WHEN after IS NULL THEN 'gap' WHEN coverage.metOn(after, later) THEN 'met' WHEN after.validUntil >= later THEN 'partially_met'
            WHEN after.approved THEN 'stale' ELSE 'unverified' END AS directAfter, inheritedAfter
  WITH leaf,
       CASE WHEN directBefore = 'met' OR inheritedBefore THEN 'met' ELSE directBefore END AS before,
       CASE WHEN directBefore = 'met' THEN 'direct' WHEN inheritedBefore THEN 'inherited' WHEN directBefore <> 'gap' THEN 'direct' END
         AS beforeBasis,
       CASE WHEN directAfter = 'met' OR inheritedAfter THEN 'met' ELSE directAfter END AS after,
       CASE WHEN directAfter = 'met' THEN 'direct' WHEN inheritedAfter THEN 'inherited' WHEN directAfter <> 'gap' THEN 'direct' END
         AS afterBasis
  WHERE before <> after
  RETURN leaf, {status: before, basis: beforeBasis} AS before, {status: after, basis: afterBasis} AS after
  UNION ALL
  // Otherwise from scratch: the status of every assessed requirement of every adopted framework, twice.
  WITH org, now, later, maxDepth, minStrength, indicationDepth, indicationMinStrength, fws
  WHERE NOT (NOT reference AND coalesce(maxDepth, 3) = 3 AND minStrength = 7 AND indicationDepth = 1 AND indicationMinStrength = 5)
  UNWIND [{name: 'before', today: now, dropEvidence: [], dropControls: []},
          {name: 'after', today: later, dropEvidence: [x IN [$evidence] WHERE x IS NOT NULL],
           dropControls: [x IN [$control] WHERE x IS NOT NULL]}] AS scenario
  WITH org, now, later, maxDepth, minStrength, indicationDepth, indicationMinStrength, fws, scenario.name AS scenarioName,
       scenario.today AS today, scenario.dropEvidence AS dropEvidence, scenario.dropControls AS dropControls, null AS systemId,
       null AS sourceFws
// @include status-block
  WITH leaf, collect([scenarioName, {status: status, basis: basis}]) AS pairs
  WITH leaf, apoc.map.fromPairs(pairs) AS s
  WITH leaf, s.before AS before, s.after AS after WHERE before.status <> after.status
  RETURN leaf, before, after
}
WITH leaf, before, after
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
