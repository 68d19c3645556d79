/**
 * What every importer produces: plain records with the position they came from. The validator checks a
 * whole ImportBatch, the writer writes it; formats only translate their input into these records.
 */
import type { Position } from './problems.ts';
import type { OrgNodeRecord } from './programme.ts';

export interface FrameworkRecord {
  at: Position;
  id: string;
  name: string;
  version: string | null;
  publisher: string | null;
  kind: string;
  url: string | null;
  /** ISO date `YYYY-MM-DD`. */
  publishedOn: string | null;
  /** Identifier in the tool the catalog came from (CISO Assistant URN), kept to resolve its crosswalks. */
  urn?: string | null;
  /** What a CISO Assistant library carries besides our fields (stored, exposed, never interpreted). */
  extras?: FrameworkExtras;
  /** `--into`: the nodes go into this existing framework, whose own fields stay as they are. */
  into?: boolean;
  /** The id was given by the user, not derived from the library. */
  idGiven?: boolean;
  /** The URN of the CISO Assistant library the framework came from (a built-in framework has none). */
  library?: string | null;
}

/** CISO Assistant framework fields kept as they are: JSON text, since they are nested maps. */
export interface FrameworkExtras {
  /** `implementation_groups_definition` as JSON: [{ref_id, name, description}]. */
  implementationGroupsDefinition?: string;
  /** `translations` as JSON: {locale: {name, description, ...}}. */
  translations?: string;
}

/** CISO Assistant requirement-node fields kept as they are. */
export interface RequirementExtras {
  implementationGroups?: string[];
  /** URNs of CISO Assistant reference controls (security functions). */
  referenceControls?: string[];
  annotation?: string;
  typicalEvidence?: string;
  /** `translations` as JSON: {locale: {name, description, annotation, ...}}. */
  translations?: string;
}

export interface RequirementRecord {
  at: Position;
  uid: string;
  frameworkId: string;
  ref: string;
  /** uid of the parent requirement, if any. */
  parentUid: string | null;
  kind: string;
  order: number | null;
  normative: boolean;
  title: string;
  summary: string | null;
  url: string | null;
  /** Identifier in the tool the catalog came from (CISO Assistant URN), kept to resolve its crosswalks. */
  urn?: string | null;
  /** Set by formats that know it (OSCAL): 'withdrawn' for a withdrawn control, null for one in force. */
  status?: string | null;
  /** The parent's URN (CISO Assistant), so that a node added `--into` a framework finds its parent there. */
  parentUrn?: string | null;
  extras?: RequirementExtras;
}

/**
 * A foreign identifier of a requirement (or, with ref null, of a framework) already in the graph or in the
 * same import: the URNs CISO Assistant uses for the built-in catalogs (seeds/ciso-assistant/).
 */
export interface UrnAliasRecord {
  at: Position;
  frameworkId: string;
  ref: string | null;
  urn: string;
}

/** Library fields added to a node that exists already (`--into`): only fields the node has none of. */
export interface RequirementExtrasRecord {
  at: Position;
  uid: string;
  extras: RequirementExtras;
}

export interface MappingRecord {
  at: Position;
  sourceUid: string;
  targetUid: string;
  relationship: string;
  strength: number;
  rationale: string | null;
  source: string | null;
  explanation: string | null;
  status: string;
  /**
   * Set instead of sourceUid/targetUid by formats that reference requirements by foreign identifier
   * (CISO Assistant URNs); importers/resolve.ts turns them into uids before validation.
   */
  sourceUrn?: string;
  targetUrn?: string;
  /** The file (base name) a mapping was imported from: `crosswalk mappings list --file`. */
  importedFrom?: string;
  /** Who approved it at import (`--approve`), recorded with the time like a review. */
  reviewedBy?: string;
  /** Sides resolved to the nearest built-in ancestor (importers/resolve.ts); the relationship is weakened. */
  rolledUp?: { side: 'source' | 'target'; urn: string; uid: string }[];
}

// ---- Organization inventory (seeds/templates/README.md). Every org-side record carries its orgId. ----

export interface OrganizationRecord {
  at: Position;
  id: string;
  name: string;
}

export interface AdoptionRecord {
  at: Position;
  orgId: string;
  frameworkId: string;
  since: string | null;
  targetDate: string | null;
  scope: string | null;
  /** Document control of the Statement of Applicability for this framework. */
  soaVersion?: string | null;
  soaApprover?: string | null;
  /** ISO date `YYYY-MM-DD`. */
  soaApprovedOn?: string | null;
}

export interface ExclusionRecord {
  at: Position;
  orgId: string;
  requirementUid: string;
  justification: string;
}

export interface SystemRecord {
  at: Position;
  orgId: string;
  id: string;
  name: string;
  purpose: string | null;
  isAI: boolean | null;
  aiActRole: string | null;
  aiActRisk: string | null;
  gpai: boolean | null;
  lifecycleStage: string | null;
  owner: string | null;
  /** The AI Act facts (graph/model.ts AI_ACT_FACT_PROPERTIES); null = not answered. */
  aiActFacts: SystemAiActFacts;
}

export interface SystemAiActFacts {
  prohibitedPractices: string[] | null;
  annexILegislation: string | null;
  thirdPartyAssessment: boolean | null;
  annexIIIPoint: string | null;
  profilesPersons: boolean | null;
  derogationConditions: string[] | null;
  derogationJustification: string | null;
  transparencyTriggers: string[] | null;
  gpaiModelProvider: boolean | null;
  gpaiHighImpact: boolean | null;
  gpaiCommissionDesignated: boolean | null;
  gpaiTrainingFlop: number | null;
  ownNameOrTrademark: boolean | null;
  substantialModification: boolean | null;
  changedIntendedPurpose: boolean | null;
  placedOnMarketOn: string | null;
  significantDesignChange: boolean | null;
  publicAuthorityUse: boolean | null;
  annexXComponent: boolean | null;
}

export interface ControlRecord {
  at: Position;
  orgId: string;
  id: string;
  name: string;
  description: string | null;
  owner: string | null;
  status: string;
}

export interface ImplementsRecord {
  at: Position;
  orgId: string;
  controlId: string;
  requirementUid: string;
  coverage: string;
  note: string | null;
}

export interface EvidenceRecord {
  at: Position;
  orgId: string;
  id: string;
  title: string;
  kind: string;
  uri: string | null;
  sha256: string | null;
  collectedAt: string | null;
  validUntil: string | null;
  status: string;
  owner: string | null;
}

export interface RiskRecord {
  at: Position;
  orgId: string;
  id: string;
  title: string;
  likelihood: number | null;
  impact: number | null;
  treatment: string | null;
}

/** A property-less link between two nodes of one organization, e.g. evidence_id -> control_id. */
export interface LinkRecord {
  at: Position;
  orgId: string;
  fromId: string;
  toId: string;
}

/** responsibilities.csv: (:Person)-[:RESPONSIBLE_FOR {raci}]->(:System|:Control|:Risk|:Framework). */
export interface ResponsibilityRecord {
  at: Position;
  orgId: string;
  personId: string;
  raci: string;
  /** The template's subject_kind: system, control, risk or framework (graph/model.ts RESPONSIBILITY_SUBJECTS). */
  subjectKind: string;
  subjectId: string;
}

export interface ImportBatch {
  frameworks: FrameworkRecord[];
  requirements: RequirementRecord[];
  urnAliases: UrnAliasRecord[];
  requirementExtras: RequirementExtrasRecord[];
  mappings: MappingRecord[];
  organizations: OrganizationRecord[];
  adoptions: AdoptionRecord[];
  exclusions: ExclusionRecord[];
  systems: SystemRecord[];
  controls: ControlRecord[];
  /** control-requirements.csv: (:Control)-[:IMPLEMENTS]->(:Requirement) */
  controlRequirements: ImplementsRecord[];
  /** control-systems.csv: (:Control)-[:APPLIES_TO]->(:System) */
  controlSystems: LinkRecord[];
  evidence: EvidenceRecord[];
  /** evidence-controls.csv: (:Evidence)-[:SUPPORTS]->(:Control) */
  evidenceControls: LinkRecord[];
  /** evidence-systems.csv: (:Evidence)-[:CONCERNS]->(:System) */
  evidenceSystems: LinkRecord[];
  risks: RiskRecord[];
  /** risk-systems.csv: (:Risk)-[:THREATENS]->(:System) */
  riskSystems: LinkRecord[];
  /** risk-controls.csv: (:Control)-[:MITIGATES]->(:Risk); fromId is the risk, toId the control. */
  riskControls: LinkRecord[];
  // The readiness programme (importers/programme.ts describes the six node types).
  persons: OrgNodeRecord[];
  responsibilities: ResponsibilityRecord[];
  trainings: OrgNodeRecord[];
  audits: OrgNodeRecord[];
  findings: OrgNodeRecord[];
  correctiveActions: OrgNodeRecord[];
  managementReviews: OrgNodeRecord[];
}

export const emptyBatch = (): ImportBatch => ({
  frameworks: [],
  requirements: [],
  urnAliases: [],
  requirementExtras: [],
  mappings: [],
  organizations: [],
  adoptions: [],
  exclusions: [],
  systems: [],
  controls: [],
  controlRequirements: [],
  controlSystems: [],
  evidence: [],
  evidenceControls: [],
  evidenceSystems: [],
  risks: [],
  riskSystems: [],
  riskControls: [],
  persons: [],
  responsibilities: [],
  trainings: [],
  audits: [],
  findings: [],
  correctiveActions: [],
  managementReviews: [],
});

/** Number of records in a batch (all types). */
export const batchSize = (batch: ImportBatch): number =>
  Object.values(batch).reduce((n: number, list: unknown[]) => n + list.length, 0);

export function mergeBatches(batches: ImportBatch[]): ImportBatch {
  const all = emptyBatch();
  for (const batch of batches) {
    // push(...list) overflows the stack for very large lists, so append in a loop.
    for (const key of Object.keys(all) as (keyof ImportBatch)[]) {
      const target = all[key] as unknown[];
      for (const item of batch[key]) target.push(item);
    }
  }
  return all;
}
