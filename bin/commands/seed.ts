import { deleteAllData, seedGraph } from '../../seeds/load.ts';
import { log, withGraph, type Command } from '../command.ts';
import { formatImportResult } from '../summary.ts';

export const seedCommand: Command = {
  name: 'seed',
  summary: 'load the five framework catalogs and the crosswalk (--demo: the demo organization too)',
  usage: `
Usage: crosswalk seed [--reset] [--demo] [--dry-run]

Loads seeds/frameworks (ISO/IEC 42001, ISO/IEC 27001, EU AI Act, GDPR, NIS2) and seeds/mappings (the
crosswalk) into the graph. Idempotent: seeding twice changes nothing (MERGE on natural keys).

  --reset     delete ALL data in the database first (organizations included), then seed
  --demo      also load the demo organization (id 'demo') from seeds/demo
  --dry-run   validate and report what would change, write nothing`,
  async run(args, config) {
    return withGraph(config, async (graph) => {
      if (args.flags.reset && !args.flags['dry-run']) {
        log('Deleting all data...');
        await deleteAllData(graph);
      }
      const result = await seedGraph(graph, { demo: Boolean(args.flags.demo), dryRun: Boolean(args.flags['dry-run']) });
      process.stdout.write(formatImportResult(result));
      return 0;
    });
  },
};
