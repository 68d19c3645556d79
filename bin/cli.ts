/**
 * Entry point of the `crosswalk` command: finds the command, parses its flags strictly, runs it, and maps
 * errors to exit codes by class (as gh's internal/ghcmd/cmd.go):
 *   0 success · 1 failure or internal error · 2 usage (unknown or mistyped command or option, bad option
 *   value, bad environment variable) · 3 validation (input files, question parameters) · 4 database.
 * Only the light command specs are imported up front; a command's modules load when it runs, so
 * `crosswalk --help` starts fast.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT, readConfig } from '../graph/config.ts';
import {
  BundledDatabaseError,
  ConfigError,
  CrosswalkError,
  DatabaseQueryError,
  DatabaseStorageError,
  DatabaseUnavailableError,
  translateNeo4jError,
} from '../graph/errors.ts';
import { ImportValidationError } from '../importers/problems.ts';
import { QueryParameterError } from '../queries/question.ts';
import type { AnyCommand, Context, HelpContext, Io } from './command.ts';
import { bloomSpec } from './commands/bloom/spec.ts';
import { coverageSpec } from './commands/coverage/spec.ts';
import { dbSpec } from './commands/db/spec.ts';
import { exportSpec } from './commands/export/spec.ts';
import { importSpec } from './commands/import/spec.ts';
import { mappingsSpec } from './commands/mappings/spec.ts';
import { querySpec } from './commands/query/spec.ts';
import { reportSpec } from './commands/report/spec.ts';
import { seedSpec } from './commands/seed/spec.ts';
import { startSpec } from './commands/start/spec.ts';
import { statsSpec } from './commands/stats/spec.ts';
import { tokenSpec } from './commands/token/spec.ts';
import { parseCommandLine, suggest, usage, UsageError, type CommandSpec } from './flags.ts';

export const EXIT = { ok: 0, failure: 1, usage: 2, validation: 3, database: 4 } as const;

interface Entry {
  spec: CommandSpec;
  load(): Promise<{ default: AnyCommand }>;
}

const COMMANDS: Entry[] = [
  { spec: startSpec, load: () => import('./commands/start/index.ts') },
  { spec: dbSpec, load: () => import('./commands/db/index.ts') },
  { spec: seedSpec, load: () => import('./commands/seed/index.ts') },
  { spec: importSpec, load: () => import('./commands/import/index.ts') },
  { spec: exportSpec, load: () => import('./commands/export/index.ts') },
  { spec: mappingsSpec, load: () => import('./commands/mappings/index.ts') },
  { spec: statsSpec, load: () => import('./commands/stats/index.ts') },
  { spec: querySpec, load: () => import('./commands/query/index.ts') },
  { spec: reportSpec, load: () => import('./commands/report/index.ts') },
  { spec: tokenSpec, load: () => import('./commands/token/index.ts') },
  { spec: bloomSpec, load: () => import('./commands/bloom/index.ts') },
  { spec: coverageSpec, load: () => import('./commands/coverage/index.ts') },
];

export const COMMAND_NAMES = COMMANDS.map((c) => c.spec.name);

export function version(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

export function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.spec.name.length));
  return [
    'crosswalk: ISO/IEC 42001, EU AI Act, GDPR, ISO/IEC 27001 and NIS2 in one Neo4j graph',
    '',
    'Usage: crosswalk COMMAND [options]     (crosswalk help COMMAND, or crosswalk COMMAND --help)',
    '       crosswalk --version',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.spec.name.padEnd(width)}  ${c.spec.summary}`),
    '',
    'Every command takes --help and --debug (stack traces); data commands take --json.',
    'Exit codes: 0 ok, 1 failure, 2 usage error, 3 invalid input or parameter, 4 database unavailable or failed.',
    '',
    'Connection (environment):',
    '  NEO4J_URI            your Neo4j (bolt://, neo4j://, neo4j+s://); unset = the bundled Neo4j',
    '  NEO4J_USERNAME       default neo4j',
    '  NEO4J_PASSWORD',
    '  NEO4J_DATABASE       default neo4j',
    '  CROSSWALK_DATA_DIR   where the bundled Neo4j keeps its data (default ./.data)',
    '',
  ].join('\n');
}

/** The exit code for an error, by class. */
export function exitCode(error: unknown): number {
  if (error instanceof UsageError || error instanceof ConfigError) return EXIT.usage;
  if (error instanceof ImportValidationError || error instanceof QueryParameterError) return EXIT.validation;
  if (
    error instanceof DatabaseUnavailableError ||
    error instanceof DatabaseStorageError ||
    error instanceof DatabaseQueryError ||
    error instanceof BundledDatabaseError
  )
    return EXIT.database;
  // A Neo4j error the command did not translate still comes from the database.
  if ((error as { name?: string } | null)?.name === 'Neo4jError') return EXIT.database;
  return EXIT.failure;
}

function report(io: Io, where: string, thrown: unknown, debug: boolean): number {
  // A database error that escaped its call site still reaches the user translated (graph/errors.ts).
  const error = translateNeo4jError(thrown);
  const code = exitCode(error);
  if (error instanceof CrosswalkError) {
    io.stderr.write(`${where}: ${error.message}\n${error.hint ? `  → ${error.hint}\n` : ''}`);
  } else {
    const e = error as { message?: string; code?: string };
    const kind = code === EXIT.database ? 'database error' : 'internal error';
    io.stderr.write(`${where}: ${kind}: ${e?.message ?? String(error)}${e?.code ? ` (${e.code})` : ''}\n`);
    if (!debug) io.stderr.write('  → Run again with --debug for the stack trace.\n');
  }
  if (debug) io.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
  return code;
}

export interface MainOptions {
  io?: Io;
  /** Tests inject their graph; by default the configured database (the bundled one started if needed). */
  openGraph?: Context['openGraph'];
  env?: NodeJS.ProcessEnv;
}

async function defaultOpenGraph(config: Context['config'], io: Io) {
  const [{ openGraph }, { applySchema }] = await Promise.all([import('../graph/connection.ts'), import('../graph/schema.ts')]);
  const graph = await openGraph(config, { log: (line) => io.stderr.write(`${line}\n`) });
  try {
    await applySchema(graph);
  } catch (error) {
    await graph.close();
    throw error;
  }
  return graph;
}

/**
 * Help never starts a database: it uses the graph a test injects, your own server (NEO4J_URI), or the
 * bundled Neo4j when it is already running; a connection failure leaves the help without the graph's part.
 */
function helpContext(env: NodeJS.ProcessEnv, io: Io, options: MainOptions): HelpContext {
  const config = readConfig(env);
  return {
    config,
    async openGraphIfRunning() {
      try {
        if (options.openGraph) return await options.openGraph();
        if (!config.database.uri) {
          const { findRunning } = await import('../graph/embedded.ts');
          if (!(await findRunning(config.bundled.dataDir))) return undefined;
        }
        return await defaultOpenGraph(config, { ...io, stderr: { write: () => true } });
      } catch {
        return undefined;
      }
    },
  };
}

export async function main(argv: readonly string[], options: MainOptions = {}): Promise<number> {
  const io = options.io ?? { stdout: process.stdout, stderr: process.stderr, env: process.env };
  const env = options.env ?? io.env;
  const debug = argv.includes('--debug') || Boolean(env.CROSSWALK_DEBUG);
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === '--help' || name === '-h') {
      io.stdout.write(help());
      return EXIT.ok;
    }
    if (name === '--version' || name === '-V') {
      io.stdout.write(`crosswalk ${version()}\n`);
      return EXIT.ok;
    }
    if (name === 'help') {
      const [topic, ...more] = rest;
      if (topic === undefined) {
        io.stdout.write(help());
        return EXIT.ok;
      }
      const entry = find(topic);
      const command = (await entry.load()).default;
      const spec = command.refine?.(more) ?? command.spec;
      io.stdout.write(usage(spec) + (command.moreHelp ? `\n${await command.moreHelp(spec, helpContext(env, io, options))}` : ''));
      return EXIT.ok;
    }
    const entry = find(name);
    const command = (await entry.load()).default;
    const spec = command.refine?.(rest) ?? command.spec;
    const parsed = parseCommandLine(spec, rest);
    if (parsed.flags.help) {
      io.stdout.write(usage(spec) + (command.moreHelp ? `\n${await command.moreHelp(spec, helpContext(env, io, options))}` : ''));
      return EXIT.ok;
    }
    const opts = command.options(parsed);
    const config = readConfig(env);
    const context: Context = { io, config, openGraph: options.openGraph ?? (() => defaultOpenGraph(config, io)) };
    return (await command.run(opts, context)) ?? EXIT.ok;
  } catch (error) {
    return report(io, name && COMMAND_NAMES.includes(name) ? `crosswalk ${name}` : 'crosswalk', error, debug);
  }
}

function find(name: string): Entry {
  const entry = COMMANDS.find((c) => c.spec.name === name);
  if (entry) return entry;
  const near = suggest(name, COMMAND_NAMES);
  throw new UsageError(
    name.startsWith('-') ? `unknown option '${name}'` : `unknown command '${name}'`,
    near ? `Did you mean 'crosswalk ${near}'?` : `Commands: ${COMMAND_NAMES.join(', ')} (crosswalk --help).`,
  );
}
