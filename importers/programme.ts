/**
 * The readiness programme's organization-side nodes (issue 24; seeds/templates/README.md "The readiness
 * programme"): ONE declarative table says, for each of the six node types, its template, its columns, the
 * graph property each column becomes and the relationships its reference columns write. The CSV reader
 * (importers/csv/inventory.ts), the validator (importers/validate.ts) and the writer (importers/writer.ts)
 * are generic over it, so a seventh type is a table entry, not three copies.
 *
 * A row is the truth for its node's reference columns: re-importing it replaces the node's relationships
 * of that type (to that label) by the ones the row names; an empty cell removes them. A column the file
 * does not have at all leaves them as they are (a file may carry only some columns).
 */
import {
  AUDIT_KINDS,
  AUDIT_STATUSES,
  CORRECTIVE_ACTION_STATUSES,
  FINDING_KINDS,
  MANAGEMENT_REVIEW_INPUTS,
  PERSON_KINDS,
  TRAINING_KINDS,
} from '../graph/model.ts';
import type { Position, Problems } from './problems.ts';
import type { ImportBatch } from './records.ts';

export type ProgrammeLabel = 'Person' | 'Training' | 'Audit' | 'Finding' | 'CorrectiveAction' | 'ManagementReview';
/** What a reference column may name: organization nodes by (orgId, id), reference nodes by id / uid. */
export type ReferenceLabel = ProgrammeLabel | 'System' | 'Control' | 'Risk' | 'Evidence' | 'Framework' | 'Requirement';
export const REFERENCE_SIDE: Record<ReferenceLabel, 'organization' | 'reference'> = {
  Person: 'organization',
  Training: 'organization',
  Audit: 'organization',
  Finding: 'organization',
  CorrectiveAction: 'organization',
  ManagementReview: 'organization',
  System: 'organization',
  Control: 'organization',
  Risk: 'organization',
  Evidence: 'organization',
  Framework: 'reference',
  Requirement: 'reference',
};
/** The key property of a reference label: `uid` for requirements, else `id`. */
export const referenceKey = (label: ReferenceLabel): 'id' | 'uid' => (label === 'Requirement' ? 'uid' : 'id');

export type PropValue = string | boolean | string[] | null;

interface PropColumn {
  column: string;
  prop: string;
  type: 'text' | 'date' | 'boolean' | 'enum' | 'enums';
  values?: readonly string[];
  required?: boolean;
}

export interface LinkColumn {
  column: string;
  /** Relationship type, from the row's node to the named ones. */
  type: string;
  target: ReferenceLabel;
  /** `|`-separated list, or one value. */
  many: boolean;
  required?: boolean;
}

/** The relationships one reference column of one row writes (absent when the file has no such column). */
export interface RecordLinks {
  column: string;
  type: string;
  target: ReferenceLabel;
  ids: string[];
}

/** One row of a programme template: a node with its properties and the relationships its row names. */
export interface OrgNodeRecord {
  at: Position;
  orgId: string;
  label: ProgrammeLabel;
  id: string;
  /** Graph property name -> value; dates as `YYYY-MM-DD` (the writer stores them as Dates). */
  props: Record<string, PropValue>;
  links: RecordLinks[];
}

/** The ImportBatch lists of the six node types. */
export type ProgrammeBatchKey = 'persons' | 'trainings' | 'audits' | 'findings' | 'correctiveActions' | 'managementReviews';

export interface ProgrammeTemplate {
  name: string;
  label: ProgrammeLabel;
  batchKey: ProgrammeBatchKey;
  /** How a node is named in problems. */
  noun: string;
  description: string;
  props: readonly PropColumn[];
  links: readonly LinkColumn[];
  /** Checks between the values of one row. */
  check?(record: OrgNodeRecord, problems: Problems): void;
}

const text = (column: string, prop: string, required = false): PropColumn => ({ column, prop, type: 'text', required });
const date = (column: string, prop: string, required = false): PropColumn => ({ column, prop, type: 'date', required });
const oneOf = (column: string, prop: string, values: readonly string[], required = true): PropColumn => ({
  column,
  prop,
  type: 'enum',
  values,
  required,
});
const many = (column: string, type: string, target: ReferenceLabel): LinkColumn => ({ column, type, target, many: true });
const one = (column: string, type: string, target: ReferenceLabel, required = false): LinkColumn => ({
  column,
  type,
  target,
  many: false,
  required,
});

export const PROGRAMME_TEMPLATES: readonly ProgrammeTemplate[] = [
  {
    name: 'persons',
    label: 'Person',
    batchKey: 'persons',
    noun: 'person',
    description: 'people and bodies (boards, committees) of the programme (org_id, id, name, kind, role, email, member_of)',
    props: [text('name', 'name', true), oneOf('kind', 'kind', PERSON_KINDS), text('role', 'role'), text('email', 'email')],
    links: [many('member_of', 'MEMBER_OF', 'Person')],
  },
  {
    name: 'trainings',
    label: 'Training',
    batchKey: 'trainings',
    noun: 'training record',
    description: 'training records (org_id, id, person_id, course, kind, completed_on, valid_until)',
    props: [
      text('course', 'course', true),
      oneOf('kind', 'kind', TRAINING_KINDS),
      date('completed_on', 'completedOn', true),
      date('valid_until', 'validUntil'),
    ],
    links: [one('person_id', 'COMPLETED_BY', 'Person', true)],
    check(record, problems) {
      const { completedOn, validUntil } = record.props;
      if (typeof completedOn === 'string' && typeof validUntil === 'string' && validUntil < completedOn)
        problems.add('DATE_ORDER', record.at, 'valid_until', `${validUntil} is before completed_on ${completedOn}`);
    },
  },
  {
    name: 'audits',
    label: 'Audit',
    batchKey: 'audits',
    noun: 'audit',
    description:
      'internal and external audits and their scope (org_id, id, title, kind, status, performed_on, ..., frameworks, systems)',
    props: [
      text('title', 'title', true),
      oneOf('kind', 'kind', AUDIT_KINDS),
      oneOf('status', 'status', AUDIT_STATUSES),
      date('performed_on', 'performedOn'),
      text('auditor', 'auditor'),
      { column: 'independent', prop: 'independent', type: 'boolean' },
    ],
    links: [
      many('frameworks', 'AUDITS', 'Framework'),
      many('requirements', 'AUDITS', 'Requirement'),
      many('systems', 'AUDITS', 'System'),
    ],
    check(record, problems) {
      if (record.props.status === 'completed' && !record.props.performedOn)
        problems.add('VALUE_REQUIRED', record.at, 'performed_on', 'is required when status is completed');
    },
  },
  {
    name: 'findings',
    label: 'Finding',
    batchKey: 'findings',
    noun: 'finding',
    description: 'audit findings (org_id, id, title, kind, raised_on, audit_id, requirements, controls, description)',
    props: [
      text('title', 'title', true),
      oneOf('kind', 'kind', FINDING_KINDS),
      date('raised_on', 'raisedOn', true),
      text('description', 'description'),
    ],
    links: [
      one('audit_id', 'RAISED_IN', 'Audit'),
      many('requirements', 'ABOUT', 'Requirement'),
      many('controls', 'ABOUT', 'Control'),
    ],
  },
  {
    name: 'corrective-actions',
    label: 'CorrectiveAction',
    batchKey: 'correctiveActions',
    noun: 'corrective action',
    description: 'corrective actions on findings (org_id, id, finding_id, title, status, owner_id, due_on, closed_on, evidence)',
    props: [
      text('title', 'title', true),
      oneOf('status', 'status', CORRECTIVE_ACTION_STATUSES),
      date('due_on', 'dueOn'),
      date('closed_on', 'closedOn'),
    ],
    links: [
      one('finding_id', 'CORRECTS', 'Finding', true),
      one('owner_id', 'OWNED_BY', 'Person'),
      many('evidence', 'CLOSED_BY', 'Evidence'),
    ],
    check(record, problems) {
      const { status, closedOn } = record.props;
      if (status === 'closed' && !closedOn)
        problems.add('VALUE_REQUIRED', record.at, 'closed_on', 'is required when status is closed');
      if (status && status !== 'closed' && closedOn)
        problems.add('VALUE_CONFLICT', record.at, 'closed_on', `given, but status is ${String(status)}, not closed`);
    },
  },
  {
    name: 'management-reviews',
    label: 'ManagementReview',
    batchKey: 'managementReviews',
    noun: 'management review',
    description: 'management reviews (org_id, id, held_on, frameworks, inputs, decisions, actions)',
    props: [
      date('held_on', 'heldOn', true),
      { column: 'inputs', prop: 'inputs', type: 'enums', values: MANAGEMENT_REVIEW_INPUTS },
      text('decisions', 'decisions'),
      text('actions', 'actions'),
    ],
    links: [many('frameworks', 'REVIEWS', 'Framework')],
  },
];

export const programmeTemplate = (label: ProgrammeLabel): ProgrammeTemplate =>
  PROGRAMME_TEMPLATES.find((t) => t.label === label)!;

/** The records of one programme node type in a batch (the coverage maintenance reads findings and actions). */
export const programmeRecords = (batch: ImportBatch, label: ProgrammeLabel): OrgNodeRecord[] =>
  batch[programmeTemplate(label).batchKey];

/** Every programme node record of a batch. */
export const allProgrammeRecords = (batch: ImportBatch): OrgNodeRecord[] => PROGRAMME_TEMPLATES.flatMap((t) => batch[t.batchKey]);

/** The ids a record's column names (empty when the column is absent or empty). */
export const linkIds = (record: OrgNodeRecord, column: string): string[] =>
  record.links.find((l) => l.column === column)?.ids ?? [];
