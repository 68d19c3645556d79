/**
 * `crosswalk export mappings --format ciso-assistant --out DIR`: the crosswalk as CISO Assistant mapping
 * libraries, one per framework pair, in their YAML schema: a set from the first framework to the second
 * and its `-revert` set (the exact inverse, as CISO Assistant's own libraries carry), naming requirements
 * by the URNs of CISO Assistant's framework libraries (seeds/ciso-assistant/ for the built-in catalogs),
 * with relationship, strength, rationale and our explanation as `annotation`. Rejected mappings are left
 * out; so are mappings with an end that has no URN (counted in `skipped`). `crosswalk import DIR` reads
 * the files back to the same graph.
 */
import { stringify } from 'yaml';
import type { Graph } from '../../graph/connection.ts';
import { INVERSE_RELATIONSHIP, type MappingRelationship } from '../../graph/model.ts';
import { CISO_RELATIONSHIPS } from './library.ts';

export const CISO_EXPORT_MAPPINGS = `
MATCH (s:Requirement)-[m:MAPS_TO]->(t:Requirement)
WHERE coalesce(m.status, 'approved') <> 'rejected' AND s.frameworkId <> t.frameworkId
  AND ($framework IS NULL OR s.frameworkId = $framework OR t.frameworkId = $framework)
MATCH (s)-[:IN_FRAMEWORK]->(sf:Framework), (t)-[:IN_FRAMEWORK]->(tf:Framework)
RETURN s.uid AS sourceUid, s.urn AS sourceUrn, sf.id AS sourceFramework, sf.urn AS sourceFrameworkUrn, sf.name AS sourceName,
       t.uid AS targetUid, t.urn AS targetUrn, tf.id AS targetFramework, tf.urn AS targetFrameworkUrn, tf.name AS targetName,
       m.relationship AS relationship, m.strength AS strength, m.rationale AS rationale, m.explanation AS explanation
ORDER BY sourceUid, targetUid`;

const TO_CISO: Record<string, string> = Object.fromEntries(Object.entries(CISO_RELATIONSHIPS).map(([k, v]) => [v, k]));

export interface CisoExport {
  /** File name -> YAML text. */
  files: Map<string, string>;
  mappings: number;
  /** Mappings left out because an end (or its framework) has no CISO Assistant URN. */
  skipped: number;
}

interface Row {
  sourceUid: string;
  sourceUrn: string | null;
  sourceFramework: string;
  sourceFrameworkUrn: string | null;
  sourceName: string;
  targetUid: string;
  targetUrn: string | null;
  targetFramework: string;
  targetFrameworkUrn: string | null;
  targetName: string;
  relationship: string;
  strength: number;
  rationale: string | null;
  explanation: string | null;
}

/** The library id in a framework URN: `urn:intuitem:risk:framework:iso27001-2022` -> `iso27001-2022`. */
const libraryId = (urn: string) => urn.slice(urn.lastIndexOf(':') + 1);
const libraryUrn = (frameworkUrn: string) => frameworkUrn.replace(/:framework:/, ':library:');

export async function mappingsToCiso(graph: Graph, framework: string | null): Promise<CisoExport> {
  const { records } = await graph.run(CISO_EXPORT_MAPPINGS, { framework });
  const pairs = new Map<string, { a: Row; rows: Row[] }>();
  let skipped = 0;
  for (const record of records) {
    let row = { ...(record.toObject() as Row), strength: Number(record.get('strength')) };
    if (!row.sourceUrn || !row.targetUrn || !row.sourceFrameworkUrn || !row.targetFrameworkUrn) {
      skipped++;
      continue;
    }
    // One library per framework pair, the first framework by id as the source of its first set.
    if (row.sourceFramework > row.targetFramework) row = invert(row);
    const key = `${row.sourceFramework}|${row.targetFramework}`;
    (pairs.get(key) ?? pairs.set(key, { a: row, rows: [] }).get(key)!).rows.push(row);
  }
  const files = new Map<string, string>();
  let mappings = 0;
  for (const { a, rows } of pairs.values()) {
    const from = libraryId(a.sourceFrameworkUrn!);
    const to = libraryId(a.targetFrameworkUrn!);
    const ref = `mapping-${from}-to-${to}`;
    const set = (reverse: boolean) => {
      const [sUrn, tUrn] = reverse
        ? [a.targetFrameworkUrn!, a.sourceFrameworkUrn!]
        : [a.sourceFrameworkUrn!, a.targetFrameworkUrn!];
      const [sName, tName] = reverse ? [a.targetName, a.sourceName] : [a.sourceName, a.targetName];
      return {
        // As CISO Assistant's own libraries: the inverse set is the first set's id with `-revert`.
        urn: `urn:crosswalk:risk:req_mapping_set:${from}-to-${to}${reverse ? '-revert' : ''}`,
        ref_id: `${from}-to-${to}${reverse ? '-revert' : ''}`,
        name: `${sName} -> ${tName}`,
        description: `crosswalk's mappings from ${sName} to ${tName}${reverse ? ' (the inverse of the first set)' : ''}`,
        source_framework_urn: sUrn,
        target_framework_urn: tUrn,
        requirement_mappings: rows.map((r) => {
          const o = reverse ? invert(r) : r;
          return {
            source_requirement_urn: o.sourceUrn,
            target_requirement_urn: o.targetUrn,
            relationship: TO_CISO[o.relationship] ?? o.relationship,
            strength_of_relationship: o.strength,
            ...(o.rationale ? { rationale: o.rationale } : {}),
            ...(o.explanation ? { annotation: o.explanation } : {}),
          };
        }),
      };
    };
    const library = {
      urn: `urn:crosswalk:risk:library:${ref}`,
      locale: 'en',
      ref_id: ref,
      name: `${a.sourceName} <-> ${a.targetName} (crosswalk)`,
      description: `The crosswalk's mappings between ${a.sourceName} and ${a.targetName}: set-theory relationships (NIST IR 8477) with strength, rationale and each mapping's explanation as annotation.`,
      copyright: 'crosswalk; explanations written in our own words',
      version: 1,
      provider: 'crosswalk',
      packager: 'crosswalk',
      dependencies: [libraryUrn(a.sourceFrameworkUrn!), libraryUrn(a.targetFrameworkUrn!)],
      objects: { requirement_mapping_sets: [set(false), set(true)] },
    };
    mappings += rows.length;
    files.set(`${ref}.yaml`, stringify(library, { lineWidth: 0 }));
  }
  return { files, mappings, skipped };
}

function invert(r: Row): Row {
  return {
    ...r,
    sourceUid: r.targetUid,
    sourceUrn: r.targetUrn,
    sourceFramework: r.targetFramework,
    sourceFrameworkUrn: r.targetFrameworkUrn,
    sourceName: r.targetName,
    targetUid: r.sourceUid,
    targetUrn: r.sourceUrn,
    targetFramework: r.sourceFramework,
    targetFrameworkUrn: r.sourceFrameworkUrn,
    targetName: r.sourceName,
    relationship: INVERSE_RELATIONSHIP[r.relationship as MappingRelationship] ?? r.relationship,
  };
}
