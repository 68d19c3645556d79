// `crosswalk bloom clear`: removes the organization's CoverageStatus nodes. Params: $org.
OPTIONAL MATCH (old:CoverageStatus {orgId: $org})
DETACH DELETE old
RETURN count(old) AS removed
