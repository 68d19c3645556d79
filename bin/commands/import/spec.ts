import { JSON_FLAG, type CommandSpec } from '../../flags.ts';

export const importSpec: CommandSpec = {
  name: 'import',
  summary: 'import catalogs, crosswalks and organization inventories (CSV, XLSX, OSCAL JSON/YAML/XML, CISO Assistant YAML)',
  synopsis: [
    'PATH... [--format F] [--org ID] [--framework-id [FILE=]ID]... [--into [FILE=]ID]... [--approve [--by NAME]] [--dry-run] [--progress] [--json]',
  ],
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
      multiple: true,
      description:
        "framework id for OSCAL catalogs and profiles and CISO Assistant frameworks; FILE=ID for one file of several (default: the catalog's framework-id prop, a slug of a title of at most 40 characters, the last part of the framework URN, or the ref_id)",
    },
    {
      name: 'into',
      type: 'string',
      valueName: '[FILE=]ID',
      multiple: true,
      description:
        "CISO Assistant framework library: add its nodes to the existing framework ID (e.g. the built-in gdpr) without changing that framework's titles, summaries, kinds or metadata; what it would have changed is reported",
    },
    {
      name: 'approve',
      type: 'boolean',
      description: 'mappings from CISO Assistant arrive approved instead of draft (for a source you trust), recorded as reviewed',
    },
    { name: 'by', type: 'string', valueName: 'NAME', description: 'with --approve: who approves (default $USER)' },
    { name: 'dry-run', type: 'boolean', description: 'validate and report what would change, then roll back' },
    { name: 'progress', type: 'boolean', description: 'print progress lines on stderr even when stderr is not a terminal' },
    JSON_FLAG,
  ],
  description: `Imports files (or every .csv/.json/.yaml/.xml/.xlsx file in a directory) together, in ONE transaction:
either everything is written or, when any problem is found, nothing is and all problems are listed with
file (and sheet), line (or JSON/YAML path), field and reason (exit code 3). Re-importing the same files
changes nothing. An XLSX workbook holds the CSV templates as sheets named after them.

The format of each file is detected from its content (CSV header columns; OSCAL and CISO Assistant keys)
and, for the inventory templates, its name (systems.csv, evidence-controls.csv, ...); see
seeds/templates/README.md for the CSV columns; the formats are listed at the end. The readiness
programme's templates (persons, trainings, audits, findings, corrective-actions, management-reviews)
replace a node's relationships of a list column (member_of, frameworks, requirements, systems, controls,
evidence, ...) by the ones its row names; a column the file leaves out changes nothing.

On a terminal, progress (reading, validating, writing, committing) is drawn as a bar on stderr.

OSCAL mapping collections name requirements by id-ref = our ref (statement ids such as ac-2_smt.a stand
for their control) within the framework given by a "framework-id" prop on the source/target resource, the
back-matter resource its #uuid href names, or the file name of the href. An OSCAL profile is imported as
its resolved catalog. Mappings from OSCAL
and CISO Assistant are stored with source 'imported' and status 'draft' (unless the OSCAL map carries
crosswalk props, or --approve); a missing strength defaults to 9 (equal), 7 (subset/superset), 5
(intersects), 1 (none). Review drafts with 'crosswalk mappings list|approve|reject'.

CISO Assistant mapping libraries import as they are: both directions of a set collapse into one pair,
repeated rows collapse, rows that disagree are conflicts (both lines named). Their URNs resolve to the
built-in catalogs too (seeds/ciso-assistant/); a URN without a node of its own lands on its nearest
ancestor as intersects_with at most, and every such roll-up is listed in the summary. A framework
library whose id or URN is held by another framework is refused unless --into ID or --framework-id.`,
};
