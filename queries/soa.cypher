// soa(framework, org): Statement of Applicability of a framework with controls: the Annex A controls of
// ISO/IEC 42001 or ISO/IEC 27001, or every control (kind 'control', e.g. an imported NIST catalog) of any
// other framework that has them. Per control: applicability (excluded = not applicable, with the
// justification), why it is included (the risks the organization's controls for it treat, the legal
// requirements of adopted regulations mapped to it, the adoption and its scope), the organization's controls
// implementing it (any status, with owner, description and the implementation note), its status (direct
// or inherited, see queries/README.md), the evidence behind it (title, URI, validity), and related work
// (indications) for a control the organization has not implemented. Only the organization's own in-force
// controls make a row "implemented"; a row met through mappings only is not implemented and says where it
// is met from; indications never count. Also the document control (organization name, adoption scope,
// SoA version, approver, approval date) and the organization's additional controls, those implementing
// none of the rows. Headline figures over the applicable controls.
// One row, column `result`. Params: $framework, $org, $today, $maxDepth (null = 3),
// $minStrength (null = 7), $indicationDepth (null = 1), $indicationMinStrength (null = 5).
WITH $org AS org, date(coalesce($today, date())) AS today, [$framework] AS fws, coalesce($maxDepth, 3) AS maxDepth,
     coalesce($minStrength, 7) AS minStrength, coalesce($indicationDepth, 1) AS indicationDepth,
     coalesce($indicationMinStrength, 5) AS indicationMinStrength,
     null AS systemId, [] AS dropEvidence, [] AS dropControls, coalesce($reference, false) AS reference, null AS sourceFws
// @include coverage/status
// ISO management-system standards: the Annex A controls; any other framework: its controls.
WITH org, today, sourceFws, leaf, status, basis, directStatus, exclusion, direct, detail
WHERE leaf.kind = 'annex_a_control'
   OR (leaf.kind = 'control' AND NOT EXISTS { (:Requirement {frameworkId: $framework, kind: 'annex_a_control'}) })
// @include coverage/read-detail
WITH leaf, status, basis, directStatus, inherited, indications, exclusion, today
CALL (leaf, today) {
  OPTIONAL MATCH (c:Control {orgId: $org})-[imp:IMPLEMENTS]->(a:Requirement)<-[:PART_OF*0..]-(leaf)
  WITH c, imp ORDER BY c.id
  RETURN collect(CASE WHEN c IS NOT NULL THEN {id: c.id, name: c.name, status: c.status, coverage: imp.coverage,
    owner: c.owner, description: c.description, note: imp.note,
    evidence: [(e:Evidence {orgId: $org})-[:SUPPORTS]->(c) | {id: e.id, title: e.title, status: e.status, uri: e.uri,
      collectedAt: toString(e.collectedAt), validUntil: toString(e.validUntil),
      valid: e.status = 'approved' AND (e.validUntil IS NULL OR e.validUntil >= today)}]} END) AS implementedBy
}
// Why the control is included: the risks its controls treat, and the legal requirements of adopted
// regulations, directives and implementing acts that an approved mapping relates to it.
CALL (leaf) {
  OPTIONAL MATCH (c:Control {orgId: $org})-[:IMPLEMENTS]->(:Requirement)<-[:PART_OF*0..]-(leaf),
                 (c)-[:MITIGATES]->(rk:Risk {orgId: $org})
  WITH DISTINCT rk ORDER BY rk.id
  RETURN collect(CASE WHEN rk IS NOT NULL THEN {id: rk.id, title: rk.title, treatment: rk.treatment} END) AS risks
}
CALL (leaf) {
  OPTIONAL MATCH (leaf)-[m:MAPS_TO]-(x:Requirement)-[:IN_FRAMEWORK]->(f:Framework)<-[:ADOPTS]-(:Organization {id: $org})
  WHERE m.status = 'approved' AND m.relationship <> 'no_relationship'
    AND f.kind IN ['regulation', 'directive', 'implementing_act']
  WITH DISTINCT x ORDER BY x.uid
  RETURN collect(x.uid) AS legal
}
WITH leaf, status, basis, directStatus, inherited, indications, exclusion, implementedBy, risks, legal,
     [c IN implementedBy WHERE c.status IN ['implemented', 'operating'] | c.id] AS inForce,
     head([(:Organization {id: $org})-[a:ADOPTS]->(:Framework {id: $framework}) | a]) AS adoption,
     coalesce(head([(leaf)-[:PART_OF*0..]->(g:Requirement {kind: 'annex_a_group'}) | g]),
              head([(leaf)-[:PART_OF]->(p:Requirement) | p])) AS grp
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
              implemented: size(inForce) > 0, risks: risks, legal: legal,
              inclusion: CASE WHEN exclusion IS NOT NULL THEN null ELSE apoc.text.join([x IN [
                CASE WHEN size(risks) > 0 THEN 'Risk treatment: ' + apoc.text.join([rk IN risks |
                  rk.id + ' ' + rk.title + ' (' + coalesce(rk.treatment, 'treatment not set') + ')'], '; ') END,
                CASE WHEN size(legal) > 0 THEN 'Legal or regulatory requirement: ' + apoc.text.join(legal, ', ') END,
                CASE WHEN adoption IS NOT NULL THEN 'Adopted framework ' + $framework
                  + coalesce(' since ' + toString(adoption.since), '') + coalesce(' (scope: ' + adoption.scope + ')', '')
                  ELSE 'Framework not adopted by the organization' END] WHERE x IS NOT NULL], '. ') END,
              implementedBy: implementedBy}) AS rows
WITH rows, [r IN rows WHERE r.applicable] AS applicable
// Document control: the organization, its adoption of the framework (scope, SoA version and approval).
OPTIONAL MATCH (o:Organization {id: $org})
OPTIONAL MATCH (fw:Framework {id: $framework})
OPTIONAL MATCH (o)-[ad:ADOPTS]->(fw)
// Additional controls: the organization's controls that implement none of the rows.
CALL (rows) {
  OPTIONAL MATCH (c:Control {orgId: $org})
  WHERE NOT EXISTS { (c)-[:IMPLEMENTS]->(:Requirement)<-[:PART_OF*0..]-(l:Requirement) WHERE l.uid IN [r IN rows | r.uid] }
  WITH c ORDER BY c.id
  RETURN collect(CASE WHEN c IS NOT NULL THEN {id: c.id, name: c.name, status: c.status, owner: c.owner,
    description: c.description,
    implements: [(c)-[:IMPLEMENTS]->(x:Requirement) | x.uid],
    risks: [(c)-[:MITIGATES]->(rk:Risk {orgId: $org}) | rk.id]} END) AS additionalControls
}
WITH rows, applicable, o, fw, ad, additionalControls
RETURN {framework: $framework, org: $org, today: toString(date(coalesce($today, date()))),
        organizationName: o.name, frameworkName: fw.name,
        adopted: ad IS NOT NULL, adoptedSince: toString(ad.since), scope: ad.scope, version: ad.soaVersion,
        approver: ad.soaApprover, approvedOn: toString(ad.soaApprovedOn),
        additionalControls: additionalControls,
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
