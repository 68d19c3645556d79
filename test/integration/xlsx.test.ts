/**
 * The CSV templates from an Excel workbook (one sheet per template, named as the template), through the
 * real CLI (in-process main()) and importFiles against the test Neo4j: date cells accepted, the same
 * validation as the CSV files with sheet, row and column in every problem, a locale date refused with
 * "use YYYY-MM-DD or a date cell", and nothing written when anything is wrong (bad-input style).
 * The workbooks are written here with exceljs; expected values are worked out by hand from them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '../../graph/connection.ts';
import { applySchema } from '../../graph/schema.ts';
import { importFiles } from '../../importers/index.ts';
import { ImportValidationError } from '../../importers/problems.ts';
import { seedGraph } from '../../seeds/load.ts';
import { graphFingerprint, runCli, testGraph } from './helpers.ts';

const ORG = 'xlsx-org';
let graph: Graph;
let dir: string;

const run = (argv: string[]) => runCli(graph, argv);

type Sheets = Record<string, unknown[][]>;
/** A workbook with one sheet per entry: the first row is the header. */
async function workbook(name: string, sheets: Sheets): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const [sheet, rows] of Object.entries(sheets)) wb.addWorksheet(sheet).addRows(rows);
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

const GOOD: Sheets = {
  organizations: [
    ['id', 'name'],
    [ORG, 'Workbook Ltd'],
  ],
  controls: [
    ['org_id', 'id', 'name', 'description', 'owner', 'status'],
    [ORG, 'WB-C1', 'Access reviews', 'Quarterly reviews of every account.', 'IT Operations', 'operating'],
  ],
  'control-requirements': [
    ['org_id', 'control_id', 'requirement_uid', 'coverage', 'note'],
    [ORG, 'WB-C1', 'iso27001:A.5.15', 'full', null],
  ],
  evidence: [
    ['org_id', 'id', 'title', 'kind', 'uri', 'collected_at', 'valid_until', 'status'],
    // A date cell, and a date typed as ISO text: both are calendar dates.
    [
      ORG,
      'WB-E1',
      'Access review Q1',
      'record',
      'https://example.org/q1.xlsx',
      new Date(Date.UTC(2026, 2, 1)),
      '2027-03-01',
      'approved',
    ],
  ],
  'evidence-controls': [
    ['org_id', 'evidence_id', 'control_id'],
    [ORG, 'WB-E1', 'WB-C1'],
  ],
};

beforeAll(async () => {
  graph = await testGraph();
  await applySchema(graph);
  await seedGraph(graph, {});
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-xlsx-'));
}, 240_000);
afterAll(async () => {
  await graph?.run('MATCH (n) WHERE n.orgId = $org OR (n:Organization AND n.id = $org) DETACH DELETE n', { org: ORG });
  await graph?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('an XLSX workbook of the templates', () => {
  it('imports every sheet as its template, date cells as dates, and re-imports unchanged', async () => {
    const file = await workbook('inventory.xlsx', GOOD);
    const result = await run(['import', file, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.files).toEqual([{ file: expect.stringMatching(/inventory\.xlsx$/), format: 'xlsx' }]);
    expect(json.records).toBe(5); // one row on each of the five sheets
    const { records } = await graph.run(
      `MATCH (e:Evidence {orgId: $org, id: 'WB-E1'})-[:SUPPORTS]->(c:Control {orgId: $org})-[i:IMPLEMENTS]->(r:Requirement)
       RETURN toString(e.collectedAt) AS collected, toString(e.validUntil) AS valid, c.owner AS owner, i.coverage AS coverage, r.uid AS uid`,
      { org: ORG },
    );
    expect(records.map((r) => r.toObject())).toEqual([
      { collected: '2026-03-01', valid: '2027-03-01', owner: 'IT Operations', coverage: 'full', uid: 'iso27001:A.5.15' },
    ]);
    const again = await importFiles(graph, [file]);
    expect(Object.values(again.summary).every((s) => s.created === 0 && s.updated === 0)).toBe(true);
  });
});

interface BadCase {
  name: string;
  sheets: Sheets;
  problems: Record<string, unknown>[];
  stderr?: RegExp;
}

const withRow = (sheet: string, row: unknown[], header?: unknown[]): Sheets => ({
  ...GOOD,
  [sheet]: [header ?? GOOD[sheet]![0]!, row],
});

const BAD: BadCase[] = [
  {
    name: 'a locale date typed as text',
    sheets: withRow('evidence', [ORG, 'WB-E1', 'Access review Q1', 'record', '', '2026-03-01', '01.02.2023', 'approved']),
    problems: [{ code: 'VALUE_DATE', sheet: 'evidence', line: 2, column: 7, field: 'valid_until' }],
    stderr:
      /inventory-bad\.xlsx\[evidence\]:line 2:7 \[valid_until\]: '01\.02\.2023' is not a date in the form YYYY-MM-DD: a locale date format; use YYYY-MM-DD or a date cell/,
  },
  {
    name: 'a US date typed as text',
    sheets: withRow('evidence', [ORG, 'WB-E1', 'Access review Q1', 'record', '', '3/1/2026', '', 'approved']),
    problems: [{ code: 'VALUE_DATE', sheet: 'evidence', line: 2, column: 6, field: 'collected_at' }],
  },
  {
    name: 'an unknown column',
    sheets: withRow('controls', [ORG, 'WB-C1', 'Access reviews', 'x'], ['org_id', 'id', 'name', 'colour']),
    problems: [
      { code: 'COLUMN_MISSING', sheet: 'controls', line: 1, field: 'status' },
      { code: 'COLUMN_UNKNOWN', sheet: 'controls', line: 1, column: 4, field: 'colour' },
    ],
  },
  {
    name: 'a sheet not named after a template',
    sheets: { ...GOOD, Sheet1: [['a'], ['b']] },
    problems: [{ code: 'FORMAT_UNKNOWN', sheet: 'Sheet1' }],
  },
  {
    name: 'an enum value not allowed',
    sheets: withRow('controls', [ORG, 'WB-C1', 'Access reviews', '', '', 'done']),
    problems: [{ code: 'VALUE_ENUM', sheet: 'controls', line: 2, column: 6, field: 'status' }],
  },
  {
    name: 'a reference to a control no sheet defines',
    sheets: withRow('control-requirements', [ORG, 'WB-C9', 'iso27001:A.5.15', 'full']),
    problems: [{ code: 'REFERENCE_UNKNOWN', sheet: 'control-requirements', line: 2, field: 'control_id' }],
  },
  {
    name: 'an id with a space',
    sheets: withRow('controls', [ORG, 'WB C1', 'Access reviews', '', '', 'operating']),
    problems: [{ code: 'VALUE_ID', sheet: 'controls', line: 2, column: 2, field: 'id' }],
  },
];

describe('bad workbooks', () => {
  it.each(BAD.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const file = await workbook('inventory-bad.xlsx', c.sheets);
    const before = await graphFingerprint(graph);
    const error = await importFiles(graph, [file]).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ImportValidationError);
    const problems = (error as ImportValidationError).problems;
    expect(problems, JSON.stringify(problems)).toMatchObject(c.problems);
    const cli = await run(['import', file]);
    expect(cli.code).toBe(3);
    expect(cli.stderr).toMatch(c.stderr ?? /^crosswalk import: rejected: \d+ problems? found, nothing was written/);
    expect(await graphFingerprint(graph)).toBe(before);
  });
});
