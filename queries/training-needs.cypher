// BEGIN training-needs: who needs which training and lacks a valid one (training-gaps, readiness step 5).
// An individual needs training when they have a role or a responsible/accountable responsibility:
// awareness always; role_specific with a role or an accountable responsibility; ai_literacy (AI Act Art.4)
// when responsible or accountable for an AI system. A training is valid on `today` when it was completed on
// or before today and does not expire before it (validUntil null = no expiry).
// In: org, today. Out: trainingGaps (one map per individual lacking at least one, by person id),
//     trainingRecords (how many training records the organization has).
CALL (org, today) {
  OPTIONAL MATCH (p:Person {orgId: org, kind: 'individual'})
  WITH p, today, [(p)-[r:RESPONSIBLE_FOR]->(x) WHERE r.raci IN ['responsible', 'accountable'] AND (x.orgId = org OR x:Framework) |
                  {raci: r.raci, kind: CASE WHEN x:System THEN 'system' WHEN x:Control THEN 'control' WHEN x:Risk THEN 'risk'
                                            ELSE 'framework' END,
                   id: x.id, ai: x:System AND coalesce(x.isAI, false)}] AS resp
  WHERE p IS NOT NULL AND (trim(coalesce(p.role, '')) <> '' OR size(resp) > 0)
  WITH p, today, resp,
       ['awareness']
       + CASE WHEN trim(coalesce(p.role, '')) <> '' OR any(r IN resp WHERE r.raci = 'accountable') THEN ['role_specific'] ELSE [] END
       + CASE WHEN any(r IN resp WHERE r.ai) THEN ['ai_literacy'] ELSE [] END AS needs
  UNWIND needs AS need
  WITH p, today, resp, needs, need, [(t:Training {orgId: org})-[:COMPLETED_BY]->(p) WHERE t.kind = need | t] AS taken
  WITH p, resp, needs, need, taken,
       [t IN taken WHERE t.completedOn <= today AND (t.validUntil IS NULL OR t.validUntil >= today)] AS valid,
       [t IN taken WHERE t.validUntil < today] AS expired
  WHERE size(valid) = 0
  // The most recently expired one, if any: "expired on ..." reads better than "missing".
  WITH p, resp, needs, need,
       reduce(last = null, t IN expired | CASE WHEN last IS NULL OR t.validUntil > last.validUntil THEN t ELSE last END) AS lapsed
  WITH p, resp, needs, collect({kind: need, expiredOn: toString(lapsed.validUntil), course: lapsed.course}) AS missing
  ORDER BY p.id
  RETURN collect({id: p.id, name: p.name, role: p.role, needs: needs, missing: missing,
                  responsibilities: [r IN resp | r.raci + ' ' + r.kind + ' ' + r.id]}) AS trainingGaps
}
CALL (org) {
  OPTIONAL MATCH (t:Training {orgId: org})
  RETURN count(t) AS trainingRecords
}
// END training-needs
