/**
 * The Neo4j Bloom perspective (graph/bloom/crosswalk.json), generated from the model so that it never drifts:
 * `crosswalk export bloom` writes it, test/integration/bloom.test.ts regenerates it and compares.
 *
 * Format: the JSON Bloom 2.x writes with "Export perspective" (Bloom in Neo4j Desktop and Aura, Neo4j 5):
 * name, id, categories (labels, properties, captions, colours, style rules), relationshipTypes, templates
 * (search phrases), sceneActions, palette, hidden labels, metadata.pathSegments, timestamps, version. No
 * public schema exists for the file; the field names follow perspectives exported by Bloom 2.x. Unsure, and
 * only checkable in a real Bloom (which needs an Enterprise database, so not in this repository's tests):
 * - the exact style-rule field set (Bloom has added fields over versions; missing ones take defaults when
 *   Bloom migrates an imported perspective, and `version` tells it which migrations to run);
 * - whether search-phrase parameter names carry the `$` (written here with it, as Bloom's editor shows them);
 * - `availableOn` of scene actions: written with category names, which equal label names here, so either
 *   reading (categories or labels) gives the same result;
 * - `metadata` (Bloom recomputes path segments and statistics with "Refresh perspective" anyway).
 * Timestamps are a constant so that regenerating gives identical bytes.
 *
 * Coverage status is computed per organization and not stored on the shared Requirement nodes, while Bloom
 * styles only by stored properties. So the search phrases answer live (through the same status block as the
 * API) and the colours come from an explicit snapshot: `crosswalk bloom snapshot --org ID` writes
 * CoverageStatus nodes (coverage/snapshot.ts), styled by status and drawn on their requirements.
 */
import fs from 'node:fs';
import path from 'node:path';
import { cypher as questionCypher } from '../../queries/cypher.ts';
import { INDICATED_COLOR, INHERITED_COLOR, STATUS_COLORS as QUERY_STATUS_COLORS } from '../../queries/status.ts';
import { PROJECT_ROOT } from '../config.ts';
import {
  CONTROL_STATUSES,
  COVERAGE_STATUS_LABEL,
  COVERAGE_STATUSES,
  COVERAGES,
  EVIDENCE_STATUSES,
  LABELS,
  MAPPING_RELATIONSHIPS,
  RELATIONSHIP_TYPES,
  type BloomDataType,
  type LabelSpec,
  type PropertySpec,
} from './vocabulary.ts';

export const PERSPECTIVE_FILE = path.join(PROJECT_ROOT, 'graph', 'bloom', 'crosswalk.json');
/** The perspective format version written (Bloom 2.x); see the notes above. */
export const BLOOM_FORMAT_VERSION = '2.0.0';
/** Fixed creation/edit time (2026-11-22T00:00:00Z, in ms as Bloom writes it): regenerating changes nothing. */
const TIMESTAMP = String(Date.UTC(2026, 10, 22));

// ---- Bloom's perspective shapes ----

export interface BloomProperty {
  name: string;
  exclude: boolean;
  isCaption: boolean;
  dataType: BloomDataType;
}

export interface BloomStyleRule {
  /** `single`: when basedOn meets the condition; `range`: scale size/colour over [minValue, maxValue]. */
  type: 'single' | 'range';
  basedOn: string;
  dataType: 'string' | 'number' | 'boolean';
  condition: 'equals' | 'greater' | 'less' | 'isTrue' | 'isFalse' | 'between';
  conditionValue: string | null;
  minValue: number | null;
  maxValue: number | null;
  applyColor: boolean;
  applySize: boolean;
  applyCaption: boolean;
  applyIcon: boolean;
  styleColor: string | null;
  styleSize: number | null;
  minSize: number | null;
  maxSize: number | null;
  existingField: boolean;
  disabled: boolean;
}

export interface BloomCategory {
  id: number;
  name: string;
  color: string;
  size: number;
  icon: string;
  labels: string[];
  properties: BloomProperty[];
  hiddenLabels: string[];
  caption: string[];
  textSize: number;
  textAlign: 'top' | 'middle' | 'bottom';
  styleRules: BloomStyleRule[];
  createdAt: string;
  lastEditedAt: string;
}

export interface BloomRelationshipType {
  name: string;
  id: string;
  color: string;
  width: number;
  properties: BloomProperty[];
  styleRules: BloomStyleRule[];
}

export interface BloomParam {
  name: string;
  dataType: BloomDataType;
  suggestionLabel: string | null;
  suggestionProp: string | null;
  /** Cypher returning the suggestions (one column) when they are not a label's property. */
  cypher: string | null;
}

export interface BloomTemplate {
  id: string;
  name: string;
  text: string;
  cypher: string;
  params: BloomParam[];
  hasCypher: true;
  isUpdateQuery: false;
  createdAt: string;
}

export interface BloomSceneAction {
  id: string;
  name: string;
  cypher: string;
  isUpdateQuery: false;
  availableOn: string[];
  excludedOn: string[];
  createdAt: string;
}

export interface BloomPerspective {
  name: string;
  id: string;
  categories: BloomCategory[];
  categoryIndex: number;
  relationshipTypes: BloomRelationshipType[];
  palette: { colors: string[]; currentIndex: number };
  templates: BloomTemplate[];
  sceneActions: BloomSceneAction[];
  hiddenRelationshipTypes: string[];
  hideUncategorisedData: boolean;
  hiddenLabels: string[];
  parentPerspectiveId: null;
  metadata: { pathSegments: { source: string; relationshipType: string; target: string }[]; indexes: never[] };
  createdAt: string;
  lastEditedAt: string;
  version: string;
}

// ---- Colours ----

/** Bloom's default palette. */
const PALETTE = [
  '#FFE081',
  '#C990C0',
  '#F79767',
  '#57C7E3',
  '#F16667',
  '#D9C8AE',
  '#8DCC93',
  '#ECB5C9',
  '#4C8EDA',
  '#FFC454',
  '#DA7194',
  '#569480',
  '#848484',
  '#D9D9D9',
];

/** The coverage status colours of the built-in explorer (queries/status.ts), so both views read the same. */
export const STATUS_COLORS: Record<(typeof COVERAGE_STATUSES)[number], string> = QUERY_STATUS_COLORS;
/** The seeded frameworks' colours (requirements take their framework's colour; others keep the default). */
export const FRAMEWORK_COLORS: Record<string, string> = {
  iso42001: '#1565c0',
  iso27001: '#00838f',
  'eu-ai-act': '#6a1b9a',
  gdpr: '#ad1457',
  nis2: '#ef6c00',
  // The implementing regulation of NIS2: a lighter shade of the directive's colour.
  'nis2-ir': '#ffa726',
};
const CONTROL_COLORS: Record<(typeof CONTROL_STATUSES)[number], string> = {
  planned: '#b0bec5',
  implemented: '#546e7a',
  operating: '#37474f',
  retired: '#eceff1',
};
const EVIDENCE_COLORS: Record<(typeof EVIDENCE_STATUSES)[number], string> = {
  approved: '#a1887f',
  draft: '#d7ccc8',
  rejected: '#5d4037',
};
const MAPPING_COLORS: Record<(typeof MAPPING_RELATIONSHIPS)[number], string> = {
  equal: '#2e7d32',
  superset_of: '#1565c0',
  subset_of: '#57C7E3',
  intersects_with: '#f2a900',
  no_relationship: '#D9D9D9',
};
const COVERAGE_COLORS: Record<(typeof COVERAGES)[number], string> = { full: '#2e7d32', partial: '#8bc34a' };

const CATEGORY_STYLE: Record<string, { color: string; size: number }> = {
  Framework: { color: '#4C8EDA', size: 3 },
  Requirement: { color: '#57C7E3', size: 1 },
  Organization: { color: '#FFC454', size: 3 },
  System: { color: '#F79767', size: 2 },
  Control: { color: '#37474f', size: 1 },
  Evidence: { color: '#a1887f', size: 1 },
  Risk: { color: '#F16667', size: 1 },
  [COVERAGE_STATUS_LABEL]: { color: '#D9D9D9', size: 1 },
};

// ---- Style rules ----

const RULE_DEFAULTS = {
  minValue: null,
  maxValue: null,
  applyColor: false,
  applySize: false,
  applyCaption: false,
  applyIcon: false,
  styleColor: null,
  styleSize: null,
  minSize: null,
  maxSize: null,
  existingField: false,
  disabled: false,
} as const;

/** Colour (and optionally size) when a string property equals a value. */
function whenEquals(basedOn: string, value: string, color: string, size?: number): BloomStyleRule {
  return {
    type: 'single',
    basedOn,
    dataType: 'string',
    condition: 'equals',
    conditionValue: value,
    ...RULE_DEFAULTS,
    applyColor: true,
    styleColor: color,
    ...(size === undefined ? {} : { applySize: true, styleSize: size }),
  };
}

function whenTrue(basedOn: string, color: string): BloomStyleRule {
  return {
    type: 'single',
    basedOn,
    dataType: 'boolean',
    condition: 'isTrue',
    conditionValue: null,
    ...RULE_DEFAULTS,
    applyColor: true,
    styleColor: color,
  };
}

function whenFalse(basedOn: string, color: string, size: number): BloomStyleRule {
  return {
    type: 'single',
    basedOn,
    dataType: 'boolean',
    condition: 'isFalse',
    conditionValue: null,
    ...RULE_DEFAULTS,
    applyColor: true,
    styleColor: color,
    applySize: true,
    styleSize: size,
  };
}

function sizeRange(basedOn: string, minValue: number, maxValue: number, minSize: number, maxSize: number): BloomStyleRule {
  return {
    type: 'range',
    basedOn,
    dataType: 'number',
    condition: 'between',
    conditionValue: null,
    ...RULE_DEFAULTS,
    minValue,
    maxValue,
    applySize: true,
    minSize,
    maxSize,
  };
}

const rulesFrom = <K extends string>(
  basedOn: string,
  colors: Record<K, string>,
  sizes: Partial<Record<K, number>> = {},
): BloomStyleRule[] =>
  (Object.entries(colors) as [K, string][]).map(([value, color]) => whenEquals(basedOn, value, color, sizes[value]));

/** Bloom gives the first matching rule precedence: specific rules first. */
const CATEGORY_RULES: Record<string, BloomStyleRule[]> = {
  Requirement: [whenFalse('normative', '#eceff1', 0.75), ...rulesFrom('frameworkId', FRAMEWORK_COLORS)],
  Control: rulesFrom('status', CONTROL_COLORS),
  Evidence: rulesFrom('status', EVIDENCE_COLORS),
  System: [
    whenEquals('aiActRisk', 'prohibited', '#d32f2f', 2),
    whenEquals('aiActRisk', 'high', '#F16667', 2),
    whenEquals('aiActRisk', 'limited', '#F79767'),
  ],
  Risk: [sizeRange('impact', 1, 5, 1, 2)],
  // Met by inheritance and "not met, related work indicated" wear their own colours before the status's.
  [COVERAGE_STATUS_LABEL]: [
    whenEquals('basis', 'inherited', INHERITED_COLOR),
    whenTrue('indicated', INDICATED_COLOR),
    ...rulesFrom('status', STATUS_COLORS, { gap: 1.5, stale: 1.25 }),
  ],
};

const RELATIONSHIP_STYLE: Record<string, { color: string; width: number; rules: BloomStyleRule[] }> = {
  MAPS_TO: {
    color: '#848484',
    width: 2,
    rules: [...rulesFrom('relationship', MAPPING_COLORS), sizeRange('strength', 1, 10, 1, 5)],
  },
  IMPLEMENTS: { color: '#2e7d32', width: 2, rules: rulesFrom('coverage', COVERAGE_COLORS) },
  SUPPORTS: { color: '#a1887f', width: 1, rules: [] },
  STATUS_OF: { color: '#9e9e9e', width: 1, rules: [] },
  EXCLUDES: { color: '#9e9e9e', width: 1, rules: [] },
};

/** The relationship property shown as caption (Bloom shows the type otherwise). */
const RELATIONSHIP_CAPTION: Record<string, string> = { MAPS_TO: 'relationship', IMPLEMENTS: 'coverage' };

// ---- Search phrases and scene actions ----

const INCLUDE = /^\/\/ @include ([\w-]+)[ \t]*$/gm;

/**
 * The Cypher of graph/bloom/NAME.cypher as it goes into the perspective: `// @include BLOCK` expanded from
 * queries/ (the shared status block, so Bloom judges coverage exactly as the API does) and comment-only and
 * blank lines dropped (the .cypher files carry the explanations).
 */
export function bloomCypher(name: string): string {
  const text = fs
    .readFileSync(path.join(PROJECT_ROOT, 'graph', 'bloom', `${name}.cypher`), 'utf8')
    .replace(INCLUDE, (_line, block: string) => questionCypher(block));
  return text
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.trim().startsWith('//'))
    .join('\n');
}

const byLabel = (label: string, prop: string): Pick<BloomParam, 'suggestionLabel' | 'suggestionProp' | 'cypher'> => ({
  suggestionLabel: label,
  suggestionProp: prop,
  cypher: null,
});
const param = (name: string, suggestions: Pick<BloomParam, 'suggestionLabel' | 'suggestionProp' | 'cypher'>): BloomParam => ({
  name: `$${name}`,
  dataType: 'String',
  ...suggestions,
});

const FRAMEWORK = byLabel('Framework', 'id');
const ORG = byLabel('Organization', 'id');
const REQUIREMENT = byLabel('Requirement', 'uid');
/** Dates Bloom suggests: the days evidence expires on (any YYYY-MM-DD may be typed). */
export const EXPIRY_DATES_CYPHER =
  'MATCH (e:Evidence) WHERE e.validUntil IS NOT NULL WITH DISTINCT toString(e.validUntil) AS date RETURN date ORDER BY date';

export interface PhraseSpec {
  file: string;
  text: string;
  params: BloomParam[];
}

export const SEARCH_PHRASES: readonly PhraseSpec[] = [
  {
    file: 'evidence-covering-both',
    text: 'Evidence covering $a and $b for $org',
    params: [param('a', FRAMEWORK), param('b', FRAMEWORK), param('org', ORG)],
  },
  { file: 'gaps', text: 'Gaps in $framework for $org', params: [param('framework', FRAMEWORK), param('org', ORG)] },
  {
    file: 'why-covered',
    text: 'Why is $requirement covered for $org',
    params: [param('requirement', REQUIREMENT), param('org', ORG)],
  },
  {
    file: 'expires-before',
    text: 'What expires before $date for $org',
    params: [param('date', { suggestionLabel: null, suggestionProp: null, cypher: EXPIRY_DATES_CYPHER }), param('org', ORG)],
  },
  {
    file: 'coverage-snapshot',
    text: 'Coverage snapshot of $framework for $org',
    params: [param('framework', FRAMEWORK), param('org', ORG)],
  },
  { file: 'mappings-of', text: 'Mappings of $requirement', params: [param('requirement', REQUIREMENT)] },
];

export interface ActionSpec {
  file: string;
  name: string;
  availableOn: string[];
}

export const SCENE_ACTIONS: readonly ActionSpec[] = [
  { file: 'action-expand-mappings', name: 'Expand mappings', availableOn: ['Requirement'] },
  { file: 'action-expand-mapping-paths', name: 'Expand approved mapping paths (3 hops)', availableOn: ['Requirement'] },
  { file: 'action-controls-and-evidence', name: 'Show controls and evidence', availableOn: ['Requirement'] },
  { file: 'action-coverage-status', name: 'Show coverage status (snapshot)', availableOn: ['Requirement'] },
  { file: 'action-requirements-of-control', name: 'Show implemented requirements', availableOn: ['Control', 'Evidence'] },
];

// ---- The perspective ----

function properties(specs: readonly PropertySpec[], caption: readonly string[]): BloomProperty[] {
  return specs.map((p) => ({ name: p.name, exclude: false, isCaption: caption.includes(p.name), dataType: p.dataType }));
}

function category(spec: LabelSpec, index: number): BloomCategory {
  const style = CATEGORY_STYLE[spec.label] ?? { color: PALETTE[index % PALETTE.length] ?? '#848484', size: 1 };
  return {
    id: index + 1,
    name: spec.label,
    color: style.color,
    size: style.size,
    icon: 'no-icon',
    labels: [spec.label],
    properties: properties(spec.properties, spec.caption),
    hiddenLabels: [],
    caption: [...spec.caption],
    textSize: 1,
    textAlign: 'top',
    styleRules: CATEGORY_RULES[spec.label] ?? [],
    createdAt: TIMESTAMP,
    lastEditedAt: TIMESTAMP,
  };
}

export function buildPerspective(): BloomPerspective {
  const categories = LABELS.map(category);
  return {
    name: 'crosswalk',
    id: 'crosswalk-perspective',
    categories,
    categoryIndex: categories.length + 1,
    relationshipTypes: RELATIONSHIP_TYPES.map((rel) => ({
      name: rel.type,
      id: rel.type,
      color: RELATIONSHIP_STYLE[rel.type]?.color ?? '#848484',
      width: RELATIONSHIP_STYLE[rel.type]?.width ?? 1,
      properties: properties(rel.properties, RELATIONSHIP_CAPTION[rel.type] ? [RELATIONSHIP_CAPTION[rel.type] ?? ''] : []),
      styleRules: RELATIONSHIP_STYLE[rel.type]?.rules ?? [],
    })),
    palette: { colors: PALETTE, currentIndex: categories.length % PALETTE.length },
    templates: SEARCH_PHRASES.map((phrase) => ({
      id: `tmpl:${phrase.file}`,
      name: phrase.text,
      text: phrase.text,
      cypher: bloomCypher(phrase.file),
      params: phrase.params,
      hasCypher: true,
      isUpdateQuery: false,
      createdAt: TIMESTAMP,
    })),
    sceneActions: SCENE_ACTIONS.map((action) => ({
      id: `action:${action.file.replace(/^action-/, '')}`,
      name: action.name,
      cypher: bloomCypher(action.file),
      isUpdateQuery: false,
      availableOn: action.availableOn,
      excludedOn: [],
      createdAt: TIMESTAMP,
    })),
    hiddenRelationshipTypes: [],
    hideUncategorisedData: false,
    hiddenLabels: [],
    parentPerspectiveId: null,
    metadata: {
      pathSegments: RELATIONSHIP_TYPES.map((rel) => ({ source: rel.from, relationshipType: rel.type, target: rel.to })),
      indexes: [],
    },
    createdAt: TIMESTAMP,
    lastEditedAt: TIMESTAMP,
    version: BLOOM_FORMAT_VERSION,
  };
}

/** The file's text: two-space indented JSON with a final newline. */
export const perspectiveJson = (perspective: BloomPerspective = buildPerspective()): string =>
  `${JSON.stringify(perspective, null, 2)}\n`;
