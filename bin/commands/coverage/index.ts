import { rebuild, verify } from '../../../coverage/index.ts';
import { defineCommand, log, printJson, withGraph } from '../../command.ts';
import { booleanValue, listValue, stringValue, UsageError } from '../../flags.ts';
import { coverageSpec } from './spec.ts';

export interface CoverageOptions {
  action: 'rebuild' | 'verify';
  org?: string;
  days: string[];
  json: boolean;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export default defineCommand<CoverageOptions>({
  spec: coverageSpec,
  options(parsed) {
    const days = listValue(parsed, 'today') ?? [];
    const bad = days.find((d) => !DATE.test(d));
    if (bad) throw new UsageError(`--today '${bad}' is not a date YYYY-MM-DD`, 'e.g. --today 2026-11-22,2027-06-30');
    return {
      action: parsed.action as CoverageOptions['action'],
      org: stringValue(parsed, 'org'),
      days,
      json: booleanValue(parsed, 'json'),
    };
  },
  async run(opts, context) {
    const say = (line: string) => log(context.io, line);
    return withGraph(context, async (graph) => {
      if (opts.action === 'rebuild') {
        const started = Date.now();
        const summary = await rebuild(graph, { org: opts.org });
        if (summary.paths) say(`paths: ${summary.paths.inherits} inheritance, ${summary.paths.indicates} indication`);
        for (const [id, rows] of Object.entries(summary.orgs)) say(`${id}: ${rows} direct status rows`);
        say(`Rebuilt in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
        return 0;
      }
      const result = await verify(graph, { org: opts.org, days: opts.days });
      if (opts.json) printJson(context.io, result);
      else {
        for (const d of result.differences) {
          context.io.stdout.write(
            `${d.org} ${d.today} ${d.uid} ${d.field}: stored ${JSON.stringify(d.stored)}, reference ${JSON.stringify(d.reference)}\n`,
          );
        }
      }
      say(
        `${result.differences.length} difference(s) over ${result.compared} requirement statuses ` +
          `(${result.orgs.length} organization(s), ${result.days.join(', ')}).`,
      );
      return result.differences.length ? 1 : 0;
    });
  },
});
