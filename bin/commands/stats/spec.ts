import { JSON_FLAG, type CommandSpec } from '../../flags.ts';

export const statsSpec: CommandSpec = {
  name: 'stats',
  summary: 'requirements per framework and kind, mappings per framework pair',
  synopsis: ['[--json]'],
  flags: [JSON_FLAG],
  description: `Prints, per framework, the number of requirements by kind, and the number of mappings per framework
pair (in stored direction) with the total, the mappings by status and source (drafts wait for
'crosswalk mappings approve'), and per framework how many requirements carry a CISO Assistant URN and
the fields its libraries bring (implementation groups, reference controls, annotations, typical
evidence, translations). --json adds "library": {"fields": [...], "mappingsByStatus": [...]}.`,
};
