import { JSON_FLAG, type CommandSpec } from '../../flags.ts';

export const importSpec: CommandSpec = {
  name: 'import',
  summary: 'import catalogs, crosswalks and organization inventories (CSV, OSCAL JSON, CISO Assistant YAML)',
  synopsis: ['PATH... [--format F] [--org ID] [--framework-id ID] [--dry-run] [--progress] [--json]'],
  positionals: { name: 'at least one file or directory', min: 1, max: Infinity },
  flags: [
    { name: 'format', type: 'string', valueName: 'F', description: "read every file as format F (see 'Formats' below)" },
    {
      name: 'org',
      type: 'string',
      valueName: 'ID',
      description:
        'the organization of every inventory row: fills org_id where the file has no org_id column, and OVERRIDES the org_id values of the rows that have one; it must exist or be imported together',
    },
    {
      name: 'framework-id',
      type: 'string',
      valueName: 'ID',
      description: 'framework id for OSCAL catalogs and CISO Assistant frameworks (default: a slug of the title or ref_id)',
    },
    { name: 'dry-run', type: 'boolean', description: 'validate and report what would change, then roll back' },
    { name: 'progress', type: 'boolean', description: 'print progress lines on stderr even when stderr is not a terminal' },
    JSON_FLAG,
  ],
  description: `Imports files (or every .csv/.json/.yaml file in a directory) together, in ONE transaction: either
everything is written or, when any problem is found, nothing is and all problems are listed with file,
line (or JSON/YAML path), field and reason (exit code 3). Re-importing the same files changes nothing.

The format of each file is detected from its content (CSV header columns; OSCAL and CISO Assistant keys)
and, for the inventory templates, its name (systems.csv, evidence-controls.csv, ...); see
seeds/templates/README.md for the CSV columns; the formats are listed at the end.

On a terminal, progress (reading, validating, writing, committing) is drawn as a bar on stderr.

OSCAL mapping collections name requirements by id-ref = our ref within the framework given by a
"framework-id" prop on the source/target resource, or the last segment of its href. Mappings from OSCAL
and CISO Assistant are stored with source 'imported' and status 'draft' (unless the OSCAL map carries
crosswalk props); a missing strength defaults to 9 (equal), 7 (subset/superset), 5 (intersects), 1 (none).`,
};
