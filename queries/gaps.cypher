// gaps(framework, org): the assessed requirements of a framework the organization does not meet (status
// `gap` by default; pass $statuses to widen, e.g. ['gap','unverified','stale']), ranked by leverage: what
// meeting it directly would give in the OTHER frameworks the organization adopts under the coverage rules
// (queries/README.md). First the frameworks and requirements it would meet by inheritance (full mappings,
// strength >= $minStrength, <= $maxDepth hops, a mapping onto a parent meets its parts), then the
// requirements it would indicate (<= $indicationDepth hops, strength >= $indicationMinStrength). One row,
// column `result`. Params: $framework, $org, $statuses (null = ['gap']), $today, $maxDepth (null = 3),
// $minStrength (null = 7), $indicationDepth (null = 1), $indicationMinStrength (null = 5), $first, $offset.
WITH $org AS org, date(coalesce($today, date())) AS today, [$framework] AS fws, coalesce($maxDepth, 3) AS maxDepth,
     coalesce($minStrength, 7) AS minStrength, coalesce($indicationDepth, 1) AS indicationDepth,
     coalesce($indicationMinStrength, 5) AS indicationMinStrength,
     null AS systemId, [] AS dropEvidence, [] AS dropControls, coalesce($reference, false) AS reference, null AS sourceFws,
     [(:Organization {id: $org})-[:ADOPTS]->(f:Framework) WHERE f.id <> $framework | f.id] AS adopted
// @include coverage/status
WITH org, today, sourceFws, reference, leaf, status, detail, maxDepth, minStrength, indicationDepth, indicationMinStrength, adopted
WHERE status IN coalesce($statuses, ['gap'])
CALL (leaf, adopted, maxDepth, minStrength, indicationDepth, indicationMinStrength, reference) {
  // At the default parameters the leverage is read from the stored inference paths (coverage/README.md).
  WITH leaf, adopted
  WHERE NOT reference AND coalesce(maxDepth, 3) = 3 AND minStrength = 7 AND indicationDepth = 1 AND indicationMinStrength = 5
  CALL (leaf, adopted) {
    OPTIONAL MATCH (leaf)-[:COVERAGE_INHERITS]->(t:Requirement)<-[:PART_OF*0..]-(part:Requirement)
    WHERE t.frameworkId IN adopted AND coalesce(part.normative, true) AND NOT EXISTS { (:Requirement)-[:PART_OF]->(part) }
    RETURN collect(DISTINCT part) AS meets
  }
  CALL (leaf, adopted) {
    OPTIONAL MATCH (leaf)-[p:COVERAGE_INDICATES]->(t:Requirement)
    WHERE t.frameworkId IN adopted AND NOT p.inherits
    RETURN collect(DISTINCT t) AS indicatedTs
  }
  WITH meets, [x IN indicatedTs WHERE NOT x IN meets] AS indicates
  RETURN apoc.coll.sort(apoc.coll.toSet([x IN meets | x.frameworkId])) AS frameworks,
         apoc.coll.sort([x IN meets | x.uid]) AS meets, apoc.coll.sort([x IN indicates | x.uid]) AS indicates
  UNION ALL
  // Otherwise: the leaf as if directly met, the paths the status block would follow from it.
  WITH leaf, adopted, maxDepth, minStrength, indicationDepth, indicationMinStrength
  WHERE NOT (NOT reference AND coalesce(maxDepth, 3) = 3 AND minStrength = 7 AND indicationDepth = 1 AND indicationMinStrength = 5)
  CALL (leaf, adopted, maxDepth, minStrength, indicationDepth, indicationMinStrength) {
    CALL apoc.path.expandConfig(leaf, {relationshipFilter: 'MAPS_TO', minLevel: 1, uniqueness: 'NODE_PATH',
                                       maxLevel: CASE WHEN maxDepth > indicationDepth THEN maxDepth ELSE indicationDepth END})
    YIELD path
    WITH last(nodes(path)) AS t, nodes(path) AS ns, relationships(path) AS ms, minStrength, maxDepth, indicationDepth,
         indicationMinStrength
    WHERE t.frameworkId IN adopted
      AND all(m IN ms WHERE m.status = 'approved' AND m.relationship <> 'no_relationship')
    WITH t, ms, minStrength, maxDepth, indicationDepth, indicationMinStrength,
         reduce(w = 10, m IN ms | CASE WHEN m.strength < w THEN m.strength ELSE w END) AS strength,
         all(i IN range(0, size(ms) - 1) WHERE
           CASE WHEN startNode(ms[i]) = ns[i] THEN ms[i].relationship IN ['equal', 'superset_of']
                ELSE ms[i].relationship IN ['equal', 'subset_of'] END) AS full
    WITH t, full AND strength >= minStrength AND size(ms) <= maxDepth AS inheritance,
         size(ms) <= indicationDepth AND strength >= indicationMinStrength AS indication
    WHERE inheritance OR indication
    CALL (t, inheritance) {
      OPTIONAL MATCH (part:Requirement)-[:PART_OF*0..]->(t)
      WHERE inheritance AND coalesce(part.normative, true) AND NOT EXISTS { (:Requirement)-[:PART_OF]->(part) }
      RETURN collect(part) AS parts
    }
    WITH collect(CASE WHEN inheritance THEN parts END) AS metParts, collect(CASE WHEN NOT inheritance THEN t END) AS indicatedTs
    WITH apoc.coll.toSet(apoc.coll.flatten(metParts)) AS meets, indicatedTs
    WITH meets, [x IN apoc.coll.toSet(indicatedTs) WHERE NOT x IN meets] AS indicates
    RETURN apoc.coll.sort(apoc.coll.toSet([x IN meets | x.frameworkId])) AS frameworks,
           apoc.coll.sort([x IN meets | x.uid]) AS meets, apoc.coll.sort([x IN indicates | x.uid]) AS indicates
  }
  RETURN frameworks, meets, indicates
}
WITH org, today, sourceFws, leaf, status, detail, frameworks, meets, indicates
ORDER BY size(frameworks) DESC, size(meets) DESC, size(indicates) DESC, leaf.order, leaf.uid
WITH org, today, sourceFws, collect({leaf: leaf, status: status, detail: detail, frameworks: frameworks, meets: meets,
                                     indicates: indicates}) AS ranked
// The indications are built for the page alone.
CALL (org, today, sourceFws, ranked) {
  UNWIND ranked[coalesce($offset, 0)..coalesce($offset, 0) + coalesce($first, size(ranked))] AS row
  WITH org, today, sourceFws, row, row.leaf AS leaf, row.detail AS detail
// @include coverage/read-indications
  RETURN collect({uid: leaf.uid, ref: leaf.ref, title: leaf.title, status: row.status, frameworks: row.frameworks,
                  meets: row.meets, indicates: row.indicates, indications: coalesce(detail.indications, indications)}) AS page
}
RETURN {framework: $framework, org: $org, today: toString(date(coalesce($today, date()))),
        maxDepth: coalesce($maxDepth, 3), minStrength: coalesce($minStrength, 7),
        indicationDepth: coalesce($indicationDepth, 1), indicationMinStrength: coalesce($indicationMinStrength, 5),
        total: size(ranked), gaps: page} AS result
