/**
 * Exports crosswalk mappings in the formats the importers read: the mappings CSV template
 * (seeds/mappings/README.md) and OSCAL 1.2 mapping collections, so that an export re-imports unchanged.
 */
import type { Graph } from '../graph/connection.ts';
import { MAPPING_COLUMNS } from './csv/mappings.ts';
import { toCsv } from './csv/write.ts';
import { toOscalMappingCollection, type ExportedFramework, type ExportedMapping } from './oscal/mapping.ts';

export const EXPORT_MAPPINGS = `
MATCH (s:Requirement)-[m:MAPS_TO]->(t:Requirement)
WHERE $framework IS NULL OR s.frameworkId = $framework OR t.frameworkId = $framework
RETURN s.frameworkId AS sourceFramework, s.ref AS sourceRef, t.frameworkId AS targetFramework, t.ref AS targetRef,
       m.relationship AS relationship, m.strength AS strength, m.rationale AS rationale, m.source AS source,
       m.explanation AS explanation, m.status AS status
ORDER BY sourceFramework, targetFramework, s.order, sourceRef, t.order, targetRef`;

export async function readMappings(graph: Graph, framework: string | null = null): Promise<ExportedMapping[]> {
  const { records } = await graph.run(EXPORT_MAPPINGS, { framework });
  return records.map((r) => r.toObject() as unknown as ExportedMapping);
}

const EXPORT_FRAMEWORKS = `
MATCH (f:Framework) WHERE f.id IN $ids
RETURN f.id AS id, f.name AS name, f.version AS version, f.url AS url ORDER BY id`;

/** The frameworks the mappings connect, for the OSCAL back matter. */
export async function readMappingFrameworks(graph: Graph, mappings: ExportedMapping[]): Promise<ExportedFramework[]> {
  const ids = [...new Set(mappings.flatMap((m) => [m.sourceFramework, m.targetFramework]))];
  const { records } = await graph.run(EXPORT_FRAMEWORKS, { ids });
  return records.map((r) => r.toObject() as unknown as ExportedFramework);
}

export function mappingsToCsv(mappings: ExportedMapping[]): string {
  const columns = [...MAPPING_COLUMNS.required, ...MAPPING_COLUMNS.optional];
  const lines: unknown[][] = [columns];
  for (const m of mappings) {
    const row: Record<string, unknown> = {
      source_uid: `${m.sourceFramework}:${m.sourceRef}`,
      target_uid: `${m.targetFramework}:${m.targetRef}`,
      relationship: m.relationship,
      strength: m.strength,
      rationale: m.rationale,
      source: m.source,
      explanation: m.explanation,
      status: m.status,
    };
    lines.push(columns.map((c) => row[c]));
  }
  return toCsv(lines);
}

export function mappingsToOscal(
  mappings: ExportedMapping[],
  frameworks: ExportedFramework[] = [],
  title = 'crosswalk mappings',
): string {
  return `${JSON.stringify(toOscalMappingCollection(mappings, frameworks, title), null, 2)}\n`;
}
