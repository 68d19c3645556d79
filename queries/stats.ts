/** `stats`: what the graph holds: requirements per framework and kind, mappings per framework pair. */
import type { Graph } from '../graph/connection.ts';
import { cypher } from './cypher.ts';

export interface FrameworkStats {
  framework: string;
  name: string;
  total: number;
  byKind: Record<string, number>;
}

export interface PairStats {
  source: string;
  target: string;
  mappings: number;
  noRelationship: number;
}

export interface GraphStats {
  frameworks: FrameworkStats[];
  mappings: { pairs: PairStats[]; total: number };
}

export async function stats(graph: Graph): Promise<GraphStats> {
  const requirements = await graph.run(cypher('stats-requirements'));
  const frameworks = requirements.records.map((r) => ({
    framework: r.get('framework') as string,
    name: r.get('name') as string,
    total: Number(r.get('total')),
    byKind: Object.fromEntries(
      (r.get('kinds') as { kind: string | null; count: number }[])
        .filter((k) => k.kind !== null)
        .map((k) => [k.kind, Number(k.count)]),
    ),
  }));
  const mappings = await graph.run(cypher('stats-mappings'));
  const pairs = mappings.records.map((r) => ({
    source: r.get('source') as string,
    target: r.get('target') as string,
    mappings: Number(r.get('mappings')),
    noRelationship: Number(r.get('noRelationship')),
  }));
  return { frameworks, mappings: { pairs, total: pairs.reduce((sum, p) => sum + p.mappings, 0) } };
}
