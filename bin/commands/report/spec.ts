import type { CommandSpec } from '../../flags.ts';

export const reportSpec: CommandSpec = {
  name: 'report',
  summary: 'coverage report of an organization as HTML, Markdown or CSV',
  synopsis: [
    'coverage [--format html|md|csv] [--org ID] [--framework ID[,ID...]] [--system ID] [--today YYYY-MM-DD] [--out FILE]',
  ],
  actions: ['coverage'],
  flags: [
    { name: 'format', type: 'string', values: ['html', 'md', 'csv'], description: 'output format (default md)' },
    { name: 'org', type: 'string', valueName: 'ID', description: 'the organization (default demo)' },
    {
      name: 'framework',
      type: 'string',
      valueName: 'ID[,ID]',
      multiple: true,
      description: 'only these frameworks (default: the adopted ones)',
    },
    { name: 'system', type: 'string', valueName: 'ID', description: 'coverage for one system' },
    { name: 'today', type: 'string', valueName: 'YYYY-MM-DD', description: 'the date evidence validity is judged on' },
    { name: 'out', type: 'string', valueName: 'FILE', description: 'write to FILE instead of stdout' },
  ],
  description: `The coverage question (crosswalk query coverage) for every framework the organization adopts (or the
ones named): % met directly, % met including inherited, % partially met directly, the indicated count,
the roll-up per clause/chapter/group, and every requirement with its status, basis, controls, the path of
an inheritance and its related work (indications, never counted). Markdown and HTML end with a Readiness
section for each reported framework with a certification programme (iso42001, iso27001; crosswalk query
readiness): the five steps, their status, facts, next steps and the clauses they evidence. CSV stays one
table of requirements.`,
};
