// obligations(system, org): the EU AI Act provisions that apply to one AI system by the organization's role
// for it (provider, deployer, ...) and its risk class, each with the status of its parts for this system
// (organization-wide controls plus the system's own), and the ISO/IEC 42001 requirements that address the
// provision through an approved mapping (relationship read from the 42001 side), with their status.
// The role/risk table below is ours, summarized from the Act (Art.4, 5, 9-27, 43-50, 53-55, 72-73); each
// entry says when it applies. Statuses follow the coverage rules (queries/README.md). One row, column `result`.
// Params: $system, $org, $today, $maxDepth (null = 3), $minStrength (null = 7), $indicationDepth (null = 1),
// $indicationMinStrength (null = 5).
WITH $org AS org, date(coalesce($today, date())) AS today, ['eu-ai-act', 'iso42001'] AS fws,
     coalesce($maxDepth, 3) AS maxDepth, coalesce($minStrength, 7) AS minStrength,
     coalesce($indicationDepth, 1) AS indicationDepth, coalesce($indicationMinStrength, 5) AS indicationMinStrength,
     $system AS systemId, [] AS dropEvidence, [] AS dropControls, null AS sourceFws
// @include status-block
WITH collect([leaf.uid, {status: status, basis: basis, directStatus: directStatus, controls: [c IN controls | c.control],
                         inherited: inherited, indications: indications}]) AS pairs
WITH apoc.map.fromPairs(pairs) AS statusBy
MATCH (s:System {orgId: $org, id: $system})
CALL (s, statusBy) {
WITH [
  {uid: 'eu-ai-act:Art.4', roles: ['provider', 'deployer'], risks: null, why: 'AI literacy of staff dealing with AI systems: every provider and deployer.'},
  {uid: 'eu-ai-act:Art.5', roles: null, risks: null, why: 'Prohibited practices: every operator must make sure the system does none of them.'},
  {uid: 'eu-ai-act:Art.9', roles: ['provider'], risks: ['high'], why: 'Risk management system for high-risk systems.'},
  {uid: 'eu-ai-act:Art.10', roles: ['provider'], risks: ['high'], why: 'Data and data governance for high-risk systems.'},
  {uid: 'eu-ai-act:Art.11', roles: ['provider'], risks: ['high'], why: 'Technical documentation for high-risk systems.'},
  {uid: 'eu-ai-act:Art.12', roles: ['provider'], risks: ['high'], why: 'Automatic logging capability of high-risk systems.'},
  {uid: 'eu-ai-act:Art.13', roles: ['provider'], risks: ['high'], why: 'Transparency and instructions for use towards deployers.'},
  {uid: 'eu-ai-act:Art.14', roles: ['provider'], risks: ['high'], why: 'Design for human oversight.'},
  {uid: 'eu-ai-act:Art.15', roles: ['provider'], risks: ['high'], why: 'Accuracy, robustness and cybersecurity.'},
  {uid: 'eu-ai-act:Art.16', roles: ['provider'], risks: ['high'], why: 'General obligations of providers of high-risk systems.'},
  {uid: 'eu-ai-act:Art.17', roles: ['provider'], risks: ['high'], why: 'Quality management system.'},
  {uid: 'eu-ai-act:Art.18', roles: ['provider'], risks: ['high'], why: 'Keeping documentation for ten years.'},
  {uid: 'eu-ai-act:Art.19', roles: ['provider'], risks: ['high'], why: 'Keeping automatically generated logs.'},
  {uid: 'eu-ai-act:Art.20', roles: ['provider'], risks: ['high'], why: 'Corrective actions and duty of information.'},
  {uid: 'eu-ai-act:Art.43', roles: ['provider'], risks: ['high'], why: 'Conformity assessment before placing on the market.'},
  {uid: 'eu-ai-act:Art.47', roles: ['provider'], risks: ['high'], why: 'EU declaration of conformity.'},
  {uid: 'eu-ai-act:Art.48', roles: ['provider'], risks: ['high'], why: 'CE marking.'},
  {uid: 'eu-ai-act:Art.49', roles: ['provider', 'deployer'], risks: ['high'], why: 'Registration in the EU database (deployers: public authorities only).'},
  {uid: 'eu-ai-act:Art.72', roles: ['provider'], risks: ['high'], why: 'Post-market monitoring.'},
  {uid: 'eu-ai-act:Art.73', roles: ['provider'], risks: ['high'], why: 'Reporting of serious incidents.'},
  {uid: 'eu-ai-act:Art.23', roles: ['importer'], risks: ['high'], why: 'Obligations of importers of high-risk systems.'},
  {uid: 'eu-ai-act:Art.24', roles: ['distributor'], risks: ['high'], why: 'Obligations of distributors of high-risk systems.'},
  {uid: 'eu-ai-act:Art.25', roles: ['product_manufacturer', 'importer', 'distributor', 'deployer'], risks: ['high'], why: 'When another operator becomes the provider (e.g. after a substantial modification).'},
  {uid: 'eu-ai-act:Art.26', roles: ['deployer'], risks: ['high'], why: 'Obligations of deployers of high-risk systems.'},
  {uid: 'eu-ai-act:Art.27', roles: ['deployer'], risks: ['high'], why: 'Fundamental rights impact assessment (public bodies, public services, credit and insurance scoring).'},
  {uid: 'eu-ai-act:Art.50(1)', roles: ['provider'], risks: ['limited', 'high'], why: 'The system interacts directly with people: design it so they are told it is an AI system.'},
  {uid: 'eu-ai-act:Art.50(2)', roles: ['provider'], risks: ['limited', 'high'], why: 'The system generates synthetic text, audio, images or video: mark outputs as AI-generated.'},
  {uid: 'eu-ai-act:Art.50(3)', roles: ['deployer'], risks: ['limited', 'high'], why: 'Only for emotion recognition or biometric categorisation: inform the people exposed.'},
  {uid: 'eu-ai-act:Art.50(4)', roles: ['deployer'], risks: ['limited', 'high'], why: 'Only for deep fakes or AI-generated text published on matters of public interest: disclose it.'},
  {uid: 'eu-ai-act:Art.50(5)', roles: ['provider', 'deployer'], risks: ['limited', 'high'], why: 'The Art.50 information is given clearly, at the latest at the first interaction.'},
  {uid: 'eu-ai-act:Art.53', roles: ['provider'], risks: null, gpai: true, why: 'Obligations of providers of general-purpose AI models.'},
  {uid: 'eu-ai-act:Art.55', roles: ['provider'], risks: null, gpai: true, why: 'Additional obligations for general-purpose AI models with systemic risk (if designated).'}
] AS table
UNWIND range(0, size(table) - 1) AS n
WITH table[n] AS p, n
WHERE coalesce(s.isAI, false) AND (p.roles IS NULL OR s.aiActRole IN p.roles) AND (p.risks IS NULL OR s.aiActRisk IN p.risks)
  AND (NOT coalesce(p.gpai, false) OR coalesce(s.gpai, false))
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
WITH n, p, prov, parts, iso42001 ORDER BY n
RETURN collect({uid: prov.uid, ref: prov.ref, title: prov.title, why: p.why,
                met: size([x IN parts WHERE x.status = 'met']), parts: parts, iso42001: iso42001}) AS obligations
}
RETURN {org: $org, today: toString(date(coalesce($today, date()))),
        system: {id: s.id, name: s.name, isAI: s.isAI, aiActRole: s.aiActRole, aiActRisk: s.aiActRisk, gpai: s.gpai},
        obligations: obligations} AS result
