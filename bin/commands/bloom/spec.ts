import { JSON_FLAG, type CommandSpec } from '../../flags.ts';

export const bloomSpec: CommandSpec = {
  name: 'bloom',
  summary: "write (or clear) an organization's coverage snapshot for Neo4j Bloom",
  synopsis: [
    'snapshot --org ID [--framework ID[,ID...]] [--today YYYY-MM-DD] [--maxDepth N] [--json]',
    'clear --org ID [--json]',
  ],
  actions: ['snapshot', 'clear'],
  flags: [
    { name: 'org', type: 'string', valueName: 'ID', required: true, description: 'the organization' },
    {
      name: 'framework',
      type: 'string',
      valueName: 'ID[,ID]',
      multiple: true,
      description: 'snapshot: these frameworks (default: the adopted ones)',
    },
    { name: 'today', type: 'string', valueName: 'YYYY-MM-DD', description: 'snapshot: the day judged (default today)' },
    {
      name: 'maxDepth',
      type: 'string',
      valueName: 'N',
      description: 'snapshot: most mapping hops an inference may take (default 3)',
    },
    JSON_FLAG,
  ],
  description: `Bloom styles nodes by stored properties only, and coverage is computed per organization (requirements are
shared by every organization), so the perspective (crosswalk export bloom) colours CoverageStatus nodes:
  (:CoverageStatus {orgId, requirementUid, frameworkId, status, basis, asOf})-[:STATUS_OF]->(:Requirement)

  snapshot   computes the coverage question (crosswalk query coverage) for each framework (default: the
             ones the organization adopts) and replaces the organization's CoverageStatus nodes for them;
             a snapshot: take it again after changes ('asOf' records the day judged)
  clear      removes the organization's CoverageStatus nodes

--json: snapshot {"asOf", "written", "removed", "frameworks": [{"framework", "requirements", "byStatus"}]};
clear {"org", "removed"}.`,
};
