/**
 * CISO Assistant interchange (issue #18) through the real CLI against the test Neo4j: mapping libraries
 * landing on the built-in catalogs through their URN aliases (both directions collapsed, repeats
 * collapsed, conflicts with both lines, roll-ups reported), no silent merge into a built-in framework
 * (refusal, --into, separate copies, per-file ids), the fields libraries carry, the review workflow with
 * its coverage preview, and the export as CISO Assistant mapping libraries (round trip). Expected values
 * are worked out by hand from the fixtures (test/integration/fixtures/ciso/) and the built-in catalogs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { mintToken } from '../../api/auth.ts';
import { readApiOptions } from '../../api/config.ts';
import { startApiServer } from '../../api/server.ts';
import { main } from '../../bin/cli.ts';
import type { Io } from '../../bin/command.ts';
import type { Graph } from '../../graph/connection.ts';
import { deleteAllData, seedGraph } from '../../seeds/load.ts';
import { graphFingerprint, seededGraph } from './helpers.ts';

const FIXTURES = path.join(import.meta.dirname, 'fixtures', 'ciso');
const fixture = (name: string) => path.join(FIXTURES, name);
const ORG = 'ciso-org';
const NIS2_IR = 'urn:intuitem:risk:req_node:annex-technical-and-methodological-requirements-nis2';
let graph: Graph;
let dir: string;

async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: { write: (s) => (stdout += String(s)) },
    stderr: { write: (s) => (stderr += String(s)) },
    env: { USER: 'tester' },
  };
  const code = await main(argv, { io, env: {}, openGraph: async () => ({ ...graph, close: async () => {} }) });
  return { code, stdout, stderr };
}

const json = async (argv: string[]) => {
  const r = await run([...argv, '--json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
};

async function mapping(source: string, target: string) {
  const { records } = await graph.run(
    `MATCH (:Requirement {uid: $source})-[m:MAPS_TO]->(:Requirement {uid: $target})
     RETURN m {.relationship, .strength, .rationale, .explanation, .source, .status, .importedFrom, .reviewedBy,
               reviewedAt: m.reviewedAt IS NOT NULL} AS m`,
    { source, target },
  );
  return records[0]?.get('m') ?? null;
}

beforeAll(async () => {
  graph = await seededGraph({ demo: true });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-ciso-'));
  const org = path.join(dir, 'org');
  fs.mkdirSync(org);
  const files: Record<string, string> = {
    'organizations.csv': `id,name\n${ORG},CISO interchange test\n`,
    'adoptions.csv': `org_id,framework_id,since,target_date,scope\n${ORG},nis2-ir,,,\n`,
    'controls.csv': `org_id,id,name,description,owner,status\n${ORG},C1,Security policy,,,implemented\n`,
    'control-requirements.csv': `org_id,control_id,requirement_uid,coverage,note\n${ORG},C1,iso27001:A.5.1,full,\n`,
    'evidence.csv': `org_id,id,title,kind,uri,sha256,collected_at,valid_until,status,owner\n${ORG},E1,Signed policy,policy,,,,,approved,\n`,
    'evidence-controls.csv': `org_id,evidence_id,control_id\n${ORG},E1,C1\n`,
  };
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(org, name), text);
  const imported = await run(['import', org]);
  expect(imported.stderr).toBe('');
  expect(imported.code).toBe(0);
});

afterAll(async () => {
  // Leave the shared database as the other suites find it: the built-in catalogs and the demo.
  if (graph) {
    await deleteAllData(graph);
    await seedGraph(graph, { demo: true });
    await graph.close();
  }
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('URN aliases of the built-in catalogs', () => {
  it('give the built-in nodes the URNs of CISO Assistant libraries', async () => {
    const { records } = await graph.run(`
      MATCH (r:Requirement) WHERE r.urn IS NOT NULL
      RETURN r.frameworkId AS f, count(*) AS n ORDER BY f`);
    // Rows per framework in seeds/ciso-assistant/urn-aliases.csv, less the framework's own row.
    expect(Object.fromEntries(records.map((r) => [r.get('f'), Number(r.get('n'))]))).toEqual({
      'eu-ai-act': 167,
      gdpr: 196,
      iso27001: 138,
      iso42001: 92,
      nis2: 16,
      'nis2-ir': 437,
    });
    const urns = await graph.run(`
      MATCH (a:Requirement {uid: 'nis2-ir:1.1.1(a)'}), (b:Requirement {uid: 'gdpr:Art.32(1)(a)'}), (c:Requirement {uid: 'iso27001:A.5.1'}),
            (f:Framework {id: 'nis2-ir'})
      RETURN [a.urn, b.urn, c.urn, f.urn] AS urns`);
    expect(urns.records[0]?.get('urns')).toEqual([
      `${NIS2_IR}:1.1.1.a`,
      'urn:intuitem:risk:req_node:gdpr:32.1.a',
      'urn:intuitem:risk:req_node:iso27001-2022:a.5.1',
      'urn:intuitem:risk:framework:annex-technical-and-methodological-requirements-nis2',
    ]);
  });
});

describe('mapping libraries', () => {
  it('land on the built-in nodes: both directions and repeats collapse, roll-ups and existing pairs are reported', async () => {
    const result = await json(['import', fixture('mapping-nis2-ir-to-iso27001.yaml')]);
    expect(result.summary).toEqual({ Mapping: { created: 3, updated: 0, unchanged: 0 } });
    const m = result.interchange.mappings;
    // 9 rows: 17/26/48 one pair (26 a repeat, 48 the inverse), 22/53 one pair (53 the inverse),
    // 31/57 roll-ups onto nis2-ir:1.2.1 <-> A.5.2, 35 a not_related roll-up (dropped), 38 a built-in pair.
    expect({ rows: m.rows, pairs: m.pairs, reverse: m.reverse, repeated: m.repeated, keptExisting: m.keptExisting }).toEqual({
      rows: 9,
      pairs: 3,
      reverse: 2,
      repeated: 1,
      keptExisting: 1,
    });
    expect(
      m.rolledUp.map((r: { line: number; side: string; urn: string; uid: string; outcome: string }) => [
        r.line,
        r.side,
        r.urn,
        r.uid,
        r.outcome,
      ]),
    ).toEqual([
      [31, 'source', `${NIS2_IR}:1.2.1.sp1`, 'nis2-ir:1.2.1', 'stored'],
      [57, 'target', `${NIS2_IR}:1.2.1.sp1`, 'nis2-ir:1.2.1', 'merged'],
      [35, 'source', `${NIS2_IR}:1.2.2.sp1`, 'nis2-ir:1.2.2', 'dropped'],
    ]);
    expect(result.interchange.landed).toEqual([
      { framework: 'iso27001', kind: 'annex_a_control', ends: 3 },
      { framework: 'nis2-ir', kind: 'paragraph', ends: 1 },
      { framework: 'nis2-ir', kind: 'point', ends: 2 },
    ]);
    const common = {
      source: 'imported',
      status: 'draft',
      importedFrom: 'mapping-nis2-ir-to-iso27001.yaml',
      reviewedBy: null,
      reviewedAt: false,
    };
    expect(await mapping('nis2-ir:1.1.1(a)', 'iso27001:A.5.1')).toEqual({
      ...common,
      relationship: 'subset_of',
      strength: 8,
      rationale: 'semantic',
      explanation: null,
    });
    expect(await mapping('nis2-ir:1.1.1(b)', 'iso27001:A.5.1')).toEqual({
      ...common,
      relationship: 'intersects_with',
      strength: 5,
      rationale: null,
      explanation: 'Test row, both ask for a policy.',
    });
    // equal 9 on a finer point: stored on the paragraph as intersects_with, never stronger.
    expect(await mapping('nis2-ir:1.2.1', 'iso27001:A.5.2')).toMatchObject({ relationship: 'intersects_with', strength: 9 });
    expect(await mapping('nis2-ir:1.2.2', 'iso27001:A.5.3')).toBeNull();
    // The built-in pair stays as the crosswalk has it.
    expect(await mapping('nis2:Art.21(2)(a)', 'iso27001:A.5.1')).toMatchObject({
      relationship: 'intersects_with',
      strength: 8,
      status: 'approved',
      source: 'expert_judgement',
    });
    const text = await run(['import', fixture('mapping-nis2-ir-to-iso27001.yaml')]);
    expect(text.stdout).toContain('Mapping sets: 9 rows -> 3 pairs (2 rows were the other direction of a pair, 1 repeated rows)');
    expect(text.stdout).toContain(`mapping-nis2-ir-to-iso27001.yaml:31 source ${NIS2_IR}:1.2.1.sp1 -> nis2-ir:1.2.1 (stored)`);
    expect(text.stdout).toMatch(/Mapping\s+0\s+0\s+3/);
  });

  it('report rows that disagree as conflicts with both lines, and write nothing', async () => {
    const before = await graphFingerprint(graph);
    const r = await run(['import', fixture('conflict.yaml')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(
      'conflict.yaml:line 25 [relationship]: disagrees with ' +
        `${fixture('conflict.yaml')} line 15: read from nis2-ir:1.1.1(d), that row says equal (strength 9), this one superset_of (strength 7)`,
    );
    expect(r.stderr).not.toContain('duplicate');
    expect(await graphFingerprint(graph)).toBe(before);
  });

  it('--approve: a trusted set arrives approved, recorded as reviewed', async () => {
    const file = path.join(dir, 'agreeing.yaml');
    fs.writeFileSync(
      file,
      fs
        .readFileSync(fixture('conflict.yaml'), 'utf8')
        .replace(
          'relationship: subset\n      strength_of_relationship: 7',
          'relationship: equal\n      strength_of_relationship: 9',
        ),
    );
    const result = await json(['import', file, '--approve', '--by', 'bob']);
    expect(result.summary).toEqual({ Mapping: { created: 1, updated: 0, unchanged: 0 } });
    expect(await mapping('nis2-ir:1.1.1(d)', 'iso27001:A.5.1')).toMatchObject({
      relationship: 'equal',
      strength: 9,
      status: 'approved',
      reviewedBy: 'bob',
      reviewedAt: true,
    });
  });
});

describe('framework libraries never merge silently', () => {
  it('refuse a library whose id is a built-in framework, and leave it as it was', async () => {
    const before = await graphFingerprint(graph);
    const r = await run(['import', fixture('gdpr-mini.yaml')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(
      "[framework]: framework id 'gdpr' is taken by 'Regulation (EU) 2016/679 on the protection of natural persons with regard to the processing of personal data (General Data Protection Regulation)' from another source; nothing was merged. Add --into gdpr",
    );
    expect(await graphFingerprint(graph)).toBe(before);
  });

  it('--into adds the nodes the framework lacks and keeps its titles, summaries, kinds and metadata', async () => {
    const result = await json(['import', fixture('gdpr-mini.yaml'), '--into', 'gdpr']);
    expect(result.summary).toEqual({ Requirement: { created: 1, updated: 0, unchanged: 0 } });
    const into = result.interchange.frameworks.into[0];
    // article-32 and 32.1 are the built-in Art.32 and Art.32(1); 32.3 is new. Would have changed: the
    // framework's name, and title, summary and kind of each of the two shared nodes.
    expect({ matched: into.matched, added: into.added, wouldChangeCount: into.wouldChangeCount }).toEqual({
      matched: 2,
      added: 1,
      wouldChangeCount: 7,
    });
    expect(into.wouldChange.map((c: { uid: string; field: string }) => `${c.uid} ${c.field}`)).toEqual([
      'gdpr name',
      'gdpr:Art.32 title',
      'gdpr:Art.32 summary',
      'gdpr:Art.32 kind',
      'gdpr:Art.32(1) title',
      'gdpr:Art.32(1) summary',
      'gdpr:Art.32(1) kind',
    ]);
    const { records } = await graph.run(`
      MATCH (f:Framework {id: 'gdpr'}), (a:Requirement {uid: 'gdpr:Art.32'}), (p:Requirement {uid: 'gdpr:Art.32(1)'}),
            (n:Requirement {uid: 'gdpr:32.3'})-[:PART_OF]->(parent)
      RETURN f.name AS name, f.implementationGroupsDefinition AS groups, a.title AS title, a.kind AS kind,
             p.annotation AS annotation, p.implementationGroups AS pGroups, parent.uid AS parent,
             n {.title, .kind, .normative, .annotation, .typicalEvidence, .implementationGroups, .referenceControls, .translations, .urn} AS added`);
    expect(records[0]?.toObject()).toEqual({
      name: 'Regulation (EU) 2016/679 on the protection of natural persons with regard to the processing of personal data (General Data Protection Regulation)',
      groups: null,
      title: 'Security of processing',
      kind: 'article',
      annotation: 'A note from the library.',
      pGroups: ['core'],
      parent: 'gdpr:Art.32',
      added: {
        title: 'Codes of conduct and certification',
        kind: 'requirement',
        normative: true,
        annotation: 'Test annotation.',
        typicalEvidence: 'A certificate.',
        implementationGroups: ['core'],
        referenceControls: ['urn:intuitem:risk:function:test:cert'],
        translations: JSON.stringify({ fr: { name: 'Codes de conduite et certification' } }),
        urn: 'urn:intuitem:risk:req_node:gdpr:32.3',
      },
    });
  });

  it('--into: a node CISO Assistant numbers (node535, "Article 27") is our article, and learns the URN', async () => {
    expect((await run(['import', fixture('ai-act-mini.yaml')])).code).toBe(3);
    const result = await json(['import', fixture('ai-act-mini.yaml'), '--into', 'eu-ai-act']);
    expect(result.summary).toEqual({});
    expect(result.interchange.frameworks.into[0]).toMatchObject({ framework: 'eu-ai-act', matched: 2, added: 0 });
    const { records } = await graph.run("MATCH (r:Requirement {uid: 'eu-ai-act:Art.27'}) RETURN r.urn AS urn, r.title AS title");
    expect(records[0]?.toObject()).toEqual({
      urn: 'urn:intuitem:risk:req_node:ai-act:node535',
      title: 'Fundamental rights impact assessment for high-risk AI systems',
    });
  });

  it('refuse a library that is a built-in framework under another id; --framework-id FILE=ID makes a separate copy', async () => {
    const refused = await run(['import', fixture('iso27001-copy.yaml')]);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain(
      "[urn]: this library is framework 'iso27001' already (its URN urn:intuitem:risk:framework:iso27001-2022 is an alias of 'iso27001'); nothing was merged",
    );
    const copy = await json(['import', fixture('iso27001-copy.yaml'), '--framework-id', 'iso27001-copy.yaml=iso27001-ciso']);
    expect(copy.summary).toEqual({
      Framework: { created: 1, updated: 0, unchanged: 0 },
      Requirement: { created: 2, updated: 0, unchanged: 0 },
    });
    expect(copy.interchange.frameworks.copies).toEqual([
      { framework: 'iso27001-ciso', file: fixture('iso27001-copy.yaml'), urnsStayWith: 'iso27001' },
    ]);
    const { records } = await graph.run(
      "MATCH (r:Requirement {uid: 'iso27001-ciso:A.5.1'}) RETURN r.urn AS urn, r.title AS title",
    );
    expect(records[0]?.toObject()).toEqual({ urn: null, title: 'Made-up title' });
    // Mapping sets keep landing on the built-in iso27001.
    const again = await json(['import', fixture('mapping-nis2-ir-to-iso27001.yaml'), '--dry-run']);
    expect(again.summary).toEqual({ Mapping: { created: 0, updated: 0, unchanged: 3 } });
  });

  it('per-file ids in one command; short ids from the URN; the fields libraries carry are kept', async () => {
    const result = await json([
      'import',
      fixture('acme-questionnaire.yaml'),
      fixture('iso27001-copy.yaml'),
      '--framework-id',
      'iso27001-copy.yaml=iso-copy-2',
    ]);
    expect(result.summary.Framework).toEqual({ created: 2, updated: 0, unchanged: 0 });
    // The URN's last part, 88 characters, cut at the last dash within 60.
    const id = 'acme-ai-supplier-questionnaire-for-providers-of-general';
    const { records } = await graph.run(
      `MATCH (f:Framework {id: $id}), (r:Requirement {uid: $id + ':GOV.1'}), (c:Framework {id: 'iso-copy-2'})
       RETURN f {.name, .implementationGroupsDefinition, .translations} AS f, c.id AS copy,
              r {.implementationGroups, .referenceControls, .annotation, .typicalEvidence, .translations} AS r`,
      { id },
    );
    expect(records[0]?.toObject()).toEqual({
      f: {
        name: 'ACME AI supplier questionnaire (2026 edition)',
        implementationGroupsDefinition: JSON.stringify([
          { ref_id: 'basic', name: 'Basic' },
          { ref_id: 'full', name: 'Full' },
        ]),
        translations: JSON.stringify({ de: { name: 'ACME KI-Lieferantenfragebogen' } }),
      },
      copy: 'iso-copy-2',
      r: {
        implementationGroups: ['basic', 'full'],
        referenceControls: ['urn:intuitem:risk:function:acme:POL.AI'],
        annotation: 'Ask for the approval date.',
        typicalEvidence: 'The signed policy document.',
        translations: JSON.stringify({ de: { name: 'KI-Richtlinie', description: 'Der Lieferant hat eine KI-Richtlinie.' } }),
      },
    });
    const help = await run(['query', '--help']);
    expect(help.stdout).toMatch(new RegExp(`\\n  ${id} +2  \\(imported\\) ACME AI supplier questionnaire \\(2026 edition\\)\\n`));
    expect(help.stdout).toMatch(/\n {2}nis2-ir +437 {2}Commission Implementing Regulation/);
    const stats = await json(['stats']);
    expect(stats.library.fields.find((f: { framework: string }) => f.framework === id)).toEqual({
      framework: id,
      urn: 'urn:intuitem:risk:framework:acme-ai-supplier-questionnaire-for-providers-of-general-purpose-models-and-components-2026',
      urns: 2,
      implementationGroups: 1,
      referenceControls: 1,
      annotations: 1,
      typicalEvidence: 1,
      translations: 1,
    });
  });
});

// Each preview computes an organization's coverage from scratch twice; slow on a loaded machine.
describe('reviewing imported mappings', { timeout: 240_000 }, () => {
  const FILE = 'mapping-nis2-ir-to-iso27001.yaml';
  const changes = [
    {
      framework: 'nis2-ir',
      uid: 'nis2-ir:1.1.1(a)',
      before: { status: 'gap', basis: null, indications: 0 },
      after: { status: 'met', basis: 'inherited', indications: 0 },
    },
    {
      framework: 'nis2-ir',
      uid: 'nis2-ir:1.1.1(b)',
      before: { status: 'gap', basis: null, indications: 0 },
      after: { status: 'gap', basis: null, indications: 1 },
    },
  ];

  it('list with filters: file, framework pair, relationship', async () => {
    const all = await json(['mappings', 'list', '--file', FILE]);
    expect(
      all.map((m: { sourceUid: string; targetUid: string; status: string }) => `${m.sourceUid} ${m.targetUid} ${m.status}`),
    ).toEqual([
      'nis2-ir:1.1.1(a) iso27001:A.5.1 draft',
      'nis2-ir:1.1.1(b) iso27001:A.5.1 draft',
      'nis2-ir:1.2.1 iso27001:A.5.2 draft',
    ]);
    const intersects = await json(['mappings', 'list', '--frameworks', 'iso27001,nis2-ir', '--relationship', 'intersects_with']);
    expect(intersects.map((m: { sourceUid: string }) => m.sourceUid)).toEqual(['nis2-ir:1.1.1(b)', 'nis2-ir:1.2.1']);
    const refused = await run(['mappings', 'approve']);
    expect(refused.code).toBe(2);
  });

  it('approve --preview shows what the organization would gain and keeps nothing', async () => {
    // ciso-org meets iso27001:A.5.1 directly; nis2-ir:1.1.1(a) subset_of A.5.1 (8) read from A.5.1 is
    // superset_of: an inheritance; 1.1.1(b) intersects_with (5): an indication; A.5.2 is not met.
    const preview = await json(['mappings', 'approve', '--file', FILE, '--org', ORG, '--preview', '--by', 'alice']);
    expect(preview).toEqual({
      decision: 'approved',
      decided: 3,
      by: 'alice',
      rolledBack: true,
      preview: { org: ORG, frameworks: ['nis2-ir'], changes },
    });
    const still = await json(['mappings', 'list', '--file', FILE, '--status', 'draft']);
    expect(still).toHaveLength(3);
  });

  it('GraphQL: admins only; the same preview', async () => {
    const secret = 'test-secret-ciso-0123456789-0123456789-01234';
    const server = await startApiServer(graph, { port: 0, host: '127.0.0.1', api: { ...readApiOptions({}), auth: { secret } } });
    try {
      const ask = async (roles: ('viewer' | 'admin')[]) => {
        const token = await mintToken(secret, { roles, org: ORG, subject: 'carol' }, { ttlSeconds: 600 });
        const response = await fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({
            query: `mutation { approveMappings(filter: {file: "${FILE}"}, org: "${ORG}", preview: true) {
              decision decided by rolledBack preview { org frameworks changes { framework uid before { status basis indications } after { status basis indications } } } } }`,
          }),
        });
        return (await response.json()) as { data?: { approveMappings: unknown }; errors?: { extensions: { code: string } }[] };
      };
      // The fields libraries carry are part of the model.
      const token = await mintToken(secret, { roles: ['viewer'], org: ORG }, { ttlSeconds: 600 });
      const read = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          query:
            '{ requirements(where: { uid: { eq: "gdpr:32.3" } }) { urn annotation typicalEvidence implementationGroups referenceControls } }',
        }),
      });
      expect(((await read.json()) as { data: unknown }).data).toEqual({
        requirements: [
          {
            urn: 'urn:intuitem:risk:req_node:gdpr:32.3',
            annotation: 'Test annotation.',
            typicalEvidence: 'A certificate.',
            implementationGroups: ['core'],
            referenceControls: ['urn:intuitem:risk:function:test:cert'],
          },
        ],
      });
      expect((await ask(['viewer'])).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
      expect((await ask(['admin'])).data?.approveMappings).toEqual({
        decision: 'approved',
        decided: 3,
        by: 'carol',
        rolledBack: true,
        preview: { org: ORG, frameworks: ['nis2-ir'], changes },
      });
    } finally {
      await server.stop();
    }
  });

  it('approve records who and when and moves coverage; reject the rest; a re-import keeps the decisions', async () => {
    const approved = await json(['mappings', 'approve', '--pair', 'nis2-ir:1.1.1(a),iso27001:A.5.1', '--by', 'alice']);
    expect(approved).toMatchObject({ decision: 'approved', decided: 1, by: 'alice', rolledBack: false });
    expect(await mapping('nis2-ir:1.1.1(a)', 'iso27001:A.5.1')).toMatchObject({
      status: 'approved',
      reviewedBy: 'alice',
      reviewedAt: true,
    });
    const coverage = await json(['query', 'coverage', '--framework', 'nis2-ir', '--org', ORG]);
    const row = coverage.requirements.edges
      .map((e: { node: { uid: string } }) => e.node)
      .find((r: { uid: string }) => r.uid === 'nis2-ir:1.1.1(a)');
    expect({ status: row.status, basis: row.basis, source: row.inherited.source }).toEqual({
      status: 'met',
      basis: 'inherited',
      source: 'iso27001:A.5.1',
    });
    const rejected = await json(['mappings', 'reject', '--file', FILE]);
    expect(rejected).toMatchObject({ decision: 'rejected', decided: 2, by: 'tester' });
    expect(await run(['coverage', 'verify', '--org', ORG])).toMatchObject({ code: 0 });
    const again = await json(['import', fixture(FILE)]);
    expect(again.summary).toEqual({});
    expect(again.interchange.mappings.keptExisting).toBe(4);
    expect((await json(['mappings', 'list', '--file', FILE])).map((m: { status: string }) => m.status)).toEqual([
      'approved',
      'rejected',
      'rejected',
    ]);
  });
});

describe('export as CISO Assistant mapping libraries', { timeout: 240_000 }, () => {
  it('one library per framework pair with its -revert set; importing it back changes nothing', async () => {
    // A draft pair too, so that the round trip goes through an imported row as well as kept ones.
    const draft = path.join(dir, 'draft.yaml');
    fs.writeFileSync(
      draft,
      fs
        .readFileSync(fixture('conflict.yaml'), 'utf8')
        .replaceAll('1.1.1.d', '1.1.1.e')
        .replace(
          'relationship: subset\n      strength_of_relationship: 7',
          'relationship: equal\n      strength_of_relationship: 9',
        ),
    );
    expect((await json(['import', draft])).summary).toEqual({ Mapping: { created: 1, updated: 0, unchanged: 0 } });
    const out = path.join(dir, 'export');
    const exported = await run(['export', 'mappings', '--format', 'ciso-assistant', '--framework', 'nis2-ir', '--out', out]);
    expect(exported.code).toBe(0);
    const files = fs.readdirSync(out).sort();
    expect(files).toEqual([
      'mapping-iso27001-2022-to-annex-technical-and-methodological-requirements-nis2.yaml',
      'mapping-nis2-directive-to-annex-technical-and-methodological-requirements-nis2.yaml',
    ]);
    const library = parseYaml(fs.readFileSync(path.join(out, files[0]!), 'utf8'));
    expect(library.dependencies).toEqual([
      'urn:intuitem:risk:library:iso27001-2022',
      'urn:intuitem:risk:library:annex-technical-and-methodological-requirements-nis2',
    ]);
    const [set, revert] = library.objects.requirement_mapping_sets;
    expect(set.source_framework_urn).toBe('urn:intuitem:risk:framework:iso27001-2022');
    expect(revert.ref_id).toBe(`${set.ref_id}-revert`);
    // Not rejected: 1.1.1(a) subset_of A.5.1 (approved), 1.1.1(d) equal (approved), 1.1.1(e) equal (draft).
    expect(set.requirement_mappings).toEqual([
      {
        source_requirement_urn: 'urn:intuitem:risk:req_node:iso27001-2022:a.5.1',
        target_requirement_urn: `${NIS2_IR}:1.1.1.a`,
        relationship: 'superset',
        strength_of_relationship: 8,
        rationale: 'semantic',
      },
      {
        source_requirement_urn: 'urn:intuitem:risk:req_node:iso27001-2022:a.5.1',
        target_requirement_urn: `${NIS2_IR}:1.1.1.d`,
        relationship: 'equal',
        strength_of_relationship: 9,
      },
      {
        source_requirement_urn: 'urn:intuitem:risk:req_node:iso27001-2022:a.5.1',
        target_requirement_urn: `${NIS2_IR}:1.1.1.e`,
        relationship: 'equal',
        strength_of_relationship: 9,
      },
    ]);
    expect(revert.requirement_mappings[0]).toMatchObject({
      source_requirement_urn: `${NIS2_IR}:1.1.1.a`,
      relationship: 'subset',
    });
    const before = await graphFingerprint(graph);
    const back = await json(['import', out]);
    expect(back.summary).toEqual({ Mapping: { created: 0, updated: 0, unchanged: 1 } });
    expect(await graphFingerprint(graph)).toBe(before);
  });
});
