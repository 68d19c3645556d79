/**
 * The graph's labels and relationship types with their properties: the one list the Bloom perspective
 * (bloom/perspective.ts) is generated from. test/integration/bloom.test.ts checks it against the seeded demo graph
 * (every label, relationship type, path and stored property appears here, and everything here exists) and
 * against api/typeDefs.graphql, so a new label or property cannot be forgotten silently.
 */
import { CONTROL_STATUSES, COVERAGES, EVIDENCE_STATUSES, MAPPING_RELATIONSHIPS, MAPPING_STATUSES } from '../graph/model.ts';

/** Bloom's property data types (the names Bloom writes into a perspective). */
export type BloomDataType = 'String' | 'Integer' | 'Float' | 'Boolean' | 'Date' | 'DateTime';

export interface PropertySpec {
  name: string;
  dataType: BloomDataType;
}

export interface LabelSpec {
  label: string;
  /** Properties shown as the node's caption, in order. */
  caption: readonly string[];
  properties: readonly PropertySpec[];
  /** Organization data (keyed by orgId) or shared reference data. */
  side: 'reference' | 'organization' | 'snapshot';
}

export interface RelationshipTypeSpec {
  type: string;
  from: string;
  /** The label it leads to, or the labels when one type leads to several (RESPONSIBLE_FOR, AUDITS, ABOUT). */
  to: string | readonly string[];
  properties: readonly PropertySpec[];
}

const s = (name: string): PropertySpec => ({ name, dataType: 'String' });
const f = (name: string): PropertySpec => ({ name, dataType: 'Float' });
const b = (name: string): PropertySpec => ({ name, dataType: 'Boolean' });
const d = (name: string): PropertySpec => ({ name, dataType: 'Date' });
const dt = (name: string): PropertySpec => ({ name, dataType: 'DateTime' });

/**
 * The per-organization coverage snapshot (bloom/snapshot.ts): one node per assessed requirement,
 * written on request for Bloom's rule-based styling, since Requirements are shared by every organization
 * and carry no status of their own.
 */
export const COVERAGE_STATUS_LABEL = 'CoverageStatus';
export const STATUS_OF = 'STATUS_OF';

export const LABELS: readonly LabelSpec[] = [
  {
    label: 'Framework',
    caption: ['id'],
    side: 'reference',
    properties: [
      s('id'),
      s('name'),
      s('version'),
      s('publisher'),
      s('kind'),
      s('url'),
      d('publishedOn'),
      // What CISO Assistant libraries carry (importers/ciso-assistant/).
      s('urn'),
      s('implementationGroupsDefinition'),
      s('translations'),
    ],
  },
  {
    label: 'Requirement',
    caption: ['uid'],
    side: 'reference',
    properties: [
      s('uid'),
      s('frameworkId'),
      s('ref'),
      s('title'),
      s('summary'),
      s('kind'),
      b('normative'),
      f('order'),
      s('url'),
      // 'withdrawn' for a withdrawn OSCAL control.
      s('status'),
      // What CISO Assistant libraries carry (lists are strings to Bloom).
      s('urn'),
      s('implementationGroups'),
      s('referenceControls'),
      s('annotation'),
      s('typicalEvidence'),
      s('translations'),
    ],
  },
  { label: 'Organization', caption: ['name'], side: 'organization', properties: [s('id'), s('name')] },
  {
    label: 'System',
    caption: ['name'],
    side: 'organization',
    properties: [
      s('orgId'),
      s('id'),
      s('name'),
      s('purpose'),
      b('isAI'),
      s('aiActRole'),
      s('aiActRisk'),
      b('gpai'),
      s('lifecycleStage'),
      s('owner'),
      // AI Act facts (graph/model.ts AI_ACT_FACT_PROPERTIES). Bloom has no list type: lists show as strings.
      s('prohibitedPractices'),
      s('annexILegislation'),
      b('thirdPartyAssessment'),
      s('annexIIIPoint'),
      b('profilesPersons'),
      s('derogationConditions'),
      s('derogationJustification'),
      s('transparencyTriggers'),
      b('gpaiModelProvider'),
      b('gpaiHighImpact'),
      b('gpaiCommissionDesignated'),
      f('gpaiTrainingFlop'),
      b('ownNameOrTrademark'),
      b('substantialModification'),
      b('changedIntendedPurpose'),
      d('placedOnMarketOn'),
      b('significantDesignChange'),
      b('publicAuthorityUse'),
      b('annexXComponent'),
    ],
  },
  {
    label: 'Control',
    caption: ['id', 'name'],
    side: 'organization',
    properties: [s('orgId'), s('id'), s('name'), s('description'), s('owner'), s('status')],
  },
  {
    label: 'Evidence',
    caption: ['id', 'title'],
    side: 'organization',
    properties: [
      s('orgId'),
      s('id'),
      s('title'),
      s('kind'),
      s('uri'),
      s('sha256'),
      d('collectedAt'),
      d('validUntil'),
      s('status'),
      s('owner'),
    ],
  },
  {
    label: 'Risk',
    caption: ['id', 'title'],
    side: 'organization',
    properties: [s('orgId'), s('id'), s('title'), f('likelihood'), f('impact'), s('treatment')],
  },
  // The readiness programme (importers/programme.ts).
  {
    label: 'Person',
    caption: ['name'],
    side: 'organization',
    properties: [s('orgId'), s('id'), s('name'), s('kind'), s('role'), s('email')],
  },
  {
    label: 'Training',
    caption: ['course'],
    side: 'organization',
    properties: [s('orgId'), s('id'), s('course'), s('kind'), d('completedOn'), d('validUntil')],
  },
  {
    label: 'Audit',
    caption: ['title'],
    side: 'organization',
    properties: [s('orgId'), s('id'), s('title'), s('kind'), s('status'), d('performedOn'), s('auditor'), b('independent')],
  },
  {
    label: 'Finding',
    caption: ['id', 'title'],
    side: 'organization',
    properties: [s('orgId'), s('id'), s('title'), s('description'), s('kind'), d('raisedOn')],
  },
  {
    label: 'CorrectiveAction',
    caption: ['id', 'title'],
    side: 'organization',
    properties: [s('orgId'), s('id'), s('title'), s('status'), d('dueOn'), d('closedOn')],
  },
  {
    label: 'ManagementReview',
    caption: ['id'],
    side: 'organization',
    // inputs is a list: a string to Bloom.
    properties: [s('orgId'), s('id'), d('heldOn'), s('inputs'), s('decisions'), s('actions')],
  },
  {
    label: COVERAGE_STATUS_LABEL,
    caption: ['status'],
    side: 'snapshot',
    properties: [
      s('orgId'),
      s('requirementUid'),
      s('frameworkId'),
      s('status'),
      s('basis'),
      b('indicated'),
      d('asOf'),
      f('maxDepth'),
      f('minStrength'),
    ],
  },
];

export const RELATIONSHIP_TYPES: readonly RelationshipTypeSpec[] = [
  { type: 'IN_FRAMEWORK', from: 'Requirement', to: 'Framework', properties: [] },
  { type: 'PART_OF', from: 'Requirement', to: 'Requirement', properties: [] },
  {
    type: 'MAPS_TO',
    from: 'Requirement',
    to: 'Requirement',
    properties: [
      s('relationship'),
      f('strength'),
      s('rationale'),
      s('explanation'),
      s('source'),
      s('status'),
      // Provenance and review (crosswalk mappings approve|reject).
      s('importedFrom'),
      s('reviewedBy'),
      dt('reviewedAt'),
    ],
  },
  {
    type: 'ADOPTS',
    from: 'Organization',
    to: 'Framework',
    // The SoA's document control sits on the adoption.
    properties: [d('since'), d('targetDate'), s('scope'), s('soaVersion'), s('soaApprover'), d('soaApprovedOn')],
  },
  { type: 'EXCLUDES', from: 'Organization', to: 'Requirement', properties: [s('justification')] },
  { type: 'IMPLEMENTS', from: 'Control', to: 'Requirement', properties: [s('coverage'), s('note')] },
  { type: 'APPLIES_TO', from: 'Control', to: 'System', properties: [] },
  { type: 'SUPPORTS', from: 'Evidence', to: 'Control', properties: [] },
  { type: 'CONCERNS', from: 'Evidence', to: 'System', properties: [] },
  { type: 'THREATENS', from: 'Risk', to: 'System', properties: [] },
  { type: 'MITIGATES', from: 'Control', to: 'Risk', properties: [] },
  { type: 'MEMBER_OF', from: 'Person', to: 'Person', properties: [] },
  { type: 'RESPONSIBLE_FOR', from: 'Person', to: ['System', 'Control', 'Risk', 'Framework'], properties: [s('raci')] },
  { type: 'COMPLETED_BY', from: 'Training', to: 'Person', properties: [] },
  { type: 'AUDITS', from: 'Audit', to: ['Framework', 'Requirement', 'System'], properties: [] },
  { type: 'RAISED_IN', from: 'Finding', to: 'Audit', properties: [] },
  { type: 'ABOUT', from: 'Finding', to: ['Requirement', 'Control'], properties: [] },
  { type: 'CORRECTS', from: 'CorrectiveAction', to: 'Finding', properties: [] },
  { type: 'OWNED_BY', from: 'CorrectiveAction', to: 'Person', properties: [] },
  { type: 'CLOSED_BY', from: 'CorrectiveAction', to: 'Evidence', properties: [] },
  { type: 'REVIEWS', from: 'ManagementReview', to: 'Framework', properties: [] },
  { type: STATUS_OF, from: COVERAGE_STATUS_LABEL, to: 'Requirement', properties: [] },
];

/** Labels the application writes for itself, not part of the model (schema migrations, maintained coverage). */
export const INTERNAL_LABELS: readonly string[] = [
  'SchemaMigration',
  'CoverageDirect',
  'CoverageInferred',
  'CoverageState',
  'CoveragePending',
];
/** Relationship types the maintained coverage stores between requirements (coverage/README.md). */
export const INTERNAL_RELATIONSHIP_TYPES: readonly string[] = ['COVERAGE_INHERITS', 'COVERAGE_INDICATES'];

// ---- Values the style rules colour (from graph/model.ts and the coverage semantics) ----

// The status list has one home, queries/status.ts (the snapshot stores what the coverage question returns).
export { COVERAGE_STATUSES } from '../queries/status.ts';
export { CONTROL_STATUSES, COVERAGES, EVIDENCE_STATUSES, MAPPING_RELATIONSHIPS, MAPPING_STATUSES };
