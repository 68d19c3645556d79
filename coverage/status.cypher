// BEGIN coverage/status: the status block every question includes once issue #13 has landed
// (`// @include coverage/status` instead of `// @include status-block`). At the default inference
// parameters, for the whole organization and with nothing hypothetically removed, it reads the maintained
// coverage (coverage/read-status.cypher); otherwise it computes from scratch (queries/status-block.cypher).
// Both branches yield the same columns: leaf, status, basis, directStatus, controls, inherited, indications,
// exclusion. In: the status block's inputs.
CALL (org, today, fws, maxDepth, minStrength, indicationDepth, indicationMinStrength, systemId, dropEvidence, dropControls, sourceFws) {
  WITH org, today, fws, sourceFws
  WHERE coalesce(maxDepth, 3) = 3 AND coalesce(minStrength, 7) = 7 AND coalesce(indicationDepth, 1) = 1
    AND coalesce(indicationMinStrength, 5) = 5 AND systemId IS NULL AND size(dropEvidence) = 0 AND size(dropControls) = 0
// @include coverage/read-status
  RETURN leaf, status, basis, directStatus, controls, inherited, indications, exclusion
  UNION ALL
  WITH org, today, fws, maxDepth, minStrength, indicationDepth, indicationMinStrength, systemId, dropEvidence, dropControls, sourceFws
  WHERE NOT (coalesce(maxDepth, 3) = 3 AND coalesce(minStrength, 7) = 7 AND coalesce(indicationDepth, 1) = 1
             AND coalesce(indicationMinStrength, 5) = 5 AND systemId IS NULL AND size(dropEvidence) = 0 AND size(dropControls) = 0)
// @include status-block
  RETURN leaf, status, basis, directStatus, controls, inherited, indications, exclusion
}
// END coverage/status
