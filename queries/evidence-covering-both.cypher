// evidence-covering-both(frameworkA, frameworkB, org): the evidence items that support controls covering
// requirements of BOTH frameworks. Each side's reach is marked by the coverage rules (queries/README.md):
// `direct` (the control implements a requirement of the framework), `inherited` (unless $directOnly: a full
// chain of mappings, every hop equal/superset_of with strength >= $minStrength, at most $maxDepth hops, from
// a requirement the control implements fully; default 1 hop here: a single documented mapping is what an
// auditor accepts as reuse) or `indicated` (any other mapping path of at most $indicationDepth hops, every
// hop >= $indicationMinStrength: related work, not coverage). Per framework and requirement the best reach
// is kept (direct, then inherited, then indicated; stronger, shorter, then by path). By default only approved
// evidence valid today counts; $includeInvalid lists draft, rejected and expired items too, flagged.
// One row, column `result`. Params: $frameworkA, $frameworkB, $org, $today, $maxDepth (null = 1),
//   $minStrength (null = 7), $indicationDepth (null = 1), $indicationMinStrength (null = 5),
//   $directOnly (null = false), $includeInvalid (null = false), $first, $offset.
WITH $org AS org, date(coalesce($today, date())) AS today, coalesce($maxDepth, 1) AS maxDepth,
     coalesce($minStrength, 7) AS minStrength, coalesce($indicationDepth, 1) AS indicationDepth,
     coalesce($indicationMinStrength, 5) AS indicationMinStrength,
     coalesce($directOnly, false) AS directOnly, coalesce($includeInvalid, false) AS includeInvalid,
     coalesce($reference, false) AS reference
// What each in-force control reaches in the two frameworks, once per control (many evidence items share one).
MATCH (c:Control {orgId: org})-[imp:IMPLEMENTS]->(r:Requirement)
WHERE c.status IN ['implemented', 'operating']
CALL (r, imp, c, maxDepth, minStrength, indicationDepth, indicationMinStrength, directOnly, reference) {
  CALL (r, imp, c, maxDepth, minStrength, indicationDepth, indicationMinStrength, directOnly, reference) {
    WITH r, imp, c WHERE r.frameworkId IN [$frameworkA, $frameworkB]
    RETURN {uid: r.uid, framework: r.frameworkId, node: r, reach: 'direct', control: c.id,
            coverage: imp.coverage, strength: 10, path: [r.uid], relationships: []} AS x
    UNION ALL
    // At the default parameters (one hop) every path is a stored one-hop inference path (coverage/README.md).
    WITH r, imp, c, directOnly
    WHERE NOT directOnly AND NOT reference AND maxDepth = 1 AND minStrength = 7 AND indicationDepth = 1 AND indicationMinStrength = 5
    MATCH (r)-[p:COVERAGE_INDICATES]->(t:Requirement)
    WHERE t.frameworkId IN [$frameworkA, $frameworkB]
    RETURN {uid: t.uid, framework: t.frameworkId, node: t,
            reach: CASE WHEN imp.coverage = 'full' AND p.inherits THEN 'inherited' ELSE 'indicated' END, control: c.id,
            coverage: imp.coverage, strength: p.strength, path: p.path, relationships: p.relationships} AS x
    UNION ALL
    WITH r, imp, c, directOnly, maxDepth, minStrength, indicationDepth, indicationMinStrength
    WHERE NOT directOnly AND NOT (NOT reference AND maxDepth = 1 AND minStrength = 7 AND indicationDepth = 1 AND indicationMinStrength = 5)
    CALL apoc.path.expandConfig(r, {relationshipFilter: 'MAPS_TO', minLevel: 1, uniqueness: 'NODE_PATH',
                                    maxLevel: CASE WHEN maxDepth > indicationDepth THEN maxDepth ELSE indicationDepth END})
    YIELD path
    WITH r, imp, c, maxDepth, minStrength, indicationDepth, indicationMinStrength, nodes(path) AS ns, relationships(path) AS ms
    WHERE last(ns).frameworkId IN [$frameworkA, $frameworkB]
      AND all(m IN ms WHERE m.status = 'approved' AND m.relationship <> 'no_relationship')
    WITH imp, c, maxDepth, minStrength, indicationDepth, indicationMinStrength, ns, ms,
         [i IN range(0, size(ms) - 1) |
           CASE WHEN startNode(ms[i]) = ns[i] THEN ms[i].relationship
                WHEN ms[i].relationship = 'subset_of' THEN 'superset_of'
                WHEN ms[i].relationship = 'superset_of' THEN 'subset_of'
                ELSE ms[i].relationship END] AS rels,
         reduce(w = 10, m IN ms | CASE WHEN m.strength < w THEN m.strength ELSE w END) AS strength
    WITH imp, c, ns, ms, rels, strength,
         CASE WHEN imp.coverage = 'full' AND all(x IN rels WHERE x IN ['equal', 'superset_of']) AND strength >= minStrength
                   AND size(ms) <= maxDepth THEN 'inherited'
              WHEN size(ms) <= indicationDepth AND strength >= indicationMinStrength THEN 'indicated' END AS reach
    WHERE reach IS NOT NULL
    RETURN {uid: last(ns).uid, framework: last(ns).frameworkId, node: last(ns), reach: reach,
            control: c.id, coverage: imp.coverage, strength: strength, path: [n IN ns | n.uid], relationships: rels} AS x
  }
  RETURN collect(x) AS xs
}
// Per framework and requirement the best reach (direct, then inherited, then indicated; full before partial;
// stronger, shorter, then by path and control): once per control, again only for evidence behind several.
WITH c, apoc.coll.flatten(collect(xs)) AS reached
// @include evidence-best-reach
WITH c, best AS reach
// The evidence behind those controls (every in-force control it supports is listed).
MATCH (e:Evidence {orgId: $org})-[:SUPPORTS]->(c)
WITH e, date(coalesce($today, date())) AS today, coalesce($includeInvalid, false) AS includeInvalid,
     apoc.coll.sort(collect(c.id)) AS controls, collect(reach) AS reaches
WITH e, controls, reaches, e.status = 'approved' AND (e.validUntil IS NULL OR e.validUntil >= today) AS valid, includeInvalid
WHERE (valid OR includeInvalid) AND any(r IN reaches WHERE size(r) > 0)
CALL (reaches) {
  WITH reaches WHERE size(reaches) = 1
  RETURN reaches[0] AS best
  UNION ALL
  WITH reaches WHERE size(reaches) > 1
  WITH apoc.coll.flatten(reaches) AS reached
// @include evidence-best-reach
  RETURN best
}
WITH e, valid, controls, [x IN best WHERE x.framework = $frameworkA] AS a, [x IN best WHERE x.framework = $frameworkB] AS b
WHERE size(a) > 0 AND size(b) > 0
ORDER BY size([x IN a + b WHERE x.reach = 'direct']) DESC, size([x IN a + b WHERE x.reach = 'inherited']) DESC,
         size(a) + size(b) DESC, e.id
WITH collect({e: e, valid: valid, controls: controls, a: a, b: b}) AS rows
// What is shown is read for the page alone.
WITH rows, [row IN rows[coalesce($offset, 0)..coalesce($offset, 0) + coalesce($first, size(rows))] |
  {evidence: {id: row.e.id, title: row.e.title, kind: row.e.kind, status: row.e.status, validUntil: toString(row.e.validUntil),
              valid: row.valid},
   controls: row.controls,
   a: [x IN row.a | apoc.map.merge(apoc.map.removeKey(x, 'node'), {ref: x.node.ref, title: x.node.title})],
   b: [x IN row.b | apoc.map.merge(apoc.map.removeKey(x, 'node'), {ref: x.node.ref, title: x.node.title})]}] AS page
RETURN {frameworkA: $frameworkA, frameworkB: $frameworkB, org: $org, today: toString(date(coalesce($today, date()))),
        maxDepth: coalesce($maxDepth, 1), minStrength: coalesce($minStrength, 7),
        indicationDepth: coalesce($indicationDepth, 1), indicationMinStrength: coalesce($indicationMinStrength, 5),
        total: size(rows),
        items: page} AS result
