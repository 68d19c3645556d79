import { stats } from '../../../queries/stats.ts';
import { defineCommand, printJson, withGraph } from '../../command.ts';
import { booleanValue } from '../../flags.ts';
import { statsSpec } from './spec.ts';

export interface StatsOptions {
  json: boolean;
}

export default defineCommand<StatsOptions>({
  spec: statsSpec,
  options: (parsed) => ({ json: booleanValue(parsed, 'json') }),
  async run(opts, context) {
    const { stdout } = context.io;
    const result = await withGraph(context, stats);
    if (opts.json) return printJson(context.io, result);
    for (const f of result.frameworks) {
      const kinds = Object.entries(f.byKind)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ');
      stdout.write(`${f.framework.padEnd(10)} ${String(f.total).padStart(5)} requirements  (${kinds})\n`);
    }
    stdout.write('\nmappings\n');
    for (const p of result.mappings.pairs) {
      stdout.write(`  ${`${p.source} -> ${p.target}`.padEnd(26)} ${String(p.mappings).padStart(5)}\n`);
    }
    stdout.write(`  ${'total'.padEnd(26)} ${String(result.mappings.total).padStart(5)}\n`);
  },
});
