/**
 * The tenant wall, generated from the schema: every case below is derived from the type definitions and
 * the executable schema (api/typeDefs.graphql + generated fields), so a type, relationship field, filter
 * or mutation added later is attacked without writing a test for it.
 *
 * Two organizations get the same generated data: for every organization-side node type one node, every
 * String property starting with the organization's marker, every relationship of the type definitions
 * between them and to two reference requirements (one shared by both organizations, one only the victim
 * uses). Then, with tokens of the attacker organization (viewer, editor, admin) and without an
 * organization (viewer, editor):
 * - reads: every root list and Connection with every scalar, every relationship (nested two levels) and
 *   every relationship Connection with its edge properties and aggregate;
 * - filters: for every root type, every path of one or two relationship filters (`some`), relationship
 *   Connection filters on node and edge, and Connection aggregate filters, ending in `startsWith` the
 *   victim's marker: nothing may be selected, and no victim value may appear anywhere in any answer;
 * - questions: every reuse question, asked with the victim's names;
 * - writes: every mutation of the schema, aimed at the victim's nodes (update, delete, every link
 *   mutation with each end in the victim's organization) and, for viewers, at their own organization;
 *   the victim's graph (nodes, properties, relationships with their properties, also to reference data)
 *   must be byte-identical afterwards, and a viewer's own organization too.
 * A mutation the generator does not know fails the test instead of going unchecked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphQLField, GraphQLInputObjectType, GraphQLObjectType, GraphQLSchema } from 'graphql';
import { mintToken, type Role } from '../../api/auth.ts';
import { readApiOptions } from '../../api/config.ts';
import { graphql } from '../../api/graphql-runtime.ts';
import { LINKS, type LinkSpec } from '../../api/links.ts';
import { SELECTIONS } from '../../api/explorer/browser/selections.ts';
import { questionFields } from '../../api/questions.ts';
import { buildSchema, readTypeDefs } from '../../api/schema.ts';
import { startApiServer, type ApiServer } from '../../api/server.ts';
import type { Graph } from '../../graph/connection.ts';
import { testGraph } from './helpers.ts';

const { getNamedType, isEnumType, isInputObjectType, isListType, isNonNullType, isScalarType, Kind, parse } = graphql;

const SECRET = 'test-secret-0123456789-0123456789-abcdef';
const ATTACKER = 'wall-a';
const VICTIM = 'wall-b';
const MARK = { [ATTACKER]: 'WALLA', [VICTIM]: 'WALLB' } as const;
const FRAMEWORK = 'wallfw';
const SHARED_REQ = `${FRAMEWORK}:S`;
const OWN_REQ = { [ATTACKER]: `${FRAMEWORK}:A`, [VICTIM]: `${FRAMEWORK}:B` } as const;
const nodeId = (org: string, type: string) => `${org}-${type}`;

// ---- The model, read from the type definitions ---------------------------------------------------

interface RelationshipField {
  field: string;
  type: string;
  direction: 'IN' | 'OUT';
  target: string;
  properties?: string;
}
interface NodeType {
  name: string;
  organizationSide: boolean;
  scalars: { name: string; type: string; required: boolean; list?: boolean }[];
  relationships: RelationshipField[];
}

function readModel(): {
  nodes: Map<string, NodeType>;
  propertyTypes: Map<string, NodeType['scalars']>;
  enums: Map<string, string[]>;
} {
  const document = parse(readTypeDefs());
  const nodes = new Map<string, NodeType>();
  const propertyTypes = new Map<string, NodeType['scalars']>();
  const enums = new Map<string, string[]>();
  const named = (t: import('graphql').TypeNode): string => (t.kind === Kind.NAMED_TYPE ? t.name.value : named(t.type));
  for (const def of document.definitions) {
    if (def.kind === Kind.ENUM_TYPE_DEFINITION)
      enums.set(
        def.name.value,
        (def.values ?? []).map((v) => v.name.value),
      );
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
    const directives = new Set((def.directives ?? []).map((d) => d.name.value));
    const scalars: NodeType['scalars'] = [];
    const relationships: RelationshipField[] = [];
    for (const field of def.fields ?? []) {
      const rel = field.directives?.find((d) => d.name.value === 'relationship');
      if (field.directives?.some((d) => d.name.value === 'cypher')) continue;
      if (rel) {
        const arg = (name: string) => {
          const value = rel.arguments?.find((a) => a.name.value === name)?.value;
          return value && (value.kind === Kind.STRING || value.kind === Kind.ENUM) ? value.value : undefined;
        };
        relationships.push({
          field: field.name.value,
          type: arg('type')!,
          direction: arg('direction') as 'IN' | 'OUT',
          target: named(field.type),
          properties: arg('properties'),
        });
      } else {
        const list = (t: import('graphql').TypeNode): boolean =>
          t.kind === Kind.LIST_TYPE ? true : t.kind === Kind.NON_NULL_TYPE ? list(t.type) : false;
        scalars.push({
          name: field.name.value,
          type: named(field.type),
          required: field.type.kind === Kind.NON_NULL_TYPE,
          list: list(field.type),
        });
      }
    }
    if (directives.has('relationshipProperties')) propertyTypes.set(def.name.value, scalars);
    if (directives.has('node')) {
      nodes.set(def.name.value, {
        name: def.name.value,
        organizationSide: scalars.some((s) => s.name === 'orgId') || def.name.value === 'Organization',
        scalars,
        relationships,
      });
    }
  }
  return { nodes, propertyTypes, enums };
}

const model = readModel();
const orgTypes = [...model.nodes.values()].filter((n) => n.organizationSide);

// ---- Fixture: the same generated data in both organizations --------------------------------------

function valueFor(type: string, text: string): unknown {
  if (type === 'String' || type === 'ID') return text;
  if (type === 'Int') return 1;
  if (type === 'Float') return 1.5;
  if (type === 'Boolean') return true;
  if (type === 'Date') return '2030-01-01';
  const values = model.enums.get(type);
  if (values) return values[0];
  throw new Error(`no fixture value for type ${type}: extend valueFor()`);
}

function propertiesOf(scalars: NodeType['scalars'], org: string, owner: string, id: string): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  for (const s of scalars) {
    if (s.name === 'orgId') props.orgId = org;
    else if (s.name === 'id') props.id = id;
    else {
      const value = valueFor(s.type, `${MARK[org as keyof typeof MARK]} ${owner}.${s.name}`);
      props[s.name] = s.list ? [value] : value;
    }
  }
  return props;
}

const label = (name: string) => {
  if (!/^[A-Za-z]+$/.test(name)) throw new Error(`unexpected name ${name}`);
  return `\`${name}\``;
};

async function writeFixture(graph: Graph, org: keyof typeof MARK): Promise<void> {
  for (const type of orgTypes) {
    const id = type.name === 'Organization' ? org : nodeId(org, type.name);
    const props = propertiesOf(type.scalars, org, type.name, id);
    // Dates as Neo4j dates, like the importer writes them.
    const dates = type.scalars.filter((s) => s.type === 'Date').map((s) => s.name);
    await graph.run(
      `CREATE (n:${label(type.name)}) SET n = $props ${dates.map((d) => `SET n.${label(d)} = date(n.${label(d)})`).join(' ')}`,
      { props },
    );
  }
  const match = (t: string, v: string) =>
    model.nodes.get(t)!.organizationSide
      ? `MATCH (${v}:${label(t)} {${t === 'Organization' ? 'id' : 'id'}: $${v}Id})`
      : `MATCH (${v}:${label(t)}) WHERE ${v}.${t === 'Requirement' ? 'uid' : 'id'} IN $${v}Ids`;
  const seen = new Set<string>();
  for (const type of orgTypes) {
    for (const rel of type.relationships) {
      const [from, to] = rel.direction === 'OUT' ? [type.name, rel.target] : [rel.target, type.name];
      const key = `${from}-${rel.type}-${to}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const idOf = (t: string) => (t === 'Organization' ? org : nodeId(org, t));
      const refIds = (t: string) => (t === 'Requirement' ? [SHARED_REQ, OWN_REQ[org]] : [FRAMEWORK]);
      const props = rel.properties ? propertiesOf(model.propertyTypes.get(rel.properties)!, org, rel.properties, '') : {};
      await graph.run(`${match(from, 'a')} ${match(to, 'b')} CREATE (a)-[r:${rel.type}]->(b) SET r = $props`, {
        aId: idOf(from),
        bId: idOf(to),
        aIds: refIds(from),
        bIds: refIds(to),
        props,
      });
    }
  }
}

const ORG_DATA = `
MATCH (n) WHERE n.orgId = $org OR (n:Organization AND n.id = $org)
OPTIONAL MATCH (n)-[r]-(m)
WITH n, collect(CASE WHEN r IS NOT NULL THEN [type(r), startNode(r) = n, coalesce(m.uid, m.id), properties(r)] END) AS rels
RETURN labels(n) AS labels, properties(n) AS props, rels`;

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  if (value && typeof value === 'object' && value.constructor === Object) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value === null || typeof value !== 'object' ? value : String(value);
}

/** Every node of an organization with its properties and relationships: what no other tenant may change. */
async function fingerprint(graph: Graph, org: string): Promise<string> {
  const { records } = await graph.run(ORG_DATA, { org });
  return JSON.stringify(canonical(records.map((r) => r.toObject())));
}

// ---- The API ------------------------------------------------------------------------------------

let graph: Graph;
let server: ApiServer;
let schema: GraphQLSchema;
const tokens: Record<string, string> = {};
const ATTACKERS = ['viewer@wall-a', 'editor@wall-a', 'admin@wall-a', 'viewer', 'editor'] as const;
const READERS = ['viewer@wall-a', 'viewer'] as const;

interface Answer {
  status: number;
  text: string;
  body: { data?: Record<string, any> | null; errors?: { message: string; extensions?: { code?: string } }[] };
}

async function gql(who: string, query: string): Promise<Answer> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[who]}` },
    body: JSON.stringify({ query }),
  });
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) };
}

/** No value of the victim's data may appear in an answer, whatever it is. */
function expectNoVictimData(answer: Answer, what: string, echoed: string[] = []): void {
  expect(answer.text.includes(MARK[VICTIM]), `${what} leaked the victim's data: ${answer.text.slice(0, 300)}`).toBe(false);
  // Names the caller passed in (a question's arguments) may be echoed; any other victim id is a leak.
  const text = echoed.reduce((t, name) => t.replaceAll(`"${name}"`, '""'), answer.text);
  expect(text.includes(`"${VICTIM}-`), `${what} leaked a victim id: ${answer.text.slice(0, 300)}`).toBe(false);
}

const gqlValue = (value: unknown): string =>
  value === null || value === undefined
    ? 'null'
    : typeof value === 'object'
      ? Array.isArray(value)
        ? `[${value.map(gqlValue).join(', ')}]`
        : `{ ${Object.entries(value as Record<string, unknown>)
            .map(([k, v]) => `${k}: ${gqlValue(v)}`)
            .join(', ')} }`
      : typeof value === 'string' && value.startsWith('ENUM:')
        ? value.slice(5)
        : JSON.stringify(value);

// ---- Cases generated from the executable schema --------------------------------------------------

const objectType = (name: string) => schema.getType(name) as GraphQLObjectType;
const inputType = (name: string) => schema.getType(name) as GraphQLInputObjectType | undefined;
const isLeaf = (field: GraphQLField<unknown, unknown>) => {
  const t = getNamedType(field.type);
  return (isScalarType(t) || isEnumType(t)) && field.args.length === 0;
};

/**
 * `a b c` for every scalar of a node type and, to `depth` levels, every relationship; with `connections`,
 * the first level's relationship Connections with edge properties and aggregate too (deeper Connections
 * make the generated Cypher too large to plan within the timeout, and read nothing new).
 */
function selection(typeName: string, depth: number, connections = true): string {
  const type = objectType(typeName);
  const parts: string[] = [];
  for (const field of Object.values(type.getFields())) {
    if (isLeaf(field)) parts.push(field.name);
  }
  if (depth > 0) {
    for (const rel of model.nodes.get(typeName)?.relationships ?? []) {
      // Reference data leads nowhere but reference data (the first test proves it): no need to go deeper.
      const deeper = model.nodes.get(rel.target)?.organizationSide ? depth - 1 : 0;
      parts.push(`${rel.field}(limit: 5) { ${selection(rel.target, deeper, false)} }`);
      if (!connections) continue;
      const edgeProps = rel.properties ? ` properties { ${selection(rel.properties, 0)} }` : '';
      parts.push(
        `${rel.field}Connection(first: 5) { totalCount aggregate { count { nodes } } edges { node { ${selection(rel.target, 0)} }${edgeProps} } }`,
      );
    }
  }
  return parts.join(' ');
}

interface Root {
  type: string;
  list: string;
  connection: string;
}

function roots(): Root[] {
  const query = schema.getQueryType()!.getFields();
  const result: Root[] = [];
  for (const node of model.nodes.keys()) {
    const list = Object.values(query).find((f) => isListType(getNullableType(f.type)) && getNamedType(f.type).name === node);
    const connection = Object.values(query).find(
      (f) => getNamedType(f.type).name.endsWith('Connection') && f.name.endsWith('Connection') && connectionNode(f) === node,
    );
    if (!list || !connection) throw new Error(`no root query for ${node}`);
    result.push({ type: node, list: list.name, connection: connection.name });
  }
  return result;
}
const getNullableType = (t: import('graphql').GraphQLType) => (isNonNullType(t) ? t.ofType : t);
function connectionNode(field: GraphQLField<unknown, unknown>): string | undefined {
  const edges = (getNamedType(field.type) as GraphQLObjectType).getFields?.().edges;
  const node = edges && (getNamedType(edges.type) as GraphQLObjectType).getFields().node;
  return node ? getNamedType(node.type).name : undefined;
}

/** `{ s: { startsWith: "WALLB" } }` on the first String property of a node or properties type. */
function markerPredicate(whereType: string): Record<string, unknown> | undefined {
  const where = inputType(whereType);
  const field = Object.values(where?.getFields() ?? {}).find(
    (f) => getNamedType(f.type).name === 'StringScalarFilters' && f.name !== 'orgId',
  );
  return field ? { [field.name]: { startsWith: MARK[VICTIM] } } : undefined;
}

interface FilterCase {
  root: Root;
  where: Record<string, unknown>;
  /** True when the filter can only match through the victim's data: it must select nothing. */
  selectsNothing: boolean;
  label: string;
}

function filterCases(): FilterCase[] {
  const cases: FilterCase[] = [];
  const walk = (
    root: Root,
    typeName: string,
    depth: number,
    wrap: (inner: Record<string, unknown>) => Record<string, unknown>,
    path: string,
  ) => {
    const where = inputType(`${typeName}Where`)!;
    for (const field of Object.values(where.getFields())) {
      const filters = getNamedType(field.type);
      if (!isInputObjectType(filters) || !('some' in filters.getFields())) continue;
      const some = getNamedType(filters.getFields().some!.type) as GraphQLInputObjectType;
      const isConnection = 'node' in some.getFields();
      // Reference data holds no organization's values and leads into none (the first test proves it), so
      // only filters that end in organization data, or on a relationship's own properties, can leak.
      const target = (isConnection ? getNamedType(some.getFields().node!.type).name : some.name).replace(/Where$/, '');
      const intoOrganization = Boolean(model.nodes.get(target)?.organizationSide);
      if (isConnection) {
        const nodeWhere = getNamedType(some.getFields().node!.type).name;
        const nodeMarker = intoOrganization && markerPredicate(nodeWhere);
        if (nodeMarker)
          cases.push({
            root,
            where: wrap({ [field.name]: { some: { node: nodeMarker } } }),
            selectsNothing: true,
            label: `${path}.${field.name}.node`,
          });
        const edge = some.getFields().edge;
        const edgeMarker = edge && markerPredicate(getNamedType(edge.type).name);
        if (edgeMarker)
          cases.push({
            root,
            where: wrap({ [field.name]: { some: { edge: edgeMarker } } }),
            selectsNothing: true,
            label: `${path}.${field.name}.edge`,
          });
        if (intoOrganization && 'aggregate' in filters.getFields()) {
          cases.push({
            root,
            where: wrap({ [field.name]: { aggregate: { count: { nodes: { gt: 0 } } } } }),
            selectsNothing: false,
            label: `${path}.${field.name}.aggregate`,
          });
        }
      } else {
        const marker = intoOrganization && markerPredicate(some.name);
        if (marker)
          cases.push({
            root,
            where: wrap({ [field.name]: { some: marker } }),
            selectsNothing: true,
            label: `${path}.${field.name}`,
          });
        // A path into reference data cannot lead back out of it (the first test proves it).
        if (depth < 2 && intoOrganization) {
          walk(root, target, depth + 1, (inner) => wrap({ [field.name]: { some: inner } }), `${path}.${field.name}`);
        }
      }
    }
  };
  for (const root of roots()) walk(root, root.type, 1, (inner) => inner, root.type);
  return cases;
}

// ---- Setup ---------------------------------------------------------------------------------------

const CLEANUP = `MATCH (n) WHERE n.orgId IN $orgs OR (n:Organization AND n.id IN $orgs) OR n.frameworkId = $fw OR (n:Framework AND n.id = $fw)
  OR n.id STARTS WITH 'wall-new-' DETACH DELETE n`;

beforeAll(async () => {
  graph = await testGraph();
  await graph.run(CLEANUP, { orgs: [ATTACKER, VICTIM], fw: FRAMEWORK });
  await graph.run(
    `CREATE (f:Framework {id: $fw, name: 'Wall test framework', kind: 'standard'})
     WITH f UNWIND ['S', 'A', 'B'] AS ref
     CREATE (r:Requirement {uid: $fw + ':' + ref, frameworkId: $fw, ref: ref, title: 'Wall ' + ref, normative: true, order: 1})-[:IN_FRAMEWORK]->(f)`,
    { fw: FRAMEWORK },
  );
  await writeFixture(graph, ATTACKER);
  await writeFixture(graph, VICTIM);
  schema = await buildSchema();
  server = await startApiServer(graph, { port: 0, host: '127.0.0.1', api: { ...readApiOptions({}), auth: { secret: SECRET } } });
  for (const who of ATTACKERS) {
    const [role, org] = who.split('@') as [Role, string | undefined];
    tokens[who] = await mintToken(SECRET, { roles: [role], org }, { ttlSeconds: 3600 });
  }
});

afterAll(async () => {
  await server?.stop();
  await graph?.run(CLEANUP, { orgs: [ATTACKER, VICTIM], fw: FRAMEWORK });
  await graph?.close();
});

// ---- The cases -----------------------------------------------------------------------------------

let cases = 0;

describe('the tenant wall, generated from the schema', () => {
  it('the schema offers no way from shared data into organization data, and no nested relationship writes', () => {
    for (const node of model.nodes.values()) {
      if (node.organizationSide) continue;
      for (const rel of node.relationships) {
        expect(model.nodes.get(rel.target)?.organizationSide, `${node.name}.${rel.field} leads into organization data`).toBe(
          false,
        );
      }
    }
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isInputObjectType(type) || !/(Create|Update)Input$/.test(type.name)) continue;
      for (const field of Object.values(type.getFields())) {
        const named = getNamedType(field.type).name;
        expect(
          /FieldInput$|UpdateFieldInput$|ConnectInput|DisconnectInput/.test(named),
          `${type.name}.${field.name} writes a relationship`,
        ).toBe(false);
        expect(field.name, `${type.name} lets a client set orgId`).not.toBe('orgId');
      }
    }
  });

  it('reads: every root list and Connection, with nested relationships and their Connections', async () => {
    for (const root of roots()) {
      const depth = model.nodes.get(root.type)!.organizationSide ? 2 : 1;
      const query = `{ list: ${root.list}(limit: 5) { ${selection(root.type, depth)} }
        connection: ${root.connection}(first: 5) { totalCount aggregate { count { nodes } } edges { node { ${selection(root.type, 1)} } } } }`;
      for (const who of READERS) {
        const answer = await gql(who, query);
        cases++;
        expect(answer.body.errors, `${root.type} as ${who}: ${answer.text.slice(0, 300)}`).toBeUndefined();
        expectNoVictimData(answer, `${root.type} read as ${who}`);
      }
    }
    // Not vacuous: the attacker's own data and the shared reference data are there.
    const own = await gql(
      'viewer@wall-a',
      `{ controls { id name } requirements(where: { frameworkId: { eq: "${FRAMEWORK}" } }) { uid } }`,
    );
    expect(own.body.data?.controls).toEqual([{ id: 'wall-a-Control', name: 'WALLA Control.name' }]);
    expect(own.body.data?.requirements).toHaveLength(3);
  }, 600_000);

  it('filters: no relationship filter, Connection filter or aggregate filter selects through the victim', async () => {
    const generated = filterCases();
    expect(generated.length).toBeGreaterThan(20);
    // Six cases a request (list + Connection each: 12 aliases, within the alias limit).
    for (let at = 0; at < generated.length; at += 6) {
      const batch = generated.slice(at, at + 6);
      const query = `{ ${batch
        .map((c, i) => {
          const where = gqlValue(c.where);
          return `l${i}: ${c.root.list}(where: ${where}, limit: 5) { ${selection(c.root.type, 0)} }
            c${i}: ${c.root.connection}(where: ${where}, first: 5) { totalCount aggregate { count { nodes } } }`;
        })
        .join('\n')} }`;
      for (const who of READERS) {
        const answer = await gql(who, query);
        cases += batch.length;
        const labels = batch.map((c) => c.label).join(', ');
        expect(answer.body.errors, `${labels} as ${who}: ${answer.text.slice(0, 300)}`).toBeUndefined();
        expectNoVictimData(answer, `filters ${labels} as ${who}`);
        batch.forEach((c, i) => {
          if (!c.selectsNothing) return;
          expect(answer.body.data?.[`l${i}`], `filter ${c.label} as ${who} selected something`).toEqual([]);
          expect(answer.body.data?.[`c${i}`].totalCount, `filter ${c.label} as ${who} counted something`).toBe(0);
        });
      }
    }
  }, 600_000);

  it("questions: every reuse question, asked with the victim's names", async () => {
    const names: Record<string, string> = {
      framework: FRAMEWORK,
      requirement: OWN_REQ[VICTIM],
      system: nodeId(VICTIM, 'System'),
      evidence: nodeId(VICTIM, 'Evidence'),
      control: nodeId(VICTIM, 'Control'),
      organization: VICTIM,
    };
    for (const q of questionFields()) {
      const args = q.params
        .filter((p) => p.required || p.exists)
        .map((p) => `${p.name}: ${JSON.stringify(p.exists ? names[p.exists] : p.type === 'date' ? '2026-11-22' : FRAMEWORK)}`);
      // Every field of the typed result selected (api/selections.ts), so nothing of an answer goes unread.
      const query = `{ ${q.field}${args.length ? `(${args.join(', ')})` : ''} ${SELECTIONS[q.field as keyof typeof SELECTIONS]} }`;
      for (const who of READERS) {
        const answer = await gql(who, query);
        cases++;
        expectNoVictimData(answer, `question ${q.field} as ${who}`, Object.values(names));
      }
    }
  }, 600_000);

  it('writes: every mutation aimed at the victim changes nothing of it; viewers change nothing at all', async () => {
    const victimBefore = await fingerprint(graph, VICTIM);
    const mutations = schema.getMutationType()!.getFields();
    const linkByField = new Map<string, LinkSpec>(
      LINKS.flatMap((l) => [[`add${l.name}`, l] as [string, LinkSpec], [`remove${l.name}`, l] as [string, LinkSpec]]),
    );
    /** `victim`: aimed at the victim's data; `own`: at the attacker's own, tried by viewers only. */
    const attempts: { mutation: string; text: string; aim: 'victim' | 'own' }[] = [];
    let fresh = 0;
    for (const [name, field] of Object.entries(mutations)) {
      const link = linkByField.get(name);
      const crud = /^(create|update|delete)/.exec(name)?.[1];
      if (link) {
        for (const { args, aim } of linkArguments(link, field)) {
          attempts.push({ mutation: name, text: `${name}(${args}) { __typename }`, aim });
        }
        continue;
      }
      if (name === 'approveMappings' || name === 'rejectMappings') {
        // Reference data, admins only (api/mapping-review.ts): viewers are refused, and a decision on
        // mappings names no organization's data.
        for (const aim of ['victim', 'own'] as const)
          attempts.push({ mutation: name, text: `${name}(filter: { file: "wall-none.yaml" }) { decided }`, aim });
        continue;
      }
      const node = crud && nodeOfMutation(field);
      if (!node) throw new Error(`mutation ${name} has no case generator: add one to test/integration/tenant-wall.test.ts`);
      const key = node === 'Requirement' ? 'uid' : 'id';
      const keyOf = (org: keyof typeof MARK) =>
        node === 'Organization'
          ? org
          : node === 'Requirement'
            ? OWN_REQ[org]
            : node === 'Framework'
              ? FRAMEWORK
              : nodeId(org, node);
      for (const aim of ['victim', 'own'] as const) {
        const where = `{ ${key}: { eq: ${JSON.stringify(keyOf(aim === 'victim' ? VICTIM : ATTACKER))} } }`;
        if (crud === 'create') {
          const input = gqlValue(createInput(node, `wall-new-${fresh++}`));
          if (aim === 'own') attempts.push({ mutation: name, text: `${name}(input: [${input}]) { info { nodesCreated } }`, aim });
        } else if (crud === 'update') {
          attempts.push({
            mutation: name,
            text: `${name}(where: ${where}, update: ${gqlValue(updateInput(node))}) { info { nodesCreated } }`,
            aim,
          });
        } else {
          attempts.push({ mutation: name, text: `${name}(where: ${where}) { nodesDeleted }`, aim });
        }
      }
      if (crud !== 'create' && model.nodes.get(node)!.organizationSide && node !== 'Organization') {
        const update =
          crud === 'update' ? `, update: ${gqlValue(updateInput(node))}) { info { nodesCreated } }` : ') { nodesDeleted }';
        attempts.push({ mutation: name, text: `${name}(where: { orgId: { eq: "${VICTIM}" } }${update}`, aim: 'victim' });
      }
    }
    expect(attempts.length).toBeGreaterThan(40);
    let writesByEditors = 0;
    for (const attempt of attempts) {
      const who = attempt.aim === 'victim' ? ATTACKERS : (['viewer@wall-a', 'viewer'] as const);
      const ownBefore = attempt.aim === 'own' ? await fingerprint(graph, ATTACKER) : undefined;
      const answers: string[] = [];
      for (const token of who) {
        const answer = await gql(token, `mutation { ${attempt.text} }`);
        cases++;
        answers.push(`${token}: ${answer.text.slice(0, 160)}`);
        expectNoVictimData(answer, `${attempt.mutation} as ${token}`);
        if (token === 'viewer@wall-a' && attempt.aim === 'own') {
          expect(answer.body.errors?.[0]?.extensions?.code, `${attempt.text} as a viewer: ${answer.text.slice(0, 200)}`).toBe(
            'FORBIDDEN',
          );
        }
        if (token === 'editor@wall-a' && !answer.body.errors) writesByEditors++;
      }
      expect(await fingerprint(graph, VICTIM), `${attempt.text} changed the victim:\n${answers.join('\n')}`).toBe(victimBefore);
      if (ownBefore)
        expect(await fingerprint(graph, ATTACKER), `${attempt.text} by a viewer wrote:\n${answers.join('\n')}`).toBe(ownBefore);
    }
    // Not vacuous: editors' writes that stay inside their organization went through.
    expect(writesByEditors).toBeGreaterThan(10);
    console.log(`tenant wall: ${cases} generated cases; ${attempts.length} mutation attempts`);
  }, 600_000);
});

function nodeOfMutation(field: GraphQLField<unknown, unknown>): string | undefined {
  const response = getNamedType(field.type) as GraphQLObjectType;
  for (const f of Object.values(response.getFields?.() ?? {})) {
    const t = getNamedType(f.type).name;
    if (model.nodes.has(t)) return t;
  }
  const where = field.args.find((a) => a.name === 'where');
  return where ? getNamedType(where.type).name.replace(/Where$/, '') : undefined;
}

/** A create input with every field filled (the attacker tries to create; orgId cannot even be named). */
function createInput(node: string, id: string): Record<string, unknown> {
  const input = inputType(`${node}CreateInput`)!;
  const values: Record<string, unknown> = {};
  for (const field of Object.values(input.getFields())) {
    const t = getNamedType(field.type);
    if (field.name === 'id' || field.name === 'uid') values[field.name] = id;
    else if (field.name === 'frameworkId') values[field.name] = FRAMEWORK;
    else if (isEnumType(t)) values[field.name] = `ENUM:${t.getValues()[0]!.name}`;
    else if (isScalarType(t)) values[field.name] = valueFor(t.name, `${MARK[ATTACKER]} created`);
  }
  return values;
}

function updateInput(node: string): Record<string, unknown> {
  const input = inputType(`${node}UpdateInput`)!;
  const field = Object.values(input.getFields()).find((f) => {
    const t = getNamedType(f.type);
    return isInputObjectType(t) && 'set' in t.getFields() && getNamedType(t.getFields().set!.type).name === 'String';
  });
  if (!field) throw new Error(`no String field to update on ${node}`);
  return { [field.name]: { set: 'PWNED' } };
}

/**
 * Arguments of a link mutation: every combination of ends, and every other required argument the
 * mutation declares (a relationship property, or a key such as raci that `remove` takes too); `own` when
 * no end is the victim's.
 */
function linkArguments(link: LinkSpec, field: GraphQLField<unknown, unknown>): { args: string; aim: 'victim' | 'own' }[] {
  const ends = [link.from, link.to].filter((e) => e.arg);
  const choices = (end: LinkSpec['from']) =>
    end.side === 'organization'
      ? [nodeId(ATTACKER, end.label), nodeId(VICTIM, end.label)]
      : end.label === 'Requirement'
        ? [SHARED_REQ, OWN_REQ[VICTIM]]
        : [FRAMEWORK];
  let combos: string[][] = [[]];
  for (const end of ends) combos = combos.flatMap((c) => choices(end).map((v) => [...c, v]));
  const endArgs = new Set(ends.map((e) => e.arg));
  const extras = field.args
    .filter((a) => isNonNullType(a.type) && !endArgs.has(a.name))
    .map((a) => {
      const t = getNamedType(a.type).name;
      return `${a.name}: ${model.enums.has(t) ? model.enums.get(t)![0] : JSON.stringify(valueFor(t, 'WALLA link'))}`;
    });
  return combos.map((values) => ({
    args: [...ends.map((e, i) => `${e.arg}: ${JSON.stringify(values[i])}`), ...extras].join(', '),
    aim: values.some((v) => v.startsWith(VICTIM) || v === OWN_REQ[VICTIM]) ? 'victim' : 'own',
  }));
}
