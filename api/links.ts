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
}

interface LinkProperty {
  name: string;
  graphqlType: string;
  /** Cypher expression storing the argument (dates are converted). */
  value: string;
  description: string;
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
];

/** The message prefix the server turns into `extensions.code: NOT_FOUND` (api/server.ts formatError). */
export const NOT_FOUND_PREFIX = 'NOT_FOUND: ';

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
  return [
    `OPTIONAL MATCH (${variable}:${end.label} ${where})`,
    `CALL apoc.util.validate(${variable} IS NULL, '${NOT_FOUND_PREFIX}no ${end.noun}${name}${scope}', ${args})`,
  ].join('\n');
}

/** The Cypher of `add<Link>` or `remove<Link>`: both ends matched within the caller's organization. */
export function linkCypher(link: LinkSpec, action: 'add' | 'remove'): string {
  const write =
    action === 'add'
      ? [
          `MERGE (from)-[link:${link.type}]->(to)`,
          ...(link.properties.length ? [`SET ${link.properties.map((p) => `link.${p.name} = ${p.value}`).join(', ')}`] : []),
        ]
      : [`OPTIONAL MATCH (from)-[link:${link.type}]->(to)`, 'DELETE link'];
  return [
    `// ${action}${link.name}: ${link.from.label}-[:${link.type}]->${link.to.label} within the caller's organization`,
    GUARD,
    `WITH *`,
    match('from', link.from),
    match('to', link.to),
    ...write,
    'RETURN from AS result',
  ].join('\n');
}

function args(link: LinkSpec, action: 'add' | 'remove'): string {
  const ends = [link.from, link.to].filter((e) => e.arg).map((e) => `"${e.noun} (${e.key})" ${e.arg}: ID!`);
  const properties =
    action === 'add' ? link.properties.map((p) => `${JSON.stringify(p.description)} ${p.name}: ${p.graphqlType}`) : [];
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
