/**
 * What every `crosswalk` sub-command looks like (as gh's pkg/cmd/<name>/: options, run(opts, io)): a
 * light spec (bin/commands/<name>/spec.ts: flags and help, loaded for `crosswalk --help`), and a module
 * (bin/commands/<name>/index.ts) that turns the parsed command line into typed options and runs them
 * with the IO and the graph injected, so tests run commands in-process against the test database.
 */
import type { Config } from '../graph/config.ts';
import type { Graph } from '../graph/connection.ts';
import { toJsonValue } from '../graph/values.ts';
import type { CommandSpec, ParsedCommandLine } from './flags.ts';

export interface Output {
  write(chunk: string | Uint8Array): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/** Data goes to stdout; progress, notices and errors to stderr, so stdout stays clean for --json and exports. */
export interface Io {
  readonly stdout: Output;
  readonly stderr: Output;
  readonly env: NodeJS.ProcessEnv;
}

export interface Context {
  readonly io: Io;
  readonly config: Config;
  /** Opens the graph with the schema applied (the bundled Neo4j is started if needed). */
  openGraph(): Promise<Graph>;
}

/** What help may use: the configuration, and the graph only when one is at hand without starting one. */
export interface HelpContext {
  readonly config: Config;
  /** Opens the graph when it is reachable without starting the bundled Neo4j; undefined otherwise. */
  openGraphIfRunning(): Promise<Graph | undefined>;
}

export interface Command<O> {
  readonly spec: CommandSpec;
  /** The spec for this command line, when the flags depend on it (query: the question's parameters). */
  refine?(argv: readonly string[]): CommandSpec;
  /**
   * More help text that needs the command's modules (import: the formats; query: the questions and the
   * frameworks in the graph, when a database is already at hand).
   */
  moreHelp?(spec: CommandSpec, context: HelpContext): string | Promise<string>;
  /** The parsed command line as typed options; throws UsageError for what the parser cannot check. */
  options(parsed: ParsedCommandLine): O;
  /** Returns the exit code (0 when nothing is returned). */
  run(options: O, context: Context): Promise<number | void>;
}

/** A command whose options type is not known to the caller (the dispatcher). */
export type AnyCommand = Command<unknown>;

export const defineCommand = <O>(command: Command<O>): AnyCommand => command as AnyCommand;

/** A line on stderr. */
export function log(io: Io, line: string): void {
  io.stderr.write(`${line}\n`);
}

/** The one --json printer: the value through the same converter as the API's JSON scalar. */
export function printJson(io: Io, value: unknown): void {
  io.stdout.write(`${JSON.stringify(toJsonValue(value), null, 2)}\n`);
}

/** Opens the graph, runs `work`, closes it. */
export async function withGraph<T>(context: Context, work: (graph: Graph) => Promise<T>): Promise<T> {
  const graph = await context.openGraph();
  try {
    return await work(graph);
  } finally {
    await graph.close();
  }
}
