import { stats } from '../../queries/stats.ts';
import { withGraph, type Command } from '../command.ts';

export const statsCommand: Command = {
  name: 'stats',
  summary: 'requirements per framework and kind, mappings per framework pair',
  usage: `
Usage: crosswalk stats [--json]

Prints, per framework, the number of requirements by kind, and the number of mappings per framework
pair (in stored direction) with the total. --json prints the same as JSON.`,
  async run(args, config) {
    const result = await withGraph(config, stats);
    if (args.flags.json) {
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      return 0;
    }
    for (const f of result.frameworks) {
      const kinds = Object.entries(f.byKind)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ');
      process.stdout.write(`${f.framework.padEnd(10)} ${String(f.total).padStart(5)} requirements  (${kinds})\n`);
    }
    process.stdout.write('\nmappings\n');
    for (const p of result.mappings.pairs) {
      process.stdout.write(`  ${`${p.source} -> ${p.target}`.padEnd(26)} ${String(p.mappings).padStart(5)}\n`);
    }
    process.stdout.write(`  ${'total'.padEnd(26)} ${String(result.mappings.total).padStart(5)}\n`);
    return 0;
  },
};
