// Search phrase "Mappings of $requirement": the requirement, its parts, and every mapping from or to any
// of them (all statuses; MAPS_TO styling shows relationship and strength). Reference data: no organization.
// Params: $requirement (uid).
MATCH (req:Requirement {uid: $requirement})<-[:PART_OF*0..]-(r:Requirement)
MATCH p = (r)-[:MAPS_TO]-(:Requirement)
RETURN p
UNION
MATCH p = (:Requirement {uid: $requirement})<-[:PART_OF*0..]-(:Requirement)
RETURN p
