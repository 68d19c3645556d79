import { MAPPING_RELATIONSHIPS, MAPPING_STATUSES } from '../../../graph/model.ts';
import { JSON_FLAG, type CommandSpec } from '../../flags.ts';

export const mappingsSpec: CommandSpec = {
  name: 'mappings',
  summary: 'review imported mappings: list them, approve or reject them (who and when recorded)',
  synopsis: [
    'list [FILTERS] [--json]',
    'approve FILTERS [--by NAME] [--preview --org ID] [--json]',
    'reject FILTERS [--by NAME] [--json]',
  ],
  actions: ['list', 'approve', 'reject'],
  flags: [
    { name: 'source', type: 'string', valueName: 'S', description: "the mappings' source (provenance), e.g. imported" },
    {
      name: 'frameworks',
      type: 'string',
      valueName: 'A[,B]',
      description: 'one framework (either end), or a pair: one end in each',
    },
    { name: 'relationship', type: 'string', values: MAPPING_RELATIONSHIPS, description: 'only this relationship' },
    { name: 'file', type: 'string', valueName: 'NAME', description: 'only mappings imported from this file (its base name)' },
    {
      name: 'status',
      type: 'string',
      values: MAPPING_STATUSES,
      description: 'only this status (approve and reject: default draft; list: any)',
    },
    { name: 'pair', type: 'string', valueName: 'SOURCE_UID,TARGET_UID', description: 'one mapping, as stored' },
    { name: 'by', type: 'string', valueName: 'NAME', description: 'who decides (default $USER)' },
    {
      name: 'preview',
      type: 'boolean',
      description: "approve/reject: show what the decision changes in --org's coverage, then keep nothing",
    },
    { name: 'org', type: 'string', valueName: 'ID', description: 'the organization whose coverage the decision changes' },
    JSON_FLAG,
  ],
  description: `Imported mappings (CISO Assistant, OSCAL) arrive as draft and move no coverage until approved.
  list      the mappings the filters select (source -> target as stored, relationship, strength, status,
            file, who reviewed and when)
  approve   sets status approved on them, recording --by and the time; coverage is maintained in the
            same transaction. With --org, the changes to that organization's coverage are listed
            (computed from scratch before and after); with --preview nothing is kept.
  reject    sets status rejected (a rejected mapping moves no coverage, and stays as the record).
approve and reject need at least one filter besides --status.

--json: list [{"sourceUid", "targetUid", "relationship", "strength", "rationale", "explanation", "source",
"status", "importedFrom", "reviewedBy", "reviewedAt"}]; approve/reject {"decision", "decided", "by",
"rolledBack", "preview": {"org", "frameworks", "changes": [{"framework", "uid", "before", "after"}]}}.`,
};
