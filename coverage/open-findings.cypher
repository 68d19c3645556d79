// BEGIN open-findings: the organization's findings open on `today`, of every kind (the findings rule,
// queries/README.md "Direct status"; coverage/findings-caps.cypher stores the same rule as intervals). A finding
// is open when it was raised on or before `today` and is not closed by then: closed = it has corrective actions
// and every one of them has status closed, a closedOn on or before `today` and approved closing evidence.
// In: org, today. Out: openFindings (the Finding nodes, by raisedOn, then id).
CALL (org, today) {
  OPTIONAL MATCH (f:Finding {orgId: org})
  WHERE f.raisedOn <= today
  WITH f, [(f)<-[:CORRECTS]-(ca:CorrectiveAction) | ca] AS actions
  WHERE f IS NOT NULL
    AND NOT (size(actions) > 0
             AND all(ca IN actions WHERE ca.status = 'closed' AND coalesce(ca.closedOn <= today, false)
                     AND EXISTS { (ca)-[:CLOSED_BY]->(e:Evidence) WHERE e.status = 'approved' AND coalesce(e.orgId, '') = org }))
  WITH f ORDER BY f.raisedOn, f.id
  RETURN collect(f) AS openFindings
}
// END open-findings
