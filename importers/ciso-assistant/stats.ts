/**
 * What `crosswalk stats` adds about library content (issue #18): per framework, how many requirements
 * carry a CISO Assistant URN and each field a library brings (implementation groups, reference controls,
 * annotations, typical evidence, translations); and the mappings per status and source, so that drafts
 * waiting for review are visible.
 */
import type { Graph } from '../../graph/connection.ts';

export const LIBRARY_FIELD_COUNTS = `
MATCH (f:Framework)
OPTIONAL MATCH (r:Requirement {frameworkId: f.id})
WITH f, count(r.urn) AS urns, count(r.implementationGroups) AS implementationGroups, count(r.referenceControls) AS referenceControls,
     count(r.annotation) AS annotations, count(r.typicalEvidence) AS typicalEvidence, count(r.translations) AS translations
RETURN f.id AS framework, f.urn AS urn, urns, implementationGroups, referenceControls, annotations, typicalEvidence, translations
ORDER BY framework`;

export const MAPPINGS_BY_STATUS = `
MATCH ()-[m:MAPS_TO]->()
RETURN coalesce(m.status, 'approved') AS status, coalesce(m.source, '') AS source, count(m) AS mappings
ORDER BY status, source`;

export interface LibraryFieldStats {
  framework: string;
  urn: string | null;
  urns: number;
  implementationGroups: number;
  referenceControls: number;
  annotations: number;
  typicalEvidence: number;
  translations: number;
}

export interface LibraryStats {
  fields: LibraryFieldStats[];
  mappingsByStatus: { status: string; source: string; mappings: number }[];
}

export async function libraryStats(graph: Graph): Promise<LibraryStats> {
  const fields = (await graph.run(LIBRARY_FIELD_COUNTS)).records.map((r) => {
    const o = r.toObject() as Record<string, unknown>;
    return Object.fromEntries(
      Object.entries(o).map(([k, v]) => [k, typeof v === 'object' && v !== null ? Number(v) : v]),
    ) as unknown as LibraryFieldStats;
  });
  const mappingsByStatus = (await graph.run(MAPPINGS_BY_STATUS)).records.map((r) => ({
    status: r.get('status') as string,
    source: r.get('source') as string,
    mappings: Number(r.get('mappings')),
  }));
  return { fields, mappingsByStatus };
}
