// Requirements per framework and kind.
MATCH (f:Framework)
OPTIONAL MATCH (r:Requirement)-[:IN_FRAMEWORK]->(f)
WITH f, r.kind AS kind, count(r) AS n
ORDER BY f.id, kind
RETURN f.id AS framework, f.name AS name, collect({kind: kind, count: n}) AS kinds, sum(n) AS total
ORDER BY framework
