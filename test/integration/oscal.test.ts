/**
 * OSCAL as the standard expects it, through the real CLI (in-process main()) against the test Neo4j:
 * NIST-style catalogs in JSON, YAML and XML (statement items with labels, parameters rendered, the display
 * label not the zero-padded one, a withdrawn control), a baseline profile resolved into its catalog, a
 * third-party mapping collection with back-matter resources and statement-level ids (JSON and XML), our
 * catalog and mapping exports validated against NIST's official OSCAL JSON schemas, and the round trip:
 * every catalog and the mappings exported, imported into an empty database, the same graph.
 * Expected values are worked out by hand from the fixtures in fixtures/oscal/.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import formats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '../../graph/connection.ts';
import { applySchema } from '../../graph/schema.ts';
import { deleteAllData, seedGraph } from '../../seeds/load.ts';
import { runCli, testGraph } from './helpers.ts';

const FIXTURES = path.join(import.meta.dirname, 'fixtures', 'oscal');
const fixture = (name: string) => path.join(FIXTURES, name);
let graph: Graph;
let dir: string;

const run = (argv: string[]) => runCli(graph, argv);

/** ajv over NIST's schemas (draft-07; OSCAL's patterns use Unicode property escapes). */
function validator(schemaFile: string) {
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: true });
  // ajv-formats is CommonJS: its plugin is the default export's default.
  (formats as unknown as { default: (a: Ajv) => void }).default(ajv);
  const text = fs
    .readFileSync(fixture(path.join('schemas', schemaFile)), 'utf8')
    // liboscal-java's generated 1.1.3 schema wraps one property schema twice ("id": {"id": {"$ref": ...}}),
    // which draft-07 reads as the old `id` keyword; unwrapped here, the file stays as NIST ships it.
    .replace(/"id" : \{\s*"id" : (\{[^{}]*\})\s*\}/g, '"id" : $1');
  return ajv.compile(JSON.parse(text) as object);
}
const SCHEMAS = {
  catalog: validator('oscal_catalog_schema.json'),
  catalog113: validator('oscal-catalog-1.1.3_schema.json'),
  mapping: validator('oscal_mapping_schema.json'),
  profile: validator('oscal_profile_schema.json'),
};
const errorsOf = (validate: ValidateFunction, doc: unknown) =>
  validate(doc) ? [] : (validate.errors ?? []).slice(0, 5).map((e: ErrorObject) => `${e.instancePath} ${e.message}`);

interface Req {
  ref: string;
  title: string;
  summary: string | null;
  kind: string;
  normative: boolean;
  status: string | null;
  parent: string | null;
}
async function requirements(framework: string): Promise<Req[]> {
  const { records } = await graph.run(
    `MATCH (r:Requirement {frameworkId: $framework})
     RETURN r.ref AS ref, r.title AS title, r.summary AS summary, r.kind AS kind, r.normative AS normative,
            r.status AS status, head([(r)-[:PART_OF]->(p) | p.ref]) AS parent ORDER BY r.order`,
    { framework },
  );
  return records.map((r) => r.toObject() as Req);
}

const AC1 = [
  'a. Develop and disseminate to [Assignment: personnel or roles]:',
  '  1. [Selection (one or more): organization-level; system-level] access control policy; and',
  '  2. Procedures to implement the policy;',
  'b. Review the policy [Assignment: frequency of policy review].',
].join('\n');
const AC2 = 'a. Define the types of accounts allowed;\nb. Disable accounts unused for 30 days.';

beforeAll(async () => {
  graph = await testGraph();
  await deleteAllData(graph);
  await applySchema(graph);
  await seedGraph(graph, {});
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-oscal-'));
}, 120_000);
afterAll(async () => {
  await graph?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('OSCAL catalogs in JSON, YAML and XML', () => {
  it('stores statement items with their labels, rendered parameters, display labels and a withdrawn control', async () => {
    const result = await run(['import', fixture('fix-800-53.json'), '--framework-id', 'fix-800-53']);
    expect(result.code, result.stderr).toBe(0);
    const reqs = await requirements('fix-800-53');
    expect(reqs).toEqual([
      { ref: 'ac', title: 'Access Control', summary: null, kind: 'group', normative: false, status: null, parent: null },
      {
        ref: 'ac-1',
        title: 'AC-1 Policy and Procedures',
        summary: AC1,
        kind: 'control',
        normative: true,
        status: null,
        parent: 'ac',
      },
      {
        ref: 'ac-2',
        title: 'AC-2 Account Management',
        summary: AC2,
        kind: 'control',
        normative: true,
        status: null,
        parent: 'ac',
      },
      {
        ref: 'ac-2.1',
        title: 'AC-2(1) Automated System Account Management',
        summary: 'Support the management of system accounts using [Assignment: automated mechanisms].',
        kind: 'control',
        normative: true,
        status: null,
        parent: 'ac-2',
      },
      // Withdrawn: kept for its history and references, but not a requirement anyone must meet.
      {
        ref: 'ac-3',
        title: 'AC-3 Access Enforcement Reviews',
        summary: null,
        kind: 'control',
        normative: false,
        status: 'withdrawn',
        parent: 'ac',
      },
      {
        ref: 'au',
        title: 'Audit and Accountability',
        summary: null,
        kind: 'group',
        normative: false,
        status: null,
        parent: null,
      },
      {
        ref: 'au-1',
        title: 'AU-1 Audit Policy',
        summary: 'Keep an audit policy.',
        kind: 'control',
        normative: true,
        status: null,
        parent: 'au',
      },
    ]);
    const { records } = await graph.run(
      `MATCH (f:Framework {id: 'fix-800-53'}) RETURN f.name AS name, f.version AS version, toString(f.publishedOn) AS published`,
    );
    expect(records[0]?.toObject()).toEqual({
      name: 'Fixture Security Controls',
      version: '5.1.1-fixture',
      published: '2025-03-01',
    });
  });

  it('reads the same catalog in OSCAL YAML and OSCAL XML into the same requirements', async () => {
    const json = await requirements('fix-800-53');
    for (const [file, id] of [
      ['fix-800-53.yaml', 'fix-yaml'],
      ['fix-800-53.xml', 'fix-xml'],
    ] as const) {
      const result = await run(['import', fixture(file), '--framework-id', id, '--json']);
      expect(result.code, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout).files[0].format).toBe('oscal-catalog');
      expect(await requirements(id)).toEqual(json);
    }
  });

  it('asks for --framework-id when the title gives no short, stable id', async () => {
    const result = await run(['import', fixture('fix-low-profile.json')]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('[framework-id]: the title');
    expect(result.stderr).toContain('pass --framework-id ID, e.g. --framework-id 800-53-5-1-1-low');
    expect(await requirements('fixture-special-publication-800-53-revision-5-1-1-low-impact')).toEqual([]);
  });
});

describe('an OSCAL profile (baseline)', () => {
  it('imports as its resolved catalog: selected controls, set parameters, added statement items', async () => {
    const profile = JSON.parse(fs.readFileSync(fixture('fix-low-profile.json'), 'utf8'));
    expect(errorsOf(SCHEMAS.profile, profile)).toEqual([]);
    const result = await run(['import', fixture('fix-low-profile.json'), '--framework-id', 'fix-low', '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).files[0].format).toBe('oscal-profile');
    const reqs = await requirements('fix-low');
    // ac-2.1 and the withdrawn ac-3 are not in the baseline.
    expect(reqs.map((r) => r.ref)).toEqual(['ac', 'ac-1', 'ac-2', 'au', 'au-1']);
    expect(reqs.find((r) => r.ref === 'ac-1')?.summary).toBe(
      AC1.replace('[Assignment: personnel or roles]', 'the chief information security officer'),
    );
    expect(reqs.find((r) => r.ref === 'ac-2')?.summary).toBe(`${AC2}\nc. Notify account managers within one day.`);
    const { records } = await graph.run(`MATCH (f:Framework {id: 'fix-low'}) RETURN f.name AS name, f.version AS version`);
    expect(records[0]?.toObject()).toEqual({
      name: 'Fixture Special Publication 800-53 Revision 5.1.1: Low Impact Baseline for the Tests',
      version: '5.1.1-low',
    });
  });
});

describe('a third-party mapping collection', () => {
  it('resolves back-matter resources and statement-level ids, and reads the map-level matching rationale', async () => {
    const doc = JSON.parse(fs.readFileSync(fixture('third-party-mappings.json'), 'utf8'));
    expect(errorsOf(SCHEMAS.mapping, doc)).toEqual([]);
    const result = await run(['import', fixture('third-party-mappings.json'), fixture('third-party-mappings.xml'), '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).files.map((f: { format: string }) => f.format)).toEqual([
      'oscal-mappings',
      'oscal-mappings',
    ]);
    const { records } = await graph.run(
      `MATCH (s:Requirement)-[m:MAPS_TO]->(t:Requirement) WHERE s.frameworkId IN ['fix-800-53', 'fix-xml']
       RETURN s.uid AS source, t.uid AS target, m.relationship AS relationship, m.strength AS strength,
              m.rationale AS rationale, m.source AS origin, m.status AS status, m.explanation AS explanation
       ORDER BY source, target`,
    );
    expect(records.map((r) => ({ ...r.toObject(), strength: Number(r.get('strength')) }))).toEqual([
      {
        // Statement a equivalent-to ac-2: the control is a superset (7); statement b subset-of: they intersect (5).
        // Together: intersects-with, the weaker strength, the first map's own rationale.
        source: 'fix-800-53:ac-1',
        target: 'fix-xml:au-1',
        relationship: 'equal',
        strength: 9,
        rationale: 'functional',
        origin: 'imported',
        status: 'draft',
        explanation: 'The access control policy also sets the audit policy.',
      },
      {
        source: 'fix-800-53:ac-2',
        target: 'fix-xml:ac-2',
        relationship: 'intersects_with',
        strength: 5,
        rationale: 'syntactic',
        origin: 'imported',
        status: 'draft',
        explanation: 'From statement-level maps: ac-2_smt.a equivalent-to ac-2; ac-2_smt.b subset-of ac-2.',
      },
      {
        source: 'fix-xml:ac-1',
        target: 'fix-800-53:au-1',
        relationship: 'superset_of',
        strength: 7,
        rationale: 'semantic',
        origin: 'imported',
        status: 'draft',
        explanation: "The XML twin's policy control covers the audit policy.",
      },
    ]);
  });
});

describe('our OSCAL exports', () => {
  it('exports a catalog (groups, controls, parts, props, links) valid against the OSCAL 1.2.3 and 1.1.3 catalog schemas', async () => {
    const result = await run(['export', 'catalog', '--framework', 'fix-800-53', '--format', 'oscal']);
    expect(result.code, result.stderr).toBe(0);
    const doc = JSON.parse(result.stdout);
    expect(errorsOf(SCHEMAS.catalog, doc)).toEqual([]);
    expect(errorsOf(SCHEMAS.catalog113, doc)).toEqual([]);
    const ac = doc.catalog.groups[0];
    expect(ac.id).toBe('ac');
    expect(ac.controls.map((c: { id: string }) => c.id)).toEqual(['ac-1', 'ac-2', 'ac-3']);
    expect(ac.controls[1].controls[0].id).toBe('ac-2.1');
    expect(ac.controls[0].parts).toEqual([{ id: 'ac-1_smt', name: 'statement', prose: AC1 }]);
    expect(ac.controls[2].props).toContainEqual({ name: 'status', value: 'withdrawn' });
  });

  it('exports every built-in catalog as a valid OSCAL catalog, with links to the official source', async () => {
    for (const framework of ['iso27001', 'iso42001', 'eu-ai-act', 'gdpr', 'nis2']) {
      const result = await run(['export', 'catalog', '--framework', framework]);
      expect(result.code, result.stderr).toBe(0);
      const doc = JSON.parse(result.stdout);
      expect(errorsOf(SCHEMAS.catalog, doc), framework).toEqual([]);
      expect(errorsOf(SCHEMAS.catalog113, doc), framework).toEqual([]);
    }
    const gdpr = JSON.parse((await run(['export', 'catalog', '--framework', 'gdpr'])).stdout);
    // "Art.32(1)(a)" is not an OSCAL token: the id is one, the ref travels in a crosswalk prop.
    const text = JSON.stringify(gdpr);
    expect(text).toContain('"id":"Art.32.1.a"');
    expect(text).toMatch(/"href":"https:\/\/eur-lex\.europa\.eu[^"]*","rel":"canonical"/);
  });

  it('needs --framework for a catalog export', async () => {
    const result = await run(['export', 'catalog']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('export catalog needs --framework ID');
  });

  it('exports mappings valid against the OSCAL 1.2.3 mapping schema, with back matter and truthful provenance', async () => {
    const result = await run(['export', 'mappings', '--format', 'oscal']);
    expect(result.code, result.stderr).toBe(0);
    const doc = JSON.parse(result.stdout);
    expect(errorsOf(SCHEMAS.mapping, doc)).toEqual([]);
    const collection = doc['mapping-collection'];
    const resources = new Map<string, { props: { name: string; value: string }[] }>(
      collection['back-matter'].resources.map((r: { uuid: string }) => [r.uuid, r]),
    );
    for (const m of collection.mappings)
      for (const side of ['source-resource', 'target-resource']) {
        const resource = resources.get(m[side].href.slice(1));
        expect(resource, m[side].href).toBeDefined();
        expect(resource!.props[0]).toMatchObject({ name: 'framework-id', value: m[side].props[0].value });
      }
    type Entry = { 'source-resource': { props: { value: string }[] } };
    const from = (framework: string) =>
      collection.mappings.find((m: Entry) => m['source-resource'].props[0]?.value === framework);
    const imported = from('fix-800-53');
    expect(imported).toMatchObject({ method: 'automation', status: 'draft' });
    const seeded = from('eu-ai-act');
    expect(seeded).toMatchObject({ method: 'human' });
    expect(collection.provenance).toMatchObject({ method: 'hybrid', status: 'draft' });
  });

  it('loads the catalog and mapping exports with compliance-trestle (skipped when it is not installed)', async (context) => {
    const probe = spawnSync('python3', ['-c', 'import trestle.oscal.catalog, trestle.oscal.mapping'], { encoding: 'utf8' });
    if (probe.status !== 0) {
      context.skip('compliance-trestle is not installed (pip install compliance-trestle): OSCAL loading by trestle not checked');
      return;
    }
    const catalogFile = path.join(dir, 'catalog.json');
    const mappingFile = path.join(dir, 'mappings.json');
    fs.writeFileSync(catalogFile, (await run(['export', 'catalog', '--framework', 'eu-ai-act'])).stdout);
    fs.writeFileSync(mappingFile, (await run(['export', 'mappings', '--format', 'oscal'])).stdout);
    const script = [
      'import sys',
      'from trestle.oscal.catalog import Catalog',
      'from trestle.oscal.mapping import MappingCollection',
      'c = Catalog.oscal_read(__import__("pathlib").Path(sys.argv[1]))',
      'm = MappingCollection.oscal_read(__import__("pathlib").Path(sys.argv[2]))',
      'print(len(c.groups or []), len(m.mappings))',
    ].join('\n');
    const loaded = spawnSync('python3', ['-c', script, catalogFile, mappingFile], { encoding: 'utf8' });
    expect(loaded.status, loaded.stderr).toBe(0);
    expect(loaded.stdout.trim()).toMatch(/^\d+ \d+$/);
  }, 60_000);
});

describe('round trip', () => {
  const GRAPH = `
    MATCH (f:Framework) WITH f ORDER BY f.id
    WITH collect({id: f.id, name: f.name, version: f.version, kind: f.kind, url: f.url, publisher: f.publisher,
                  publishedOn: toString(f.publishedOn)}) AS frameworks
    MATCH (r:Requirement)-[:IN_FRAMEWORK]->(:Framework) WITH frameworks, r ORDER BY r.uid
    WITH frameworks, collect({uid: r.uid, ref: r.ref, title: r.title, summary: r.summary, kind: r.kind,
                  normative: r.normative, order: r.order, url: r.url, status: r.status,
                  parent: head([(r)-[:PART_OF]->(p) | p.uid])}) AS requirements
    OPTIONAL MATCH (s:Requirement)-[m:MAPS_TO]->(t:Requirement) WITH frameworks, requirements, s, m, t ORDER BY s.uid, t.uid
    RETURN frameworks, requirements, collect({s: s.uid, t: t.uid, relationship: m.relationship, strength: m.strength,
                  rationale: m.rationale, source: m.source, explanation: m.explanation, status: m.status}) AS mappings`;

  it('exports every catalog and the mappings, imports them into an empty database: the same graph', async () => {
    const before = (await graph.run(GRAPH)).records[0]!.toObject();
    const { records } = await graph.run('MATCH (f:Framework) RETURN f.id AS id ORDER BY id');
    const ids = records.map((r) => r.get('id') as string);
    const files: string[] = [];
    for (const id of ids) {
      const file = path.join(dir, `catalog-${id}.json`);
      const result = await run(['export', 'catalog', '--framework', id, '--out', file]);
      expect(result.code, result.stderr).toBe(0);
      files.push(file);
    }
    const mappings = path.join(dir, 'mappings.yaml');
    expect((await run(['export', 'mappings', '--format', 'oscal-yaml', '--out', mappings])).code).toBe(0);
    await deleteAllData(graph);
    await applySchema(graph);
    const result = await run(['import', ...files, mappings]);
    expect(result.code, result.stderr).toBe(0);
    const after = (await graph.run(GRAPH)).records[0]!.toObject();
    expect(after.frameworks).toEqual(before.frameworks);
    expect(after.requirements).toEqual(before.requirements);
    expect(after.mappings).toEqual(before.mappings);
  }, 180_000);
});
