import { JSON_FLAG, type CommandSpec } from '../../flags.ts';

export const querySpec: CommandSpec = {
  name: 'query',
  summary: 'ask a reuse question (coverage, evidence-covering-both, reuse, gaps, impact, explain, classify, obligations, soa)',
  synopsis: ['NAME [--PARAM VALUE ...] [--json]'],
  positionals: { name: 'a question name', max: 1 },
  flags: [JSON_FLAG],
  description: `Asks one of the named questions (queries/<NAME>.cypher) and prints the answer; --json prints the result
as the API returns it. Without NAME, lists the questions. Dates are YYYY-MM-DD, lists comma-separated,
booleans are bare flags (--directOnly). 'crosswalk help query NAME' lists one question's parameters.
  crosswalk query coverage --framework iso42001 --org demo
  crosswalk query evidence-covering-both --frameworkA iso27001 --frameworkB nis2 --org demo --json`,
};
