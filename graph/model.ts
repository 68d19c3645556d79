/**
 * The graph model's vocabulary (see README "Graph model"): labels, relationship types and the allowed
 * values of enumerated properties. Importers validate against these; the API and queries use the names.
 */
export const FRAMEWORK_KINDS = ['standard', 'regulation', 'directive', 'implementing_act'] as const;

export const REQUIREMENT_KINDS = [
  'clause',
  'subclause',
  'annex_a_group',
  'annex_a_objective',
  'annex_a_control',
  'chapter',
  'section',
  'article',
  'paragraph',
  'point',
  'annex',
  'measure',
  'reporting_step',
  // Catalogs imported from other tools (OSCAL, CISO Assistant) that do not say what a node is.
  'group',
  'control',
  'requirement',
] as const;

/** NIST IR 8477 set-theory relationships: the source relative to the target. */
export const MAPPING_RELATIONSHIPS = ['equal', 'subset_of', 'superset_of', 'intersects_with', 'no_relationship'] as const;
export const MAPPING_RATIONALES = ['syntactic', 'semantic', 'functional'] as const;
/** Where a mapping comes from. */
export const MAPPING_SOURCES = ['legal_cross_reference', 'harmonized_structure', 'expert_judgement', 'imported'] as const;
export const MAPPING_STATUSES = ['approved', 'draft', 'rejected'] as const;

export type FrameworkKind = (typeof FRAMEWORK_KINDS)[number];
export type RequirementKind = (typeof REQUIREMENT_KINDS)[number];
export type MappingRelationship = (typeof MAPPING_RELATIONSHIPS)[number];
export type MappingRationale = (typeof MAPPING_RATIONALES)[number];

/** The inverse of a relationship, for reading a mapping from its target's side. */
export const INVERSE_RELATIONSHIP: Record<MappingRelationship, MappingRelationship> = {
  equal: 'equal',
  subset_of: 'superset_of',
  superset_of: 'subset_of',
  intersects_with: 'intersects_with',
  no_relationship: 'no_relationship',
};

/**
 * The strength scale of seeds/mappings/README.md: a full relationship (equal, superset_of, subset_of) is a
 * claim an auditor relies on and carries at least this strength; it is also the default `minStrength` a
 * hop needs for coverage to be inherited through it (queries/README.md).
 */
export const FULL_MAPPING_MIN_STRENGTH = 7;
/** An intersection that leaves nothing out would be `equal`. */
export const INTERSECTS_MAX_STRENGTH = 9;
/** `no_relationship` rows record that nothing carries over. */
export const NO_RELATIONSHIP_STRENGTH = 1;

export const requirementUid = (frameworkId: string, ref: string): string => `${frameworkId}:${ref}`;

// ---- Organization side (seeds/templates/README.md) ----
export const AI_ACT_ROLES = ['provider', 'deployer', 'importer', 'distributor', 'product_manufacturer'] as const;
export const AI_ACT_RISKS = ['prohibited', 'high', 'limited', 'minimal'] as const;
/** Art.5(1) points (a) to (h), in order (seeds/ai-act/facts.csv explains each). */
export const PROHIBITED_PRACTICES = [
  'subliminal_manipulation',
  'exploiting_vulnerabilities',
  'social_scoring',
  'criminal_risk_profiling',
  'facial_image_scraping',
  'emotion_inference_work_education',
  'biometric_categorisation_sensitive',
  'realtime_remote_biometric_identification',
] as const;
/** Art.6(3) second subparagraph, points (a) to (d). */
export const DEROGATION_CONDITIONS = [
  'narrow_procedural_task',
  'improves_completed_human_activity',
  'detects_decision_patterns',
  'preparatory_task',
] as const;
/** Art.50(1), (2), (3), (4) first and second subparagraph. */
export const TRANSPARENCY_TRIGGERS = [
  'interacts_with_persons',
  'synthetic_content',
  'emotion_or_biometric_categorisation',
  'deep_fake',
  'public_interest_text',
] as const;
/**
 * The AI Act facts of a System (graph property names; README "AI Act facts"). Lists store [] for "none";
 * a missing property means "not answered yet" and becomes a question, never a guess.
 */
export const AI_ACT_FACT_PROPERTIES = [
  'prohibitedPractices',
  'annexILegislation',
  'thirdPartyAssessment',
  'annexIIIPoint',
  'profilesPersons',
  'derogationConditions',
  'derogationJustification',
  'transparencyTriggers',
  'gpaiModelProvider',
  'gpaiHighImpact',
  'gpaiCommissionDesignated',
  'gpaiTrainingFlop',
  'ownNameOrTrademark',
  'substantialModification',
  'changedIntendedPurpose',
  'placedOnMarketOn',
  'significantDesignChange',
  'publicAuthorityUse',
  'annexXComponent',
] as const;
export const LIFECYCLE_STAGES = ['design', 'development', 'validation', 'deployment', 'operation', 'retired'] as const;
export const CONTROL_STATUSES = ['planned', 'implemented', 'operating', 'retired'] as const;
export const COVERAGES = ['full', 'partial'] as const;
export const EVIDENCE_KINDS = [
  'policy',
  'procedure',
  'record',
  'report',
  'log',
  'certificate',
  'contract',
  'assessment',
  'training_record',
  'screenshot',
  'other',
] as const;
export const EVIDENCE_STATUSES = ['draft', 'approved', 'rejected'] as const;
export const RISK_TREATMENTS = ['mitigate', 'accept', 'transfer', 'avoid'] as const;

export type AiActRole = (typeof AI_ACT_ROLES)[number];
export type AiActRisk = (typeof AI_ACT_RISKS)[number];
export type ProhibitedPractice = (typeof PROHIBITED_PRACTICES)[number];
export type DerogationCondition = (typeof DEROGATION_CONDITIONS)[number];
export type TransparencyTrigger = (typeof TRANSPARENCY_TRIGGERS)[number];
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];
export type ControlStatus = (typeof CONTROL_STATUSES)[number];
export type Coverage = (typeof COVERAGES)[number];
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];
export type EvidenceStatus = (typeof EVIDENCE_STATUSES)[number];
export type RiskTreatment = (typeof RISK_TREATMENTS)[number];

// ---- The readiness programme (issue 24; seeds/templates/README.md "Programme") ----
/** A Person is a named individual or a body (board, committee) individuals are members of. */
export const PERSON_KINDS = ['individual', 'body'] as const;
/** RACI: who does the work, who answers for it (one per subject), who is asked, who is told. */
export const RACI_ROLES = ['responsible', 'accountable', 'consulted', 'informed'] as const;
/** Awareness for everyone (ISO/IEC 42001 and 27001 7.3), role-specific competence (7.2), AI literacy (AI Act Art.4). */
export const TRAINING_KINDS = ['awareness', 'role_specific', 'ai_literacy'] as const;
export const AUDIT_KINDS = ['internal', 'external'] as const;
export const AUDIT_STATUSES = ['planned', 'in_progress', 'completed'] as const;
export const FINDING_KINDS = ['major_nonconformity', 'minor_nonconformity', 'observation', 'opportunity'] as const;
export const CORRECTIVE_ACTION_STATUSES = ['open', 'in_progress', 'closed'] as const;
/** What a management review considers (ISO/IEC 42001 and 27001 clause 9.3.2, in our words). */
export const MANAGEMENT_REVIEW_INPUTS = [
  'previous_actions',
  'context_changes',
  'stakeholder_needs',
  'stakeholder_feedback',
  'nonconformities',
  'monitoring_results',
  'audit_results',
  'objectives',
  'risk_treatment',
  'improvement_opportunities',
] as const;
/** The inputs a framework's management review must cover (a framework not listed asks for none). */
export const REQUIRED_REVIEW_INPUTS: Record<string, readonly ManagementReviewInput[]> = {
  iso42001: [
    'previous_actions',
    'context_changes',
    'stakeholder_needs',
    'nonconformities',
    'monitoring_results',
    'audit_results',
    'improvement_opportunities',
  ],
  iso27001: MANAGEMENT_REVIEW_INPUTS,
};
/** What a responsibility (RESPONSIBLE_FOR) may be for: the template's subject_kind and the node label. */
export const RESPONSIBILITY_SUBJECTS = { system: 'System', control: 'Control', risk: 'Risk', framework: 'Framework' } as const;

export type PersonKind = (typeof PERSON_KINDS)[number];
export type RaciRole = (typeof RACI_ROLES)[number];
export type TrainingKind = (typeof TRAINING_KINDS)[number];
export type AuditKind = (typeof AUDIT_KINDS)[number];
export type AuditStatus = (typeof AUDIT_STATUSES)[number];
export type FindingKind = (typeof FINDING_KINDS)[number];
export type CorrectiveActionStatus = (typeof CORRECTIVE_ACTION_STATUSES)[number];
export type ManagementReviewInput = (typeof MANAGEMENT_REVIEW_INPUTS)[number];
export type ResponsibilitySubject = keyof typeof RESPONSIBILITY_SUBJECTS;
