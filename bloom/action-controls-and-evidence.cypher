// Scene action "Show controls and evidence" on Requirement: the controls implementing the selected
// requirements (or their ancestors) and the evidence supporting them. Bloom has no organization in scope:
// every organization's controls are drawn; their orgId is in the caption's tooltip.
MATCH (r:Requirement)
WHERE elementId(r) IN $nodes
MATCH p = (r)-[:PART_OF*0..]->(:Requirement)<-[:IMPLEMENTS]-(c:Control)
OPTIONAL MATCH q = (c)<-[:SUPPORTS]-(:Evidence {orgId: c.orgId})
RETURN p, q
