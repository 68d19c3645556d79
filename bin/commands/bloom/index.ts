import { clearCoverageSnapshot, writeCoverageSnapshot } from '../../../bloom/snapshot.ts';
import { COVERAGE_STATUSES } from '../../../bloom/vocabulary.ts';
import { defineCommand, log, printJson, withGraph } from '../../command.ts';
import { booleanValue, stringValue } from '../../flags.ts';
import { bloomSpec } from './spec.ts';

export interface BloomOptions {
  action: 'snapshot' | 'clear';
  org: string;
  json: boolean;
}

export default defineCommand<BloomOptions>({
  spec: bloomSpec,
  options(parsed) {
    return {
      action: parsed.action as BloomOptions['action'],
      org: stringValue(parsed, 'org') ?? '',
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
      const result = await writeCoverageSnapshot(graph, { org: opts.org });
      if (opts.json) return printJson(context.io, result);
      for (const f of result.frameworks) {
        const counts = COVERAGE_STATUSES.filter((status) => f.byStatus[status])
          .map((status) => `${status} ${f.byStatus[status]}`)
          .join(', ');
        say(`  ${f.framework.padEnd(10)} ${String(f.requirements).padStart(4)} requirements: ${counts}`);
      }
      say(`Coverage colours of '${opts.org}' as of ${result.asOf}: ${result.written} CoverageStatus nodes`);
    });
  },
});
