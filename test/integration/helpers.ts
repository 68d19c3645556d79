/** Shared test helpers: a connection to the run's Neo4j, clean data per suite, a seeded graph. */
import { inject } from 'vitest';
import { main } from '../../bin/cli.ts';
import type { Io } from '../../bin/command.ts';
import { connect, type Graph } from '../../graph/connection.ts';
import { applySchema } from '../../graph/schema.ts';
import { deleteAllData, seedGraph } from '../../seeds/load.ts';

export async function testGraph(): Promise<Graph> {
  const db = inject('neo4j');
  const graph = await connect({ uri: db.uri, username: db.username, password: db.password, database: db.database });
  return { ...graph, bundled: db.bundled };
}

/** An empty graph with the schema applied. */
export async function cleanGraph(): Promise<Graph> {
  const graph = await testGraph();
  await deleteAllData(graph);
  await applySchema(graph);
  return graph;
}

/** A clean graph with the catalogs and the crosswalk (and, with demo, the demo organization). */
export async function seededGraph(options: { demo?: boolean } = {}): Promise<Graph> {
  const graph = await cleanGraph();
  await seedGraph(graph, options);
  return graph;
}

/** Counts nodes and relationships: a fingerprint to prove that a rejected import changed nothing. */
export async function graphFingerprint(graph: Graph): Promise<string> {
  const { records } = await graph.run(`
    MATCH (n) WITH count(n) AS nodes
    OPTIONAL MATCH ()-[r]->() WITH nodes, count(r) AS rels
    OPTIONAL MATCH (n) WITH nodes, rels, collect(properties(n)) AS props
    RETURN nodes, rels, size(apoc.convert.toJson(props)) AS size`);
  const r = records[0];
  return `${r?.get('nodes')}/${r?.get('rels')}/${r?.get('size')}`;
}

/** Runs the CLI in this process on `graph` (its close() is a no-op, so the suite's graph stays open). */
export async function runCli(graph: Graph, argv: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const io: Io = { stdout: { write: (s) => (stdout += String(s)) }, stderr: { write: (s) => (stderr += String(s)) }, env };
  const code = await main(argv, { io, env, openGraph: async () => ({ ...graph, close: async () => {} }) });
  return { code, stdout, stderr };
}
