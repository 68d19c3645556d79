// Rebuilds what inference gives one organization's requirements from scratch (same rows as
// inferred-scoped.cypher), from its direct rows and the stored paths:
//   inheritedUntil  the latest metUntil among the sources of stored inheritance paths onto the requirement or
//                   an ancestor (a full mapping onto a parent covers its parts) that no finding caps: met by
//                   inheritance on every day <= inheritedUntil;
//   cappedSources   the sources a finding caps on some days (coverage/findings-caps.cypher): met by inheritance
//                   also on the days one of them is met (read-status looks their rows up);
//   indicatedUntil  the latest validUntil among the sources of stored indication paths onto exactly the
//                   requirement: it carries an indication on every day <= indicatedUntil unless inheritance
//                   meets it that day.
// A requirement neither reaches has no row. Params: $org.
CALL () {
  MATCH (old:CoverageInferred {org: $org})
  DELETE old
  RETURN count(old) AS removed
}
CALL () {
  CALL () {
    MATCH (sd:CoverageDirect {org: $org})
    WHERE sd.metUntil IS NOT NULL
    MATCH (:Requirement {uid: sd.uid})-[:COVERAGE_INHERITS]->(:Requirement)<-[:PART_OF*0..]-(r:Requirement)
    RETURN r, CASE WHEN size(sd.capFrom) = 0 THEN sd.metUntil END AS inherited,
           CASE WHEN size(sd.capFrom) > 0 THEN sd.uid END AS cappedSource, null AS indicated
    UNION ALL
    MATCH (sd:CoverageDirect {org: $org})
    WHERE sd.validUntil IS NOT NULL
    MATCH (:Requirement {uid: sd.uid})-[:COVERAGE_INDICATES]->(r:Requirement)
    RETURN r, null AS inherited, null AS cappedSource, sd.validUntil AS indicated
  }
  WITH r, max(inherited) AS inheritedUntil, apoc.coll.sort(collect(DISTINCT cappedSource)) AS cappedSources,
       max(indicated) AS indicatedUntil
  CREATE (:CoverageInferred {org: $org, uid: r.uid, frameworkId: r.frameworkId, inheritedUntil: inheritedUntil,
                             cappedSources: cappedSources, indicatedUntil: indicatedUntil})
  RETURN count(*) AS written
}
RETURN removed, written
