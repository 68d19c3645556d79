// Drops every stored inference path (org-independent; rebuilt from the mappings right after).
MATCH ()-[p:COVERAGE_INHERITS|COVERAGE_INDICATES]->()
DELETE p
RETURN count(p) AS removed
