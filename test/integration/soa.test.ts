/**
 * The Statement of Applicability an auditor signs off, through the real CLI (in-process main()) against
 * the test Neo4j: every column for the demo organization (inclusion from its risks, adopted regulations
 * and adoption; implementation description and owner; evidence with title, URI and validity; document
 * control; additional controls), a row met only through mappings shown as not implemented, an SoA of an
 * imported NIST-style catalog, the XLSX layout (autofilter, frozen header, widths, print setup) and the
 * same content in CSV, Markdown and (with Chromium) PDF. Expected values are worked out by hand from
 * seeds/demo and the files written here.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '../../graph/connection.ts';
import { applySchema } from '../../graph/schema.ts';
import { SOA_COLUMNS } from '../../queries/soa-export.ts';
import { seedGraph } from '../../seeds/load.ts';
import { runCli, testGraph } from './helpers.ts';

const ORG = 'soa-test-org';
const TODAY = '2026-11-22';
let graph: Graph;
let dir: string;

const run = (argv: string[]) => runCli(graph, argv);

/** The CSV export: its `# key: value` document-control lines and its table as objects. */
function readCsv(text: string) {
  const lines = text.split('\n');
  const control = Object.fromEntries(
    lines
      .filter((l) => l.startsWith('# ') && l.includes(': '))
      .map((l) => [l.slice(2, l.indexOf(': ')), l.slice(l.indexOf(': ') + 2)]),
  );
  const table = parse(lines.filter((l) => !l.startsWith('# ')).join('\n'), { columns: false }) as string[][];
  const [header, ...rows] = table;
  return {
    control,
    header: header!,
    rows,
    byControl: new Map(rows.map((r) => [r[0]!, Object.fromEntries(header!.map((h, i) => [h, r[i]]))])),
  };
}

beforeAll(async () => {
  graph = await testGraph();
  await applySchema(graph);
  await seedGraph(graph, { demo: true });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-soa-'));
  const write = (name: string, text: string) => fs.writeFileSync(path.join(dir, name), text);
  // An organization meeting nis2:Art.21(2)(b) directly: iso27001 A.5.26 (superset_of, 8) and A.5.25
  // (superset_of, 7) are met through that mapping only, never implemented by a control of its own.
  write('organizations.csv', `id,name\n${ORG},SoA Test Ltd\n`);
  write(
    'adoptions.csv',
    `org_id,framework_id,since,scope,soa_version,soa_approver,soa_approved_on\n${ORG},iso27001,2025-01-01,Head office,0.9,Jane Roe (CEO),2026-10-01\n${ORG},fix-soa,2026-01-01,Cloud platform,1.0,Jane Roe (CEO),2026-11-01\n`,
  );
  write(
    'controls.csv',
    `org_id,id,name,description,owner,status\n${ORG},C-1,Incident handling,Runbook and on-call rota.,SOC lead,operating\n${ORG},C-2,Account automation,Accounts are provisioned by the IdP.,IAM team,operating\n`,
  );
  write(
    'control-requirements.csv',
    `org_id,control_id,requirement_uid,coverage,note\n${ORG},C-1,nis2:Art.21(2)(b),full,\n${ORG},C-2,fix-soa:ac-2.1,full,SCIM from the IdP\n`,
  );
  write(
    'evidence.csv',
    `org_id,id,title,kind,uri,collected_at,valid_until,status\n${ORG},E-1,Incident runbook,procedure,https://example.org/runbook.pdf,2026-01-10,2027-01-10,approved\n${ORG},E-2,IdP provisioning log,record,https://example.org/idp.csv,2026-10-01,2027-10-01,approved\n`,
  );
  write('evidence-controls.csv', `org_id,evidence_id,control_id\n${ORG},E-1,C-1\n${ORG},E-2,C-2\n`);
  const catalog = await run([
    'import',
    path.join(import.meta.dirname, 'fixtures', 'oscal', 'fix-800-53.json'),
    '--framework-id',
    'fix-soa',
  ]);
  expect(catalog.code, catalog.stderr).toBe(0);
  const inventory = await run(['import', dir]);
  expect(inventory.code, inventory.stderr).toBe(0);
}, 240_000);
afterAll(async () => {
  await graph?.run('MATCH (n) WHERE n.orgId = $org OR (n:Organization AND n.id = $org) DETACH DELETE n', { org: ORG });
  await graph?.run("MATCH (r:Requirement {frameworkId: 'fix-soa'}) DETACH DELETE r");
  await graph?.run("MATCH (f:Framework {id: 'fix-soa'}) DETACH DELETE f");
  await graph?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the demo SoA (iso27001)', () => {
  let csv: ReturnType<typeof readCsv>;
  beforeAll(async () => {
    const result = await run(['export', 'soa', '--framework', 'iso27001', '--org', 'demo', '--format', 'csv', '--today', TODAY]);
    expect(result.code, result.stderr).toBe(0);
    csv = readCsv(result.stdout);
  });

  it('has the document control', () => {
    expect(csv.control).toMatchObject({
      organization: 'Kestrel Support Services GmbH (demo)',
      framework: expect.stringContaining('(iso27001)'),
      version: '4.2',
      'approved by': 'Dr. Lena Brandt, Managing Director',
      'approval date': '2026-09-15',
      scope: 'Certified ISMS covering customer support operations, the CRM and the document platform',
      'status as of': TODAY,
      'additional controls': '16',
    });
  });

  it('has every column, filled for an implemented control', () => {
    expect(csv.header).toEqual([...SOA_COLUMNS]);
    expect(csv.byControl.get('A.5.15')).toEqual({
      control: 'A.5.15',
      title: expect.stringContaining('ccess control'),
      group: expect.stringMatching(/^A\.5 /),
      applicable: 'yes',
      justification:
        "Risk treatment: RSK-02 Prompt injection makes the chatbot reveal other customers' data (mitigate); RSK-03 The wiki assistant exposes restricted documents to employees without access (mitigate). Legal or regulatory requirement: nis2:Art.21(2)(i). Adopted framework iso27001 since 2023-03-15 (scope: Certified ISMS covering customer support operations, the CRM and the document platform)",
      implementation: 'implemented by CTL-02',
      status: 'met',
      basis: 'direct',
      implemented_by: 'CTL-02 Access control and multi-factor authentication (operating, full)',
      control_owner: 'IT Operations',
      implementation_description: 'Role-based access, quarterly access reviews, MFA on every remote and administrative login.',
      evidence:
        'EV-02 Access review Q3 2026 and MFA coverage report <https://docs.example.com/isms/access-review-2026q3.xlsx> (valid until 2027-03-31)',
      related_work: '',
    });
  });

  it('gives the exclusion justification for a control that does not apply', () => {
    expect(csv.byControl.get('A.8.30')).toMatchObject({
      applicable: 'no',
      justification: 'No software development is outsourced; the wiki assistant is built by the in-house team.',
      implementation: 'not applicable',
      status: 'excluded',
    });
  });

  it("lists the organization's additional controls beyond Annex A", () => {
    const additional = csv.rows.filter((r) => r[2] === 'Additional controls (beyond the listed ones)').map((r) => r[0]);
    // Controls implementing no iso27001 Annex A control (seeds/demo/control-requirements.csv).
    expect(additional).toEqual(
      ['06', '13', '14', '15', '16', '17', '18', '19', '20', '21', '22', '23', '24', '25', '26', '27'].map((n) => `CTL-${n}`),
    );
    expect(csv.byControl.get('CTL-13')).toMatchObject({
      justification: 'Implements gdpr:Art.30(1)',
      control_owner: expect.any(String),
    });
  });
});

describe('rows met only through mappings', () => {
  it('are not implemented, and say where they are met from', async () => {
    const result = await run(['export', 'soa', '--framework', 'iso27001', '--org', ORG, '--format', 'csv', '--today', TODAY]);
    expect(result.code, result.stderr).toBe(0);
    const { byControl, control } = readCsv(result.stdout);
    expect(control).toMatchObject({
      organization: 'SoA Test Ltd',
      version: '0.9',
      'approved by': 'Jane Roe (CEO)',
      'approval date': '2026-10-01',
    });
    for (const ref of ['A.5.25', 'A.5.26'])
      expect(byControl.get(ref), ref).toMatchObject({
        status: 'met',
        basis: 'inherited',
        implementation: expect.stringMatching(
          /^not implemented by a control of its own; met through nis2:Art\.21\(2\)\(b\) > iso27001:/,
        ),
        implemented_by: '',
      });
    expect(byControl.get('C-1')).toMatchObject({
      group: 'Additional controls (beyond the listed ones)',
      justification: 'Implements nis2:Art.21(2)(b)',
    });
  });
});

describe('an SoA for any framework with controls', () => {
  it('lists the controls of an imported NIST-style catalog', async () => {
    const result = await run(['export', 'soa', '--framework', 'fix-soa', '--org', ORG, '--format', 'md', '--today', TODAY]);
    expect(result.code, result.stderr).toBe(0);
    const rows = result.stdout.split('\n').filter((l) => /^\| (ac|au|C)-/.test(l));
    // The assessed controls are the normative leaves: ac-1, ac-2(1), au-1 (ac-2 has a part, ac-3 is withdrawn).
    expect(rows.map((r) => r.split(' | ')[0]!.slice(2))).toEqual(['ac-1', 'ac-2.1', 'au-1', 'C-1']);
    expect(rows[1]).toContain(
      '| implemented by C-2 | met | direct | C-2 Account automation (operating, full) | IAM team | Accounts are provisioned by the IdP. SCIM from the IdP |',
    );
    expect(result.stdout).toContain('| version | 1.0 |');
  });

  it('refuses a framework without controls', async () => {
    const result = await run(['export', 'soa', '--framework', 'gdpr', '--org', 'demo', '--format', 'csv']);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("no framework with controls 'gdpr'");
  });
});

describe('the formats', () => {
  it('XLSX: autofilter, frozen header, column widths, print setup; the same rows as the CSV', async () => {
    const file = path.join(dir, 'soa.xlsx');
    const result = await run([
      'export',
      'soa',
      '--framework',
      'iso27001',
      '--org',
      'demo',
      '--format',
      'xlsx',
      '--today',
      TODAY,
      '--out',
      file,
    ]);
    expect(result.code, result.stderr).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet('SoA iso27001')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    expect(sheet.getColumn(5).width).toBe(48);
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, printTitlesRow: '1:1' });
    const csv = readCsv(
      (await run(['export', 'soa', '--framework', 'iso27001', '--org', 'demo', '--format', 'csv', '--today', TODAY])).stdout,
    );
    const values: string[][] = [];
    sheet.eachRow((row) =>
      values.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))),
    );
    expect(values[0]).toEqual(csv.header);
    expect(values.slice(1).map((r) => [...r, ...Array(csv.header.length - r.length).fill('')])).toEqual(csv.rows);
    const control = workbook.getWorksheet('Document control')!;
    expect(control.getCell('B2').value).toBe('Kestrel Support Services GmbH (demo)');
  });

  it('Markdown: the same table as the CSV', async () => {
    const md = (await run(['export', 'soa', '--framework', 'iso27001', '--org', 'demo', '--format', 'md', '--today', TODAY]))
      .stdout;
    const csv = readCsv(
      (await run(['export', 'soa', '--framework', 'iso27001', '--org', 'demo', '--format', 'csv', '--today', TODAY])).stdout,
    );
    expect(md).toContain(`| ${SOA_COLUMNS.join(' | ')} |`);
    for (const row of csv.rows) expect(md).toContain(`| ${row.map((v) => v.replace(/\|/g, '\\|')).join(' | ')} |`);
    expect(md).toContain('| approved by | Dr. Lena Brandt, Managing Director |');
  });

  it('PDF through headless Chromium (skipped without /usr/bin/chromium)', async (context) => {
    if (!fs.existsSync('/usr/bin/chromium')) {
      context.skip('no /usr/bin/chromium: the PDF export is not checked');
      return;
    }
    const file = path.join(dir, 'soa.pdf');
    const result = await run([
      'export',
      'soa',
      '--framework',
      'iso27001',
      '--org',
      'demo',
      '--format',
      'pdf',
      '--today',
      TODAY,
      '--out',
      file,
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
  }, 60_000);
});
