// soa(framework, org): Statement of Applicability for the Annex A controls of ISO/IEC 42001 or ISO/IEC 27001:
// every Annex A control with applicability (excluded = not applicable, with the justification), the
// organization's controls implementing it (any status), its status (direct or inferred, see
// queries/README.md) and the evidence behind it. One row, column `result`.
// Params: $framework ('iso42001' | 'iso27001'), $org, $today, $maxDepth (null = 3).
WITH $org AS org, date(coalesce($today, date())) AS today, [$framework] AS fws, coalesce($maxDepth, 3) AS maxDepth,
     null AS systemId, [] AS dropEvidence, [] AS dropControls, null AS sourceFws
// @include status-block
WITH leaf, status, basis, controls, inferred, exclusion, today WHERE leaf.kind = 'annex_a_control'
CALL (leaf, today) {
  OPTIONAL MATCH (c:Control {orgId: $org})-[imp:IMPLEMENTS]->(a:Requirement)<-[:PART_OF*0..]-(leaf)
  WITH c, imp ORDER BY c.id
  RETURN collect(CASE WHEN c IS NOT NULL THEN {id: c.id, name: c.name, status: c.status, coverage: imp.coverage,
    evidence: [(e:Evidence {orgId: $org})-[:SUPPORTS]->(c) | {id: e.id, title: e.title, status: e.status,
      validUntil: toString(e.validUntil), valid: e.status = 'approved' AND (e.validUntil IS NULL OR e.validUntil >= today)}]} END) AS implementedBy
}
WITH leaf, status, basis, inferred, exclusion, implementedBy,
     head([(leaf)-[:PART_OF*0..]->(g:Requirement {kind: 'annex_a_group'}) | g]) AS grp
ORDER BY leaf.order, leaf.uid
WITH collect({uid: leaf.uid, ref: leaf.ref, title: leaf.title, group: grp.ref, groupTitle: grp.title,
              applicable: exclusion IS NULL,
              justification: CASE WHEN exclusion IS NOT NULL THEN exclusion.justification
                                   WHEN size(implementedBy) > 0 THEN 'Applicable: implemented by ' + apoc.text.join([c IN implementedBy | c.id], ', ')
                                   WHEN basis = 'inferred' THEN 'Applicable: covered through ' + inferred.source
                                   ELSE 'Applicable: not yet implemented' END,
              status: status, basis: basis, inferredFrom: inferred.source, implementedBy: implementedBy}) AS rows
RETURN {framework: $framework, org: $org, today: toString(date(coalesce($today, date()))), total: size(rows),
        applicable: size([r IN rows WHERE r.applicable]), rows: rows} AS result
