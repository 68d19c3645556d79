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
    RETURN {uid: r.uid, framework: r.frameworkId, ref: r.ref, title: r.title, reach: 'direct', control: c.id,
            coverage: imp.coverage, strength: 10, path: [r.uid], relationships: []} AS x
    UNION ALL
    // At the default parameters (one hop) every path is a stored one-hop inference path (coverage/README.md).
    WITH r, imp, c, directOnly
    WHERE NOT directOnly AND NOT reference AND maxDepth = 1 AND minStrength = 7 AND indicationDepth = 1 AND indicationMinStrength = 5
    MATCH (r)-[p:COVERAGE_INDICATES]->(t:Requirement)
    WHERE t.frameworkId IN [$frameworkA, $frameworkB]
    RETURN {uid: t.uid, framework: t.frameworkId, ref: t.ref, title: t.title,
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
    RETURN {uid: last(ns).uid, framework: last(ns).frameworkId, ref: last(ns).ref, title: last(ns).title, reach: reach,
            control: c.id, coverage: imp.coverage, strength: strength, path: [n IN ns | n.uid], relationships: rels} AS x
  }
  RETURN collect(x) AS xs
}
WITH c, apoc.coll.flatten(collect(xs)) AS reach
// The evidence behind those controls (every in-force control it supports is listed).
MATCH (e:Evidence {orgId: $org})-[:SUPPORTS]->(c)
WITH e, date(coalesce($today, date())) AS today, coalesce($includeInvalid, false) AS includeInvalid,
     apoc.coll.sort(collect(c.id)) AS controls, apoc.coll.flatten(collect(reach)) AS reached
WITH e, controls, reached, e.status = 'approved' AND (e.validUntil IS NULL OR e.validUntil >= today) AS valid, includeInvalid
WHERE (valid OR includeInvalid) AND size(reached) > 0
CALL (reached) {
  UNWIND reached AS x
  WITH x ORDER BY x.uid, CASE x.reach WHEN 'direct' THEN 0 WHEN 'inherited' THEN 1 ELSE 2 END,
       CASE x.coverage WHEN 'full' THEN 0 ELSE 1 END, x.strength DESC, size(x.path), apoc.text.join(x.path, '>'), x.control
  WITH x.uid AS uid, head(collect(x)) AS best
  ORDER BY best.framework, uid
  RETURN [b IN collect(best) WHERE b.framework = $frameworkA] AS a, [b IN collect(best) WHERE b.framework = $frameworkB] AS b
}
WITH e, valid, controls, a, b WHERE size(a) > 0 AND size(b) > 0
ORDER BY size([x IN a + b WHERE x.reach = 'direct']) DESC, size([x IN a + b WHERE x.reach = 'inherited']) DESC,
         size(a) + size(b) DESC, e.id
WITH collect({evidence: {id: e.id, title: e.title, kind: e.kind, status: e.status, validUntil: toString(e.validUntil), valid: valid},
              controls: controls, a: a, b: b}) AS rows
RETURN {frameworkA: $frameworkA, frameworkB: $frameworkB, org: $org, today: toString(date(coalesce($today, date()))),
        maxDepth: coalesce($maxDepth, 1), minStrength: coalesce($minStrength, 7),
        indicationDepth: coalesce($indicationDepth, 1), indicationMinStrength: coalesce($indicationMinStrength, 5),
        total: size(rows),
        items: rows[coalesce($offset, 0)..coalesce($offset, 0) + coalesce($first, size(rows))]} AS result
