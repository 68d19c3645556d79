/**
 * The organization inventory CSV templates (seeds/templates/README.md, authoritative): one table per
 * template with its columns and how a row becomes a record. Every row carries `org_id`; `--org ID`
 * (ReadContext.org) sets it for every row instead, so a file without an org_id column can be imported.
 */
import {
  AI_ACT_RISKS,
  AI_ACT_ROLES,
  CONTROL_STATUSES,
  DEROGATION_CONDITIONS,
  PROHIBITED_PRACTICES,
  TRANSPARENCY_TRIGGERS,
  COVERAGES,
  EVIDENCE_KINDS,
  EVIDENCE_STATUSES,
  LIFECYCLE_STAGES,
  RISK_TREATMENTS,
  RACI_ROLES,
  RESPONSIBILITY_SUBJECTS,
} from '../../graph/model.ts';
import { PROGRAMME_TEMPLATES, type OrgNodeRecord, type ProgrammeTemplate, type PropValue } from '../programme.ts';
import { FieldReader } from '../fields.ts';
import type { Position, Problems } from '../problems.ts';
import { emptyBatch, type ImportBatch, type LinkRecord } from '../records.ts';
import type { CsvTable } from './read.ts';
import type { SystemAiActFacts } from '../records.ts';

/** Annex I points 1-20; Annex III points as the Annex numbers them (seeds/ai-act/annex-iii.csv). */
export const ANNEX_I_POINTS = Array.from({ length: 20 }, (_, i) => String(i + 1));
export const ANNEX_III_POINTS = [
  '1(a)',
  '1(b)',
  '1(c)',
  '2',
  '3(a)',
  '3(b)',
  '3(c)',
  '3(d)',
  '4(a)',
  '4(b)',
  '5(a)',
  '5(b)',
  '5(c)',
  '5(d)',
  '6(a)',
  '6(b)',
  '6(c)',
  '6(d)',
  '6(e)',
  '7(a)',
  '7(b)',
  '7(c)',
  '7(d)',
  '8(a)',
  '8(b)',
] as const;

/** The AI Act fact columns of systems.csv (snake_case of the graph properties). */
export const AI_ACT_FACT_COLUMNS = [
  'prohibited_practices',
  'annex_i_legislation',
  'third_party_assessment',
  'annex_iii_point',
  'profiles_persons',
  'derogation_conditions',
  'derogation_justification',
  'transparency_triggers',
  'gpai_model_provider',
  'gpai_high_impact',
  'gpai_commission_designated',
  'gpai_training_flop',
  'own_name_or_trademark',
  'substantial_modification',
  'changed_intended_purpose',
  'placed_on_market_on',
  'significant_design_change',
  'public_authority_use',
  'annex_x_component',
] as const;

function aiActFacts(f: FieldReader): SystemAiActFacts {
  return {
    prohibitedPractices: f.optionalList('prohibited_practices', PROHIBITED_PRACTICES),
    annexILegislation: f.optionalOneOf('annex_i_legislation', [...ANNEX_I_POINTS, 'none']),
    thirdPartyAssessment: f.optionalBoolean('third_party_assessment'),
    annexIIIPoint: f.optionalOneOf('annex_iii_point', [...ANNEX_III_POINTS, 'none']),
    profilesPersons: f.optionalBoolean('profiles_persons'),
    derogationConditions: f.optionalList('derogation_conditions', DEROGATION_CONDITIONS),
    derogationJustification: f.optional('derogation_justification'),
    transparencyTriggers: f.optionalList('transparency_triggers', TRANSPARENCY_TRIGGERS),
    gpaiModelProvider: f.optionalBoolean('gpai_model_provider'),
    gpaiHighImpact: f.optionalBoolean('gpai_high_impact'),
    gpaiCommissionDesignated: f.optionalBoolean('gpai_commission_designated'),
    gpaiTrainingFlop: f.optionalNumber('gpai_training_flop'),
    ownNameOrTrademark: f.optionalBoolean('own_name_or_trademark'),
    substantialModification: f.optionalBoolean('substantial_modification'),
    changedIntendedPurpose: f.optionalBoolean('changed_intended_purpose'),
    placedOnMarketOn: f.date('placed_on_market_on'),
    significantDesignChange: f.optionalBoolean('significant_design_change'),
    publicAuthorityUse: f.optionalBoolean('public_authority_use'),
    annexXComponent: f.optionalBoolean('annex_x_component'),
  };
}

export interface InventoryTemplate {
  /** Template file name without `.csv`, e.g. `evidence-controls`; also the format name `csv-<name>`. */
  name: string;
  description: string;
  columns: { required: readonly string[]; optional: readonly string[] };
  /** Adds one row to the batch. `orgId` is already resolved (row value or --org). */
  add(batch: ImportBatch, f: FieldReader, at: Position, orgId: string, problems: Problems): void;
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._:/-]*$/;

/** Ids are identifiers, not prose: a stray space or comma usually means a shifted column. */
function id(f: FieldReader, field: string, at: Position, problems: Problems): string {
  const value = f.required(field);
  if (value && !ID.test(value))
    problems.add('VALUE_ID', at, field, `'${value}' is not an id (letters, digits and . _ : / - only)`);
  return value;
}

function link(
  name: string,
  description: string,
  from: string,
  to: string,
  list: (b: ImportBatch) => LinkRecord[],
): InventoryTemplate {
  return {
    name,
    description,
    columns: { required: ['org_id', from, to], optional: [] },
    add(batch, f, at, orgId, problems) {
      list(batch).push({ at, orgId, fromId: id(f, from, at, problems), toId: id(f, to, at, problems) });
    },
  };
}

/** A programme template (importers/programme.ts) as a CSV template: its table gives the columns and the reading. */
function programme(t: ProgrammeTemplate): InventoryTemplate {
  const required = [...t.props.filter((p) => p.required), ...t.links.filter((l) => l.required)].map((c) => c.column);
  const optional = [...t.props.filter((p) => !p.required), ...t.links.filter((l) => !l.required)].map((c) => c.column);
  return {
    name: t.name,
    description: t.description,
    columns: { required: ['org_id', 'id', ...required], optional },
    add(batch, f, at, orgId, problems) {
      const props: Record<string, PropValue> = {};
      for (const p of t.props) {
        props[p.prop] =
          p.type === 'date'
            ? f.date(p.column, p.required)
            : p.type === 'boolean'
              ? f.optionalBoolean(p.column)
              : p.type === 'enum'
                ? p.required
                  ? f.oneOf(p.column, p.values!)
                  : f.optionalOneOf(p.column, p.values!)
                : p.type === 'enums'
                  ? (f.optionalList(p.column, p.values!) ?? [])
                  : p.required
                    ? f.required(p.column)
                    : f.optional(p.column);
      }
      const links = t.links
        .filter((l) => f.has(l.column))
        .map((l) => {
          if (l.required) f.required(l.column);
          const ids = f.split(l.column);
          if (!l.many && ids.length > 1)
            problems.add('VALUE_TYPE', at, l.column, `names ${ids.length} values; one ${l.target.toLowerCase()} id is expected`);
          for (const value of ids)
            if (l.target !== 'Requirement' && !ID.test(value))
              problems.add('VALUE_ID', at, l.column, `'${value}' is not an id (letters, digits and . _ : / - only)`);
          return { column: l.column, type: l.type, target: l.target, ids };
        });
      const record: OrgNodeRecord = { at, orgId, label: t.label, id: id(f, 'id', at, problems), props, links };
      t.check?.(record, problems);
      batch[t.batchKey].push(record);
    },
  };
}

const SUBJECT_KINDS = Object.keys(RESPONSIBILITY_SUBJECTS) as (keyof typeof RESPONSIBILITY_SUBJECTS)[];

export const INVENTORY_TEMPLATES: readonly InventoryTemplate[] = [
  {
    name: 'organizations',
    description: 'organizations (id, name)',
    columns: { required: ['id', 'name'], optional: [] },
    add(batch, f, at, _orgId, problems) {
      batch.organizations.push({ at, id: id(f, 'id', at, problems), name: f.required('name') });
    },
  },
  {
    name: 'adoptions',
    description:
      'frameworks an organization adopts (org_id, framework_id, since, target_date, scope, soa_version, soa_approver, soa_approved_on)',
    columns: {
      required: ['org_id', 'framework_id'],
      optional: ['since', 'target_date', 'scope', 'soa_version', 'soa_approver', 'soa_approved_on'],
    },
    add(batch, f, at, orgId) {
      batch.adoptions.push({
        at,
        orgId,
        frameworkId: f.required('framework_id'),
        since: f.date('since'),
        targetDate: f.date('target_date'),
        scope: f.optional('scope'),
        soaVersion: f.optional('soa_version'),
        soaApprover: f.optional('soa_approver'),
        soaApprovedOn: f.date('soa_approved_on'),
      });
    },
  },
  {
    name: 'exclusions',
    description: 'requirements excluded from the Statement of Applicability (org_id, requirement_uid, justification)',
    columns: { required: ['org_id', 'requirement_uid', 'justification'], optional: [] },
    add(batch, f, at, orgId) {
      batch.exclusions.push({
        at,
        orgId,
        requirementUid: f.required('requirement_uid'),
        justification: f.required('justification'),
      });
    },
  },
  {
    name: 'systems',
    description: 'AI and other systems (org_id, id, name, is_ai, ai_act_role, ai_act_risk, ...)',
    columns: {
      required: ['org_id', 'id', 'name'],
      optional: ['purpose', 'is_ai', 'ai_act_role', 'ai_act_risk', 'gpai', 'lifecycle_stage', 'owner', ...AI_ACT_FACT_COLUMNS],
    },
    add(batch, f, at, orgId, problems) {
      batch.systems.push({
        at,
        orgId,
        id: id(f, 'id', at, problems),
        name: f.required('name'),
        purpose: f.optional('purpose'),
        // Empty = not answered (a question for classify), not "no".
        isAI: f.optionalBoolean('is_ai'),
        aiActRole: f.optionalOneOf('ai_act_role', AI_ACT_ROLES),
        aiActRisk: f.optionalOneOf('ai_act_risk', AI_ACT_RISKS),
        gpai: f.optionalBoolean('gpai'),
        lifecycleStage: f.optionalOneOf('lifecycle_stage', LIFECYCLE_STAGES),
        owner: f.optional('owner'),
        aiActFacts: aiActFacts(f),
      });
    },
  },
  {
    name: 'controls',
    description: 'controls (org_id, id, name, description, owner, status)',
    columns: { required: ['org_id', 'id', 'name', 'status'], optional: ['description', 'owner'] },
    add(batch, f, at, orgId, problems) {
      batch.controls.push({
        at,
        orgId,
        id: id(f, 'id', at, problems),
        name: f.required('name'),
        description: f.optional('description'),
        owner: f.optional('owner'),
        status: f.oneOf('status', CONTROL_STATUSES),
      });
    },
  },
  {
    name: 'control-requirements',
    description: 'which requirements a control implements (org_id, control_id, requirement_uid, coverage, note)',
    columns: { required: ['org_id', 'control_id', 'requirement_uid', 'coverage'], optional: ['note'] },
    add(batch, f, at, orgId, problems) {
      batch.controlRequirements.push({
        at,
        orgId,
        controlId: id(f, 'control_id', at, problems),
        requirementUid: f.required('requirement_uid'),
        coverage: f.oneOf('coverage', COVERAGES),
        note: f.optional('note'),
      });
    },
  },
  link(
    'control-systems',
    'which systems a control applies to (org_id, control_id, system_id)',
    'control_id',
    'system_id',
    (b) => b.controlSystems,
  ),
  {
    name: 'evidence',
    description: 'evidence items (org_id, id, title, kind, uri, sha256, collected_at, valid_until, status, owner)',
    columns: {
      required: ['org_id', 'id', 'title', 'kind', 'status'],
      optional: ['uri', 'sha256', 'collected_at', 'valid_until', 'owner'],
    },
    add(batch, f, at, orgId, problems) {
      const collectedAt = f.date('collected_at');
      const validUntil = f.date('valid_until');
      if (collectedAt && validUntil && validUntil < collectedAt) {
        problems.add('DATE_ORDER', at, 'valid_until', `${validUntil} is before collected_at ${collectedAt}`);
      }
      batch.evidence.push({
        at,
        orgId,
        id: id(f, 'id', at, problems),
        title: f.required('title'),
        kind: f.oneOf('kind', EVIDENCE_KINDS),
        uri: f.optional('uri'),
        sha256: f.sha256('sha256'),
        collectedAt,
        validUntil,
        status: f.oneOf('status', EVIDENCE_STATUSES),
        owner: f.optional('owner'),
      });
    },
  },
  link(
    'evidence-controls',
    'which controls an evidence item supports (org_id, evidence_id, control_id)',
    'evidence_id',
    'control_id',
    (b) => b.evidenceControls,
  ),
  link(
    'evidence-systems',
    'which systems an evidence item concerns (org_id, evidence_id, system_id)',
    'evidence_id',
    'system_id',
    (b) => b.evidenceSystems,
  ),
  {
    name: 'risks',
    description: 'risks (org_id, id, title, likelihood, impact, treatment)',
    columns: { required: ['org_id', 'id', 'title'], optional: ['likelihood', 'impact', 'treatment'] },
    add(batch, f, at, orgId, problems) {
      batch.risks.push({
        at,
        orgId,
        id: id(f, 'id', at, problems),
        title: f.required('title'),
        likelihood: f.integer('likelihood', { min: 1, max: 5 }, false),
        impact: f.integer('impact', { min: 1, max: 5 }, false),
        treatment: f.optionalOneOf('treatment', RISK_TREATMENTS),
      });
    },
  },
  link(
    'risk-systems',
    'which systems a risk threatens (org_id, risk_id, system_id)',
    'risk_id',
    'system_id',
    (b) => b.riskSystems,
  ),
  link(
    'risk-controls',
    'which controls mitigate a risk (org_id, risk_id, control_id)',
    'risk_id',
    'control_id',
    (b) => b.riskControls,
  ),
  // The readiness programme (importers/programme.ts), in the order its nodes reference each other.
  programme(PROGRAMME_TEMPLATES[0]!),
  {
    name: 'responsibilities',
    description: 'RACI: who answers for a system, control, risk or framework (org_id, person_id, raci, subject_kind, subject_id)',
    columns: { required: ['org_id', 'person_id', 'raci', 'subject_kind', 'subject_id'], optional: [] },
    add(batch, f, at, orgId, problems) {
      const subjectKind = f.oneOf('subject_kind', SUBJECT_KINDS);
      batch.responsibilities.push({
        at,
        orgId,
        personId: id(f, 'person_id', at, problems),
        raci: f.oneOf('raci', RACI_ROLES),
        subjectKind,
        subjectId: id(f, 'subject_id', at, problems),
      });
    },
  },
  ...PROGRAMME_TEMPLATES.slice(1).map(programme),
];

/** Columns a file must/may have; with --org the org_id column becomes optional. */
export function templateColumns(template: Pick<InventoryTemplate, 'columns'>, org?: string): InventoryTemplate['columns'] {
  if (!org || !template.columns.required.includes('org_id')) return template.columns;
  return {
    required: template.columns.required.filter((c) => c !== 'org_id'),
    optional: ['org_id', ...template.columns.optional],
  };
}

export function inventoryFromCsv(name: string, table: CsvTable, problems: Problems, org?: string): ImportBatch {
  const template = INVENTORY_TEMPLATES.find((t) => t.name === name);
  if (!template) throw new Error(`unknown inventory template ${name}`);
  const batch = emptyBatch();
  const usesOrg = template.columns.required.includes('org_id');
  for (const { line, values } of table.records) {
    const at = { file: table.file, ...(table.sheet ? { sheet: table.sheet } : {}), line };
    const f = new FieldReader(values, at, problems);
    // --org overrides the column (documented in `crosswalk import --help`).
    const orgId = usesOrg ? (org ?? f.required('org_id')) : '';
    template.add(batch, f, at, orgId, problems);
  }
  return batch;
}
