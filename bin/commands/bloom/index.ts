import { clearCoverageSnapshot, writeCoverageSnapshot } from '../../../bloom/snapshot.ts';
import { COVERAGE_STATUSES } from '../../../bloom/vocabulary.ts';
import { defineCommand, log, printJson, withGraph } from '../../command.ts';
import { booleanValue, listValue, stringValue, UsageError } from '../../flags.ts';
import { bloomSpec } from './spec.ts';

export interface BloomOptions {
  action: 'snapshot' | 'clear';
  org: string;
  frameworks?: string[];
  today: string | null;
  maxDepth: number | null;
  json: boolean;
}

export default defineCommand<BloomOptions>({
  spec: bloomSpec,
  options(parsed) {
    const depth = stringValue(parsed, 'maxDepth');
    if (depth !== undefined && !/^\d+$/.test(depth))
      throw new UsageError(`--maxDepth '${depth}' is not a whole number`, 'e.g. --maxDepth 3');
    return {
      action: parsed.action as BloomOptions['action'],
      org: stringValue(parsed, 'org') ?? '',
      frameworks: listValue(parsed, 'framework'),
      today: stringValue(parsed, 'today') ?? null,
      maxDepth: depth === undefined ? null : Number(depth),
      json: booleanValue(parsed, 'json'),
    };
  },
  async run(opts, context) {
    const say = (line: string) => log(context.io, line);
    return withGraph(context, async (graph) => {
      if (opts.action === 'clear') {
        const removed = await clearCoverageSnapshot(graph, opts.org);
        if (opts.json) return printJson(context.io, { org: opts.org, removed });
        say(`${removed} CoverageStatus nodes of '${opts.org}' removed`);
        return;
      }
      const result = await writeCoverageSnapshot(graph, {
        org: opts.org,
        frameworks: opts.frameworks,
        today: opts.today,
        maxDepth: opts.maxDepth,
      });
      if (opts.json) return printJson(context.io, result);
      for (const f of result.frameworks) {
        const counts = COVERAGE_STATUSES.filter((status) => f.byStatus[status])
          .map((status) => `${status} ${f.byStatus[status]}`)
          .join(', ');
        say(`  ${f.framework.padEnd(10)} ${String(f.requirements).padStart(4)} requirements: ${counts}`);
      }
      say(
        `Coverage snapshot of '${opts.org}' as of ${result.asOf}: ${result.written} CoverageStatus nodes written (${result.removed} replaced)`,
      );
    });
  },
});
