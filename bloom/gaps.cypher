// Search phrase "Gaps in $framework for $org": the framework's assessed requirements whose status for the
// organization is `gap` today, read by the same status block as queries/gaps.cypher (the maintained coverage;
// see queries/README.md), drawn with the framework they belong to and the approved
// mappings (not no_relationship) to requirements of the other frameworks the organization adopts: closing
// the gap advances those too.
// Params: $framework, $org.
WITH $org AS org, date() AS today, [$framework] AS fws, 3 AS maxDepth, 7 AS minStrength, 1 AS indicationDepth,
     5 AS indicationMinStrength, null AS systemId, [] AS dropEvidence,
     [] AS dropControls, null AS sourceFws, false AS reference
// @include coverage/status
WITH leaf WHERE status = 'gap'
MATCH (leaf)-[inf:IN_FRAMEWORK]->(f:Framework)
OPTIONAL MATCH (leaf)-[m:MAPS_TO]-(other:Requirement)
WHERE m.status = 'approved' AND m.relationship <> 'no_relationship' AND other.frameworkId <> $framework
  AND EXISTS { (:Organization {id: $org})-[:ADOPTS]->(:Framework {id: other.frameworkId}) }
RETURN leaf AS requirement, inf, f AS framework, m AS mapping, other
