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
     coalesce($directOnly, false) AS directOnly, coalesce($includeInvalid, false) AS includeInvalid
MATCH (e:Evidence {orgId: org})-[:SUPPORTS]->(c:Control {orgId: org})-[imp:IMPLEMENTS]->(r:Requirement)
WHERE c.status IN ['implemented', 'operating']
WITH e, today, maxDepth, minStrength, indicationDepth, indicationMinStrength, directOnly, includeInvalid,
     e.status = 'approved' AND (e.validUntil IS NULL OR e.validUntil >= today) AS valid,
     collect(DISTINCT c.id) AS controls, collect({r: r, coverage: imp.coverage, control: c.id}) AS direct
WHERE valid OR includeInvalid
CALL (direct, maxDepth, minStrength, indicationDepth, indicationMinStrength, directOnly) {
  UNWIND direct AS d
  WITH d WHERE NOT directOnly
  CALL apoc.path.expandConfig(d.r, {relationshipFilter: 'MAPS_TO', minLevel: 1, uniqueness: 'NODE_PATH',
                                    maxLevel: CASE WHEN maxDepth > indicationDepth THEN maxDepth ELSE indicationDepth END})
  YIELD path
  WITH d, nodes(path) AS ns, relationships(path) AS ms
  WHERE last(ns).frameworkId IN [$frameworkA, $frameworkB]
    AND all(m IN ms WHERE m.status = 'approved' AND m.relationship <> 'no_relationship')
  WITH d, ns, ms,
       [i IN range(0, size(ms) - 1) |
         CASE WHEN startNode(ms[i]) = ns[i] THEN ms[i].relationship
              WHEN ms[i].relationship = 'subset_of' THEN 'superset_of'
              WHEN ms[i].relationship = 'superset_of' THEN 'subset_of'
              ELSE ms[i].relationship END] AS rels,
       reduce(w = 10, m IN ms | CASE WHEN m.strength < w THEN m.strength ELSE w END) AS strength
  WITH d, ns, ms, rels, strength,
       CASE WHEN d.coverage = 'full' AND all(x IN rels WHERE x IN ['equal', 'superset_of']) AND strength >= minStrength
                 AND size(ms) <= maxDepth THEN 'inherited'
            WHEN size(ms) <= indicationDepth AND strength >= indicationMinStrength THEN 'indicated' END AS reach
  WHERE reach IS NOT NULL
  RETURN collect({uid: last(ns).uid, framework: last(ns).frameworkId, ref: last(ns).ref, title: last(ns).title,
                  reach: reach, control: d.control, coverage: d.coverage, strength: strength,
                  path: [n IN ns | n.uid], relationships: rels}) AS mapped
}
WITH e, valid, controls,
     [d IN direct WHERE d.r.frameworkId IN [$frameworkA, $frameworkB] |
       {uid: d.r.uid, framework: d.r.frameworkId, ref: d.r.ref, title: d.r.title, reach: 'direct', control: d.control,
        coverage: d.coverage, strength: 10, path: [d.r.uid], relationships: []}] + mapped AS reached
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
