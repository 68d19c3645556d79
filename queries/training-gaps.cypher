// training-gaps(org, today): individuals with a role or a responsible/accountable responsibility who lack a
// valid training of a kind they need (the rule: queries/training-needs.cypher, shared with readiness step 5),
// by person id: what they need, what is missing (with the course that expired, when one did), their
// responsibilities. One row, column `result`. Params: $org, $today (null = date()).
WITH $org AS org, date(coalesce($today, date())) AS today
// @include training-needs
RETURN {org: $org, today: toString(today), total: size(trainingGaps), trainingRecords: trainingRecords,
        people: trainingGaps} AS result
