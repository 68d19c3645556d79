// obligations(system, org): the EU AI Act provisions that apply to one AI system, each with the status of
// its parts for this system (organization-wide controls plus the system's own), and the ISO/IEC 42001
// requirements that address the provision through an approved mapping (relationship read from the 42001
// side), with their status. Which provisions apply (by the derived role, class and Art.50/GPAI facts) is
// decided in queries/obligations.ts from seeds/ai-act/obligations.csv and passed as $provisions
// ([{uid, why}], in order); `ancestors` (the provision's own ref up to its chapter) feeds the timeline.
// Statuses follow the coverage rules (queries/README.md). One row, column `result`.
// Params: $system, $org, $today, $maxDepth (null = 3), $minStrength (null = 7), $indicationDepth (null = 1),
// $indicationMinStrength (null = 5), $provisions.
WITH $org AS org, date(coalesce($today, date())) AS today, ['eu-ai-act', 'iso42001'] AS fws,
     coalesce($maxDepth, 3) AS maxDepth, coalesce($minStrength, 7) AS minStrength,
     coalesce($indicationDepth, 1) AS indicationDepth, coalesce($indicationMinStrength, 5) AS indicationMinStrength,
     $system AS systemId, [] AS dropEvidence, [] AS dropControls, coalesce($reference, false) AS reference, null AS sourceFws
// @include coverage/status
WITH org, today, sourceFws, leaf, status, basis, directStatus, direct, detail
// @include coverage/read-detail
WITH collect([leaf.uid, {status: status, basis: basis, directStatus: directStatus, controls: [c IN controls | c.control],
                         inherited: inherited, indications: indications}]) AS pairs
WITH apoc.map.fromPairs(pairs) AS statusBy
MATCH (s:System {orgId: $org, id: $system})
CALL (s, statusBy) {
UNWIND range(0, size($provisions) - 1) AS n
WITH $provisions[n] AS p, n
MATCH (prov:Requirement {uid: p.uid})
CALL (prov, statusBy) {
  MATCH (leaf:Requirement)-[:PART_OF*0..]->(prov)
  WHERE coalesce(leaf.normative, true) AND NOT EXISTS { (:Requirement)-[:PART_OF]->(leaf) }
  WITH leaf ORDER BY leaf.order, leaf.uid
  RETURN collect(apoc.map.merge({uid: leaf.uid, ref: leaf.ref, title: leaf.title},
                                coalesce(statusBy[leaf.uid], {status: 'gap', basis: null, directStatus: 'gap', controls: [], inherited: null, indications: []}))) AS parts
}
CALL (prov, statusBy) {
  MATCH (x:Requirement)-[:PART_OF*0..]->(prov)
  MATCH (x)-[m:MAPS_TO]-(iso:Requirement {frameworkId: 'iso42001'})
  WHERE m.status = 'approved' AND m.relationship <> 'no_relationship'
  WITH iso, x, m,
       CASE WHEN startNode(m) = iso THEN m.relationship WHEN m.relationship = 'subset_of' THEN 'superset_of'
            WHEN m.relationship = 'superset_of' THEN 'subset_of' ELSE m.relationship END AS rel
  ORDER BY iso.uid, m.strength DESC, x.uid
  WITH iso, head(collect({provision: x.uid, relationship: rel, strength: m.strength, explanation: m.explanation})) AS link
  ORDER BY iso.order, iso.uid
  RETURN collect(apoc.map.merge({uid: iso.uid, ref: iso.ref, title: iso.title, mapping: link},
                                coalesce(statusBy[iso.uid], {status: 'gap', basis: null, directStatus: 'gap', controls: [], inherited: null, indications: []}))) AS iso42001
}
WITH n, p, prov, parts, iso42001, [(prov)-[hops:PART_OF*0..]->(a:Requirement) | {ref: a.ref, depth: size(hops)}] AS ancestors ORDER BY n
RETURN collect({uid: prov.uid, ref: prov.ref, title: prov.title, why: p.why, ancestors: ancestors,
                met: size([x IN parts WHERE x.status = 'met']), parts: parts, iso42001: iso42001}) AS obligations
}
RETURN {org: $org, today: toString(date(coalesce($today, date()))),
        system: {id: s.id, name: s.name, isAI: s.isAI, aiActRole: s.aiActRole, aiActRisk: s.aiActRisk, gpai: s.gpai},
        obligations: obligations} AS result
