// BEGIN status-block: the status of every assessed requirement, shared by every question that needs it.
// Included with `// @include status-block` and expanded by queries/cypher.ts, so it exists once; it is the
// from-scratch reference computation maintained coverage is verified against.
// See queries/README.md "Coverage semantics" (rules table and worked examples).
// In: org, today, fws (framework ids), maxDepth, minStrength (inheritance), indicationDepth,
//     indicationMinStrength, systemId (or null), dropEvidence, dropControls,
//     sourceFws (frameworks inheritance and indications may start from; null = any).
// Out: one row per assessed requirement (normative leaf) of fws: leaf, status, basis, directStatus, controls,
//      inherited (best inheritance path or null), indications (list), exclusion; and indicatedParents (the
//      requirements with parts of fws that carry indications of their own) and coveredDirectly (uid ->
//      'met' | 'partially_met' of every requirement the organization covers directly, in any framework);
//      both are the same on every row.
CALL (org, today, fws, maxDepth, minStrength, indicationDepth, indicationMinStrength, systemId, dropEvidence, dropControls,
      sourceFws) {
  // Direct status: in-force controls of the organization (for a system: the system's own controls and the
  // organization-wide ones), their approved evidence split into valid and expired. The organization's own
  // claim on a requirement covers its descendants too.
  CALL (org, today, systemId, dropEvidence, dropControls) {
    // The findings rule: a major nonconformity open on `today` about a requirement (or about a control: every
    // requirement it implements) keeps it and its parts from being met.
// @include coverage/open-findings
    CALL (openFindings) {
      UNWIND [f IN openFindings WHERE f.kind = 'major_nonconformity'] AS f
// @include coverage/finding-targets
      MATCH (x)<-[:PART_OF*0..]-(r:Requirement)
      RETURN collect(DISTINCT r.uid) AS cappedUids
    }
    OPTIONAL MATCH (c:Control {orgId: org})-[imp:IMPLEMENTS]->(a:Requirement)
    WHERE c.status IN ['implemented', 'operating'] AND NOT c.id IN dropControls
      AND (systemId IS NULL OR EXISTS { (c)-[:APPLIES_TO]->(:System {orgId: org, id: systemId}) }
           OR NOT EXISTS { (c)-[:APPLIES_TO]->(:System) })
    CALL (c, org, dropEvidence) {
      OPTIONAL MATCH (e:Evidence {orgId: org})-[:SUPPORTS]->(c)
      WHERE e.status = 'approved' AND NOT e.id IN dropEvidence
      RETURN collect(e) AS approved
    }
    OPTIONAL MATCH (r:Requirement)-[:PART_OF*0..]->(a)
    // Controls by id and the requirement they implement, evidence by id: the order every answer lists them in.
    WITH r, c, imp, a, approved, today, cappedUids ORDER BY c.id, a.uid
    WITH r, cappedUids, [x IN collect({control: c.id, coverage: imp.coverage, via: a.uid,
              valid: apoc.coll.sort([e IN approved WHERE e.validUntil IS NULL OR e.validUntil >= today | e.id]),
              expired: apoc.coll.sort([e IN approved WHERE e.validUntil < today | e.id])}) WHERE x.control IS NOT NULL] AS impls
    WITH r, impls, cappedUids,
         CASE WHEN any(i IN impls WHERE i.coverage = 'full' AND size(i.valid) > 0) THEN 'met'
              WHEN any(i IN impls WHERE size(i.valid) > 0) THEN 'partially_met'
              WHEN any(i IN impls WHERE size(i.expired) > 0) THEN 'stale'
              ELSE 'unverified' END AS status
    WHERE r IS NOT NULL
    WITH r, impls, CASE WHEN status = 'met' AND r.uid IN cappedUids THEN 'partially_met' ELSE status END AS status
    RETURN collect({r: r, uid: r.uid, status: status, controls: impls}) AS directRows
  }
  // Mapping paths from every directly met or partially met requirement along approved MAPS_TO (not
  // no_relationship), read from the covered side (a stored mapping read backwards inverts subset_of and
  // superset_of), no requirement twice on a path (NODE_PATH); strength = the weakest hop.
  // An inheritance: a met start, every hop equal/superset_of with strength >= minStrength, <= maxDepth hops.
  // Any other path of <= indicationDepth hops, every hop >= indicationMinStrength, is an indication.
  CALL (directRows, fws, sourceFws, maxDepth, minStrength, indicationDepth, indicationMinStrength) {
    UNWIND [d IN directRows WHERE d.status IN ['met', 'partially_met']
                               AND (sourceFws IS NULL OR d.r.frameworkId IN sourceFws)] AS d
    WITH d.r AS s, d.status AS sStatus
    CALL apoc.path.expandConfig(s, {relationshipFilter: 'MAPS_TO', minLevel: 1, uniqueness: 'NODE_PATH',
                                    maxLevel: CASE WHEN maxDepth > indicationDepth THEN maxDepth ELSE indicationDepth END})
    YIELD path
    WITH s, sStatus, nodes(path) AS ns, relationships(path) AS ms
    WHERE last(ns).frameworkId IN fws
      AND all(m IN ms WHERE m.status = 'approved' AND m.relationship <> 'no_relationship')
    WITH s, sStatus, ns, ms,
         [i IN range(0, size(ms) - 1) |
           CASE WHEN startNode(ms[i]) = ns[i] THEN ms[i].relationship
                WHEN ms[i].relationship = 'subset_of' THEN 'superset_of'
                WHEN ms[i].relationship = 'superset_of' THEN 'subset_of'
                ELSE ms[i].relationship END] AS rels,
         reduce(w = 10, m IN ms | CASE WHEN m.strength < w THEN m.strength ELSE w END) AS strength
    WITH s, sStatus, ns, ms, rels, strength,
         sStatus = 'met' AND all(x IN rels WHERE x IN ['equal', 'superset_of']) AND strength >= minStrength
           AND size(ms) <= maxDepth AS inheritance
    WHERE inheritance OR (size(ms) <= indicationDepth AND strength >= indicationMinStrength)
    WITH last(ns) AS t, inheritance,
         {source: s.uid, sourceStatus: sStatus, path: [n IN ns | n.uid], relationships: rels, strength: strength,
          hops: size(ms)} AS p
    RETURN collect(CASE WHEN inheritance THEN {t: t, p: p} END) AS inheritancePaths,
           collect(CASE WHEN NOT inheritance THEN [t.uid, p] END) AS indicationPaths
  }
  // Inherited: a full path onto T covers T and all its parts. One best path per assessed requirement:
  // stronger, then fewer hops, then the path's uids joined by '>' (deterministic).
  CALL (inheritancePaths, fws) {
    UNWIND inheritancePaths AS ip
    WITH ip.t AS t, ip.p AS p
    MATCH (leaf:Requirement)-[:PART_OF*0..]->(t)
    WHERE leaf.frameworkId IN fws AND coalesce(leaf.normative, true) AND NOT EXISTS { (:Requirement)-[:PART_OF]->(leaf) }
    WITH leaf, t, p ORDER BY leaf.uid, p.strength DESC, p.hops, apoc.text.join(p.path, '>')
    WITH leaf, head(collect({source: p.source, path: p.path, relationships: p.relationships, strength: p.strength,
                             hops: p.hops, target: t.uid})) AS best
    RETURN collect([leaf.uid, best]) AS inheritedPairs
  }
  // Indications: advice on exactly the requirement the path ends at (never spread to its parts), at most 10
  // per requirement, strongest and shortest first.
  CALL (indicationPaths) {
    UNWIND indicationPaths AS ip
    WITH ip[0] AS uid, ip[1] AS p ORDER BY uid, p.strength DESC, p.hops, apoc.text.join(p.path, '>')
    WITH uid, collect(p)[0..10] AS list
    MATCH (r:Requirement {uid: uid})
    RETURN collect([uid, list]) AS indicationPairs,
           collect(CASE WHEN EXISTS { (:Requirement)-[:PART_OF]->(r) }
                        THEN {uid: uid, ref: r.ref, title: r.title, indications: list} END) AS indicatedParents
  }
  // The nearest exclusion of a requirement or an ancestor (later pairs win in fromPairs).
  CALL (org) {
    OPTIONAL MATCH p = (:Organization {id: org})-[x:EXCLUDES]->(ex:Requirement)<-[:PART_OF*0..]-(r:Requirement)
    WITH r, ex, x ORDER BY length(p) DESC
    RETURN collect(CASE WHEN r IS NOT NULL THEN [r.uid, {requirement: ex.uid, justification: x.justification}] END) AS excludedPairs
  }
  WITH apoc.map.fromPairs([d IN directRows | [d.uid, d]]) AS directBy, apoc.map.fromPairs(inheritedPairs) AS inheritedBy,
       apoc.map.fromPairs(indicationPairs) AS indicationsBy, apoc.map.fromPairs(excludedPairs) AS excludedBy,
       indicatedParents, apoc.map.fromPairs([d IN directRows WHERE d.status IN ['met', 'partially_met'] | [d.uid, d.status]])
       AS coveredDirectly, fws
  MATCH (leaf:Requirement)
  WHERE leaf.frameworkId IN fws AND coalesce(leaf.normative, true) AND NOT EXISTS { (:Requirement)-[:PART_OF]->(leaf) }
  WITH leaf, directBy[leaf.uid] AS d, inheritedBy[leaf.uid] AS i, excludedBy[leaf.uid] AS x,
       coalesce(indicationsBy[leaf.uid], []) AS indications, indicatedParents, coveredDirectly
  // Precedence: excluded > met directly > met by inheritance > the direct status (partially met, stale,
  // unverified) > gap. Indications never change the status.
  RETURN leaf,
         CASE WHEN x IS NOT NULL THEN 'excluded' WHEN d.status = 'met' THEN 'met' WHEN i IS NOT NULL THEN 'met'
              WHEN d IS NOT NULL THEN d.status ELSE 'gap' END AS status,
         CASE WHEN x IS NOT NULL OR d.status = 'met' THEN 'direct' WHEN i IS NOT NULL THEN 'inherited'
              WHEN d IS NOT NULL THEN 'direct' ELSE null END AS basis,
         coalesce(d.status, 'gap') AS directStatus,
         CASE WHEN d IS NULL THEN [] ELSE d.controls END AS controls,
         i AS inherited, indications, x AS exclusion, indicatedParents, coveredDirectly
}
// END status-block
