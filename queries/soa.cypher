// soa(framework, org): Statement of Applicability for the Annex A controls of ISO/IEC 42001 or ISO/IEC 27001:
// every Annex A control with applicability (excluded = not applicable, with the justification), the
// organization's controls implementing it (any status), its status (direct or inherited, see
// queries/README.md), the evidence behind it, and related work (indications) for a control the organization
// has not implemented. Only the organization's own in-force controls make a row "implemented"; an inherited
// row says where it is met from; indications never do. Headline figures over the applicable controls.
// One row, column `result`. Params: $framework ('iso42001' | 'iso27001'), $org, $today, $maxDepth (null = 3),
// $minStrength (null = 7), $indicationDepth (null = 1), $indicationMinStrength (null = 5).
WITH $org AS org, date(coalesce($today, date())) AS today, [$framework] AS fws, coalesce($maxDepth, 3) AS maxDepth,
     coalesce($minStrength, 7) AS minStrength, coalesce($indicationDepth, 1) AS indicationDepth,
     coalesce($indicationMinStrength, 5) AS indicationMinStrength,
     null AS systemId, [] AS dropEvidence, [] AS dropControls, coalesce($reference, false) AS reference, null AS sourceFws
// @include coverage/status
WITH org, today, sourceFws, leaf, status, basis, directStatus, exclusion, direct, detail WHERE leaf.kind = 'annex_a_control'
// @include coverage/read-detail
WITH leaf, status, basis, directStatus, inherited, indications, exclusion, today
CALL (leaf, today) {
  OPTIONAL MATCH (c:Control {orgId: $org})-[imp:IMPLEMENTS]->(a:Requirement)<-[:PART_OF*0..]-(leaf)
  WITH c, imp ORDER BY c.id
  RETURN collect(CASE WHEN c IS NOT NULL THEN {id: c.id, name: c.name, status: c.status, coverage: imp.coverage,
    evidence: [(e:Evidence {orgId: $org})-[:SUPPORTS]->(c) | {id: e.id, title: e.title, status: e.status,
      validUntil: toString(e.validUntil), valid: e.status = 'approved' AND (e.validUntil IS NULL OR e.validUntil >= today)}]} END) AS implementedBy
}
WITH leaf, status, basis, directStatus, inherited, indications, exclusion, implementedBy,
     [c IN implementedBy WHERE c.status IN ['implemented', 'operating'] | c.id] AS inForce,
     head([(leaf)-[:PART_OF*0..]->(g:Requirement {kind: 'annex_a_group'}) | g]) AS grp
ORDER BY leaf.order, leaf.uid
WITH collect({uid: leaf.uid, ref: leaf.ref, title: leaf.title, group: grp.ref, groupTitle: grp.title,
              applicable: exclusion IS NULL,
              justification: CASE WHEN exclusion IS NOT NULL THEN exclusion.justification
                                   WHEN size(inForce) > 0 THEN 'Applicable: implemented by ' + apoc.text.join(inForce, ', ')
                                   WHEN basis = 'inherited' THEN 'Applicable: not implemented by a control of its own; met through '
                                     + apoc.text.join(inherited.path, ' > ') + ' (' + apoc.text.join(inherited.relationships, ', ')
                                     + ', strength ' + toString(inherited.strength) + ')'
                                   WHEN size(implementedBy) > 0 THEN 'Applicable: not implemented (planned or retired: '
                                     + apoc.text.join([c IN implementedBy | c.id + ' ' + c.status], ', ') + ')'
                                   ELSE 'Applicable: not implemented' END,
              status: status, basis: basis, directStatus: directStatus,
              inherited: CASE WHEN basis = 'inherited' THEN inherited END,
              relatedWork: CASE WHEN status = 'met' OR exclusion IS NOT NULL THEN [] ELSE indications END,
              implementedBy: implementedBy}) AS rows
WITH rows, [r IN rows WHERE r.applicable] AS applicable
RETURN {framework: $framework, org: $org, today: toString(date(coalesce($today, date()))),
        maxDepth: coalesce($maxDepth, 3), minStrength: coalesce($minStrength, 7),
        indicationDepth: coalesce($indicationDepth, 1), indicationMinStrength: coalesce($indicationMinStrength, 5),
        total: size(rows), applicable: size(applicable),
        metDirect: size([r IN applicable WHERE r.status = 'met' AND r.basis = 'direct']),
        metInherited: size([r IN applicable WHERE r.basis = 'inherited']),
        partiallyMet: size([r IN applicable WHERE r.status = 'partially_met']),
        indicated: size([r IN applicable WHERE size(r.relatedWork) > 0]),
        percentMetDirect: CASE WHEN size(applicable) = 0 THEN null
          ELSE round(100.0 * size([r IN applicable WHERE r.status = 'met' AND r.basis = 'direct']) / size(applicable), 1) END,
        percentMet: CASE WHEN size(applicable) = 0 THEN null
          ELSE round(100.0 * size([r IN applicable WHERE r.status = 'met']) / size(applicable), 1) END,
        percentPartiallyMetDirect: CASE WHEN size(applicable) = 0 THEN null
          ELSE round(100.0 * size([r IN applicable WHERE r.status = 'partially_met']) / size(applicable), 1) END,
        rows: rows} AS result
