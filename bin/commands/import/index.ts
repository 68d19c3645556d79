import { FORMATS, importFiles } from '../../../importers/index.ts';
import { defineCommand, log, printJson, withGraph } from '../../command.ts';
import { booleanValue, stringValue, suggest, UsageError } from '../../flags.ts';
import { progressMode, progressReporter } from '../../progress.ts';
import { formatImportResult, importResultJson } from '../../summary.ts';
import { importSpec } from './spec.ts';

export interface ImportOptions {
  paths: string[];
  format?: string;
  org?: string;
  frameworkId?: string;
  dryRun: boolean;
  progress: boolean;
  json: boolean;
}

export default defineCommand<ImportOptions>({
  spec: importSpec,
  moreHelp: () => `Formats:\n${FORMATS.map((f) => `  ${f.name.padEnd(26)} ${f.description}`).join('\n')}\n`,
  options(parsed) {
    const format = stringValue(parsed, 'format');
    const names = FORMATS.map((f) => f.name);
    if (format !== undefined && !names.includes(format)) {
      const near = suggest(format, names);
      throw new UsageError(
        `unknown format '${format}'`,
        near ? `Did you mean --format ${near}?` : `Formats: ${names.join(', ')}.`,
      );
    }
    return {
      paths: parsed.positionals,
      format,
      org: stringValue(parsed, 'org'),
      frameworkId: stringValue(parsed, 'framework-id'),
      dryRun: booleanValue(parsed, 'dry-run'),
      progress: booleanValue(parsed, 'progress'),
      json: booleanValue(parsed, 'json'),
    };
  },
  async run(opts, context) {
    const { io } = context;
    const reporter = progressReporter(io, progressMode(io, opts.progress));
    const started = Date.now();
    const result = await withGraph(context, (graph) =>
      importFiles(graph, opts.paths, {
        format: opts.format,
        org: opts.org,
        frameworkId: opts.frameworkId,
        dryRun: opts.dryRun,
        progress: reporter.progress,
      }),
    ).finally(() => reporter.stop());
    for (const entry of result.skipped) io.stderr.write(`skipped ${entry}: not a regular file\n`);
    if (opts.json) printJson(io, importResultJson(result));
    else io.stdout.write(formatImportResult(result));
    if (opts.progress || io.stderr.isTTY) {
      log(io, `${(result.records ?? 0).toLocaleString('en')} records in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  },
});
