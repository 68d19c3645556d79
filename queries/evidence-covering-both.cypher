// evidence-covering-both(frameworkA, frameworkB, org): the evidence items that support controls covering
// requirements of BOTH frameworks: directly (the control implements a requirement of the framework) or,
// unless $directOnly, through approved mappings within $maxDepth hops (default 1 here: a single documented
// mapping is what an auditor accepts as reuse; pass more to explore) from a directly implemented
// requirement (composition rules in queries/README.md: full only along equal/superset_of from a full
// implementation, strength = weakest hop). Per framework and requirement the best reach is kept (direct
// first, then full, stronger, shorter, then by path). By default only approved evidence valid today counts;
// $includeInvalid lists draft, rejected and expired items too, flagged.
// One row, column `result`. Params: $frameworkA, $frameworkB, $org, $today, $maxDepth (null = 1),
//   $directOnly (null = false), $includeInvalid (null = false), $first, $offset.
WITH $org AS org, date(coalesce($today, date())) AS today, coalesce($maxDepth, 1) AS maxDepth,
     coalesce($directOnly, false) AS directOnly, coalesce($includeInvalid, false) AS includeInvalid
MATCH (e:Evidence {orgId: org})-[:SUPPORTS]->(c:Control {orgId: org})-[imp:IMPLEMENTS]->(r:Requirement)
WHERE c.status IN ['implemented', 'operating']
WITH e, today, maxDepth, directOnly, includeInvalid,
     e.status = 'approved' AND (e.validUntil IS NULL OR e.validUntil >= today) AS valid,
     collect(DISTINCT c.id) AS controls, collect({r: r, coverage: imp.coverage, control: c.id}) AS direct
WHERE valid OR includeInvalid
CALL (direct, maxDepth, directOnly) {
  UNWIND direct AS d
  WITH d WHERE NOT directOnly
  CALL apoc.path.expandConfig(d.r, {relationshipFilter: 'MAPS_TO', minLevel: 1, maxLevel: maxDepth, uniqueness: 'NODE_PATH'})
  YIELD path
  WITH d, nodes(path) AS ns, relationships(path) AS ms
  WHERE last(ns).frameworkId IN [$frameworkA, $frameworkB]
    AND all(m IN ms WHERE m.status = 'approved' AND m.relationship <> 'no_relationship')
  WITH d, ns, ms,
       [i IN range(0, size(ms) - 1) |
         CASE WHEN startNode(ms[i]) = ns[i] THEN ms[i].relationship
              WHEN ms[i].relationship = 'subset_of' THEN 'superset_of'
              WHEN ms[i].relationship = 'superset_of' THEN 'subset_of'
              ELSE ms[i].relationship END] AS rels
  RETURN collect({uid: last(ns).uid, framework: last(ns).frameworkId, ref: last(ns).ref, title: last(ns).title,
                  via: 'mapping', control: d.control,
                  coverage: CASE WHEN d.coverage = 'full' AND all(x IN rels WHERE x IN ['equal', 'superset_of']) THEN 'full' ELSE 'partial' END,
                  strength: reduce(w = 10, m IN ms | CASE WHEN m.strength < w THEN m.strength ELSE w END),
                  path: [n IN ns | n.uid], relationships: rels}) AS mapped
}
WITH e, valid, controls,
     [d IN direct WHERE d.r.frameworkId IN [$frameworkA, $frameworkB] |
       {uid: d.r.uid, framework: d.r.frameworkId, ref: d.r.ref, title: d.r.title, via: 'direct', control: d.control,
        coverage: d.coverage, strength: 10, path: [d.r.uid], relationships: []}] + mapped AS reached
CALL (reached) {
  UNWIND reached AS x
  WITH x ORDER BY x.uid, CASE x.via WHEN 'direct' THEN 0 ELSE 1 END, CASE x.coverage WHEN 'full' THEN 0 ELSE 1 END,
       x.strength DESC, size(x.path), apoc.text.join(x.path, '>'), x.control
  WITH x.uid AS uid, head(collect(x)) AS best
  ORDER BY best.framework, uid
  RETURN [b IN collect(best) WHERE b.framework = $frameworkA] AS a, [b IN collect(best) WHERE b.framework = $frameworkB] AS b
}
WITH e, valid, controls, a, b WHERE size(a) > 0 AND size(b) > 0
ORDER BY size([x IN a + b WHERE x.via = 'direct']) DESC, size(a) + size(b) DESC, e.id
WITH collect({evidence: {id: e.id, title: e.title, kind: e.kind, status: e.status, validUntil: toString(e.validUntil), valid: valid},
              controls: controls, a: a, b: b}) AS rows
RETURN {frameworkA: $frameworkA, frameworkB: $frameworkB, org: $org, today: toString(date(coalesce($today, date()))),
        total: size(rows),
        items: rows[coalesce($offset, 0)..coalesce($offset, 0) + coalesce($first, size(rows))]} AS result
