// classify(system, org): the facts of one system that the AI Act classification reads (queries/classify.ts
// evaluates them with the rules of seeds/ai-act/classification-rules.csv). One row, column `result`.
// Params: $system, $org.
MATCH (s:System {orgId: $org, id: $system})
RETURN {org: $org, system: {id: s.id, name: s.name}, facts: properties(s)} AS result
