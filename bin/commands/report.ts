import fs from 'node:fs';
import { coverageReport } from '../../queries/coverage-report.ts';
import { QueryParameterError } from '../../queries/question.ts';
import { stringFlag } from '../args.ts';
import { log, withGraph, type Command } from '../command.ts';

export const reportCommand: Command = {
  name: 'report',
  summary: 'coverage report of an organization as HTML, Markdown or CSV',
  usage: `
Usage: crosswalk report coverage --format html|md|csv [--org ID] [--framework ID[,ID...]] [--system ID]
                                 [--today YYYY-MM-DD] [--out FILE]

The coverage question (crosswalk query coverage) for every framework the organization adopts (or the
ones named): % met directly, % met including inherited, % partially met directly, the indicated count,
the roll-up per clause/chapter/group, and every requirement with its status, basis, controls, the path of
an inheritance and its related work (indications, never counted). --org defaults to demo; without --out
the report goes to stdout.`,
  async run(args, config) {
    const [what] = args.positionals;
    if (what !== 'coverage')
      throw new QueryParameterError(`cannot report '${what ?? ''}'`, 'Use: crosswalk report coverage --format html|md|csv');
    const format = stringFlag(args, 'format') ?? 'md';
    const frameworks = stringFlag(args, 'framework')
      ?.split(',')
      .map((f) => f.trim())
      .filter(Boolean);
    const text = await withGraph(config, (graph) =>
      coverageReport(graph, {
        org: stringFlag(args, 'org') ?? 'demo',
        format,
        frameworks,
        system: stringFlag(args, 'system'),
        today: stringFlag(args, 'today'),
      }),
    );
    const out = stringFlag(args, 'out');
    if (out) {
      fs.writeFileSync(out, text);
      log(`coverage report (${format}) written to ${out}`);
    } else {
      process.stdout.write(text);
    }
    return 0;
  },
};
