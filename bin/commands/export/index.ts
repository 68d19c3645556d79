import fs from 'node:fs';
import path from 'node:path';
import { mappingsToCiso } from '../../../importers/ciso-assistant/export.ts';
import { PERSPECTIVE_FILE, perspectiveJson } from '../../../bloom/perspective.ts';
import { mappingsToCsv, mappingsToOscal, readMappings } from '../../../importers/export.ts';
import { exportSoa } from '../../../queries/soa-export.ts';
import { defineCommand, log, withGraph, type Io } from '../../command.ts';
import { stringValue, UsageError } from '../../flags.ts';
import { exportSpec } from './spec.ts';

const FORMATS = { mappings: ['csv', 'oscal', 'ciso-assistant'], soa: ['csv', 'md', 'xlsx'], bloom: [] } as const;

export interface ExportOptions {
  what: keyof typeof FORMATS;
  format: string;
  framework?: string;
  org: string;
  today?: string;
  out?: string;
}

export default defineCommand<ExportOptions>({
  spec: exportSpec,
  options(parsed) {
    const what = parsed.action as ExportOptions['what'];
    const allowed: readonly string[] = FORMATS[what];
    const format = stringValue(parsed, 'format');
    if (format !== undefined && !allowed.includes(format)) {
      throw new UsageError(
        allowed.length ? `export ${what} has no format '${format}'` : `export ${what} takes no --format`,
        allowed.length ? `Use --format ${allowed.join('|')}.` : undefined,
      );
    }
    const out = stringValue(parsed, 'out');
    if (what === 'mappings' && format === 'ciso-assistant' && !out)
      throw new UsageError('ciso-assistant needs --out DIR', 'Add --out ciso-mappings/ (one library per framework pair).');
    if (what === 'soa' && format === 'xlsx' && !out) throw new UsageError('xlsx needs --out FILE', 'Add --out soa.xlsx.');
    return {
      what,
      format: format ?? allowed[0] ?? '',
      framework: stringValue(parsed, 'framework'),
      org: stringValue(parsed, 'org') ?? 'demo',
      today: stringValue(parsed, 'today'),
      out,
    };
  },
  async run(opts, context) {
    const { io } = context;
    if (opts.what === 'bloom') {
      const out = opts.out ?? PERSPECTIVE_FILE;
      const text = perspectiveJson();
      if (out === '-') io.stdout.write(text);
      else {
        fs.writeFileSync(out, text);
        log(io, `Bloom perspective written to ${out}`);
      }
      return;
    }
    if (opts.what === 'soa') {
      const framework = opts.framework ?? 'iso42001';
      const data = await withGraph(context, (graph) =>
        exportSoa(graph, { framework, org: opts.org, format: opts.format, today: opts.today }),
      );
      return emit(io, opts.out, data, `Statement of Applicability (${framework}, ${opts.format})`);
    }
    if (opts.format === 'ciso-assistant') {
      const result = await withGraph(context, (graph) => mappingsToCiso(graph, opts.framework ?? null));
      fs.mkdirSync(opts.out!, { recursive: true });
      for (const [name, text] of result.files) fs.writeFileSync(path.join(opts.out!, name), text);
      log(
        io,
        `${result.mappings} mappings in ${result.files.size} CISO Assistant mapping libraries written to ${opts.out}${result.skipped ? `; ${result.skipped} left out (an end without a CISO Assistant URN)` : ''}`,
      );
      return;
    }
    const mappings = await withGraph(context, (graph) => readMappings(graph, opts.framework ?? null));
    const text = opts.format === 'csv' ? mappingsToCsv(mappings) : mappingsToOscal(mappings);
    emit(io, opts.out, text, `${mappings.length} mappings`);
  },
});

function emit(io: Io, out: string | undefined, data: string | Buffer, what: string): void {
  if (out) {
    fs.writeFileSync(out, data);
    log(io, `${what} written to ${out}`);
  } else {
    io.stdout.write(data);
  }
}
