import { importFiles, FORMATS } from '../../importers/index.ts';
import { stringFlag } from '../args.ts';
import { log, withGraph, type Command } from '../command.ts';
import { formatImportResult } from '../summary.ts';
import { CrosswalkError } from '../../graph/errors.ts';

/** Prints progress lines on stderr, at most once a second. */
function progressPrinter(enabled: boolean) {
  let last = 0;
  return (line: string, force = false) => {
    if (!enabled) return;
    const now = Date.now();
    if (!force && now - last < 1000) return;
    last = now;
    log(line);
  };
}

export const importCommand: Command = {
  name: 'import',
  summary: 'import catalogs, crosswalks and organization inventories (CSV, OSCAL JSON, CISO Assistant YAML)',
  usage: `
Usage: crosswalk import PATH... [--format F] [--org ID] [--framework-id ID] [--dry-run] [--progress]

Imports files (or every .csv/.json/.yaml file in a directory) together, in ONE transaction: either
everything is written or, when any problem is found, nothing is and all problems are listed with file,
line (or JSON/YAML path), field and reason. Re-importing the same files changes nothing.

The format of each file is detected from its content (CSV header columns; OSCAL and CISO Assistant keys)
and, for the inventory templates, its name (systems.csv, evidence-controls.csv, ...); see
seeds/templates/README.md for the CSV columns. Formats:
${FORMATS.map((f) => `  ${f.name.padEnd(26)} ${f.description}`).join('\n')}

  --format F         read every file as format F
  --org ID           the organization of every inventory row: fills org_id where the file has no org_id
                     column, and OVERRIDES the org_id values of the rows that have one (to load a template
                     for another organization). The organization must exist or be imported together.
  --framework-id ID  framework id for OSCAL catalogs and CISO Assistant frameworks (default: a slug of the
                     title or ref_id)
  --dry-run          validate and report what would change, then roll back
  --progress         print progress on stderr even when stderr is not a terminal

OSCAL mapping collections name requirements by id-ref = our ref within the framework given by a
"framework-id" prop on the source/target resource, or the last segment of its href. Mappings from OSCAL
and CISO Assistant are stored with source 'imported' and status 'draft' (unless the OSCAL map carries
crosswalk props); a missing strength defaults to 9 (equal), 7 (subset/superset), 5 (intersects), 1 (none).`,
  async run(args, config) {
    if (args.positionals.length === 0)
      throw new CrosswalkError('import needs at least one file or directory', 'crosswalk import --help');
    const show = progressPrinter(Boolean(args.flags.progress) || Boolean(process.stderr.isTTY));
    const read = new Map<string, number>();
    const started = Date.now();
    return withGraph(config, async (graph) => {
      const result = await importFiles(graph, args.positionals, {
        format: stringFlag(args, 'format'),
        org: stringFlag(args, 'org'),
        frameworkId: stringFlag(args, 'framework-id'),
        dryRun: Boolean(args.flags['dry-run']),
        onRead: (file, rows) => {
          read.set(file, rows);
          show(`read ${rows.toLocaleString('en')} rows of ${file}`);
        },
        onProgress: (type, done, total) =>
          show(`wrote ${done.toLocaleString('en')} / ${total.toLocaleString('en')} ${type}`, done === total && total >= 10_000),
      });
      process.stdout.write(formatImportResult(result));
      show(`${(result.records ?? 0).toLocaleString('en')} records in ${((Date.now() - started) / 1000).toFixed(1)} s`, true);
      return 0;
    });
  },
};
