// explain(requirement, org): why a requirement has its status, as paths an auditor can follow.
// `parts`: each assessed requirement of it (itself when it is a leaf) with its status, basis, direct status,
// inheritance path and indications, and its Evidence -SUPPORTS-> Control -IMPLEMENTS-> Requirement paths
// (implementing an ancestor covers its descendants). `indications`: the requirement's own indications (for
// a requirement with parts they stay on it; they never spread to the parts). `paths`: every mapping path
// (approved, no no_relationship, at most max(maxDepth, indicationDepth) hops, no requirement twice) from a
// requirement the organization covers directly (met or partially met) to this requirement or an ancestor,
// each hop with the stored mapping and its reading in path direction; `reading` says what the coverage rules
// make of it (inheritance, indication, or null: too weak, too long, or a partial mapping onto an ancestor),
// `chosen` marks the inheritance a part's status uses. Each part also lists the findings open on `today` about
// it (an open major nonconformity is why a part with a full, evidenced control is only partially met).
// One row, column `result`.
// Params: $requirement (uid), $org, $today, $maxDepth (null = 3), $minStrength (null = 7),
//         $indicationDepth (null = 1), $indicationMinStrength (null = 5).
MATCH (req:Requirement {uid: $requirement})
// Only the requirement's own framework is assessed: the status of its parts (inference may start anywhere).
WITH req, $org AS org, date(coalesce($today, date())) AS today, [req.frameworkId] AS fws,
     coalesce($maxDepth, 3) AS maxDepth, coalesce($minStrength, 7) AS minStrength,
     coalesce($indicationDepth, 1) AS indicationDepth, coalesce($indicationMinStrength, 5) AS indicationMinStrength,
     null AS systemId, [] AS dropEvidence, [] AS dropControls, null AS sourceFws, coalesce($reference, false) AS reference
// The organization's findings open on `today`, once for every part.
// @include coverage/open-findings
CALL (req, org, today, fws, maxDepth, minStrength, indicationDepth, indicationMinStrength, systemId, dropEvidence, dropControls,
      sourceFws, reference, openFindings) {
// @include coverage/status
WITH req, org, today, sourceFws, maxDepth, minStrength, indicationDepth, indicationMinStrength, leaf, status, basis,
     directStatus, exclusion, direct, detail, indicatedParents, openFindings
WHERE EXISTS { (leaf)-[:PART_OF*0..]->(req) }
// @include coverage/read-detail
// The findings open on `today` about the part, an ancestor, or a control implementing either (the findings rule:
// a major nonconformity among them `caps` the status at partially met; queries/README.md "Direct status").
CALL (leaf, org, openFindings) {
  UNWIND openFindings AS f
  WITH leaf, org, f
  WHERE EXISTS { (leaf)-[:PART_OF*0..]->(:Requirement)<-[:ABOUT]-(f) }
     OR EXISTS { (leaf)-[:PART_OF*0..]->(:Requirement)<-[:IMPLEMENTS]-(c:Control)<-[:ABOUT]-(f) WHERE coalesce(c.orgId, '') = org }
  RETURN collect({id: f.id, title: f.title, kind: f.kind, raisedOn: toString(f.raisedOn),
                  caps: f.kind = 'major_nonconformity',
                  correctiveActions: apoc.coll.sort([(f)<-[:CORRECTS]-(ca:CorrectiveAction) | ca.id])}) AS findings
}
WITH req, org, today, maxDepth, minStrength, indicationDepth, indicationMinStrength, leaf, status, basis, directStatus,
     exclusion, controls, inherited, indications, indicatedParents, findings
ORDER BY leaf.order, leaf.uid
RETURN head(collect(indicatedParents)) AS refParents,
     collect({uid: leaf.uid, ref: leaf.ref, title: leaf.title, status: status, basis: basis, directStatus: directStatus,
              exclusion: exclusion, inherited: inherited, indications: indications, findings: findings,
              direct: [ctl IN controls |
                {control: ctl.control, coverage: ctl.coverage, via: ctl.via,
                 paths: [(e:Evidence {orgId: $org})-[:SUPPORTS]->(c:Control {orgId: $org, id: ctl.control}) |
                   {nodes: [{label: 'Evidence', id: e.id, title: e.title, status: e.status, validUntil: toString(e.validUntil),
                             valid: e.status = 'approved' AND (e.validUntil IS NULL OR e.validUntil >= today)},
                            {label: 'Control', id: c.id, name: c.name, status: c.status},
                            {label: 'Requirement', uid: ctl.via}],
                    relationships: [{type: 'SUPPORTS'}, {type: 'IMPLEMENTS', coverage: ctl.coverage}]}]}]}) AS parts
}
// The requirement's own indications (a parent keeps them; they never spread to its parts).
CALL (req, org, today, refParents) {
  WITH req AS leaf, org, today, null AS sourceFws,
       CASE WHEN refParents IS NOT NULL THEN {indications: coalesce([p IN refParents WHERE p.uid = req.uid][0].indications, [])} END
         AS detail
// @include coverage/read-indications
  RETURN coalesce(detail.indications, indications) AS ownIndications
}
CALL (req, org, today, maxDepth, minStrength, indicationDepth, indicationMinStrength) {
  MATCH (req)-[:PART_OF*0..]->(t:Requirement)
  CALL apoc.path.expandConfig(t, {relationshipFilter: 'MAPS_TO', minLevel: 1, uniqueness: 'NODE_PATH',
                                  maxLevel: CASE WHEN maxDepth > indicationDepth THEN maxDepth ELSE indicationDepth END})
  YIELD path
  WITH t, reverse(nodes(path)) AS ns, reverse(relationships(path)) AS ms
  WHERE all(m IN ms WHERE m.status = 'approved' AND m.relationship <> 'no_relationship')
  // The source's direct status on `today`, from its stored direct row (what the organization did does not
  // depend on the inference parameters).
  WITH t, ns, ms, COLLECT { MATCH (sd:CoverageDirect {org: org, uid: head(ns).uid}) WHERE sd.validUntil >= today
                            RETURN CASE WHEN coverage.metOn(sd, today) THEN 'met' ELSE 'partially_met' END }[0] AS sStatus
  WHERE sStatus IS NOT NULL
  WITH t, ns, ms, sStatus,
       [i IN range(0, size(ms) - 1) |
         CASE WHEN startNode(ms[i]) = ns[i] THEN ms[i].relationship
              WHEN ms[i].relationship = 'subset_of' THEN 'superset_of'
              WHEN ms[i].relationship = 'superset_of' THEN 'subset_of'
              ELSE ms[i].relationship END] AS rels,
       reduce(w = 10, m IN ms | CASE WHEN m.strength < w THEN m.strength ELSE w END) AS strength
  WITH t, ns, ms, sStatus, rels, strength,
       sStatus = 'met' AND all(x IN rels WHERE x IN ['equal', 'superset_of']) AND strength >= minStrength
         AND size(ms) <= maxDepth AS inheritance
  WITH t, ns, ms, sStatus, rels, strength,
       CASE WHEN inheritance THEN 'inheritance'
            WHEN t = req AND size(ms) <= indicationDepth AND strength >= indicationMinStrength THEN 'indication' END AS reading
  ORDER BY CASE reading WHEN 'inheritance' THEN 0 WHEN 'indication' THEN 1 ELSE 2 END, strength DESC, size(ms),
           apoc.text.join([n IN ns | n.uid], '>')
  RETURN collect({reading: reading, source: head(ns).uid, sourceStatus: sStatus, target: t.uid, strength: strength,
                  hops: size(ms), relationshipsRead: rels,
                  nodes: [n IN ns | {label: 'Requirement', uid: n.uid, framework: n.frameworkId, ref: n.ref, title: n.title}],
                  relationships: [i IN range(0, size(ms) - 1) |
                    {type: 'MAPS_TO', from: ns[i].uid, to: ns[i + 1].uid, read: rels[i],
                     stored: {source: startNode(ms[i]).uid, target: endNode(ms[i]).uid, relationship: ms[i].relationship,
                              strength: ms[i].strength, rationale: ms[i].rationale, provenance: ms[i].source,
                              explanation: ms[i].explanation}}]}) AS paths
}
RETURN {requirement: {uid: req.uid, framework: req.frameworkId, ref: req.ref, title: req.title, summary: req.summary},
        org: $org, today: toString(today), maxDepth: maxDepth, minStrength: minStrength, indicationDepth: indicationDepth,
        indicationMinStrength: indicationMinStrength,
        status: CASE WHEN size(parts) = 1 AND parts[0].uid = req.uid THEN parts[0].status ELSE null END,
        parts: parts,
        indications: CASE WHEN size(parts) = 1 AND parts[0].uid = req.uid THEN parts[0].indications ELSE ownIndications END,
        paths: [p IN paths | apoc.map.merge(p, {chosen: p.reading = 'inheritance'
          AND any(x IN parts WHERE x.basis = 'inherited' AND coalesce(x.inherited.path = [n IN p.nodes | n.uid], false))})]} AS result
