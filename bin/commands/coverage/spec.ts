import { JSON_FLAG, type CommandSpec } from '../../flags.ts';

export const coverageSpec: CommandSpec = {
  name: 'coverage',
  summary: 'rebuild the maintained coverage, or verify it against the from-scratch computation',
  synopsis: ['rebuild [--org ID]', 'verify [--org ID] [--today YYYY-MM-DD[,YYYY-MM-DD...]] [--json]'],
  actions: ['rebuild', 'verify'],
  flags: [
    { name: 'org', type: 'string', valueName: 'ID', description: 'only this organization (default: all)' },
    {
      name: 'today',
      type: 'string',
      valueName: 'YYYY-MM-DD[,...]',
      multiple: true,
      description: 'verify: the days judged (default today)',
    },
    JSON_FLAG,
  ],
  description: `Every write (import, seed, GraphQL mutation) keeps the stored coverage current (coverage/README.md).
  rebuild   recomputes it from scratch: the inference paths and every organization's direct status
            (with --org: that organization's direct status only)
  verify    compares, for every assessed requirement, the stored coverage with the reference computation
            on each day given, lists every difference, and exits 1 when there is one

--json: verify {"orgs", "days", "compared", "differences": [{"org", "today", "uid", "field", "stored", "reference"}]}.`,
};
