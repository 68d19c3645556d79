// BEGIN coverage/status: the status block every question includes (`// @include coverage/status`). At the
// default inference parameters, for the whole organization and with nothing hypothetically removed, it reads
// the maintained coverage (coverage/read-status.cypher); otherwise it computes from scratch
// (queries/status-block.cypher). Both branches yield the same columns, cheap ones first:
//   leaf, status, basis, directStatus, exclusion, inheritable, indicated;
//   direct (the stored direct row, or null), detail (null, or the reference's {controls, inherited, indications}),
//   indicatedParents (null, or the reference's list; coverage/indicated-parents.cypher reads the stored one);
// then a question pages and includes coverage/read-detail for the rows it returns.
// In: the status block's inputs, and reference (true: compute from scratch whatever the parameters).
CALL (org, today, fws, maxDepth, minStrength, indicationDepth, indicationMinStrength, systemId, dropEvidence, dropControls, sourceFws,
      reference) {
  WITH org, today, fws, sourceFws, null AS onlyUids
  WHERE NOT reference AND coalesce(maxDepth, 3) = 3 AND coalesce(minStrength, 7) = 7 AND coalesce(indicationDepth, 1) = 1
    AND coalesce(indicationMinStrength, 5) = 5 AND systemId IS NULL AND size(dropEvidence) = 0 AND size(dropControls) = 0
// @include coverage/read-status
  RETURN leaf, status, basis, directStatus, exclusion, inheritable, indicated, direct, null AS detail, null AS indicatedParents
  UNION ALL
  WITH org, today, fws, maxDepth, minStrength, indicationDepth, indicationMinStrength, systemId, dropEvidence, dropControls, sourceFws
  WHERE NOT (NOT reference AND coalesce(maxDepth, 3) = 3 AND coalesce(minStrength, 7) = 7 AND coalesce(indicationDepth, 1) = 1
             AND coalesce(indicationMinStrength, 5) = 5 AND systemId IS NULL AND size(dropEvidence) = 0 AND size(dropControls) = 0)
// @include status-block
  RETURN leaf, status, basis, directStatus, exclusion, inherited IS NOT NULL AS inheritable, size(indications) > 0 AS indicated,
         null AS direct, {controls: controls, inherited: inherited, indications: indications} AS detail, indicatedParents
}
// END coverage/status
