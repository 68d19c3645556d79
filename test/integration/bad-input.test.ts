/**
 * Every class of bad input the importers know (seeds/templates/README.md, "Bad input"), each as a file:
 * the import is rejected with the problem's code and position (never asserted by message text), the
 * `crosswalk import` command exits with 3 and prints no stack trace, and the graph is byte-for-byte the
 * same afterwards. Works in its own organizations (fm-org, fm-other) and frameworks (fm-*).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { main } from '../../bin/cli.ts';
import type { Graph } from '../../graph/connection.ts';
import { applySchema } from '../../graph/schema.ts';
import { importFiles, type ImportOptions } from '../../importers/index.ts';
import { ImportValidationError, PROBLEM_CODES, type ImportProblem } from '../../importers/problems.ts';
import { seedGraph } from '../../seeds/load.ts';
import { graphFingerprint, testGraph } from './helpers.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-bad-input-'));

type Content = string | Buffer;
type Expected = Partial<Pick<ImportProblem, 'code' | 'line' | 'column' | 'path' | 'field'>>;
interface Case {
  name: string;
  format: 'CSV' | 'OSCAL' | 'CISO YAML' | 'files';
  /** File name -> content; a value of `null` makes a directory. */
  files: () => Record<string, Content | null>;
  /** Paths passed to the import (default: every file of the case). */
  paths?: (dir: string) => string[];
  options?: ImportOptions;
  /** What the CLI answers when it is not the importer's own rejection (exit 3). */
  cli?: { code: number; stderr: RegExp };
  problems: Expected[];
}

// ---- Base files: valid on their own (checked below), each case breaks one thing. ----

const CONTROLS = 'org_id,id,name,status\nfm-org,FM-C1,Access reviews,planned\n';
const controls = (rows: string) => ({ 'controls.csv': `org_id,id,name,status\n${rows}` });

const catalog = (mutate: (c: Record<string, unknown>) => void = () => {}) => {
  const doc = {
    catalog: {
      uuid: '0f6f1e1a-5b0c-4d43-9d0e-1f5c1b1f0001',
      metadata: { title: 'FM Catalog', version: '1', published: '2025-06-30T00:00:00Z', 'oscal-version': '1.1.2' },
      groups: [{ id: 'g1', title: 'Group one', controls: [{ id: 'c1', title: 'Control one' }] }],
    },
  };
  mutate(doc.catalog as unknown as Record<string, unknown>);
  return JSON.stringify(doc, null, 2);
};
const OSCAL = { frameworkId: 'fm-oscal' };

const collection = (mutate: (map: Record<string, unknown>, mapping: Record<string, unknown>) => void = () => {}) => {
  const map: Record<string, unknown> = {
    uuid: '0f6f1e1a-5b0c-4d43-9d0e-1f5c1b1f0003',
    relationship: 'intersects-with',
    sources: [{ type: 'control', 'id-ref': '4.1' }],
    targets: [{ type: 'control', 'id-ref': '4.2' }],
  };
  const mapping: Record<string, unknown> = {
    uuid: '0f6f1e1a-5b0c-4d43-9d0e-1f5c1b1f0002',
    'source-resource': { type: 'catalog', href: '#iso42001' },
    'target-resource': { type: 'catalog', href: '#iso27001' },
    maps: [map],
  };
  mutate(map, mapping);
  return JSON.stringify(
    { 'mapping-collection': { uuid: 'x', metadata: { title: 'FM mappings' }, mappings: [mapping] } },
    null,
    2,
  );
};

const LIBRARY = `urn: urn:intuitem:risk:library:fm-lib
ref_id: FM-LIB
name: FM library
objects:
  framework:
    urn: urn:intuitem:risk:framework:fm-lib
    ref_id: FM-LIB
    name: FM library
    requirement_nodes:
    - urn: urn:intuitem:risk:req_node:fm-lib:a
      assessable: false
      ref_id: A
      name: Area A
    - urn: urn:intuitem:risk:req_node:fm-lib:a-1
      assessable: true
      parent_urn: urn:intuitem:risk:req_node:fm-lib:a
      ref_id: A-1
      name: Requirement A-1
`;
const CISO = { frameworkId: 'fm-ciso' };
const library = (text: Content) => ({ 'framework.yaml': text });
const MAPPING = `urn: urn:intuitem:risk:library:fm-map
name: FM mapping
objects:
  requirement_mapping_sets:
  - urn: urn:intuitem:risk:req_mapping_set:fm-map
    requirement_mappings:
    - source_requirement_urn: urn:intuitem:risk:req_node:fm-lib:a-1
      target_requirement_urn: urn:intuitem:risk:req_node:fm-lib:a
      relationship: intersect
`;
const withMapping = (text: string) => ({ 'framework.yaml': LIBRARY, 'mapping.yaml': text });

const latin1 = (text: string) => Buffer.from(text, 'latin1');
const utf16le = (text: string) => Buffer.from(text, 'utf16le');
const utf16be = (text: string) => Buffer.from(utf16le(`\uFEFF${text}`).swap16());
const nested = (depth: number) => `{"catalog": ${'{"groups": ['.repeat(depth)}{}${']}'.repeat(depth)}}`;
const MB = 1_000_000;

const BASES: Case[] = [
  { name: 'base CSV', format: 'CSV', files: () => ({ 'controls.csv': CONTROLS }), problems: [] },
  { name: 'base OSCAL catalog', format: 'OSCAL', files: () => ({ 'catalog.json': catalog() }), options: OSCAL, problems: [] },
  { name: 'base OSCAL mapping collection', format: 'OSCAL', files: () => ({ 'mappings.json': collection() }), problems: [] },
  {
    name: 'base CISO framework and mapping',
    format: 'CISO YAML',
    files: () => withMapping(MAPPING),
    options: CISO,
    problems: [],
  },
];

const CASES: Case[] = [
  // ---- CSV: the file ----
  { name: 'empty file', format: 'CSV', files: () => ({ 'controls.csv': '' }), problems: [{ code: 'FILE_EMPTY' }] },
  { name: 'blank lines only', format: 'CSV', files: () => ({ 'controls.csv': '\n  \n\n' }), problems: [{ code: 'FILE_EMPTY' }] },
  {
    name: 'a BOM and nothing else',
    format: 'CSV',
    files: () => ({ 'controls.csv': '\uFEFF' }),
    problems: [{ code: 'FILE_EMPTY' }],
  },
  {
    name: 'a header without records',
    format: 'CSV',
    files: () => ({ 'controls.csv': 'org_id,id,name,status\n' }),
    problems: [{ code: 'DOCUMENT_EMPTY' }],
  },
  {
    name: 'Latin-1 (Windows-1252) text',
    format: 'CSV',
    files: () => ({ 'controls.csv': latin1(`${CONTROLS}fm-org,FM-C2,Zugriffsprüfung,planned\n`) }),
    problems: [{ code: 'ENCODING_INVALID', line: 3 }],
  },
  {
    name: 'a bad byte on line 5002',
    format: 'CSV',
    files: () => {
      const rows = Array.from({ length: 5000 }, (_, i) => `fm-org,FM-BULK-${i},Bulk ${i},planned\n`).join('');
      return {
        'controls.csv': Buffer.concat([Buffer.from(`org_id,id,name,status\n${rows}`), latin1('fm-org,FM-X,Caf\u00e9,planned\n')]),
      };
    },
    problems: [{ code: 'ENCODING_INVALID', line: 5002 }],
  },
  {
    name: 'UTF-16 LE with BOM',
    format: 'CSV',
    files: () => ({ 'controls.csv': utf16le(`\uFEFF${CONTROLS}`) }),
    problems: [{ code: 'ENCODING_INVALID', line: 1 }],
  },
  {
    name: 'UTF-16 LE without BOM',
    format: 'CSV',
    files: () => ({ 'controls.csv': utf16le(CONTROLS) }),
    problems: [{ code: 'ENCODING_INVALID', line: 1 }],
  },
  {
    name: 'UTF-16 BE with BOM',
    format: 'CSV',
    files: () => ({ 'controls.csv': utf16be(CONTROLS) }),
    problems: [{ code: 'ENCODING_INVALID', line: 1 }],
  },
  // ---- CSV: the header ----
  {
    name: 'a duplicate column',
    format: 'CSV',
    files: () => ({ 'controls.csv': 'org_id,id,name,name,status\nfm-org,FM-C1,Access reviews,Other,planned\n' }),
    problems: [{ code: 'COLUMN_DUPLICATE', line: 1, column: 4, field: 'name' }],
  },
  {
    name: 'a column without a name',
    format: 'CSV',
    files: () => ({ 'controls.csv': 'org_id,id,,name,status\nfm-org,FM-C1,x,Access reviews,planned\n' }),
    problems: [{ code: 'COLUMN_UNNAMED', line: 1, column: 3 }],
  },
  {
    name: 'a required column missing',
    format: 'CSV',
    files: () => ({ 'controls.csv': 'org_id,id,status\nfm-org,FM-C1,planned\n' }),
    problems: [{ code: 'COLUMN_MISSING', line: 1, field: 'name' }],
  },
  {
    name: 'an unknown column',
    format: 'CSV',
    files: () => ({ 'controls.csv': 'org_id,id,name,status,colour\nfm-org,FM-C1,Access reviews,planned,red\n' }),
    problems: [{ code: 'COLUMN_UNKNOWN', line: 1, column: 5, field: 'colour' }],
  },
  // ---- CSV: records csv-parse refuses (its codes) ----
  {
    name: 'a record with too many fields',
    format: 'CSV',
    files: () => controls('fm-org,FM-C1,Access reviews,planned,extra\n'),
    problems: [{ code: 'CSV_RECORD_INCONSISTENT_COLUMNS', line: 2 }],
  },
  {
    name: 'a record with too few fields',
    format: 'CSV',
    files: () => controls('fm-org,FM-C1,Access reviews,planned\nfm-org,FM-C2,Access reviews\n'),
    problems: [{ code: 'CSV_RECORD_INCONSISTENT_COLUMNS', line: 3 }],
  },
  {
    name: 'a quote never closed',
    format: 'CSV',
    files: () => controls('fm-org,FM-C1,Access reviews,planned\nfm-org,FM-C2,"Access reviews,planned\nfm-org,FM-C3,x,planned\n'),
    problems: [{ code: 'CSV_QUOTE_NOT_CLOSED', line: 3 }],
  },
  {
    name: 'a bad closing quote in a record spanning lines 2-4',
    format: 'CSV',
    files: () => controls('fm-org,FM-C1,"Line one\nline two\nline three" x,planned\n'),
    problems: [{ code: 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE', line: 2, column: 3, field: 'name' }],
  },
  {
    name: 'a quote inside an unquoted value',
    format: 'CSV',
    files: () => controls('fm-org,FM-C1,Acc"ess reviews,planned\n'),
    problems: [{ code: 'INVALID_OPENING_QUOTE', line: 2 }],
  },
  {
    name: 'a record over 2 MB',
    format: 'CSV',
    files: () => controls(`fm-org,FM-C1,"${'x'.repeat(3 * MB)}",planned\n`),
    problems: [{ code: 'CSV_MAX_RECORD_SIZE', line: 2 }],
  },
  // ---- CSV: values ----
  {
    name: 'a bad value in a record spanning lines 2-4 (reported at its first line)',
    format: 'CSV',
    files: () => controls('fm-org,FM-C1,"Line one\nline two\nline three",bogus\nfm-org,FM-C2,Fine,planned\n'),
    problems: [{ code: 'VALUE_ENUM', line: 2, field: 'status' }],
  },
  {
    name: 'a NUL byte in a value',
    format: 'CSV',
    files: () => controls('fm-org,FM-C1,Access\u0000reviews,planned\n'),
    problems: [{ code: 'VALUE_CONTROL_CHARACTER', line: 2, column: 3, field: 'name' }],
  },
  {
    name: 'an escape character in a value',
    format: 'CSV',
    files: () => controls('fm-org,FM-C1,Access reviews\u001b[31m,planned\n'),
    problems: [{ code: 'VALUE_CONTROL_CHARACTER', line: 2, field: 'name' }],
  },
  {
    name: 'a 1 MB id',
    format: 'CSV',
    files: () => controls(`fm-org,${'X'.repeat(MB)},Access reviews,planned\n`),
    problems: [{ code: 'VALUE_TOO_LONG', line: 2, field: 'id' }],
  },
  {
    name: 'an id with a space',
    format: 'CSV',
    files: () => controls('fm-org,FM C1,Access reviews,planned\n'),
    problems: [{ code: 'VALUE_ID', line: 2, field: 'id' }],
  },
  {
    name: 'a required value empty',
    format: 'CSV',
    files: () => controls('fm-org,FM-C1,,planned\n'),
    problems: [{ code: 'VALUE_REQUIRED', line: 2, field: 'name' }],
  },
  {
    name: 'a value outside its set',
    format: 'CSV',
    files: () => controls('fm-org,FM-C1,Access reviews,done\n'),
    problems: [{ code: 'VALUE_ENUM', line: 2, field: 'status' }],
  },
  {
    name: 'a boolean that is neither',
    format: 'CSV',
    files: () => ({ 'systems.csv': 'org_id,id,name,is_ai\nfm-org,FM-S1,Scorer,maybe\n' }),
    problems: [{ code: 'VALUE_BOOLEAN', line: 2, field: 'is_ai' }],
  },
  {
    name: 'a number out of range',
    format: 'CSV',
    files: () => ({ 'risks.csv': 'org_id,id,title,likelihood\nfm-org,FM-R1,Leak,7\n' }),
    problems: [{ code: 'VALUE_NUMBER', line: 2, field: 'likelihood' }],
  },
  {
    name: 'a number that is a word',
    format: 'CSV',
    files: () => ({ 'risks.csv': 'org_id,id,title,impact\nfm-org,FM-R1,Leak,high\n' }),
    problems: [{ code: 'VALUE_NUMBER', line: 2, field: 'impact' }],
  },
  {
    name: 'an impossible date (February 30)',
    format: 'CSV',
    files: () => ({ 'evidence.csv': 'org_id,id,title,kind,status,collected_at\nfm-org,FM-E1,Log,log,draft,2025-02-30\n' }),
    problems: [{ code: 'VALUE_DATE', line: 2, field: 'collected_at' }],
  },
  {
    name: 'a date as DD.MM.YYYY',
    format: 'CSV',
    files: () => ({ 'evidence.csv': 'org_id,id,title,kind,status,valid_until\nfm-org,FM-E1,Log,log,draft,14.02.2026\n' }),
    problems: [{ code: 'VALUE_DATE', line: 2, field: 'valid_until' }],
  },
  {
    name: 'valid until before collected',
    format: 'CSV',
    files: () => ({
      'evidence.csv': 'org_id,id,title,kind,status,collected_at,valid_until\nfm-org,FM-E1,Log,log,draft,2025-06-01,2025-05-01\n',
    }),
    problems: [{ code: 'DATE_ORDER', line: 2, field: 'valid_until' }],
  },
  {
    name: 'a digest that is not SHA-256',
    format: 'CSV',
    files: () => ({ 'evidence.csv': 'org_id,id,title,kind,status,sha256\nfm-org,FM-E1,Log,log,draft,abc123\n' }),
    problems: [{ code: 'VALUE_DIGEST', line: 2, field: 'sha256' }],
  },
  {
    name: 'a framework id that is not a slug',
    format: 'CSV',
    files: () => ({ 'frameworks.csv': 'id,name,kind\nFM Framework,FM Framework,standard\n' }),
    problems: [{ code: 'VALUE_ID', line: 2, field: 'id' }],
  },
  // ---- CSV: across records and the graph ----
  {
    name: 'a duplicate id in one organization',
    format: 'CSV',
    files: () => controls('fm-org,FM-C7,Access reviews,planned\nfm-org,FM-C7,Again,planned\n'),
    problems: [{ code: 'DUPLICATE', line: 3, field: 'id' }],
  },
  {
    name: 'an unknown organization',
    format: 'CSV',
    files: () => controls('fm-nobody,FM-C1,Access reviews,planned\n'),
    problems: [{ code: 'REFERENCE_UNKNOWN', line: 2, field: 'org_id' }],
  },
  {
    name: 'an unknown control',
    format: 'CSV',
    files: () => ({ 'evidence-controls.csv': 'org_id,evidence_id,control_id\nfm-org,FM-E0,FM-C404\n' }),
    problems: [{ code: 'REFERENCE_UNKNOWN', line: 2, field: 'control_id' }],
  },
  {
    name: "a reference to another organization's control",
    format: 'CSV',
    files: () => ({ 'evidence-controls.csv': 'org_id,evidence_id,control_id\nfm-org,FM-E0,FM-X1\n' }),
    problems: [{ code: 'REFERENCE_OTHER_ORGANIZATION', line: 2, field: 'control_id' }],
  },
  {
    name: 'an unknown requirement',
    format: 'CSV',
    files: () => ({
      'control-requirements.csv': 'org_id,control_id,requirement_uid,coverage\nfm-org,FM-C1,iso42001:A.99.9,full\n',
    }),
    problems: [{ code: 'REFERENCE_UNKNOWN', line: 2, field: 'requirement_uid' }],
  },
  {
    name: 'a framework adopted twice',
    format: 'CSV',
    files: () => ({ 'adoptions.csv': 'org_id,framework_id\nfm-org,iso42001\nfm-org,iso42001\n' }),
    problems: [{ code: 'DUPLICATE', line: 3, field: 'framework_id' }],
  },
  {
    name: 'an unknown framework adopted',
    format: 'CSV',
    files: () => ({ 'adoptions.csv': 'org_id,framework_id\nfm-org,fm-nope\n' }),
    problems: [{ code: 'REFERENCE_UNKNOWN', line: 2, field: 'framework_id' }],
  },
  {
    name: 'a requirement excluded twice',
    format: 'CSV',
    files: () => ({
      'exclusions.csv': 'org_id,requirement_uid,justification\nfm-org,iso27001:A.7.5,Leased\nfm-org,iso27001:A.7.5,Again\n',
    }),
    problems: [{ code: 'DUPLICATE', line: 3, field: 'requirement_uid' }],
  },
  {
    name: 'a requirement of an unknown framework',
    format: 'CSV',
    files: () => ({ 'requirements.csv': 'framework_id,ref,title\nfm-nope,1,One\n' }),
    problems: [{ code: 'REFERENCE_UNKNOWN', line: 2, field: 'framework_id' }],
  },
  {
    name: 'a requirement that is its own parent',
    format: 'CSV',
    files: () => ({
      'frameworks.csv': 'id,name,kind\nfm-csv,FM CSV,standard\n',
      'requirements.csv': 'framework_id,ref,title,parent_ref\nfm-csv,1,One,1\n',
    }),
    problems: [{ code: 'REFERENCE_SELF', line: 2, field: 'parent_ref' }],
  },
  {
    name: 'an unknown parent',
    format: 'CSV',
    files: () => ({
      'frameworks.csv': 'id,name,kind\nfm-csv,FM CSV,standard\n',
      'requirements.csv': 'framework_id,ref,title,parent_ref\nfm-csv,1,One,9\n',
    }),
    problems: [{ code: 'REFERENCE_UNKNOWN', line: 2, field: 'parent_ref' }],
  },
  {
    name: 'a parent cycle',
    format: 'CSV',
    files: () => ({
      'frameworks.csv': 'id,name,kind\nfm-csv,FM CSV,standard\n',
      'requirements.csv': 'framework_id,ref,title,parent_ref\nfm-csv,1,One,2\nfm-csv,2,Two,1\n',
    }),
    problems: [
      { code: 'REFERENCE_CYCLE', line: 2, field: 'parent_ref' },
      { code: 'REFERENCE_CYCLE', line: 3, field: 'parent_ref' },
    ],
  },
  {
    name: 'a requirement mapped to itself',
    format: 'CSV',
    files: () => ({ 'mappings.csv': 'source_uid,target_uid,relationship,strength\niso42001:4.1,iso42001:4.1,equal,9\n' }),
    problems: [{ code: 'REFERENCE_SELF', line: 2, field: 'target_uid' }],
  },
  {
    name: 'a mapping given twice',
    format: 'CSV',
    files: () => ({
      'mappings.csv':
        'source_uid,target_uid,relationship,strength\niso42001:4.1,iso27001:4.2,intersects_with,5\niso27001:4.2,iso42001:4.1,intersects_with,5\n',
    }),
    problems: [{ code: 'DUPLICATE', line: 3, field: 'target_uid' }],
  },
  {
    name: 'a mapping the graph holds the other way round',
    format: 'CSV',
    files: () => ({ 'mappings.csv': 'source_uid,target_uid,relationship,strength\niso27001:4,iso42001:4,intersects_with,8\n' }),
    problems: [{ code: 'MAPPING_REVERSED', line: 2, field: 'source_uid' }],
  },
  {
    name: 'a CSV whose columns match no template',
    format: 'CSV',
    files: () => ({ 'export.csv': 'a,b\n1,2\n' }),
    problems: [{ code: 'FORMAT_UNKNOWN', line: 1 }],
  },
  {
    name: 'a format that does not exist (--format)',
    format: 'CSV',
    files: () => ({ 'controls.csv': CONTROLS }),
    // xlsx is a format now (a workbook of the templates); this one is not.
    options: { format: 'excel-97' },
    problems: [{ code: 'FORMAT_UNKNOWN' }],
    // The strict CLI refuses the value while parsing its options: a usage error (exit 2) naming the choices.
    cli: { code: 2, stderr: /unknown format 'excel-97'[\s\S]*Formats: csv-frameworks/ },
  },
  // ---- paths ----
  {
    name: 'a path that does not exist',
    format: 'files',
    files: () => ({}),
    paths: (dir) => [path.join(dir, 'missing.csv')],
    problems: [{ code: 'FILE_UNREADABLE' }],
  },
  {
    name: 'a directory holding only a subdirectory named x.csv',
    format: 'files',
    files: () => ({ 'x.csv': null }),
    paths: (dir) => [dir],
    problems: [{ code: 'FILE_NOT_IMPORTABLE' }],
  },
  {
    name: 'a subdirectory named x.csv beside a bad file (skipped, no EISDIR)',
    format: 'files',
    files: () => ({ 'x.csv': null, 'controls.csv': 'org_id,id,name,status\nfm-org,FM-C1,Access reviews,done\n' }),
    paths: (dir) => [dir],
    problems: [{ code: 'VALUE_ENUM', line: 2, field: 'status' }],
  },
  {
    name: 'a device instead of a file',
    format: 'files',
    files: () => ({}),
    paths: () => ['/dev/null'],
    problems: [{ code: 'FILE_NOT_IMPORTABLE' }],
  },

  // ---- OSCAL JSON ----
  { name: 'an empty .json file', format: 'OSCAL', files: () => ({ 'catalog.json': '' }), problems: [{ code: 'FILE_EMPTY' }] },
  {
    name: 'a .json file of whitespace',
    format: 'OSCAL',
    files: () => ({ 'catalog.json': '  \n\t\n' }),
    problems: [{ code: 'FILE_EMPTY' }],
  },
  {
    name: 'a JSON syntax error',
    format: 'OSCAL',
    files: () => ({ 'catalog.json': '{\n  "catalog": {\n    "metadata": {"title": "x",}\n  }\n}\n' }),
    options: OSCAL,
    problems: [{ code: 'JSON_SYNTAX', line: 3, column: 31 }],
  },
  {
    name: 'a truncated JSON file',
    format: 'OSCAL',
    files: () => ({ 'catalog.json': catalog().slice(0, 120) }),
    options: OSCAL,
    problems: [{ code: 'JSON_SYNTAX' }],
  },
  {
    name: 'a duplicate "title" key',
    format: 'OSCAL',
    files: () => ({
      'catalog.json': catalog().replace('"title": "FM Catalog",', '"title": "FM Catalog",\n      "title": "Other",'),
    }),
    options: OSCAL,
    problems: [{ code: 'JSON_DUPLICATE_KEY', line: 6, path: '$.catalog.metadata.title', field: 'title' }],
  },
  {
    name: 'a duplicate control "id" key',
    format: 'OSCAL',
    files: () => ({ 'catalog.json': catalog().replace('"id": "c1",', '"id": "c1",\n  "id": "c2",') }),
    options: OSCAL,
    problems: [{ code: 'JSON_DUPLICATE_KEY', path: '$.catalog.groups[0].controls[0].id', field: 'id' }],
  },
  {
    name: 'two controls with the same id',
    format: 'OSCAL',
    files: () => ({
      'catalog.json': catalog((c) => {
        (c.groups as { controls: unknown[] }[])[0]!.controls.push({ id: 'c1', title: 'Again' });
      }),
    }),
    options: OSCAL,
    problems: [{ code: 'DUPLICATE', path: '$.catalog.groups[0].controls[1]', field: 'ref' }],
  },
  {
    name: 'published "2025-13-45T00:00:00Z"',
    format: 'OSCAL',
    files: () => ({
      'catalog.json': catalog((c) => ((c.metadata as Record<string, string>).published = '2025-13-45T00:00:00Z')),
    }),
    options: OSCAL,
    problems: [{ code: 'VALUE_DATE', path: '$.catalog.metadata.published', field: 'published' }],
  },
  {
    name: 'published "31/12/2025"',
    format: 'OSCAL',
    files: () => ({ 'catalog.json': catalog((c) => ((c.metadata as Record<string, string>).published = '31/12/2025')) }),
    options: OSCAL,
    problems: [{ code: 'VALUE_DATE', path: '$.catalog.metadata.published', field: 'published' }],
  },
  {
    name: '20,000 nested groups',
    format: 'OSCAL',
    files: () => ({ 'catalog.json': nested(20_000) }),
    options: OSCAL,
    problems: [{ code: 'NESTING_TOO_DEEP' }],
  },
  {
    name: 'a NUL character in a title',
    format: 'OSCAL',
    files: () => ({ 'catalog.json': catalog().replace('Control one', 'Control\\u0000one') }),
    options: OSCAL,
    problems: [{ code: 'VALUE_CONTROL_CHARACTER', path: '$.catalog.groups[0].controls[0].title', field: 'title' }],
  },
  {
    name: 'Latin-1 JSON',
    format: 'OSCAL',
    files: () => ({ 'catalog.json': latin1(catalog().replace('Group one', 'Gruppe für Zugriffe')) }),
    options: OSCAL,
    problems: [{ code: 'ENCODING_INVALID', line: 13 }],
  },
  {
    name: 'UTF-16 JSON',
    format: 'OSCAL',
    files: () => ({ 'catalog.json': utf16le(`\uFEFF${catalog()}`) }),
    options: OSCAL,
    problems: [{ code: 'ENCODING_INVALID', line: 1 }],
  },
  {
    name: 'a 1 MB control id',
    format: 'OSCAL',
    files: () => ({ 'catalog.json': catalog().replace('"id": "c1"', `"id": "${'c'.repeat(MB)}"`) }),
    options: OSCAL,
    problems: [{ code: 'VALUE_TOO_LONG', path: '$.catalog.groups[0].controls[0]', field: 'ref' }],
  },
  {
    name: 'a catalog without metadata',
    format: 'OSCAL',
    files: () => ({ 'catalog.json': catalog((c) => delete c.metadata) }),
    options: OSCAL,
    problems: [{ code: 'VALUE_REQUIRED', path: '$.catalog', field: 'metadata' }],
  },
  {
    name: 'a catalog without a title',
    format: 'OSCAL',
    files: () => ({ 'catalog.json': catalog((c) => delete (c.metadata as Record<string, unknown>).title) }),
    options: OSCAL,
    problems: [{ code: 'VALUE_REQUIRED', path: '$.catalog.metadata.title', field: 'title' }],
  },
  {
    name: 'a title that is an object',
    format: 'OSCAL',
    files: () => ({ 'catalog.json': catalog((c) => ((c.groups as Record<string, unknown>[])[0]!.title = { en: 'Group' })) }),
    options: OSCAL,
    problems: [{ code: 'VALUE_TYPE', path: '$.catalog.groups[0].title', field: 'title' }],
  },
  {
    name: 'controls that are not an array',
    format: 'OSCAL',
    files: () => ({ 'catalog.json': catalog((c) => ((c.groups as Record<string, unknown>[])[0]!.controls = { id: 'c1' })) }),
    options: OSCAL,
    problems: [{ code: 'VALUE_TYPE', path: '$.catalog.groups[0].controls', field: 'controls' }],
  },
  {
    name: 'a control without an id',
    format: 'OSCAL',
    files: () => ({ 'catalog.json': catalog().replace('"id": "c1",', '') }),
    options: OSCAL,
    problems: [{ code: 'VALUE_REQUIRED', path: '$.catalog.groups[0].controls[0].id', field: 'id' }],
  },
  {
    name: 'a group that is a string',
    format: 'OSCAL',
    files: () => ({ 'catalog.json': catalog((c) => (c.groups as unknown[]).push('g2')) }),
    options: OSCAL,
    problems: [{ code: 'VALUE_TYPE', path: '$.catalog.groups[1]' }],
  },
  {
    name: 'a catalog with no groups or controls',
    format: 'OSCAL',
    files: () => ({ 'catalog.json': catalog((c) => delete c.groups) }),
    options: OSCAL,
    problems: [{ code: 'DOCUMENT_EMPTY', path: '$.catalog', field: 'groups' }],
  },
  {
    name: 'JSON that is not a catalog (--format oscal-catalog)',
    format: 'OSCAL',
    files: () => ({ 'catalog.json': '{"profile": {}}' }),
    options: { ...OSCAL, format: 'oscal-catalog' },
    problems: [{ code: 'DOCUMENT_WRONG_KIND', path: '$', field: 'catalog' }],
  },
  {
    name: 'a top-level array (--format oscal-catalog)',
    format: 'OSCAL',
    files: () => ({ 'catalog.json': '[1, 2]' }),
    options: { ...OSCAL, format: 'oscal-catalog' },
    problems: [{ code: 'DOCUMENT_WRONG_KIND', path: '$' }],
  },
  {
    name: 'a mapping relationship OSCAL does not define',
    format: 'OSCAL',
    files: () => ({ 'mappings.json': collection((map) => (map.relationship = 'similar-to')) }),
    problems: [{ code: 'VALUE_ENUM', path: '$["mapping-collection"].mappings[0].maps[0].relationship', field: 'relationship' }],
  },
  {
    name: 'a mapping to an unknown control',
    format: 'OSCAL',
    files: () => ({ 'mappings.json': collection((map) => (map.sources = [{ type: 'control', 'id-ref': '4.99' }])) }),
    problems: [{ code: 'REFERENCE_UNKNOWN', path: '$["mapping-collection"].mappings[0].maps[0]', field: 'source_uid' }],
  },
  {
    name: 'a map without sources',
    format: 'OSCAL',
    files: () => ({ 'mappings.json': collection((map) => delete map.sources) }),
    problems: [{ code: 'VALUE_REQUIRED', path: '$["mapping-collection"].mappings[0].maps[0]', field: 'sources' }],
  },
  {
    name: 'a strength of 11',
    format: 'OSCAL',
    files: () => ({ 'mappings.json': collection((map) => (map.props = [{ name: 'strength', value: '11' }])) }),
    problems: [{ code: 'VALUE_NUMBER', field: 'strength' }],
  },
  {
    name: 'a mapping status that does not exist',
    format: 'OSCAL',
    files: () => ({ 'mappings.json': collection((map) => (map.props = [{ name: 'status', value: 'final' }])) }),
    problems: [{ code: 'VALUE_ENUM', field: 'status' }],
  },
  {
    name: 'a source resource naming no framework',
    format: 'OSCAL',
    files: () => ({ 'mappings.json': collection((_map, mapping) => (mapping['source-resource'] = { type: 'catalog' })) }),
    problems: [
      { code: 'REFERENCE_UNKNOWN', path: '$["mapping-collection"].mappings[0]["source-resource"]', field: 'href' },
      { code: 'REFERENCE_UNKNOWN', field: 'source_uid' },
    ],
  },
  {
    name: 'maps that are not an array',
    format: 'OSCAL',
    files: () => ({ 'mappings.json': collection((_map, mapping) => (mapping.maps = {})) }),
    problems: [{ code: 'VALUE_TYPE', path: '$["mapping-collection"].mappings[0].maps', field: 'maps' }],
  },
  {
    name: 'a control mapped to itself',
    format: 'OSCAL',
    files: () => ({
      'mappings.json': collection((map, mapping) => {
        mapping['target-resource'] = { type: 'catalog', href: '#iso42001' };
        map.targets = [{ type: 'control', 'id-ref': '4.1' }];
      }),
    }),
    problems: [{ code: 'REFERENCE_SELF', field: 'target_uid' }],
  },

  // ---- CISO Assistant YAML ----
  { name: 'an empty .yaml file', format: 'CISO YAML', files: () => library(''), problems: [{ code: 'FILE_EMPTY' }] },
  {
    name: 'bad indentation',
    format: 'CISO YAML',
    files: () => library(LIBRARY.replace('      ref_id: A\n', '       ref_id: A\n')),
    options: CISO,
    problems: [{ code: 'YAML_BLOCK_AS_IMPLICIT_KEY', line: 11, column: 19 }],
  },
  {
    name: 'a tab as indentation',
    format: 'CISO YAML',
    files: () => library(LIBRARY.replace('    name: FM library\n', '\tname: FM library\n')),
    options: CISO,
    problems: [{ code: 'YAML_TAB_AS_INDENT', line: 8, column: 1 }],
  },
  {
    name: 'a duplicate key',
    format: 'CISO YAML',
    files: () => library(LIBRARY.replace('      name: Area A\n', '      name: Area A\n      name: Area B\n')),
    options: CISO,
    problems: [{ code: 'YAML_DUPLICATE_KEY', line: 14, column: 7 }],
  },
  {
    name: 'a quote never closed',
    format: 'CISO YAML',
    files: () => library(LIBRARY.replace('name: Area A', 'name: "Area A')),
    options: CISO,
    problems: [{ code: 'YAML_MISSING_CHAR', line: 19, column: 1 }],
  },
  {
    name: 'billion laughs (alias expansion)',
    format: 'CISO YAML',
    files: () =>
      library(
        `${LIBRARY}  lol:\n    a: &a [x, x, x, x, x, x, x, x, x]\n    b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n    c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n    d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n    e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n`,
      ),
    options: CISO,
    problems: [{ code: 'YAML_ALIAS_LIMIT' }],
  },
  {
    name: 'an alias to no anchor',
    format: 'CISO YAML',
    files: () => library(LIBRARY.replace('name: Area A', 'name: *nowhere')),
    options: CISO,
    problems: [{ code: 'YAML_BAD_ALIAS' }],
  },
  {
    name: 'two YAML documents in one file',
    format: 'CISO YAML',
    files: () => library(`${LIBRARY}---\n${LIBRARY}`),
    options: CISO,
    problems: [{ code: 'YAML_MULTIPLE_DOCS', line: 19 }],
  },
  {
    name: 'Latin-1 YAML',
    format: 'CISO YAML',
    files: () => library(latin1(LIBRARY.replace('name: Area A', 'name: Bereich Überwachung'))),
    options: CISO,
    problems: [{ code: 'ENCODING_INVALID', line: 13 }],
  },
  {
    name: 'UTF-16 YAML',
    format: 'CISO YAML',
    files: () => library(utf16le(LIBRARY)),
    options: CISO,
    problems: [{ code: 'ENCODING_INVALID', line: 1 }],
  },
  {
    name: 'a NUL character (YAML escape \\0)',
    format: 'CISO YAML',
    files: () => library(LIBRARY.replace('name: Area A', 'name: "Area\\0A"')),
    options: CISO,
    problems: [
      { code: 'VALUE_CONTROL_CHARACTER', line: 13, path: '$.objects.framework.requirement_nodes[0].name', field: 'name' },
    ],
  },
  {
    name: 'nesting 150 levels deep',
    format: 'CISO YAML',
    files: () => library(`${LIBRARY}  deep:\n${Array.from({ length: 150 }, (_, i) => `${'  '.repeat(i + 2)}n:`).join('\n')} 1\n`),
    options: CISO,
    problems: [{ code: 'NESTING_TOO_DEEP' }],
  },
  {
    name: 'YAML that is not a library (--format ciso-assistant)',
    format: 'CISO YAML',
    files: () => library('name: a docker-compose file\nservices: {}\n'),
    options: { ...CISO, format: 'ciso-assistant' },
    problems: [{ code: 'DOCUMENT_WRONG_KIND', field: 'objects' }],
  },
  {
    name: 'a library with neither framework nor mappings',
    format: 'CISO YAML',
    files: () => library('urn: urn:intuitem:risk:library:fm-none\nobjects:\n  risk_matrix: {}\n'),
    options: CISO,
    problems: [{ code: 'DOCUMENT_EMPTY', line: 3, field: 'objects' }],
  },
  {
    name: 'a framework without a URN',
    format: 'CISO YAML',
    files: () => library(LIBRARY.replace('    urn: urn:intuitem:risk:framework:fm-lib\n', '')),
    options: CISO,
    problems: [{ code: 'VALUE_REQUIRED', line: 6, field: 'urn' }],
  },
  {
    name: 'an empty requirement_nodes list',
    format: 'CISO YAML',
    files: () => library(`${LIBRARY.slice(0, LIBRARY.indexOf('    requirement_nodes:'))}    requirement_nodes: []\n`),
    options: CISO,
    problems: [{ code: 'VALUE_REQUIRED', line: 6, field: 'requirement_nodes' }],
  },
  {
    name: 'a requirement node that is a string',
    format: 'CISO YAML',
    files: () => library(`${LIBRARY}    - just a sentence\n`),
    options: CISO,
    problems: [{ code: 'VALUE_TYPE', line: 19, path: '$.objects.framework.requirement_nodes[2]' }],
  },
  {
    name: 'a duplicate requirement node URN',
    format: 'CISO YAML',
    files: () => library(LIBRARY.replace('req_node:fm-lib:a-1\n', 'req_node:fm-lib:a\n')),
    options: CISO,
    problems: [{ code: 'DUPLICATE', line: 14, path: '$.objects.framework.requirement_nodes[1].urn', field: 'urn' }],
  },
  {
    name: 'an unknown parent URN',
    format: 'CISO YAML',
    files: () =>
      library(
        LIBRARY.replace('parent_urn: urn:intuitem:risk:req_node:fm-lib:a\n', 'parent_urn: urn:intuitem:risk:req_node:fm-lib:z\n'),
      ),
    options: CISO,
    problems: [{ code: 'REFERENCE_UNKNOWN', line: 16, field: 'parent_urn' }],
  },
  {
    name: 'a 1 MB ref_id',
    format: 'CISO YAML',
    files: () => library(LIBRARY.replace('ref_id: A-1', `ref_id: ${'A'.repeat(MB)}`)),
    options: CISO,
    problems: [{ code: 'VALUE_TOO_LONG', line: 14, field: 'ref' }],
  },
  {
    name: 'a mapping to an unknown URN',
    format: 'CISO YAML',
    files: () => withMapping(MAPPING.replace('fm-lib:a\n', 'fm-lib:zz\n')),
    options: CISO,
    problems: [{ code: 'REFERENCE_UNKNOWN', line: 7, field: 'target_requirement_urn' }],
  },
  {
    name: 'a mapping relationship CISO Assistant does not define',
    format: 'CISO YAML',
    files: () => withMapping(MAPPING.replace('relationship: intersect', 'relationship: related')),
    options: CISO,
    problems: [{ code: 'VALUE_ENUM', line: 9, field: 'relationship' }],
  },
  {
    name: 'a mapping strength of 11',
    format: 'CISO YAML',
    files: () => withMapping(`${MAPPING}      strength_of_relationship: 11\n`),
    options: CISO,
    problems: [{ code: 'VALUE_NUMBER', line: 10, field: 'strength_of_relationship' }],
  },
  {
    name: 'a mapping without a source',
    format: 'CISO YAML',
    files: () =>
      withMapping(
        MAPPING.replace('    - source_requirement_urn: urn:intuitem:risk:req_node:fm-lib:a-1\n      target', '    - target'),
      ),
    options: CISO,
    problems: [{ code: 'VALUE_REQUIRED', line: 7, field: 'source_requirement_urn' }],
  },
  {
    name: 'requirement_mappings that are not a list',
    format: 'CISO YAML',
    files: () => withMapping(`${MAPPING.slice(0, MAPPING.indexOf('    requirement_mappings:'))}    requirement_mappings: {}\n`),
    options: CISO,
    problems: [{ code: 'VALUE_TYPE', line: 5, field: 'requirement_mappings' }],
  },
];

let graph: Graph;
const env = { ...process.env };

beforeAll(async () => {
  graph = await testGraph();
  await applySchema(graph);
  await seedGraph(graph); // idempotent: the catalogs and the crosswalk the references point at
  const setup = path.join(tmp, 'setup');
  fs.mkdirSync(setup);
  fs.writeFileSync(path.join(setup, 'organizations.csv'), 'id,name\nfm-org,Failure modes org\nfm-other,Other org\n');
  fs.writeFileSync(
    path.join(setup, 'controls.csv'),
    'org_id,id,name,status\nfm-org,FM-C1,Access reviews,planned\nfm-other,FM-X1,Other,planned\n',
  );
  fs.writeFileSync(path.join(setup, 'evidence.csv'), 'org_id,id,title,kind,status\nfm-org,FM-E0,Review log,log,draft\n');
  await importFiles(graph, [setup]);
  // The CLI reads its connection from the environment, as it does for a user.
  const db = inject('neo4j');
  Object.assign(process.env, {
    NEO4J_URI: db.uri,
    NEO4J_USERNAME: db.username,
    NEO4J_PASSWORD: db.password,
    NEO4J_DATABASE: db.database,
  });
}, 240_000);
afterAll(async () => {
  process.env = env;
  await graph?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

let counter = 0;
function materialize(c: Case): string[] {
  const dir = path.join(tmp, `case-${++counter}`);
  fs.mkdirSync(dir);
  const files = Object.entries(c.files());
  for (const [name, content] of files) {
    if (content === null) fs.mkdirSync(path.join(dir, name));
    else fs.writeFileSync(path.join(dir, name), content);
  }
  return c.paths ? c.paths(dir) : files.map(([name]) => path.join(dir, name));
}

/** Runs `crosswalk import` in-process; returns the exit code and what it wrote to stderr. */
async function cli(argv: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const write = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const error = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void (stderr += args.join(' ')));
  try {
    return { code: await main(argv), stderr };
  } finally {
    write.mockRestore();
    out.mockRestore();
    error.mockRestore();
  }
}

const flags = (options: ImportOptions = {}) => [
  ...(options.format ? ['--format', options.format] : []),
  ...(options.frameworkId ? ['--framework-id', options.frameworkId] : []),
];
const STACK = /\n\s+at .+[(:]\d+/;

describe('the base files each case breaks', () => {
  it.each(BASES.map((c) => [c.name, c] as const))('%s imports cleanly (dry run)', async (_name, c) => {
    const result = await importFiles(graph, materialize(c), { ...c.options, dryRun: true });
    expect(result.files.length).toBeGreaterThan(0);
  });
});

describe('bad input', () => {
  it('covers at least 60 classes across CSV, OSCAL and CISO YAML, with codes from the closed set', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
    expect([...new Set(CASES.map((c) => c.format))].sort()).toEqual(['CISO YAML', 'CSV', 'OSCAL', 'files']);
    const own = new Set<string>(PROBLEM_CODES);
    for (const c of CASES)
      for (const p of c.problems) expect(own.has(p.code!) || /^(CSV_|YAML_|INVALID_)/.test(p.code!)).toBe(true);
  });

  it.each(CASES.map((c) => [`${c.format}: ${c.name}`, c] as const))('%s', async (_name, c) => {
    const paths = materialize(c);
    const before = await graphFingerprint(graph);
    const error = await importFiles(graph, paths, c.options).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ImportValidationError);
    const problems = (error as ImportValidationError).problems.map((p) => ({ ...p, reason: undefined }));
    expect(problems, JSON.stringify(problems.map((p) => ({ ...p, file: undefined })))).toMatchObject(c.problems);
    expect(await graphFingerprint(graph)).toBe(before);

    const run = await cli(['import', ...paths, ...flags(c.options)]);
    expect(run.code).toBe(c.cli?.code ?? 3);
    expect(run.stderr).toMatch(c.cli?.stderr ?? /^crosswalk import: rejected: \d+ problems? found, nothing was written/);
    expect(run.stderr).not.toMatch(STACK);
    expect(await graphFingerprint(graph)).toBe(before);
  });
});
