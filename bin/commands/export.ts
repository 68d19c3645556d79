import fs from 'node:fs';
import { CrosswalkError } from '../../graph/errors.ts';
import { mappingsToCsv, mappingsToOscal, readMappings } from '../../importers/export.ts';
import { exportSoa } from '../../queries/soa-export.ts';
import { PERSPECTIVE_FILE, perspectiveJson } from '../../graph/bloom/perspective.ts';
import { stringFlag } from '../args.ts';
import { log, withGraph, type Command } from '../command.ts';

export const exportCommand: Command = {
  name: 'export',
  summary: 'export data (mappings as CSV or OSCAL, the Statement of Applicability, the Bloom perspective)',
  usage: `
Usage: crosswalk export mappings --format csv|oscal [--framework ID] [--out FILE]

Writes the crosswalk to stdout (or FILE): 'csv' in the mappings template (seeds/mappings/README.md),
'oscal' as an OSCAL 1.2 mapping-collection (JSON). Both import again with crosswalk import.

  --framework ID   only mappings from or to this framework

Usage: crosswalk export soa --framework iso42001|iso27001 --format csv|md|xlsx [--org ID] [--today YYYY-MM-DD] --out FILE

Writes the Statement of Applicability of the organization (default demo) for the framework's Annex A
(crosswalk query soa): applicability, justification, implementing controls, status and evidence.

Usage: crosswalk export bloom [--out FILE]

Generates the Neo4j Bloom perspective from the model (graph/bloom/): categories, style rules, search
phrases and scene actions. Writes graph/bloom/crosswalk.json by default ('--out -' = stdout); needs no
database. Colours by coverage status come from 'crosswalk bloom snapshot --org ID'.`,
  async run(args, config) {
    const [what] = args.positionals;
    const format = stringFlag(args, 'format') ?? 'csv';
    if (what === 'soa') return exportSoaCommand(args, config, format);
    if (what === 'bloom') return exportBloomCommand(args);
    if (what !== 'mappings')
      throw new CrosswalkError(
        `cannot export '${what ?? ''}'`,
        'Use: crosswalk export mappings|soa|bloom (crosswalk export --help)',
      );
    if (format !== 'csv' && format !== 'oscal')
      throw new CrosswalkError(`unknown format '${format}'`, 'Use --format csv or --format oscal.');
    return withGraph(config, async (graph) => {
      const mappings = await readMappings(graph, stringFlag(args, 'framework') ?? null);
      const text = format === 'csv' ? mappingsToCsv(mappings) : mappingsToOscal(mappings);
      const out = stringFlag(args, 'out');
      if (out) {
        fs.writeFileSync(out, text);
        log(`${mappings.length} mappings written to ${out}`);
      } else {
        process.stdout.write(text);
      }
      return 0;
    });
  },
};

/** `export soa`: the Statement of Applicability (queries/soa-export.ts). */
async function exportSoaCommand(
  args: Parameters<Command['run']>[0],
  config: Parameters<Command['run']>[1],
  format: string,
): Promise<number> {
  const out = stringFlag(args, 'out');
  if (format === 'xlsx' && !out) throw new CrosswalkError('xlsx needs --out FILE', 'Add --out soa.xlsx.');
  return withGraph(config, async (graph) => {
    const framework = stringFlag(args, 'framework') ?? 'iso42001';
    const data = await exportSoa(graph, {
      framework,
      org: stringFlag(args, 'org') ?? 'demo',
      format,
      today: stringFlag(args, 'today'),
    });
    if (out) {
      fs.writeFileSync(out, data);
      log(`Statement of Applicability (${framework}, ${format}) written to ${out}`);
    } else {
      process.stdout.write(data);
    }
    return 0;
  });
}

/** `export bloom`: the Bloom perspective, generated (graph/bloom/perspective.ts); no database needed. */
function exportBloomCommand(args: Parameters<Command['run']>[0]): number {
  const out = stringFlag(args, 'out') ?? PERSPECTIVE_FILE;
  const text = perspectiveJson();
  if (out === '-') {
    process.stdout.write(text);
  } else {
    fs.writeFileSync(out, text);
    log(`Bloom perspective written to ${out}`);
  }
  return 0;
}
