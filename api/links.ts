/**
 * Relationship writes through the API. @neo4j/graphql's nested `connect`/`disconnect` do not apply the
 * root node's authorization rules (a viewer of one organization could connect another organization's
 * control to a requirement: upstream issues #3560, #3788 and our test/integration/tenant-wall.test.ts), so
 * every relationship in api/typeDefs.graphql is read-only there (`nestedOperations: []`) and is written
 * only by the mutations generated here: `add<Link>` (idempotent: MERGE, then the properties are set) and
 * `remove<Link>`. Their Cypher matches BOTH ends inside the caller's organization (`$org` is the token's
 * `org` claim, api/server.ts), so a relationship across the tenant wall cannot be written by construction;
 * a viewer, or a token without an organization, is refused; a name that does not exist is NOT_FOUND.
 *
 * The link names are the import templates' names (seeds/templates/<name>.csv), so the API and the
 * importer speak of the same things.
 */

interface End {
  /** Node label. */
  label: string;
  /** GraphQL argument naming the node (absent for the caller's own Organization). */
  arg?: string;
  /** Key property matched by the argument. */
  key: string;
  /** Organization-side nodes are matched with `orgId: $org`; reference nodes are shared. */
  side: 'organization' | 'reference' | 'caller';
  /** How the node is named in NOT_FOUND messages. */
  noun: string;
  /** A condition the node must meet besides existing (Cypher on the end's variable `$`), and its noun when it does not. */
  kind?: { condition: string; noun: string };
}

interface LinkProperty {
  name: string;
  graphqlType: string;
  /** Cypher expression storing the argument (dates are converted). */
  value: string;
  description: string;
  /**
   * Part of the relationship's identity (RESPONSIBLE_FOR's raci: a person may be both responsible and
   * accountable): `add` MERGEs on it, and `remove` takes it too and removes only that relationship.
   */
  key?: boolean;
}

export interface LinkSpec {
  /** Singular PascalCase of the import template: `ControlRequirement` for control-requirements.csv. */
  name: string;
  template: string;
  type: string;
  from: End;
  to: End;
  properties: LinkProperty[];
  description: string;
  /** The `from` node has at most one such link (a training's person, a finding's audit): `add` replaces it. */
  single?: boolean;
  /** Both ends have the same label and may not be the same node (a body is no member of itself). */
  distinct?: string;
}

const ORGANIZATION: End = { label: 'Organization', key: 'id', side: 'caller', noun: 'organization' };
const FRAMEWORK: End = { label: 'Framework', arg: 'frameworkId', key: 'id', side: 'reference', noun: 'framework' };
const REQUIREMENT: End = { label: 'Requirement', arg: 'requirementUid', key: 'uid', side: 'reference', noun: 'requirement' };
const orgEnd = (label: string, noun: string): End => ({
  label,
  arg: `${label.charAt(0).toLowerCase()}${label.slice(1)}Id`,
  key: 'id',
  side: 'organization',
  noun,
});
const CONTROL = orgEnd('Control', 'control');
const SYSTEM = orgEnd('System', 'system');
const EVIDENCE = orgEnd('Evidence', 'evidence item');
const RISK = orgEnd('Risk', 'risk');
const PERSON = orgEnd('Person', 'person');
const BODY: End = {
  ...PERSON,
  arg: 'bodyId',
  noun: 'body',
  kind: { condition: "$.kind = 'body'", noun: 'body (a person of kind body)' },
};
const TRAINING = orgEnd('Training', 'training record');
const AUDIT = orgEnd('Audit', 'audit');
const FINDING = orgEnd('Finding', 'finding');
const CORRECTIVE_ACTION = orgEnd('CorrectiveAction', 'corrective action');
const MANAGEMENT_REVIEW = orgEnd('ManagementReview', 'management review');
const RACI: LinkProperty = {
  name: 'raci',
  graphqlType: 'Raci!',
  value: '$raci',
  description: 'responsible, accountable, consulted or informed',
  key: true,
};
const responsibility = (to: End, template = 'responsibilities'): LinkSpec => ({
  name: `${to.label}Responsibility`,
  template,
  type: 'RESPONSIBLE_FOR',
  from: PERSON,
  to,
  properties: [RACI],
  description: `A person or body is responsible, accountable, consulted or informed for a ${to.noun} (RESPONSIBLE_FOR {raci}).`,
});
const programmeLink = (
  name: string,
  template: string,
  type: string,
  from: End,
  to: End,
  description: string,
  single = false,
): LinkSpec => ({
  name,
  template,
  type,
  from,
  to,
  properties: [],
  description,
  ...(single ? { single } : {}),
});

const dateProperty = (name: string, description: string): LinkProperty => ({
  name,
  graphqlType: 'Date',
  value: `date($${name})`,
  description,
});

export const LINKS: readonly LinkSpec[] = [
  {
    name: 'Adoption',
    template: 'adoptions',
    type: 'ADOPTS',
    from: ORGANIZATION,
    to: FRAMEWORK,
    properties: [
      dateProperty('since', 'adopted since (YYYY-MM-DD)'),
      dateProperty('targetDate', 'when compliance is targeted (YYYY-MM-DD)'),
      { name: 'scope', graphqlType: 'String', value: '$scope', description: 'scope of the adoption' },
      {
        name: 'soaVersion',
        graphqlType: 'String',
        value: '$soaVersion',
        description: 'version of the Statement of Applicability',
      },
      {
        name: 'soaApprover',
        graphqlType: 'String',
        value: '$soaApprover',
        description: 'who approved the Statement of Applicability',
      },
      dateProperty('soaApprovedOn', 'when the Statement of Applicability was approved (YYYY-MM-DD)'),
    ],
    description: "The caller's organization adopts a framework (ADOPTS).",
  },
  {
    name: 'Exclusion',
    template: 'exclusions',
    type: 'EXCLUDES',
    from: ORGANIZATION,
    to: REQUIREMENT,
    properties: [
      {
        name: 'justification',
        graphqlType: 'String!',
        value: '$justification',
        description: 'why the requirement does not apply (Statement of Applicability)',
      },
    ],
    description:
      "The caller's organization excludes a requirement (and its parts) from its Statement of Applicability (EXCLUDES).",
  },
  {
    name: 'ControlRequirement',
    template: 'control-requirements',
    type: 'IMPLEMENTS',
    from: CONTROL,
    to: REQUIREMENT,
    properties: [
      { name: 'coverage', graphqlType: 'Coverage!', value: '$coverage', description: 'full or partial' },
      { name: 'note', graphqlType: 'String', value: '$note', description: 'how the control implements it' },
    ],
    description: 'A control implements a requirement (IMPLEMENTS).',
  },
  {
    name: 'ControlSystem',
    template: 'control-systems',
    type: 'APPLIES_TO',
    from: CONTROL,
    to: SYSTEM,
    properties: [],
    description: 'A control applies to a system (APPLIES_TO).',
  },
  {
    name: 'EvidenceControl',
    template: 'evidence-controls',
    type: 'SUPPORTS',
    from: EVIDENCE,
    to: CONTROL,
    properties: [],
    description: 'An evidence item supports a control (SUPPORTS).',
  },
  {
    name: 'EvidenceSystem',
    template: 'evidence-systems',
    type: 'CONCERNS',
    from: EVIDENCE,
    to: SYSTEM,
    properties: [],
    description: 'An evidence item concerns a system (CONCERNS).',
  },
  {
    name: 'RiskSystem',
    template: 'risk-systems',
    type: 'THREATENS',
    from: RISK,
    to: SYSTEM,
    properties: [],
    description: 'A risk threatens a system (THREATENS).',
  },
  {
    name: 'RiskControl',
    template: 'risk-controls',
    type: 'MITIGATES',
    from: CONTROL,
    to: RISK,
    properties: [],
    description: 'A control mitigates a risk (MITIGATES).',
  },
  // The readiness programme (seeds/templates/README.md "The readiness programme").
  {
    ...programmeLink('PersonMembership', 'persons', 'MEMBER_OF', PERSON, BODY, 'A person is a member of a body (MEMBER_OF).'),
    distinct: 'a body cannot be a member of itself',
  },
  responsibility(SYSTEM),
  responsibility(CONTROL),
  responsibility(RISK),
  responsibility(FRAMEWORK),
  programmeLink(
    'TrainingPerson',
    'trainings',
    'COMPLETED_BY',
    TRAINING,
    PERSON,
    'A training record is of a person (COMPLETED_BY; replaces its person).',
    true,
  ),
  programmeLink('AuditFramework', 'audits', 'AUDITS', AUDIT, FRAMEWORK, "A framework is in an audit's scope (AUDITS)."),
  programmeLink(
    'AuditRequirement',
    'audits',
    'AUDITS',
    AUDIT,
    REQUIREMENT,
    "A requirement (with its parts) is in an audit's scope (AUDITS).",
  ),
  programmeLink('AuditSystem', 'audits', 'AUDITS', AUDIT, SYSTEM, "A system is in an audit's scope (AUDITS)."),
  programmeLink(
    'FindingAudit',
    'findings',
    'RAISED_IN',
    FINDING,
    AUDIT,
    'A finding was raised in an audit (RAISED_IN; replaces its audit).',
    true,
  ),
  programmeLink('FindingRequirement', 'findings', 'ABOUT', FINDING, REQUIREMENT, 'A finding is about a requirement (ABOUT).'),
  programmeLink('FindingControl', 'findings', 'ABOUT', FINDING, CONTROL, 'A finding is about a control (ABOUT).'),
  programmeLink(
    'CorrectiveActionFinding',
    'corrective-actions',
    'CORRECTS',
    CORRECTIVE_ACTION,
    FINDING,
    'A corrective action corrects a finding (CORRECTS; replaces its finding).',
    true,
  ),
  programmeLink(
    'CorrectiveActionOwner',
    'corrective-actions',
    'OWNED_BY',
    CORRECTIVE_ACTION,
    PERSON,
    'A person owns a corrective action (OWNED_BY; replaces its owner).',
    true,
  ),
  programmeLink(
    'CorrectiveActionEvidence',
    'corrective-actions',
    'CLOSED_BY',
    CORRECTIVE_ACTION,
    EVIDENCE,
    'An evidence item closes a corrective action (CLOSED_BY).',
  ),
  programmeLink(
    'ManagementReviewFramework',
    'management-reviews',
    'REVIEWS',
    MANAGEMENT_REVIEW,
    FRAMEWORK,
    "A management review reviews a framework's management system (REVIEWS).",
  ),
];

/** The message prefix the server turns into `extensions.code: NOT_FOUND` (api/server.ts formatError). */
export const NOT_FOUND_PREFIX = 'NOT_FOUND: ';
/** The message prefix the server turns into `extensions.code: BAD_USER_INPUT`. */
export const BAD_INPUT_PREFIX = 'BAD_USER_INPUT: ';

/** Writers only: a viewer, or a token without an organization, gets @neo4j/graphql's own FORBIDDEN. */
const GUARD = `CALL apoc.util.validate($org IS NULL OR NOT any(role IN coalesce($jwt.roles, []) WHERE role IN ['editor', 'admin']),
  '@neo4j/graphql/FORBIDDEN', [])`;

function match(variable: string, end: End): string {
  const where =
    end.side === 'caller'
      ? `{id: $org}`
      : end.side === 'organization'
        ? `{orgId: $org, ${end.key}: $${end.arg}}`
        : `{${end.key}: $${end.arg}}`;
  const scope = end.side === 'reference' ? '' : ' in organization %s';
  const args = end.side === 'caller' ? '[$org]' : end.side === 'organization' ? `[$${end.arg}, $org]` : `[$${end.arg}]`;
  const name = end.side === 'caller' ? '' : ' %s';
  const kind = end.kind ? ` OR NOT (${end.kind.condition.replaceAll('$', variable)})` : '';
  return [
    `OPTIONAL MATCH (${variable}:${end.label} ${where})`,
    `CALL apoc.util.validate(${variable} IS NULL${kind}, '${NOT_FOUND_PREFIX}no ${end.kind?.noun ?? end.noun}${name}${scope}', ${args})`,
  ].join('\n');
}

/** The Cypher of `add<Link>` or `remove<Link>`: both ends matched within the caller's organization. */
export function linkCypher(link: LinkSpec, action: 'add' | 'remove'): string {
  const keys = link.properties.filter((p) => p.key);
  const rest = link.properties.filter((p) => !p.key);
  const identity = keys.length ? ` {${keys.map((p) => `${p.name}: ${p.value}`).join(', ')}}` : '';
  const write =
    action === 'add'
      ? [
          // One such link per `from` node: the one named replaces any other.
          ...(link.single
            ? [
                `CALL (from, to) { OPTIONAL MATCH (from)-[old:${link.type}]->(other:${link.to.label}) WHERE other <> to DELETE old }`,
              ]
            : []),
          `MERGE (from)-[link:${link.type}${identity}]->(to)`,
          ...(rest.length ? [`SET ${rest.map((p) => `link.${p.name} = ${p.value}`).join(', ')}`] : []),
        ]
      : [`OPTIONAL MATCH (from)-[link:${link.type}${identity}]->(to)`, 'DELETE link'];
  return [
    `// ${action}${link.name}: ${link.from.label}-[:${link.type}]->${link.to.label} within the caller's organization`,
    GUARD,
    `WITH *`,
    match('from', link.from),
    match('to', link.to),
    ...(link.distinct ? [`CALL apoc.util.validate(from = to, '${BAD_INPUT_PREFIX}${link.distinct}', [])`] : []),
    ...write,
    'RETURN from AS result',
  ].join('\n');
}

function args(link: LinkSpec, action: 'add' | 'remove'): string {
  const ends = [link.from, link.to].filter((e) => e.arg).map((e) => `"${e.noun} (${e.key})" ${e.arg}: ID!`);
  const properties = link.properties
    .filter((p) => action === 'add' || p.key)
    .map((p) => `${JSON.stringify(p.description)} ${p.name}: ${p.graphqlType}`);
  return [...ends, ...properties].join(', ');
}

/** The `type Mutation { add<Link> remove<Link> ... }` block for every link. */
export function linkTypeDefs(): string {
  const fields = LINKS.flatMap((link) =>
    (['add', 'remove'] as const).map((action) =>
      [
        `  ${JSON.stringify(`${action === 'add' ? link.description : `Removes: ${link.description}`} Both ends must belong to the caller's organization; editors and admins only.`)}`,
        `  ${action}${link.name}(${args(link, action)}): ${link.from.label}!`,
        `    @cypher(columnName: "result", statement: ${JSON.stringify(linkCypher(link, action))})`,
      ].join('\n'),
    ),
  );
  return ['type Mutation {', ...fields, '}', ''].join('\n');
}
