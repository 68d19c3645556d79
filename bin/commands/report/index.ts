import fs from 'node:fs';
import { coverageReport } from '../../../queries/coverage-report.ts';
import { defineCommand, log, withGraph } from '../../command.ts';
import { listValue, stringValue } from '../../flags.ts';
import { reportSpec } from './spec.ts';

export interface ReportOptions {
  format: 'html' | 'md' | 'csv';
  org: string;
  frameworks?: string[];
  system?: string;
  today?: string;
  out?: string;
}

export default defineCommand<ReportOptions>({
  spec: reportSpec,
  options: (parsed) => ({
    format: (stringValue(parsed, 'format') ?? 'md') as ReportOptions['format'],
    org: stringValue(parsed, 'org') ?? 'demo',
    frameworks: listValue(parsed, 'framework'),
    system: stringValue(parsed, 'system'),
    today: stringValue(parsed, 'today'),
    out: stringValue(parsed, 'out'),
  }),
  async run(opts, context) {
    const text = await withGraph(context, (graph) =>
      coverageReport(graph, {
        org: opts.org,
        format: opts.format,
        frameworks: opts.frameworks,
        system: opts.system,
        today: opts.today,
      }),
    );
    if (opts.out) {
      fs.writeFileSync(opts.out, text);
      log(context.io, `coverage report (${opts.format}) written to ${opts.out}`);
    } else {
      context.io.stdout.write(text);
    }
  },
});
