/** What every `crosswalk` sub-command looks like, and the helpers they share. */
import type { Config } from '../graph/config.ts';
import { openGraph, type Graph } from '../graph/connection.ts';
import { applySchema } from '../graph/schema.ts';
import type { ParsedArgs } from './args.ts';

export interface Command {
  name: string;
  /** One line for `crosswalk --help`. */
  summary: string;
  /** The full `crosswalk NAME --help` text. */
  usage: string;
  /** Returns the process exit code. */
  run(args: ParsedArgs, config: Config): Promise<number>;
}

/** Progress and notices go to stderr so that stdout stays clean for --json and exports. */
export const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/** Opens the graph (starting the bundled Neo4j if needed), applies the schema, runs `work`, closes. */
export async function withGraph<T>(config: Config, work: (graph: Graph) => Promise<T>): Promise<T> {
  const graph = await openGraph(config, { log });
  try {
    await applySchema(graph);
    return await work(graph);
  } finally {
    await graph.close();
  }
}
