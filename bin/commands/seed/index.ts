import { deleteAllData, seedGraph } from '../../../seeds/load.ts';
import { defineCommand, log, printJson, withGraph } from '../../command.ts';
import { booleanValue } from '../../flags.ts';
import { formatImportResult, importResultJson } from '../../summary.ts';
import { seedSpec } from './spec.ts';

export interface SeedOptions {
  reset: boolean;
  demo: boolean;
  dryRun: boolean;
  json: boolean;
}

export default defineCommand<SeedOptions>({
  spec: seedSpec,
  options: (parsed) => ({
    reset: booleanValue(parsed, 'reset'),
    demo: booleanValue(parsed, 'demo'),
    dryRun: booleanValue(parsed, 'dry-run'),
    json: booleanValue(parsed, 'json'),
  }),
  async run(opts, context) {
    return withGraph(context, async (graph) => {
      if (opts.reset && !opts.dryRun) {
        log(context.io, 'Deleting all data...');
        await deleteAllData(graph);
      }
      const result = await seedGraph(graph, { demo: opts.demo, dryRun: opts.dryRun });
      if (opts.json) printJson(context.io, importResultJson(result));
      else context.io.stdout.write(formatImportResult(result));
    });
  },
});
