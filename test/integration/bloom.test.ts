/**
 * The Bloom perspective (bloom/crosswalk.json): generated without drift, true to the seeded graph's
 * labels, relationship types and properties, and every search phrase and scene action runs read-only on
 * the seeded demo graph and answers what the matching reuse question answers.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isNode, isPath, isRelationship, type Node, type Relationship } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERSPECTIVE_FILE, FRAMEWORK_COLORS, perspectiveJson, type BloomPerspective } from '../../bloom/perspective.ts';
import { clearCoverageSnapshot, writeCoverageSnapshot } from '../../bloom/snapshot.ts';
import {
  COVERAGE_STATUS_LABEL,
  INTERNAL_LABELS,
  INTERNAL_RELATIONSHIP_TYPES,
  LABELS,
  RELATIONSHIP_TYPES,
} from '../../bloom/vocabulary.ts';
import { PROJECT_ROOT } from '../../graph/config.ts';
import { maintainGraph } from '../../coverage/maintain.ts';
import type { Graph } from '../../graph/connection.ts';
import { coverage } from '../../queries/coverage.ts';
import { evidenceCoveringBoth } from '../../queries/evidence-covering-both.ts';
import { explain } from '../../queries/explain.ts';
import { gaps } from '../../queries/gaps.ts';
import { seededGraph } from './helpers.ts';

const ORG = 'demo';
let graph: Graph;
const perspective = JSON.parse(fs.readFileSync(PERSPECTIVE_FILE, 'utf8')) as BloomPerspective;

beforeAll(async () => {
  // Seeding maintains the colours (CoverageStatus, as of the server's date, like the phrases): no snapshot step.
  graph = await seededGraph({ demo: true });
});
afterAll(async () => {
  await graph?.close();
});

/** What a Bloom answer draws: its nodes and relationships, from nodes, relationships and paths in any column. */
interface Drawn {
  nodes: Node[];
  relationships: Relationship[];
  /** Paths as lists of node keys (uid, id or status), in path order. */
  paths: string[][];
  /** The relationship types of each path, in path order (parallel to `paths`). */
  pathTypes: string[][];
}

const key = (n: Node): string => String(n.properties.uid ?? n.properties.id ?? n.properties.status);

function collect(values: unknown[], into: Drawn): void {
  for (const v of values) {
    if (isNode(v)) into.nodes.push(v);
    else if (isRelationship(v)) into.relationships.push(v);
    else if (isPath(v)) {
      into.nodes.push(v.start, ...v.segments.map((s) => s.end));
      into.relationships.push(...v.segments.map((s) => s.relationship));
      into.paths.push([key(v.start), ...v.segments.map((s) => key(s.end))]);
      into.pathTypes.push(v.segments.map((s) => s.relationship.type));
    } else if (Array.isArray(v)) collect(v, into);
  }
}

/** Runs Bloom Cypher in a READ transaction, as Bloom runs a phrase that is not an update query. */
async function draw(cypher: string, params: Record<string, unknown>): Promise<Drawn & { rows: number }> {
  const { records } = await graph.driver.executeQuery(cypher, params, { database: graph.database, routing: 'READ' });
  const drawn: Drawn = { nodes: [], relationships: [], paths: [], pathTypes: [] };
  for (const record of records) collect([...record.values()], drawn);
  return { ...drawn, rows: records.length };
}

const keysOf = (nodes: Node[], label: string): Set<string> => new Set(nodes.filter((n) => n.labels.includes(label)).map(key));

function phrase(text: string) {
  const t = perspective.templates.find((x) => x.text === text);
  if (!t) throw new Error(`no search phrase '${text}'`);
  return t;
}

function action(name: string) {
  const a = perspective.sceneActions.find((x) => x.name === name);
  if (!a) throw new Error(`no scene action '${name}'`);
  return a;
}

async function elementIds(label: string, prop: string, values: string[]): Promise<string[]> {
  const { records } = await graph.run(`MATCH (n) WHERE $label IN labels(n) AND n[$prop] IN $values RETURN elementId(n) AS id`, {
    label,
    prop,
    values,
  });
  expect(records.length).toBe(values.length);
  return records.map((r) => String(r.get('id')));
}

describe('the perspective file', () => {
  it('is exactly what `crosswalk export bloom` generates (no drift; deterministic)', () => {
    expect(fs.readFileSync(PERSPECTIVE_FILE, 'utf8')).toBe(perspectiveJson());
    expect(perspectiveJson()).toBe(perspectiveJson());
  });

  it("parses into Bloom's shape: unique ids, one category per label, read-only phrases with declared parameters", () => {
    expect(perspective.name).toBe('crosswalk');
    expect(perspective.categories.map((c) => c.labels)).toEqual(LABELS.map((l) => [l.label]));
    expect(new Set(perspective.categories.map((c) => c.id)).size).toBe(perspective.categories.length);
    for (const c of perspective.categories) {
      const shown = c.captions.filter((x) => x.isCaption && x.type === 'property').map((x) => x.key);
      expect(shown).toEqual([...(LABELS.find((l) => l.label === c.name)?.caption ?? [])].sort());
      for (const caption of shown) expect(c.properties.map((p) => p.name)).toContain(caption);
      expect(c.color).toMatch(/^#[0-9a-fA-F]{6}$/);
    }
    const ids = [...perspective.templates.map((t) => t.id), ...perspective.sceneActions.map((a) => a.id)];
    expect(new Set(ids).size).toBe(ids.length);
    for (const t of perspective.templates) {
      expect(t.isUpdateQuery).toBe(false);
      // Every $word of the phrase is a declared parameter and the other way round.
      expect(t.params.map((p) => p.name).sort()).toEqual((t.text.match(/\$\w+/g) ?? []).sort());
      for (const p of t.params) {
        expect(t.cypher).toContain(p.name);
        if (p.suggestionLabel) {
          expect(LABELS.find((l) => l.label === p.suggestionLabel)?.properties.map((x) => x.name)).toContain(p.suggestionProp);
        }
      }
    }
    expect(perspective.templates.map((t) => t.text)).toEqual(
      expect.arrayContaining([
        'Evidence covering $a and $b for $org',
        'Gaps in $framework for $org',
        'Why is $requirement covered for $org',
        'What expires before $date for $org',
      ]),
    );
    for (const a of perspective.sceneActions) {
      expect(a.isUpdateQuery).toBe(false);
      expect(a.cypher).toContain('elementId');
      expect(a.categories.length).toBeGreaterThan(0);
      for (const id of a.categories) expect(perspective.categories.map((c) => c.id)).toContain(id);
    }
  });

  it('styles coverage status, mappings by relationship and strength, and requirements by framework', () => {
    const status = perspective.categories.find((c) => c.name === COVERAGE_STATUS_LABEL);
    expect(
      status?.styleRules
        .filter((r) => r.basedOn === 'status_string')
        .map((r) => r.conditionValue)
        .sort(),
    ).toEqual(['excluded', 'gap', 'met', 'partially_met', 'stale', 'unverified']);
    // Met by inheritance and "indicated" (not met, related work) come first, in colours of their own.
    expect(status?.styleRules.slice(0, 2).map((r) => [r.basedOn, r.condition, r.conditionValue])).toEqual([
      ['basis_string', 'equals', 'inherited'],
      ['indicated_boolean', 'equals', 'true'],
    ]);
    const mapsTo = perspective.relationshipTypes.find((r) => r.name === 'MAPS_TO');
    expect(
      mapsTo?.styleRules
        .filter((r) => r.basedOn === 'relationship_string')
        .map((r) => r.conditionValue)
        .sort(),
    ).toEqual(['equal', 'intersects_with', 'no_relationship', 'subset_of', 'superset_of']);
    expect(mapsTo?.styleRules).toContainEqual(
      expect.objectContaining({
        type: 'range',
        basedOn: 'strength_number',
        minSizeValue: '1',
        maxSizeValue: '10',
        applySize: true,
      }),
    );
  });
});

describe('the vocabulary against the seeded demo graph', () => {
  it("every category's label and every relationship type exists, and nothing in the graph is missing", async () => {
    const labels = (await graph.run('CALL db.labels() YIELD label RETURN collect(label) AS all')).records[0]?.get(
      'all',
    ) as string[];
    const types = (
      await graph.run('CALL db.relationshipTypes() YIELD relationshipType RETURN collect(relationshipType) AS all')
    ).records[0]?.get('all') as string[];
    const counts = await graph.run('MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n');
    const present = new Set(counts.records.map((r) => r.get('label') as string));
    for (const c of perspective.categories) for (const label of c.labels) expect(present, label).toContain(label);
    for (const r of perspective.relationshipTypes) expect(types, r.name).toContain(r.name);
    expect(labels.filter((l) => !INTERNAL_LABELS.includes(l)).sort()).toEqual(LABELS.map((l) => l.label).sort());
    expect(types.filter((t) => !INTERNAL_RELATIONSHIP_TYPES.includes(t)).sort()).toEqual(
      RELATIONSHIP_TYPES.map((r) => r.type).sort(),
    );
  });

  it('every stored (label, type, label) path is a declared path segment and the other way round', async () => {
    const { records } = await graph.run(
      'MATCH (a)-[r]->(b) WHERE NOT type(r) IN $internal RETURN DISTINCT labels(a)[0] + "-" + type(r) + "->" + labels(b)[0] AS segment',
      { internal: INTERNAL_RELATIONSHIP_TYPES },
    );
    const stored = records.map((r) => r.get('segment') as string).sort();
    expect(stored).toEqual(perspective.metadata.pathSegments.map((s) => `${s.source}-${s.relationshipType}->${s.target}`).sort());
  });

  it('every stored property is listed with its type; captions are always present', async () => {
    // Neo4j's property types in Bloom's words (as Bloom exports write them).
    const typeOf: Record<string, string> = {
      String: 'string',
      Double: 'number',
      Long: 'bigint',
      Boolean: 'boolean',
      Date: 'Date',
      DateTime: 'DateTime',
      // Bloom has no list type; list properties (the AI Act facts of a System) are declared as strings.
      StringArray: 'string',
    };
    const nodes = await graph.run(
      'CALL db.schema.nodeTypeProperties() YIELD nodeLabels, propertyName, propertyTypes, mandatory RETURN nodeLabels[0] AS label, propertyName, propertyTypes[0] AS type, mandatory',
    );
    for (const r of nodes.records) {
      const label = r.get('label') as string;
      if (INTERNAL_LABELS.includes(label)) continue;
      const category = perspective.categories.find((c) => c.name === label);
      const property = category?.properties.find((p) => p.name === r.get('propertyName'));
      expect(property?.dataType, `${label}.${r.get('propertyName')}`).toBe(typeOf[r.get('type') as string]);
      const caption = category?.captions.find((c) => c.type === 'property' && c.key === property?.name)?.isCaption;
      if (caption) expect(r.get('mandatory'), `caption ${label}.${property?.name}`).toBe(true);
    }
    const rels = await graph.run(
      'CALL db.schema.relTypeProperties() YIELD relType, propertyName, propertyTypes WHERE propertyName IS NOT NULL RETURN relType, propertyName, propertyTypes[0] AS type',
    );
    for (const r of rels.records) {
      const type = (r.get('relType') as string).replace(/^:`|`$/g, '');
      if (INTERNAL_RELATIONSHIP_TYPES.includes(type)) continue;
      const property = perspective.relationshipTypes
        .find((t) => t.name === type)
        ?.properties.find((p) => p.propertyKey === r.get('propertyName'));
      expect(property?.dataType, `${type}.${r.get('propertyName')}`).toBe(typeOf[r.get('type') as string]);
    }
  });

  it('agrees with the GraphQL model (api/typeDefs.graphql); only the Bloom snapshot is not exposed there', () => {
    const sdl = fs.readFileSync(path.join(PROJECT_ROOT, 'api', 'typeDefs.graphql'), 'utf8');
    const nodeTypes = [...sdl.matchAll(/^type (\w+)\s*\n\s*(?:@\w+[^\n]*\n\s*)*@node/gm)].map((m) => m[1]);
    const relTypes = new Set([...sdl.matchAll(/@relationship\(type: "(\w+)"/g)].map((m) => m[1]));
    expect(nodeTypes.sort()).toEqual(
      LABELS.map((l) => l.label)
        .filter((l) => l !== COVERAGE_STATUS_LABEL)
        .sort(),
    );
    expect([...relTypes].sort()).toEqual(
      RELATIONSHIP_TYPES.map((r) => r.type)
        .filter((t) => t !== 'STATUS_OF')
        .sort(),
    );
  });

  it('every seeded framework has a requirement colour', async () => {
    const { records } = await graph.run('MATCH (f:Framework) RETURN f.id AS id ORDER BY id');
    expect(records.map((r) => r.get('id')).sort()).toEqual(Object.keys(FRAMEWORK_COLORS).sort());
  });
});

describe('search phrases on the seeded demo graph', () => {
  it('"Evidence covering iso27001 and nis2 for demo" draws the evidence the question lists, with the mapping hops', async () => {
    const drawn = await draw(phrase('Evidence covering $a and $b for $org').cypher, { a: 'iso27001', b: 'nis2', org: ORG });
    const answer = await evidenceCoveringBoth.run(graph, { frameworkA: 'iso27001', frameworkB: 'nis2', org: ORG });
    expect(answer.items.length).toBeGreaterThan(0);
    expect(keysOf(drawn.nodes, 'Evidence')).toEqual(new Set(answer.items.map((i) => i.evidence.id)));
    // EV-12 reaches nis2:Art.21(2)(i) only through the mapping from iso27001:A.5.9.
    expect(keysOf(drawn.nodes, 'Evidence')).toContain('EV-12');
    expect(drawn.relationships.some((r) => r.type === 'MAPS_TO')).toBe(true);
    expect([...keysOf(drawn.nodes, 'Requirement')]).toEqual(expect.arrayContaining(['iso27001:A.5.9', 'nis2:Art.21(2)(i)']));
  });

  it('"Gaps in iso42001 for demo" draws exactly the gaps of the gaps question', async () => {
    const drawn = await draw(phrase('Gaps in $framework for $org').cypher, { framework: 'iso42001', org: ORG });
    const answer = await gaps.run(graph, { framework: 'iso42001', org: ORG });
    const gapUids = answer.gaps.map((g) => g.uid);
    expect(gapUids.length).toBeGreaterThan(0);
    const drawnIso = [...keysOf(drawn.nodes, 'Requirement')].filter((uid) => uid.startsWith('iso42001:'));
    expect(drawnIso.sort()).toEqual([...gapUids].sort());
    expect(keysOf(drawn.nodes, 'Framework')).toEqual(new Set(['iso42001']));
    // The mappings drawn lead to other frameworks the organization adopts (here all four others).
    const others = new Set(
      [...keysOf(drawn.nodes, 'Requirement')].filter((uid) => !uid.startsWith('iso42001:')).map((uid) => uid.split(':')[0]),
    );
    expect([...others].every((f) => ['iso27001', 'eu-ai-act', 'gdpr', 'nis2'].includes(f ?? ''))).toBe(true);
  });

  it('"Why is iso42001:7.5.3 covered for demo": the chosen equal mapping to iso27001:7.5.3 and its evidence, and every source explain lists', async () => {
    const drawn = await draw(phrase('Why is $requirement covered for $org').cypher, { requirement: 'iso42001:7.5.3', org: ORG });
    const answer = await explain.run(graph, { requirement: 'iso42001:7.5.3', org: ORG });
    const chosen = answer.paths.find((p) => p.chosen);
    expect(chosen?.source).toBe('iso27001:7.5.3');
    // One drawn path: the requirement, the mapping, the source, its control CTL-25, an evidence item.
    expect(drawn.paths).toContainEqual(expect.arrayContaining(['iso42001:7.5.3', 'iso27001:7.5.3', 'CTL-25']));
    const sources = new Set(answer.paths.map((p) => p.source));
    // The source of a drawn mapping path: the node after its last MAPS_TO hop.
    const drawnSources = new Set(
      drawn.paths
        .map((p, i) => p[(drawn.pathTypes[i] ?? []).lastIndexOf('MAPS_TO') + 1])
        .filter((uid, i) => drawn.pathTypes[i]?.includes('MAPS_TO')),
    );
    expect(sources.size).toBeGreaterThan(0);
    expect(drawnSources).toEqual(sources);
  });

  it('"Why is ..." draws direct evidence (A.8.8), expired evidence (A.8.13) and exclusions (A.8.30)', async () => {
    const cypher = phrase('Why is $requirement covered for $org').cypher;
    const direct = await draw(cypher, { requirement: 'iso27001:A.8.8', org: ORG });
    expect(direct.paths).toContainEqual(['iso27001:A.8.8', 'CTL-07', 'EV-08']);
    const stale = await draw(cypher, { requirement: 'iso27001:A.8.13', org: ORG });
    expect(stale.paths).toContainEqual(['iso27001:A.8.13', 'CTL-04', 'EV-04']);
    const excluded = await draw(cypher, { requirement: 'iso27001:A.8.30', org: ORG });
    expect(excluded.relationships.map((r) => r.type)).toContain('EXCLUDES');
    expect(keysOf(excluded.nodes, 'Organization')).toEqual(new Set([ORG]));
  });

  it('"What expires before 2026-01-01 for demo": EV-04, EV-10 and EV-20 with what they support', async () => {
    const template = phrase('What expires before $date for $org');
    const drawn = await draw(template.cypher, { date: '2026-01-01', org: ORG });
    expect(keysOf(drawn.nodes, 'Evidence')).toEqual(new Set(['EV-04', 'EV-10', 'EV-20']));
    expect(drawn.paths).toContainEqual(['EV-04', 'CTL-04', 'iso27001:A.8.13']);
    for (const e of drawn.nodes.filter((n) => n.labels.includes('Evidence')))
      expect(String(e.properties.validUntil) < '2026-01-01').toBe(true);
    // The suggested dates are the days evidence expires on.
    const suggestions = template.params.find((p) => p.name === '$date')?.cypher ?? '';
    const { records } = await graph.run(suggestions);
    expect(records.map((r) => r.get(0))).toEqual(expect.arrayContaining(['2025-12-31', '2026-12-01']));
    // Nothing from another organization.
    expect((await draw(template.cypher, { date: '2100-01-01', org: 'nobody' })).rows).toBe(0);
  });

  it('"Coverage snapshot of iso42001 for demo" draws one CoverageStatus per requirement with the coverage question\'s status', async () => {
    const drawn = await draw(phrase('Coverage snapshot of $framework for $org').cypher, { framework: 'iso42001', org: ORG });
    const answer = await coverage.run(graph, { framework: 'iso42001', org: ORG });
    const statusBy = Object.fromEntries(drawn.paths.map(([status, uid]) => [uid, status]));
    expect(statusBy).toEqual(Object.fromEntries(answer.requirements.map((r) => [r.uid, r.status])));
    expect(statusBy['iso42001:7.5.3']).toBe('met');
  });

  it('"Mappings of iso42001:7.5.3" draws the equal mapping to iso27001:7.5.3', async () => {
    const drawn = await draw(phrase('Mappings of $requirement').cypher, { requirement: 'iso42001:7.5.3' });
    const equal = drawn.relationships.filter((r) => r.type === 'MAPS_TO' && r.properties.relationship === 'equal');
    expect(equal.length).toBeGreaterThan(0);
    expect(keysOf(drawn.nodes, 'Requirement')).toContain('iso27001:7.5.3');
  });
});

describe('scene actions on the seeded demo graph (selection as element ids)', () => {
  it('"Expand mappings" on iso42001:7.5.3 and iso27001:A.5.1 draws their mappings', async () => {
    const nodes = await elementIds('Requirement', 'uid', ['iso42001:7.5.3', 'iso27001:A.5.1']);
    const drawn = await draw(action('Expand mappings').cypher, { nodes, relationships: [] });
    const { records } = await graph.run('MATCH (r:Requirement)-[m:MAPS_TO]-() WHERE r.uid IN $uids RETURN count(m) AS n', {
      uids: ['iso42001:7.5.3', 'iso27001:A.5.1'],
    });
    expect(drawn.rows).toBe(Number(records[0]?.get('n')));
    expect(keysOf(drawn.nodes, 'Requirement')).toContain('iso27001:7.5.3');
  });

  it('"Expand approved mapping paths" follows only approved mappings, at most 3 hops', async () => {
    const nodes = await elementIds('Requirement', 'uid', ['iso27001:7.5.3']);
    const drawn = await draw(action('Expand approved mapping paths (3 hops)').cypher, { nodes, relationships: [] });
    expect(drawn.paths.length).toBeGreaterThan(0);
    expect(drawn.paths.every((p) => p[0] === 'iso27001:7.5.3' && p.length <= 4)).toBe(true);
    expect(
      drawn.relationships.every((r) => r.properties.status === 'approved' && r.properties.relationship !== 'no_relationship'),
    ).toBe(true);
    expect(drawn.paths).toContainEqual(['iso27001:7.5.3', 'iso42001:7.5.3']);
  });

  it('"Show controls and evidence" on iso27001:A.8.8 draws CTL-07 and EV-08', async () => {
    const nodes = await elementIds('Requirement', 'uid', ['iso27001:A.8.8']);
    const drawn = await draw(action('Show controls and evidence').cypher, { nodes, relationships: [] });
    expect(keysOf(drawn.nodes, 'Control')).toContain('CTL-07');
    expect(keysOf(drawn.nodes, 'Evidence')).toContain('EV-08');
  });

  it('"Show coverage status (snapshot)" on iso27001:A.8.13 draws its status for demo', async () => {
    const nodes = await elementIds('Requirement', 'uid', ['iso27001:A.8.13']);
    const drawn = await draw(action('Show coverage status (snapshot)').cypher, { nodes, relationships: [] });
    const answer = await coverage.run(graph, { framework: 'iso27001', org: ORG });
    expect(drawn.paths).toEqual([[answer.requirements.find((r) => r.uid === 'iso27001:A.8.13')?.status, 'iso27001:A.8.13']]);
  });

  it('"Show implemented requirements" on CTL-01 or on EV-01 draws what CTL-01 implements', async () => {
    const expected = ['iso27001:5.2', 'iso27001:A.5.1', 'nis2:Art.21(2)(a)'];
    for (const [label, id] of [
      ['Control', 'CTL-01'],
      ['Evidence', 'EV-01'],
    ] as const) {
      const nodes = await elementIds(label, 'id', [id]);
      const drawn = await draw(action('Show implemented requirements').cypher, { nodes, relationships: [] });
      expect([...keysOf(drawn.nodes, 'Requirement')].sort(), label).toEqual(expect.arrayContaining(expected));
    }
  });
});

describe('the coverage colours (maintained; crosswalk bloom snapshot rewrites them)', () => {
  const colours = async (uids: string[]) =>
    Object.fromEntries(
      (
        await graph.run(
          `MATCH (s:CoverageStatus {orgId: $org})-[:STATUS_OF]->(r:Requirement) WHERE r.uid IN $uids
           RETURN r.uid AS uid, s.status AS status, s.basis AS basis, s.indicated AS indicated, toString(s.asOf) AS asOf`,
          { org: ORG, uids },
        )
      ).records.map((r) => [r.get('uid'), r.toObject()]),
    );
  const today = new Date().toISOString().slice(0, 10);

  it('cover every assessed requirement of the adopted frameworks after the seed, as the coverage question says today', async () => {
    const { records } = await graph.run(
      `MATCH (:Organization {id: $org})-[:ADOPTS]->(f:Framework)<-[:IN_FRAMEWORK]-(r:Requirement)
       WHERE coalesce(r.normative, true) AND NOT EXISTS { (:Requirement)-[:PART_OF]->(r) }
       RETURN count(r) AS assessed, COUNT { MATCH (:CoverageStatus {orgId: $org}) } AS colours`,
      { org: ORG },
    );
    expect(records[0]?.get('colours')).toBe(records[0]?.get('assessed'));
    const answer = await coverage.run(graph, { framework: 'iso27001', org: ORG });
    const coloured = await colours(answer.requirements.map((r) => r.uid));
    for (const r of answer.requirements) {
      expect(coloured[r.uid], r.uid).toEqual({
        uid: r.uid,
        status: r.status,
        basis: r.basis,
        indicated: r.status !== 'met' && r.status !== 'excluded' && r.indications.length > 0,
        asOf: today,
      });
    }
  });

  it('follow a write at once, leave requirements untouched, and come back after clear with snapshot', async () => {
    const requirementProps = async () =>
      (await graph.run('MATCH (r:Requirement) RETURN count(r) AS n, sum(size(keys(r))) AS k')).records[0]?.toObject();
    const before = await requirementProps();
    // CTL-25 (in force, full) implements iso27001:7.5.3 with EV-24; retired, the requirement loses "met".
    expect((await colours(['iso27001:7.5.3']))['iso27001:7.5.3']?.status).toBe('met');
    await maintainGraph(graph, {}); // nothing touched: nothing changes
    await graph.run("MATCH (c:Control {orgId: $org, id: 'CTL-25'}) SET c.status = 'retired'", { org: ORG });
    await maintainGraph(graph, { orgs: [{ org: ORG, controls: ['CTL-25'] }] });
    const after = (await colours(['iso27001:7.5.3', 'iso42001:7.5.3']))!;
    const answer = await coverage.run(graph, { framework: 'iso42001', org: ORG });
    expect(after['iso27001:7.5.3']?.status).not.toBe('met');
    expect(after['iso42001:7.5.3']?.status).toBe(answer.requirements.find((r) => r.uid === 'iso42001:7.5.3')?.status);
    await graph.run("MATCH (c:Control {orgId: $org, id: 'CTL-25'}) SET c.status = 'operating'", { org: ORG });
    await maintainGraph(graph, { orgs: [{ org: ORG, controls: ['CTL-25'] }] });
    expect((await colours(['iso27001:7.5.3']))['iso27001:7.5.3']?.status).toBe('met');
    expect(await requirementProps()).toEqual(before);

    const removed = await clearCoverageSnapshot(graph, ORG);
    expect(removed).toBeGreaterThan(400);
    const snapshot = await writeCoverageSnapshot(graph, { org: ORG });
    expect(snapshot).toMatchObject({ org: ORG, asOf: today, written: removed });
    await expect(writeCoverageSnapshot(graph, { org: 'nobody' })).rejects.toThrow(/adopts no framework/);
  });
});
