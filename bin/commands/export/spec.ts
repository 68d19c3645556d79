import type { CommandSpec } from '../../flags.ts';

export const exportSpec: CommandSpec = {
  name: 'export',
  summary: 'export data (mappings as CSV or OSCAL, a catalog as OSCAL, the Statement of Applicability, the Bloom perspective)',
  synopsis: [
    'mappings [--format csv|oscal|oscal-yaml] [--framework ID] [--out FILE]',
    'mappings --format ciso-assistant [--framework ID] --out DIR',
    'catalog --framework ID [--format oscal|oscal-yaml] [--out FILE]',
    'soa [--framework ID] --format csv|md|xlsx|pdf [--org ID] [--today YYYY-MM-DD] [--out FILE]',
    'bloom [--out FILE]',
  ],
  actions: ['mappings', 'catalog', 'soa', 'bloom'],
  flags: [
    {
      name: 'format',
      type: 'string',
      values: ['csv', 'oscal', 'oscal-yaml', 'ciso-assistant', 'md', 'xlsx', 'pdf'],
      description:
        'mappings: csv (default), oscal, oscal-yaml or ciso-assistant; catalog: oscal (default) or oscal-yaml; soa: csv (default), md, xlsx or pdf',
    },
    {
      name: 'framework',
      type: 'string',
      valueName: 'ID',
      description:
        'mappings: only from or to this framework; catalog: the framework (required); soa: a framework with controls (default iso42001)',
    },
    { name: 'org', type: 'string', valueName: 'ID', description: 'soa: the organization (default demo)' },
    { name: 'today', type: 'string', valueName: 'YYYY-MM-DD', description: 'soa: the date evidence validity is judged on' },
    {
      name: 'out',
      type: 'string',
      valueName: 'FILE',
      description: "write to FILE instead of stdout (bloom: default bloom/crosswalk.json, '-' = stdout)",
    },
  ],
  description: `mappings  the crosswalk in the mappings template (seeds/mappings/README.md) or as an OSCAL 1.2
          mapping-collection (JSON or YAML) with a back-matter resource per framework and the provenance of
          each mapping (method, status, source), or as CISO Assistant mapping libraries (--format
          ciso-assistant --out DIR: one YAML library per framework pair, a set and its -revert set,
          requirements named by the URNs of CISO Assistant's framework libraries, our explanation as
          annotation); all import again with crosswalk import
catalog   a framework (built-in or imported) as an OSCAL 1.1 catalog (JSON or YAML): groups, controls,
          statement parts, props and links to the official source; imports again with crosswalk import
soa       the Statement of Applicability of the organization for a framework with controls (ISO Annex A,
          an imported NIST catalog; crosswalk query soa): document control, applicability, justification
          for inclusion or exclusion, implementation, controls with owner and description, status,
          evidence with title, URI and validity, additional controls; xlsx and pdf (headless Chromium)
          need --out
bloom     the Neo4j Bloom perspective generated from the model (bloom/): categories, style rules,
          search phrases and scene actions; needs no database. Colours by coverage status come from
          'crosswalk bloom snapshot --org ID'.`,
};
