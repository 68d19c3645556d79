import fs from 'node:fs';
import path from 'node:path';
import { mappingsToCiso } from '../../../importers/ciso-assistant/export.ts';
import { PERSPECTIVE_FILE, perspectiveJson } from '../../../bloom/perspective.ts';
import { stringify as toYaml } from 'yaml';
import { mappingsToCsv, readMappingFrameworks, readMappings } from '../../../importers/export.ts';
import { readCatalog, toOscalCatalog } from '../../../importers/oscal/catalog-export.ts';
import type { JsonObject } from '../../../importers/oscal/json.ts';
import { toOscalMappingCollection } from '../../../importers/oscal/mapping.ts';
import { exportSoa } from '../../../queries/soa-export.ts';
import { defineCommand, log, withGraph, type Io } from '../../command.ts';
import { stringValue, UsageError } from '../../flags.ts';
import { exportSpec } from './spec.ts';

const FORMATS = {
  mappings: ['csv', 'oscal', 'oscal-yaml', 'ciso-assistant'],
  catalog: ['oscal', 'oscal-yaml'],
  soa: ['csv', 'md', 'xlsx', 'pdf'],
  bloom: [],
} as const;

/** OSCAL documents as JSON or YAML (both official OSCAL formats, the same tree). */
const oscalText = (doc: JsonObject, format: string): string =>
  format === 'oscal-yaml' ? toYaml(doc, { lineWidth: 0 }) : `${JSON.stringify(doc, null, 2)}\n`;

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
    if (what === 'soa' && (format === 'xlsx' || format === 'pdf') && !out)
      throw new UsageError(`${format} needs --out FILE`, `Add --out soa.${format}.`);
    if (what === 'catalog' && !stringValue(parsed, 'framework'))
      throw new UsageError(
        'export catalog needs --framework ID',
        'Add --framework iso27001 (crosswalk stats lists the frameworks).',
      );
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
    if (opts.what === 'catalog') {
      const framework = opts.framework!;
      const { framework: fw, requirements } = await withGraph(context, (graph) => readCatalog(graph, framework));
      return emit(io, opts.out, oscalText(toOscalCatalog(fw, requirements), opts.format), `OSCAL catalog of ${framework}`);
    }
    const { mappings, frameworks } = await withGraph(context, async (graph) => {
      const mappings = await readMappings(graph, opts.framework ?? null);
      return { mappings, frameworks: await readMappingFrameworks(graph, mappings) };
    });
    const text =
      opts.format === 'csv'
        ? mappingsToCsv(mappings)
        : oscalText(toOscalMappingCollection(mappings, frameworks, 'crosswalk mappings'), opts.format);
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
