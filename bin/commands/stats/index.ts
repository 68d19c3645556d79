import { libraryStats } from '../../../importers/ciso-assistant/stats.ts';
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
    const { result, library } = await withGraph(context, async (graph) => ({
      result: await stats(graph),
      library: await libraryStats(graph),
    }));
    if (opts.json) return printJson(context.io, { ...result, library });
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
    stdout.write('\nmappings by status and source\n');
    for (const m of library.mappingsByStatus) {
      stdout.write(`  ${`${m.status} (${m.source || 'no source'})`.padEnd(34)} ${String(m.mappings).padStart(5)}\n`);
    }
    const carrying = library.fields.filter((f) => f.urns || f.implementationGroups || f.annotations || f.translations);
    if (carrying.length) {
      stdout.write('\nlibrary fields (requirements carrying each)\n');
      stdout.write(
        `  ${'framework'.padEnd(24)} ${'URN'.padStart(5)} ${'groups'.padStart(6)} ${'ref.ctl'.padStart(7)} ${'annot.'.padStart(6)} ${'evid.'.padStart(5)} ${'transl.'.padStart(7)}\n`,
      );
      for (const f of carrying) {
        stdout.write(
          `  ${f.framework.padEnd(24)} ${String(f.urns).padStart(5)} ${String(f.implementationGroups).padStart(6)} ${String(f.referenceControls).padStart(7)} ${String(f.annotations).padStart(6)} ${String(f.typicalEvidence).padStart(5)} ${String(f.translations).padStart(7)}\n`,
        );
      }
    }
  },
});
