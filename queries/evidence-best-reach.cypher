// BEGIN evidence-best-reach: of the reaches in `reached` (maps {uid, framework, reach, coverage, strength,
// path, control, ...}), the best one per requirement, ordered by framework and uid (evidence-covering-both).
// In: reached. Out: best.
CALL (reached) {
  UNWIND reached AS x
  WITH x ORDER BY x.uid, CASE x.reach WHEN 'direct' THEN 0 WHEN 'inherited' THEN 1 ELSE 2 END,
       CASE x.coverage WHEN 'full' THEN 0 ELSE 1 END, x.strength DESC, size(x.path), apoc.text.join(x.path, '>'), x.control
  WITH x.uid AS uid, head(collect(x)) AS best
  ORDER BY best.framework, uid
  RETURN collect(best) AS best
}
// END evidence-best-reach
