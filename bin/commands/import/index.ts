import { FORMATS, importFiles } from '../../../importers/index.ts';
import { defineCommand, log, printJson, withGraph } from '../../command.ts';
import { formatInterchange } from '../../../importers/ciso-assistant/report.ts';
import { booleanValue, stringValue, suggest, UsageError, type ParsedCommandLine } from '../../flags.ts';
import { progressMode, progressReporter } from '../../progress.ts';
import { formatImportResult, importResultJson } from '../../summary.ts';
import { importSpec } from './spec.ts';

export interface ImportOptions {
  paths: string[];
  format?: string;
  org?: string;
  frameworkId?: string;
  frameworkIds?: Record<string, string>;
  into?: string;
  intoByFile?: Record<string, string>;
  approve: boolean;
  reviewer?: string;
  dryRun: boolean;
  progress: boolean;
  json: boolean;
}

/**
 * `--framework-id ID` (every file) and `--framework-id FILE=ID` (one file; repeatable), likewise `--into`.
 * An id never holds '=', so the last '=' separates the file.
 */
function perFileFlag<K extends string, M extends string>(parsed: ParsedCommandLine, flag: string, one: K, many: M) {
  const raw = parsed.flags[flag];
  const values = raw === undefined || typeof raw === 'boolean' ? [] : Array.isArray(raw) ? raw : [raw];
  const byFile: Record<string, string> = {};
  let all: string | undefined;
  for (const v of values) {
    const at = v.lastIndexOf('=');
    if (at < 0) {
      if (all !== undefined && all !== v)
        throw new UsageError(`--${flag} given twice for every file`, `Use --${flag} FILE=ID for each file.`);
      all = v;
    } else if (at === 0 || at === v.length - 1) {
      throw new UsageError(`--${flag} '${v}' is not FILE=ID`, `For example --${flag} gdpr.yaml=gdpr-ciso.`);
    } else byFile[v.slice(0, at)] = v.slice(at + 1);
  }
  return { [one]: all, [many]: Object.keys(byFile).length ? byFile : undefined } as Record<K, string | undefined> &
    Record<M, Record<string, string> | undefined>;
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
      ...perFileFlag(parsed, 'framework-id', 'frameworkId', 'frameworkIds'),
      ...perFileFlag(parsed, 'into', 'into', 'intoByFile'),
      approve: booleanValue(parsed, 'approve'),
      reviewer: stringValue(parsed, 'by'),
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
        frameworkIds: opts.frameworkIds,
        into: opts.into,
        intoByFile: opts.intoByFile,
        approve: opts.approve,
        reviewer: opts.approve ? (opts.reviewer ?? (context.io.env.USER || 'cli')) : undefined,
        dryRun: opts.dryRun,
        progress: reporter.progress,
      }),
    ).finally(() => reporter.stop());
    for (const entry of result.skipped) io.stderr.write(`skipped ${entry}: not a regular file\n`);
    if (opts.json) printJson(io, importResultJson(result));
    else {
      io.stdout.write(formatImportResult(result));
      if (result.interchange) io.stdout.write(formatInterchange(result.interchange));
    }
    if (opts.progress || io.stderr.isTTY) {
      log(io, `${(result.records ?? 0).toLocaleString('en')} records in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  },
});
