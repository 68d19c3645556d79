// search(q, org): requirements, the organization's controls and its evidence whose text contains every word
// of $q, case-insensitively. Requirements through the full-text index `requirement_text` (ref, title,
// summary; every word as a lowercased, escaped prefix: "crypt" finds "cryptography"), ordered by score;
// controls (id, name, description, owner) and evidence (id, title, kind, owner) of $org only, by id.
// Items of all kinds in that order (requirements, controls, evidence), paged by $first/$offset; `counts`
// gives the total per kind. $kinds narrows the kinds (null = all three).
// One row, column `result`. Params: $q, $org, $kinds, $first, $offset.
WITH [w IN split(toLower(trim($q)), ' ') WHERE w <> ''] AS words, coalesce($kinds, ['requirement', 'control', 'evidence']) AS kinds
CALL (words, kinds) {
  WITH words, kinds WHERE 'requirement' IN kinds AND size(words) > 0
  CALL db.index.fulltext.queryNodes('requirement_text',
       apoc.text.join([w IN words | apoc.text.regreplace(w, '([+\\-!(){}\\[\\]^"~*?:\\\\/&|])', '\\\\$1') + '*'], ' AND '))
  YIELD node, score
  WITH node, score ORDER BY score DESC, node.uid
  RETURN collect({kind: 'requirement', id: node.uid, framework: node.frameworkId, ref: node.ref, title: node.title,
                  detail: node.summary, score: score}) AS requirements
}
CALL (words, kinds) {
  OPTIONAL MATCH (c:Control {orgId: $org})
  WHERE 'control' IN kinds AND size(words) > 0
    AND all(w IN words WHERE toLower(c.id + ' ' + coalesce(c.name, '') + ' ' + coalesce(c.description, '') + ' ' + coalesce(c.owner, '')) CONTAINS w)
  WITH c ORDER BY c.id
  RETURN [x IN collect(c) | {kind: 'control', id: x.id, framework: null, ref: x.id, title: x.name, detail: x.description,
                             owner: x.owner, status: x.status, score: null}] AS controls
}
CALL (words, kinds) {
  OPTIONAL MATCH (e:Evidence {orgId: $org})
  WHERE 'evidence' IN kinds AND size(words) > 0
    AND all(w IN words WHERE toLower(e.id + ' ' + coalesce(e.title, '') + ' ' + coalesce(e.kind, '') + ' ' + coalesce(e.owner, '')) CONTAINS w)
  WITH e ORDER BY e.id
  RETURN [x IN collect(e) | {kind: 'evidence', id: x.id, framework: null, ref: x.id, title: x.title, detail: x.kind,
                             owner: x.owner, status: x.status, validUntil: toString(x.validUntil), score: null}] AS evidence
}
WITH requirements + controls + evidence AS items, requirements, controls, evidence
RETURN {q: $q, org: $org, total: size(items),
        counts: {requirement: size(requirements), control: size(controls), evidence: size(evidence)},
        items: items[coalesce($offset, 0)..coalesce($offset, 0) + coalesce($first, size(items))]} AS result
