import { JSON_FLAG, type CommandSpec } from '../../flags.ts';

export const seedSpec: CommandSpec = {
  name: 'seed',
  summary: 'load the six framework catalogs and the crosswalk (--demo: the demo organization too)',
  synopsis: ['[--reset] [--demo] [--dry-run] [--json]'],
  flags: [
    { name: 'reset', type: 'boolean', description: 'delete ALL data in the database first (organizations included), then seed' },
    { name: 'demo', type: 'boolean', description: "also load the demo organization (id 'demo') from seeds/demo" },
    { name: 'dry-run', type: 'boolean', description: 'validate and report what would change, write nothing' },
    JSON_FLAG,
  ],
  description: `Loads seeds/frameworks (ISO/IEC 42001, ISO/IEC 27001, EU AI Act, GDPR, NIS2, the NIS2 Implementing
Regulation annex) and seeds/mappings (the crosswalk) into the graph. Idempotent: seeding twice changes nothing (MERGE on natural keys).
--json prints the same shape as 'crosswalk import --json'.`,
};
