/**
 * The importers end to end against the real Neo4j: every format imports, re-imports change nothing,
 * dry runs write nothing, and every kind of bad input is rejected with a precise message and an
 * unchanged graph.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '../../graph/connection.ts';
import { mappingsToCsv, mappingsToOscal, readMappings } from '../../importers/export.ts';
import { importFiles, type ImportOptions, type ImportResult } from '../../importers/index.ts';
import { formatProblem, ImportValidationError } from '../../importers/problems.ts';
import { BATCH_SIZE } from '../../importers/writer.ts';
import { graphFingerprint, seededGraph } from './helpers.ts';

const FIXTURES = path.join(import.meta.dirname, 'fixtures', 'import');
const fixture = (...parts: string[]) => path.join(FIXTURES, ...parts);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-import-'));

let graph: Graph;
beforeAll(async () => {
  graph = await seededGraph();
});
afterAll(async () => {
  await graph.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** The problems of a rejected import, one formatted line each; fails when the import succeeds. */
async function rejected(files: string[], options: ImportOptions = {}): Promise<string[]> {
  const before = await graphFingerprint(graph);
  const error = await importFiles(graph, files, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportValidationError);
  expect(await graphFingerprint(graph)).toBe(before);
  return (error as ImportValidationError).problems.map((p) => formatProblem({ ...p, file: path.basename(p.file) }));
}

const counts = (result: ImportResult) =>
  Object.fromEntries(Object.entries(result.summary).map(([type, c]) => [type, `${c.created}/${c.updated}/${c.unchanged}`]));
const nothingChanged = (result: ImportResult) => Object.values(result.summary).every((c) => c.created === 0 && c.updated === 0);

describe('organization inventory CSV', () => {
  it('imports a directory of templates in one go', async () => {
    const result = await importFiles(graph, [fixture('inventory')]);
    expect(result.files).toHaveLength(13);
    expect(counts(result)).toEqual({
      Organization: '2/0/0',
      System: '3/0/0',
      Control: '4/0/0',
      Evidence: '4/0/0',
      Risk: '3/0/0',
      ADOPTS: '3/0/0',
      EXCLUDES: '1/0/0',
      IMPLEMENTS: '5/0/0',
      APPLIES_TO: '4/0/0',
      SUPPORTS: '4/0/0',
      CONCERNS: '2/0/0',
      THREATENS: '3/0/0',
      MITIGATES: '3/0/0',
    });
  });

  it('stores camelCase properties, Neo4j dates and the organization on every node', async () => {
    const { records } = await graph.run(`
      MATCH (s:System {orgId: 'acme', id: 'SYS-PICK'}), (e:Evidence {orgId: 'acme', id: 'EV-AIA-2025'}),
            (c:Control {orgId: 'acme', id: 'CTL-02'}), (g:Control {orgId: 'globex', id: 'CTL-01'}),
            (:Organization {id: 'acme'})-[a:ADOPTS]->(:Framework {id: 'iso42001'})
      RETURN s {.isAI, .aiActRole, .aiActRisk, .gpai, .lifecycleStage, .purpose} AS system,
             e.collectedAt AS collectedAt, toString(e.validUntil) AS validUntil, e.sha256 AS sha256,
             c.description AS multiline, g.description AS quoted, toString(a.targetDate) AS targetDate, a.scope AS scope`);
    const r = records[0]!;
    expect(r.get('system')).toEqual({
      isAI: true,
      aiActRole: 'provider',
      aiActRisk: 'high',
      gpai: false,
      lifecycleStage: 'operation',
      purpose: 'Detects and grasps parcels; works next to warehouse staff',
    });
    expect(r.get('collectedAt').constructor.name).toBe('Date');
    expect(r.get('validUntil')).toBe('2026-02-13');
    expect(r.get('sha256')).toMatch(/^[0-9a-f]{64}$/);
    expect(r.get('multiline')).toContain('before roll-out.');
    expect(r.get('multiline')).toContain('\n(collision');
    expect(r.get('quoted')).toBe('A nurse confirms every urgency level, "never auto-apply" is enforced in the UI.');
    expect(r.get('targetDate')).toBe('2026-06-30');
    expect(r.get('scope')).toBe('Vision-based picking robots and the fleet planner');
    const orphans = await graph.run(
      `MATCH (n) WHERE (n:System OR n:Control OR n:Evidence OR n:Risk) AND n.orgId IS NULL RETURN count(n) AS n`,
    );
    expect(orphans.records[0]?.get('n')).toBe(0);
    // Same id in two organizations: two nodes, never linked across.
    const shared = await graph.run(`
      MATCH (c:Control {id: 'CTL-01'}) WITH collect(c.orgId) AS orgs
      OPTIONAL MATCH (x)-[]-(y) WHERE x.orgId IS NOT NULL AND y.orgId IS NOT NULL AND x.orgId <> y.orgId
      RETURN orgs, count(x) AS crossLinks`);
    expect([...(shared.records[0]?.get('orgs') as string[])].sort()).toEqual(['acme', 'globex']);
    expect(shared.records[0]?.get('crossLinks')).toBe(0);
  });

  it('re-imports with nothing created or updated', async () => {
    const before = await graphFingerprint(graph);
    const result = await importFiles(graph, [fixture('inventory')]);
    expect(nothingChanged(result)).toBe(true);
    expect(result.summary.Evidence?.unchanged).toBe(4);
    expect(await graphFingerprint(graph)).toBe(before);
  });

  it('reports an update in a dry run and writes nothing', async () => {
    const file = path.join(tmp, 'risks.csv');
    fs.writeFileSync(
      file,
      'org_id,id,title,likelihood,impact,treatment\nacme,RSK-COLL,Robot arm hits a worker during picking,1,5,mitigate\nacme,RSK-NEW,New risk,2,2,accept\n',
    );
    const before = await graphFingerprint(graph);
    const result = await importFiles(graph, [file], { dryRun: true });
    expect(result.dryRun).toBe(true);
    expect(counts(result)).toEqual({ Risk: '1/1/0' });
    expect(await graphFingerprint(graph)).toBe(before);
  });

  it('--org fills a missing org_id column and overrides the values of one', async () => {
    const file = path.join(tmp, 'controls.csv');
    fs.writeFileSync(file, 'id,name,status\nCTL-90,Model card review,planned\n');
    const result = await importFiles(graph, [file], { org: 'globex', dryRun: true });
    expect(counts(result)).toEqual({ Control: '1/0/0' });
    const evidence = path.join(tmp, 'evidence-controls.csv');
    fs.writeFileSync(evidence, 'org_id,evidence_id,control_id\nacme,EV-TRIAGE-SOP,CTL-01\n');
    expect((await importFiles(graph, [evidence], { org: 'globex', dryRun: true })).summary.SUPPORTS).toEqual({
      created: 0,
      updated: 0,
      unchanged: 1,
    });
    // Without --org the row points across organizations and is rejected.
    expect(await rejected([evidence])).toEqual([
      "evidence-controls.csv:line 2 [evidence_id]: evidence item 'EV-TRIAGE-SOP' belongs to organization 'globex', not 'acme'; a row may only reference its own organization's nodes",
    ]);
  });

  it('rejects unknown references, also across organizations', async () => {
    expect(await rejected([fixture('bad', 'unknown-refs')])).toEqual([
      "evidence-controls.csv:line 5 [org_id]: unknown organization 'initech': import its organizations.csv row first or together",
      "control-requirements.csv:line 2 [requirement_uid]: unknown requirement 'iso42001:A.99.1' (a uid is framework_id:ref, e.g. iso42001:A.6.2.4)",
      "evidence-controls.csv:line 2 [control_id]: unknown control 'CTL-99' in organization 'acme'",
      "evidence-controls.csv:line 3 [control_id]: control 'CTL-02' belongs to organization 'acme', not 'globex'; a row may only reference its own organization's nodes",
      "evidence-controls.csv:line 4 [evidence_id]: unknown evidence item 'EV-MISSING' in organization 'acme'",
      "evidence-controls.csv:line 5 [evidence_id]: unknown evidence item 'EV-1' in organization 'initech'",
      "evidence-controls.csv:line 5 [control_id]: unknown control 'CTL-1' in organization 'initech'",
    ]);
  });

  it('rejects duplicate ids within an organization (the same id in another one is fine)', async () => {
    expect(await rejected([fixture('bad', 'duplicates', 'controls.csv')])).toEqual(
      [
        "controls.csv:line 4 [id]: duplicate control id 'CTL-10' in organization 'acme' (first at " +
          fixture('bad', 'duplicates', 'controls.csv') +
          ' line 2)',
      ].map((l) =>
        l.replace(fixture('bad', 'duplicates', 'controls.csv'), path.join(FIXTURES, 'bad', 'duplicates', 'controls.csv')),
      ),
    );
  });

  it('rejects values outside the allowed sets', async () => {
    expect(await rejected([fixture('bad', 'enums', 'systems.csv')])).toEqual([
      "systems.csv:line 2 [is_ai]: 'maybe' is not true or false",
      "systems.csv:line 2 [ai_act_role]: 'user' is not one of provider, deployer, importer, distributor, product_manufacturer",
      "systems.csv:line 2 [ai_act_risk]: 'very-high' is not one of prohibited, high, limited, minimal",
      "systems.csv:line 2 [lifecycle_stage]: 'production' is not one of design, development, validation, deployment, operation, retired",
    ]);
  });

  it('rejects bad dates, bad digests and validity before collection', async () => {
    expect(await rejected([fixture('bad', 'dates', 'evidence.csv')])).toEqual([
      "evidence.csv:line 2 [collected_at]: '2025-02-30' is not a date in the form YYYY-MM-DD",
      "evidence.csv:line 2 [sha256]: 'not-a-digest' is not a SHA-256 digest (64 hex characters)",
      "evidence.csv:line 3 [valid_until]: '14.02.2026' is not a date in the form YYYY-MM-DD: a locale date format; use YYYY-MM-DD or a date cell",
      'evidence.csv:line 4 [valid_until]: 2025-05-01 is before collected_at 2025-06-01',
    ]);
  });

  it('rejects missing and unknown columns', async () => {
    const error = await importFiles(graph, [fixture('bad', 'columns')], {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportValidationError);
    // Codes and positions, not message text (the header is line 1; columns count from 1).
    const problems = (error as ImportValidationError).problems.map(({ code, line, column, field, file }) => ({
      code,
      line,
      column,
      field,
      file: path.basename(file),
    }));
    expect(problems).toEqual(
      expect.arrayContaining([
        { code: 'COLUMN_UNKNOWN', line: 1, column: 7, field: 'colour', file: 'risks.csv' },
        expect.objectContaining({ code: 'COLUMN_MISSING', line: 1, field: 'name', file: 'systems.csv' }),
        { code: 'COLUMN_UNKNOWN', line: 1, column: 3, field: 'nmae', file: 'systems.csv' },
      ]),
    );
  });

  it('rejects an empty file and a file that is not UTF-8', async () => {
    expect(await rejected([fixture('bad', 'empty', 'risks.csv')])).toEqual(['risks.csv: the file is empty']);
    expect(await rejected([fixture('bad', 'encoding', 'controls.csv')])).toEqual([
      'controls.csv:line 2: the file is not valid UTF-8 (first bad byte on line 2); re-save it as "CSV UTF-8" (Excel) or convert it with iconv -f WINDOWS-1252 -t UTF-8',
    ]);
  });

  it('lists all problems of all files at once', async () => {
    const problems = await rejected([fixture('bad', 'enums'), fixture('bad', 'dates'), fixture('bad', 'empty')]);
    expect(problems).toHaveLength(9);
  });

  it('leaves the graph exactly as before when the write fails after several batches', async () => {
    // 3 batches of evidence succeed, then a uniqueness rule the validator knows nothing about fails.
    const rows = 3 * BATCH_SIZE + 500;
    const lines = ['org_id,id,title,kind,uri,status'];
    for (let i = 0; i < rows; i++)
      lines.push(`acme,EV-BULK-${i},Bulk record ${i},record,https://dms.acme.example/bulk/${i},approved`);
    const file = path.join(tmp, 'evidence.csv');
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    await graph.run('CREATE CONSTRAINT test_evidence_uri IF NOT EXISTS FOR (e:Evidence) REQUIRE e.uri IS UNIQUE');
    await graph.run(`CREATE (:Evidence {orgId: 'globex', id: 'EV-CONFLICT', title: 'conflict', uri: $uri})`, {
      uri: `https://dms.acme.example/bulk/${3 * BATCH_SIZE + 10}`,
    });
    try {
      const before = await graphFingerprint(graph);
      const written: number[] = [];
      const error = await importFiles(graph, [file], {
        onProgress: (type, done) => type === 'Evidence' && written.push(done),
      }).catch((e: unknown) => e);
      expect(String(error)).toMatch(/already exists/);
      expect(written).toEqual([BATCH_SIZE, 2 * BATCH_SIZE, 3 * BATCH_SIZE]);
      expect(await graphFingerprint(graph)).toBe(before);
      const bulk = await graph.run(`MATCH (e:Evidence) WHERE e.id STARTS WITH 'EV-BULK-' RETURN count(e) AS n`);
      expect(bulk.records[0]?.get('n')).toBe(0);
    } finally {
      await graph.run(`MATCH (e:Evidence {id: 'EV-CONFLICT'}) DELETE e`);
      await graph.run('DROP CONSTRAINT test_evidence_uri IF EXISTS');
    }
  });

  it('ships a valid example file for every template', async () => {
    const templates = path.join(import.meta.dirname, '..', '..', 'seeds', 'templates');
    const result = await importFiles(graph, [templates], { dryRun: true });
    expect(result.files.map((f) => f.format).sort()).toEqual([
      'csv-adoptions',
      'csv-audits',
      'csv-control-requirements',
      'csv-control-systems',
      'csv-controls',
      'csv-corrective-actions',
      'csv-evidence',
      'csv-evidence-controls',
      'csv-evidence-systems',
      'csv-exclusions',
      'csv-findings',
      'csv-frameworks',
      'csv-management-reviews',
      'csv-mappings',
      'csv-organizations',
      'csv-persons',
      'csv-requirements',
      'csv-responsibilities',
      'csv-risk-controls',
      'csv-risk-systems',
      'csv-risks',
      'csv-systems',
      'csv-trainings',
    ]);
  });
});

describe('OSCAL', () => {
  it('imports a catalog with nested groups, sub-controls and statement prose', async () => {
    const dry = await importFiles(graph, [fixture('oscal', 'catalog.json')], { dryRun: true });
    expect(dry.files[0]?.format).toBe('oscal-catalog');
    expect(counts(dry)).toEqual({ Framework: '1/0/0', Requirement: '7/0/0' });
    const withDefaultId = await graph.run(`MATCH (f:Framework {id: 'acme-cloud-security-baseline'}) RETURN count(f) AS n`);
    expect(withDefaultId.records[0]?.get('n')).toBe(0);

    await importFiles(graph, [fixture('oscal', 'catalog.json')], { frameworkId: 'acme-cloud' });
    const { records } = await graph.run(`
      MATCH (r:Requirement {uid: 'acme-cloud:iam-1.1'})-[:PART_OF]->(p)-[:PART_OF]->(g)-[:IN_FRAMEWORK]->(f:Framework)
      MATCH (l:Requirement {uid: 'acme-cloud:log-1'})-[:PART_OF*]->(top {uid: 'acme-cloud:log'})
      RETURN r.title AS title, p.uid AS parent, p.summary AS summary, g.uid AS group, g.kind AS kind, f.name AS name, f.version AS version,
             l.summary AS logSummary`);
    const r = records[0]!;
    expect(r.get('title')).toBe('IAM-1(1) Privileged Access Reviews');
    expect(r.get('parent')).toBe('acme-cloud:iam-1');
    // Statement items on their own lines, as OSCAL renders them (these carry no label props).
    expect(r.get('summary')).toBe(
      'The cloud team maintains an access control policy that:\nnames who approves access to production accounts; and\nis reviewed every twelve months.',
    );
    expect([r.get('group'), r.get('kind'), r.get('name'), r.get('version')]).toEqual([
      'acme-cloud:iam',
      'group',
      'ACME Cloud Security Baseline',
      '1.3',
    ]);
    expect(r.get('logSummary')).toBe('Audit logs are kept for 400 days, "immutable" for the first 90.');
    expect(nothingChanged(await importFiles(graph, [fixture('oscal', 'catalog.json')], { frameworkId: 'acme-cloud' }))).toBe(
      true,
    );
  });

  it('imports a mapping collection, and exports one that re-imports unchanged', async () => {
    const result = await importFiles(graph, [fixture('oscal', 'mappings.json')]);
    expect(counts(result)).toEqual({ Mapping: '3/0/0' });
    const { records } = await graph.run(`
      MATCH (:Requirement {uid: 'acme-cloud:iam-1'})-[m:MAPS_TO]->(:Requirement {uid: 'iso27001:A.5.15'})
      RETURN m {.relationship, .strength, .source, .status, .explanation} AS m`);
    expect(records[0]?.get('m')).toEqual({
      relationship: 'subset_of',
      strength: 7,
      source: 'imported',
      status: 'draft',
      explanation: 'Our policy covers production accounts only; A.5.15 covers all access.',
    });
    expect(nothingChanged(await importFiles(graph, [fixture('oscal', 'mappings.json')]))).toBe(true);

    const mappings = await readMappings(graph, 'acme-cloud');
    expect(mappings).toHaveLength(3);
    const oscalFile = path.join(tmp, 'export.json');
    fs.writeFileSync(oscalFile, mappingsToOscal(mappings));
    expect(counts(await importFiles(graph, [oscalFile]))).toEqual({ Mapping: '0/0/3' });
    const csvFile = path.join(tmp, 'mappings.csv');
    fs.writeFileSync(csvFile, mappingsToCsv(await readMappings(graph)));
    const all = await importFiles(graph, [csvFile]);
    expect(nothingChanged(all)).toBe(true);
    expect(all.summary.Mapping?.unchanged).toBeGreaterThan(100);
  });

  it('rejects bad relationships and unknown controls with their JSON path', async () => {
    const doc = JSON.parse(fs.readFileSync(fixture('oscal', 'mappings.json'), 'utf8'));
    doc['mapping-collection'].mappings[0].maps[1].relationship = 'similar-to';
    doc['mapping-collection'].mappings[0].maps[2].sources[0]['id-ref'] = 'log-9';
    const file = path.join(tmp, 'bad-mappings.json');
    fs.writeFileSync(file, JSON.stringify(doc));
    expect(await rejected([file])).toEqual([
      `bad-mappings.json:$["mapping-collection"].mappings[0].maps[1].relationship [relationship]: 'similar-to' is not one of equivalent-to, equal-to, subset-of, superset-of, intersects-with, no-relationship`,
      'bad-mappings.json:$["mapping-collection"].mappings[0].maps[2] [source_uid]: unknown requirement \'acme-cloud:log-9\'',
    ]);
  });
});

describe('CISO Assistant libraries', () => {
  it('imports a framework; nodes without ref_id keep their URN as ref', async () => {
    const result = await importFiles(graph, [fixture('ciso', 'framework.yaml')], { frameworkId: 'acme-supplier-ai' });
    expect(result.files[0]?.format).toBe('ciso-assistant');
    expect(counts(result)).toEqual({ Framework: '1/0/0', Requirement: '5/0/0' });
    const { records } = await graph.run(`
      MATCH (n:Requirement {uid: 'acme-supplier-ai:urn:intuitem:risk:req_node:acme-supplier-ai:gov-1-note'})-[:PART_OF]->(p)-[:PART_OF]->(top)
      RETURN p.uid AS parent, p.normative AS normative, p.urn AS urn, top.kind AS kind, n.title AS title`);
    expect(records[0]?.toObject()).toEqual({
      parent: 'acme-supplier-ai:GOV-1',
      normative: true,
      urn: 'urn:intuitem:risk:req_node:acme-supplier-ai:gov-1',
      kind: 'group',
      title: 'Evidence may be a policy document or a certificate under ISO/IEC 42001.',
    });
  });

  it('imports requirement mapping sets (old singular and new list form) resolving URNs', async () => {
    const result = await importFiles(graph, [fixture('ciso', 'mapping.yaml')]);
    expect(counts(result)).toEqual({ Mapping: '2/0/0' });
    const { records } = await graph.run(`
      MATCH (:Requirement {uid: 'acme-supplier-ai:GOV-1'})-[m:MAPS_TO]->(:Requirement {uid: 'acme-supplier-ai:SEC-1'})
      RETURN m {.relationship, .strength, .rationale, .explanation, .source} AS m`);
    expect(records[0]?.get('m')).toEqual({
      relationship: 'intersects_with',
      strength: 3,
      rationale: null,
      source: 'imported',
      explanation: 'Both ask for management-approved rules, for different topics.',
    });
    const list = fs
      .readFileSync(fixture('ciso', 'mapping.yaml'), 'utf8')
      .replace('  requirement_mapping_set:\n', '  requirement_mapping_sets:\n  -\n');
    const file = path.join(tmp, 'mapping-sets.yaml');
    fs.writeFileSync(file, list);
    expect(nothingChanged(await importFiles(graph, [file]))).toBe(true);
  });

  it('rejects unknown URNs and relationships with the YAML line', async () => {
    const text = fs
      .readFileSync(fixture('ciso', 'mapping.yaml'), 'utf8')
      .replace('acme-supplier-ai:sec-1\n', 'acme-supplier-ai:sec-9\n')
      .replace('relationship: not_related', 'relationship: related');
    const file = path.join(tmp, 'bad-mapping.yaml');
    fs.writeFileSync(file, text);
    expect(await rejected([file])).toEqual([
      "bad-mapping.yaml:line 26 [relationship]: 'related' is not one of equal, subset, superset, intersect, not_related",
      "bad-mapping.yaml:line 19 [target_requirement_urn]: unknown requirement URN 'urn:intuitem:risk:req_node:acme-supplier-ai:sec-9': import its CISO Assistant framework library first or together",
    ]);
  });
});
