import { JSON_FLAG, type CommandSpec } from '../../flags.ts';

export const bloomSpec: CommandSpec = {
  name: 'bloom',
  summary: "rewrite (or clear) an organization's coverage colours for Neo4j Bloom",
  synopsis: ['snapshot --org ID [--json]', 'clear --org ID [--json]'],
  actions: ['snapshot', 'clear'],
  flags: [{ name: 'org', type: 'string', valueName: 'ID', required: true, description: 'the organization' }, JSON_FLAG],
  description: `Bloom styles nodes by stored properties only, and coverage is per organization (requirements are shared
by every organization), so the perspective (crosswalk export bloom) colours CoverageStatus nodes:
  (:CoverageStatus {orgId, requirementUid, frameworkId, status, basis, indicated, asOf})-[:STATUS_OF]->(:Requirement)
one per assessed requirement of the frameworks the organization adopts. They are part of the maintained
coverage: every write keeps them current, and 'crosswalk start' (then hourly) brings them to a new day.

  snapshot   rewrites them now from the maintained coverage, as of today (a repair; never needed after a write)
  clear      removes them (the next write or day writes them again)

--json: snapshot {"org", "asOf", "written", "frameworks": [{"framework", "requirements", "byStatus"}]};
clear {"org", "removed"}.`,
};
