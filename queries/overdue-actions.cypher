// overdue-actions(org, today): the organization's corrective actions not closed on `today` (status not closed,
// or closed only after today) whose due date has passed, most overdue first: the action, the finding it corrects
// (kind, what it is about), its owner and how many days overdue. One row, column `result`.
// Params: $org, $today (null = date()).
WITH date(coalesce($today, date())) AS today
OPTIONAL MATCH (ca:CorrectiveAction {orgId: $org})
WHERE NOT (ca.status = 'closed' AND ca.closedOn <= today) AND ca.dueOn < today
OPTIONAL MATCH (ca)-[:CORRECTS]->(f:Finding {orgId: $org})
OPTIONAL MATCH (ca)-[:OWNED_BY]->(owner:Person {orgId: $org})
WITH today, ca, owner, f
ORDER BY ca.dueOn, ca.id
WITH today, collect(CASE WHEN ca IS NOT NULL THEN {
  id: ca.id, title: ca.title, status: ca.status, dueOn: toString(ca.dueOn),
  daysOverdue: duration.inDays(ca.dueOn, today).days,
  owner: CASE WHEN owner IS NOT NULL THEN {id: owner.id, name: owner.name, role: owner.role} END,
  finding: CASE WHEN f IS NOT NULL THEN {id: f.id, title: f.title, kind: f.kind, raisedOn: toString(f.raisedOn),
    about: apoc.coll.sort([(f)-[:ABOUT]->(x) WHERE x:Requirement OR (x:Control AND x.orgId = $org) |
                           CASE WHEN x:Requirement THEN x.uid ELSE x.id END])} END
} END) AS actions
RETURN {org: $org, today: toString(today), total: size(actions), actions: actions} AS result
