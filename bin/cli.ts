/** Entry point of the `crosswalk` command: dispatches to bin/commands/*. */
import { readConfig } from '../graph/config.ts';
import { CrosswalkError } from '../graph/errors.ts';
import { parseArgs } from './args.ts';
import type { Command } from './command.ts';
import { bloomCommand } from './commands/bloom.ts';
import { dbCommand } from './commands/db.ts';
import { exportCommand } from './commands/export.ts';
import { importCommand } from './commands/import.ts';
import { queryCommand } from './commands/query.ts';
import { reportCommand } from './commands/report.ts';
import { seedCommand } from './commands/seed.ts';
import { startCommand } from './commands/start.ts';
import { statsCommand } from './commands/stats.ts';
import { tokenCommand } from './commands/token.ts';

const COMMANDS: Command[] = [
  startCommand,
  dbCommand,
  seedCommand,
  importCommand,
  exportCommand,
  statsCommand,
  queryCommand,
  reportCommand,
  tokenCommand,
  bloomCommand,
];

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'crosswalk: ISO/IEC 42001, EU AI Act, GDPR, ISO/IEC 27001 and NIS2 in one Neo4j graph',
    '',
    'Usage: crosswalk COMMAND [options]     (crosswalk COMMAND --help for details)',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
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

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(help());
    return name ? 0 : 1;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`crosswalk: unknown command '${name}'\n\n${help()}`);
    return 2;
  }
  const args = parseArgs(rest);
  if (args.flags.help) {
    process.stdout.write(`${command.usage.trim()}\n`);
    return 0;
  }
  try {
    return await command.run(args, readConfig());
  } catch (error) {
    if (error instanceof CrosswalkError) {
      process.stderr.write(`crosswalk ${name}: ${error.message}\n${error.hint ? `  → ${error.hint}\n` : ''}`);
      if (process.env.CROSSWALK_DEBUG) console.error(error);
      return 1;
    }
    throw error;
  }
}
