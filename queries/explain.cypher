// explain(requirement, org): why a requirement has its status, as paths an auditor can follow.
// `direct`: Evidence -SUPPORTS-> Control -IMPLEMENTS-> Requirement paths (implementing an ancestor covers
// its descendants). `inferred`: every mapping path (approved, no no_relationship, at most $maxDepth hops,
// no requirement twice) from a requirement the organization covers directly (met or partially met) to this
// requirement or one of its ancestors, each hop with the stored mapping and its reading in path direction;
// `chosen` marks the one the status uses. For a requirement with parts, each assessed part is explained.
// One row, column `result`. Params: $requirement (uid), $org, $today, $maxDepth (null = 3).
WITH $org AS org, date(coalesce($today, date())) AS today, COLLECT { MATCH (f:Framework) RETURN f.id } AS fws,
     coalesce($maxDepth, 3) AS maxDepth, null AS systemId, [] AS dropEvidence, [] AS dropControls, null AS sourceFws
// @include status-block
WITH maxDepth, today, collect([leaf.uid, {status: status, basis: basis, directStatus: directStatus, controls: controls,
                                     inferred: inferred, exclusion: exclusion}]) AS pairs
WITH maxDepth, today, apoc.map.fromPairs(pairs) AS statusBy
MATCH (req:Requirement {uid: $requirement})
CALL (req, statusBy, today) {
  MATCH (leaf:Requirement)-[:PART_OF*0..]->(req)
  WHERE coalesce(leaf.normative, true) AND NOT EXISTS { (:Requirement)-[:PART_OF]->(leaf) }
  WITH leaf, statusBy[leaf.uid] AS st ORDER BY leaf.order, leaf.uid
  RETURN collect({uid: leaf.uid, ref: leaf.ref, title: leaf.title, status: coalesce(st.status, 'gap'), basis: st.basis,
                  exclusion: st.exclusion, chosenPath: st.inferred.path,
                  direct: [ctl IN coalesce(st.controls, []) |
                    {control: ctl.control, coverage: ctl.coverage, via: ctl.via,
                     paths: [(e:Evidence {orgId: $org})-[:SUPPORTS]->(c:Control {orgId: $org, id: ctl.control}) |
                       {nodes: [{label: 'Evidence', id: e.id, title: e.title, status: e.status, validUntil: toString(e.validUntil),
                                 valid: e.status = 'approved' AND (e.validUntil IS NULL OR e.validUntil >= today)},
                                {label: 'Control', id: c.id, name: c.name, status: c.status},
                                {label: 'Requirement', uid: ctl.via}],
                        relationships: [{type: 'SUPPORTS'}, {type: 'IMPLEMENTS', coverage: ctl.coverage}]}]}]}) AS parts
}
CALL (req, statusBy, maxDepth) {
  MATCH (req)-[:PART_OF*0..]->(t:Requirement)
  CALL apoc.path.expandConfig(t, {relationshipFilter: 'MAPS_TO', minLevel: 1, maxLevel: maxDepth, uniqueness: 'NODE_PATH'})
  YIELD path
  WITH reverse(nodes(path)) AS ns, reverse(relationships(path)) AS ms
  WHERE statusBy[head(ns).uid].directStatus IN ['met', 'partially_met']
    AND all(m IN ms WHERE m.status = 'approved' AND m.relationship <> 'no_relationship')
  WITH ns, ms, statusBy[head(ns).uid].directStatus AS sStatus,
       [i IN range(0, size(ms) - 1) |
         CASE WHEN startNode(ms[i]) = ns[i] THEN ms[i].relationship
              WHEN ms[i].relationship = 'subset_of' THEN 'superset_of'
              WHEN ms[i].relationship = 'superset_of' THEN 'subset_of'
              ELSE ms[i].relationship END] AS rels
  WITH ns, ms, sStatus, rels, all(x IN rels WHERE x IN ['equal', 'superset_of']) AS fullPath,
       reduce(w = 10, m IN ms | CASE WHEN m.strength < w THEN m.strength ELSE w END) AS strength
  ORDER BY CASE WHEN fullPath AND sStatus = 'met' THEN 0 ELSE 1 END, strength DESC, size(ms), apoc.text.join([n IN ns | n.uid], '>')
  RETURN collect({status: CASE WHEN fullPath AND sStatus = 'met' THEN 'met' ELSE 'partially_met' END,
                  source: head(ns).uid, sourceStatus: sStatus, fullPath: fullPath, strength: strength, hops: size(ms),
                  nodes: [n IN ns | {label: 'Requirement', uid: n.uid, framework: n.frameworkId, ref: n.ref, title: n.title}],
                  relationships: [i IN range(0, size(ms) - 1) |
                    {type: 'MAPS_TO', from: ns[i].uid, to: ns[i + 1].uid, read: rels[i],
                     stored: {source: startNode(ms[i]).uid, target: endNode(ms[i]).uid, relationship: ms[i].relationship,
                              strength: ms[i].strength, rationale: ms[i].rationale, provenance: ms[i].source,
                              explanation: ms[i].explanation}}]}) AS inferred
}
RETURN {requirement: {uid: req.uid, framework: req.frameworkId, ref: req.ref, title: req.title, summary: req.summary},
        org: $org, today: toString(today), maxDepth: maxDepth,
        status: CASE WHEN size(parts) = 1 THEN parts[0].status ELSE null END,
        parts: parts,
        inferred: [p IN inferred | apoc.map.merge(p, {chosen: any(x IN parts WHERE x.chosenPath = [n IN p.nodes | n.uid])})]} AS result
