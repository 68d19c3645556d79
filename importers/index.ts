/**
 * `importFiles`: reads files of any supported format, validates everything they contain together
 * (nothing is written when any problem is found), then writes it all through the one writer in one
 * transaction. Formats: CSV (catalogs, crosswalks, the organization inventory templates), OSCAL JSON
 * (catalog, mapping-collection) and CISO Assistant library YAML.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Graph } from '../graph/connection.ts';
import { cisoLibrary } from './ciso-assistant/library.ts';
import { frameworksFromCsv, FRAMEWORK_COLUMNS, requirementsFromCsv, REQUIREMENT_COLUMNS } from './csv/catalog.ts';
import { INVENTORY_TEMPLATES, inventoryFromCsv, templateColumns } from './csv/inventory.ts';
import { MAPPING_COLUMNS, mappingsFromCsv } from './csv/mappings.ts';
import { URN_ALIAS_COLUMNS, urnAliasesFromCsv } from './csv/urn-aliases.ts';
import { readCsv, readHeaderLine, type CsvTable } from './csv/read.ts';
import { oscalCatalog } from './oscal/catalog.ts';
import { isObject, type Json } from './oscal/json.ts';
import { oscalMappings } from './oscal/mapping.ts';
import { resolveProfile } from './oscal/profile.ts';
import { oscalXmlToJson } from './oscal/xml.ts';
import { parseDocument } from 'yaml';
import { readWorkbook, type SheetTemplate } from './xlsx/workbook.ts';
import { Problems } from './problems.ts';
import { checkTree, decodeText, formatPath, isUtf16 } from './text.ts';
import { printParseErrorCode, visit as visitJson } from 'jsonc-parser';
import { batchSize, mergeBatches, type ImportBatch } from './records.ts';
import { resolveUrns } from './resolve.ts';
import { placeFrameworks, type FrameworkReport } from './ciso-assistant/into.ts';
import { collapseMappings, type CollapseReport } from './mapping-dedup.ts';
import { validateBatch } from './validate.ts';
import type { ImportProgress } from './progress.ts';
import { writeBatch, type WriteOptions, type WriteSummary } from './writer.ts';

/** What a format may need besides the file. */
export interface ReadContext {
  /** `--org ID`: the organization of every inventory row (overrides an org_id column). */
  org?: string;
  /** `--framework-id ID` for OSCAL catalogs and CISO Assistant frameworks (every file). */
  frameworkId?: string;
  /** `--framework-id FILE=ID`: per file (the path as given, or its base name). */
  frameworkIds?: Record<string, string>;
  /** `--into [FILE=]ID`: add a CISO Assistant framework library's nodes to an existing framework. */
  into?: string;
  intoByFile?: Record<string, string>;
  /** `--approve`: mappings from CISO Assistant arrive approved, recorded as reviewed by `reviewer`. */
  approve?: boolean;
  reviewer?: string;
  /** Rows read so far in this file (called every 10,000 rows for CSV). */
  onRead?: (file: string, rows: number) => void;
  /** Phases and counts (importers/progress.ts): reading files, validating records, writing rows, committing. */
  progress?: ImportProgress;
}

/** A peek at a file for detection: CSV header columns, or the first few KB of text. */
export interface FileHead {
  header: string[];
  text: string;
}

/** A file format: how to recognize it and how to turn it into records. */
export interface ImportFormat {
  name: string;
  description: string;
  /** 0 = not this format; higher = better fit (the best-scoring format wins). */
  detect(file: string, head: FileHead, context: ReadContext): number;
  read(file: string, problems: Problems, context: ReadContext): Promise<ImportBatch | undefined>;
}

type Columns = { required: readonly string[]; optional: readonly string[] };

/**
 * A CSV format fits when its required columns are present; it fits best when every column is known and
 * the file is named after the template (systems.csv), because several templates share id and name.
 */
function csvFormat(
  name: string,
  description: string,
  columnsFor: (context: ReadContext) => Columns,
  toBatch: (table: CsvTable, problems: Problems, context: ReadContext) => ImportBatch,
  fileName?: string,
): ImportFormat {
  return {
    name,
    description,
    detect(file, { header }, context) {
      if (!file.toLowerCase().endsWith('.csv')) return 0;
      const columns = columnsFor(context);
      const named =
        fileName !== undefined &&
        path
          .basename(file, '.csv')
          .toLowerCase()
          .replace(/^\d+[-_ ]/, '') === fileName;
      // A file named after a template is read as that template even with wrong columns, so that the
      // problems name the missing and unknown columns instead of "unknown format".
      if (!columns.required.every((c) => header.includes(c))) return named ? 0.5 : 0;
      const known = new Set([...columns.required, ...columns.optional]);
      const allKnown = header.every((c) => known.has(c));
      return 1 + (allKnown ? 2 : 0) + (named ? 4 : 0) + columns.required.length / 100;
    },
    async read(file, problems, context) {
      const table = await readCsv(
        file,
        problems,
        columnsFor(context),
        context.onRead ? (rows) => context.onRead!(file, rows) : undefined,
      );
      return table ? toBatch(table, problems, context) : undefined;
    },
  };
}

/** Reads a JSON file: UTF-8, syntax errors and duplicate keys with line and column, a tree we can walk. */
async function readJson(file: string, problems: Problems): Promise<Json | undefined> {
  const text = decodeText(await fs.promises.readFile(file), file, problems, 're-save it as UTF-8');
  if (text === undefined) return undefined;
  let doc: Json;
  try {
    doc = JSON.parse(text) as Json;
  } catch (error) {
    // JSON.parse names no line; jsonc-parser's scanner finds the same error with its position.
    let reported = false;
    try {
      visitJson(
        text,
        {
          onError: (code, _offset, _length, line, character) => {
            if (reported) return;
            reported = true;
            problems.add(
              'JSON_SYNTAX',
              { file, line: line + 1, column: character + 1 },
              undefined,
              `not readable as JSON: ${printParseErrorCode(code)}`,
            );
          },
        },
        { disallowComments: true, allowTrailingComma: false },
      );
    } catch {
      // Invalid JSON nested too deep for the scanner: the generic message below has to do.
    }
    if (!reported) problems.add('JSON_SYNTAX', { file }, undefined, `not readable as JSON: ${(error as Error).message}`);
    return undefined;
  }
  // First the depth (bounded), because the scanner below recurses once per level.
  if (!checkTree(doc, problems, (path) => ({ file, path: formatPath(path) }))) return undefined;
  // JSON.parse keeps the last of two equal keys silently; a repeated "id" or "title" is a mistake to show.
  const keys: Set<string>[] = [];
  let duplicates = 0;
  visitJson(text, {
    onObjectBegin: () => void keys.push(new Set()),
    onObjectEnd: () => void keys.pop(),
    onObjectProperty: (property, _offset, _length, line, character, path) => {
      const seen = keys[keys.length - 1];
      if (!seen) return;
      if (seen.has(property) && duplicates++ < 20) {
        problems.add(
          'JSON_DUPLICATE_KEY',
          { file, line: line + 1, column: character + 1, path: formatPath([...path(), property]) },
          property,
          `the key "${property}" appears twice in the same object`,
        );
      }
      seen.add(property);
    },
  });
  if (duplicates) return undefined;
  return doc;
}

/** Reads a YAML file's text (UTF-8, not empty); the CISO Assistant reader parses it with line positions. */
async function readYamlText(file: string, problems: Problems): Promise<string | undefined> {
  return decodeText(await fs.promises.readFile(file), file, problems, 're-save it as UTF-8');
}

/** A per-file option: keyed by the path as given, its resolved path or its base name. */
function perFile(values: Record<string, string> | undefined, file: string): string | undefined {
  if (!values) return undefined;
  for (const [key, value] of Object.entries(values)) {
    if (key === file || path.resolve(key) === path.resolve(file) || key === path.basename(file)) return value;
  }
  return undefined;
}

const isJson = (file: string) => file.toLowerCase().endsWith('.json');
const isYaml = (file: string) => /\.ya?ml$/i.test(file);
const isXml = (file: string) => file.toLowerCase().endsWith('.xml');

/** The OSCAL yaml aliases bound: OSCAL content has no reason for more. */
const OSCAL_MAX_ALIASES = 100;

/**
 * Reads an OSCAL document in any of its three official formats into the JSON shape: JSON (with line and
 * column for syntax errors and duplicate keys), YAML (the same tree as JSON) or XML (importers/oscal/xml.ts).
 */
export async function loadOscal(file: string, problems: Problems): Promise<Json | undefined> {
  if (!fs.existsSync(file)) {
    problems.add('FILE_UNREADABLE', { file }, undefined, 'no such file or directory');
    return undefined;
  }
  if (isJson(file)) return readJson(file, problems);
  const text = decodeText(await fs.promises.readFile(file), file, problems, 're-save it as UTF-8');
  if (text === undefined) return undefined;
  if (isXml(file)) return oscalXmlToJson(text, file, problems);
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    const error = doc.errors[0]!;
    const pos = error.linePos?.[0];
    problems.add(
      `YAML_${error.code}`,
      { file, line: pos?.line, column: pos?.col },
      undefined,
      `not readable as YAML: ${error.message.split('\n')[0]!}`,
    );
    return undefined;
  }
  let tree: Json;
  try {
    tree = doc.toJS({ maxAliasCount: OSCAL_MAX_ALIASES }) as Json;
  } catch (error) {
    problems.add('YAML_ALIAS_LIMIT', { file }, undefined, `not readable as YAML: ${(error as Error).message}`);
    return undefined;
  }
  if (!checkTree(tree, problems, (p) => ({ file, path: formatPath(p) }))) return undefined;
  return tree;
}

/** Does the head of an OSCAL file (JSON, YAML or XML) have this top-level model? */
function oscalModel(file: string, text: string, model: string): boolean {
  if (isJson(file)) return new RegExp(`"${model}"\\s*:`).test(text);
  if (isYaml(file)) return new RegExp(`^${model}:\\s*$`, 'm').test(text);
  if (isXml(file)) return new RegExp(`<(\\w+:)?${model}[\\s>]`).test(text);
  return false;
}

/** The CSV templates as worksheets of an XLSX workbook: the same columns, the same readers. */
const SHEET_TEMPLATES: SheetTemplate[] = [
  { name: 'frameworks', columns: () => FRAMEWORK_COLUMNS, read: (t, p) => frameworksFromCsv(t, p) },
  { name: 'requirements', columns: () => REQUIREMENT_COLUMNS, read: (t, p) => requirementsFromCsv(t, p) },
  { name: 'mappings', columns: () => MAPPING_COLUMNS, read: (t, p) => mappingsFromCsv(t, p) },
  ...INVENTORY_TEMPLATES.map((t): SheetTemplate => ({
    name: t.name,
    columns: (context) => templateColumns(t, context.org),
    read: (table, problems, context) => inventoryFromCsv(t.name, table, problems, context.org),
  })),
];

export const FORMATS: ImportFormat[] = [
  csvFormat(
    'csv-frameworks',
    'framework metadata (id, name, kind, ...)',
    () => FRAMEWORK_COLUMNS,
    frameworksFromCsv,
    'frameworks',
  ),
  csvFormat(
    'csv-requirements',
    'a framework catalog (framework_id, ref, title, parent_ref, ...)',
    () => REQUIREMENT_COLUMNS,
    requirementsFromCsv,
    'requirements',
  ),
  csvFormat(
    'csv-mappings',
    'a crosswalk (source_uid, target_uid, relationship, strength, ...)',
    () => MAPPING_COLUMNS,
    mappingsFromCsv,
    'mappings',
  ),
  csvFormat(
    'csv-urn-aliases',
    "another tool's identifiers of our requirements (framework_id, ref, urn)",
    () => URN_ALIAS_COLUMNS,
    urnAliasesFromCsv,
    'urn-aliases',
  ),
  ...INVENTORY_TEMPLATES.map((t) =>
    csvFormat(
      `csv-${t.name}`,
      t.description,
      (context) => templateColumns(t, context.org),
      (table, problems, context) => inventoryFromCsv(t.name, table, problems, context.org),
      t.name,
    ),
  ),
  {
    name: 'oscal-catalog',
    description: 'an OSCAL catalog (JSON, YAML or XML; 1.0-1.2) as a framework with its requirements',
    detect: (file, { text }) => (oscalModel(file, text, 'catalog') ? 5 : 0),
    async read(file, problems, context) {
      const doc = await loadOscal(file, problems);
      return doc === undefined
        ? undefined
        : oscalCatalog(doc, file, problems, { frameworkId: perFile(context.frameworkIds, file) ?? context.frameworkId });
    },
  },
  {
    name: 'oscal-profile',
    description: 'an OSCAL profile (baseline; JSON, YAML or XML) as its resolved catalog',
    detect: (file, { text }) => (oscalModel(file, text, 'profile') ? 5.5 : 0),
    async read(file, problems, context) {
      const doc = await loadOscal(file, problems);
      if (doc === undefined) return undefined;
      if (!isObject(doc) || !isObject(doc.profile)) {
        problems.add(
          'DOCUMENT_WRONG_KIND',
          { file, path: '$' },
          'profile',
          'not an OSCAL profile: expected a top-level "profile"',
        );
        return undefined;
      }
      const resolved = await resolveProfile(doc, file, problems, loadOscal);
      if (!resolved) return undefined;
      return oscalCatalog(resolved.doc, file, problems, { frameworkId: context.frameworkId, setParams: resolved.setParams });
    },
  },
  {
    name: 'oscal-mappings',
    description: 'an OSCAL mapping collection (JSON, YAML or XML; 1.2) as crosswalk mappings',
    detect: (file, { text }) => (oscalModel(file, text, 'mapping-collection') ? 6 : 0),
    async read(file, problems) {
      const doc = await loadOscal(file, problems);
      return doc === undefined ? undefined : oscalMappings(doc, file, problems);
    },
  },
  {
    name: 'xlsx',
    description: 'an Excel workbook with one sheet per CSV template (sheet name = template name)',
    detect: (file) => (file.toLowerCase().endsWith('.xlsx') ? 5 : 0),
    read: (file, problems, context) => readWorkbook(file, problems, context, SHEET_TEMPLATES),
  },
  {
    name: 'ciso-assistant',
    description: 'a CISO Assistant library (YAML): framework and/or requirement mapping sets',
    detect: (file, { text }) => (isYaml(file) && (/^objects:\s*$/m.test(text) || /urn:intuitem:/.test(text)) ? 5 : 0),
    async read(file, problems, context) {
      const text = await readYamlText(file, problems);
      return text === undefined
        ? undefined
        : cisoLibrary(text, file, problems, {
            frameworkId: perFile(context.frameworkIds, file) ?? context.frameworkId,
            into: perFile(context.intoByFile, file) ?? context.into,
            approve: context.approve,
            reviewer: context.reviewer,
          });
    },
  },
];

export interface ImportOptions extends WriteOptions, ReadContext {
  /** Force a format instead of detecting it from each file's content. */
  format?: string;
}

export interface ImportResult {
  files: { file: string; format: string }[];
  /** Entries of a given directory that were not read (subdirectories, even when named x.csv). */
  skipped: string[];
  summary: WriteSummary;
  dryRun: boolean;
  /** Records read from all files. */
  records?: number;
  /** CISO Assistant libraries: how mapping rows collapsed and landed, what `--into` kept. */
  interchange?: InterchangeReport;
}

export interface InterchangeReport {
  mappings: CollapseReport;
  frameworks: FrameworkReport;
  /** Where the stored pairs' ends land: per framework and requirement kind ("level"). */
  landed: { framework: string; kind: string; ends: number }[];
}

export const LANDED_KINDS = `
UNWIND $uids AS uid
MATCH (r:Requirement {uid: uid})
RETURN r.frameworkId AS framework, coalesce(r.kind, '') AS kind, count(*) AS ends
ORDER BY framework, kind`;

const IMPORTABLE = /\.(csv|json|ya?ml|xml|xlsx)$/i;

/**
 * Files as given, with directories replaced by the importable files in them (sorted, not recursive).
 * Paths that do not exist or are not regular files are problems; a subdirectory of a given directory is
 * skipped (listed in `skipped`), even when its name ends in .csv.
 */
export function expandPaths(paths: string[], problems: Problems, skipped: string[] = []): string[] {
  const files: string[] = [];
  for (const p of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch (error) {
      const code = (error as { code?: string }).code;
      problems.add(
        'FILE_UNREADABLE',
        { file: p },
        undefined,
        code === 'ENOENT' ? 'no such file or directory' : `cannot read it (${code})`,
      );
      continue;
    }
    if (stat.isDirectory()) {
      const entries = fs.readdirSync(p, { withFileTypes: true }).filter((e) => IMPORTABLE.test(e.name));
      const inDir = entries
        .filter(
          (e) => e.isFile() || (e.isSymbolicLink() && fs.statSync(path.join(p, e.name), { throwIfNoEntry: false })?.isFile()),
        )
        .map((e) => path.join(p, e.name))
        .sort();
      for (const e of entries) if (!inDir.includes(path.join(p, e.name))) skipped.push(path.join(p, e.name));
      if (inDir.length === 0)
        problems.add(
          'FILE_NOT_IMPORTABLE',
          { file: p },
          undefined,
          'the directory holds no .csv, .json, .yaml, .xml or .xlsx files',
        );
      files.push(...inDir);
    } else if (stat.isFile()) {
      files.push(p);
    } else {
      problems.add('FILE_NOT_IMPORTABLE', { file: p }, undefined, 'not a regular file');
    }
  }
  return files;
}

async function peek(file: string): Promise<FileHead & { utf16: boolean }> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(16384), 0, 16384, 0);
    // A workbook is a zip archive, not text: the UTF-16 sniffing would misread its binary.
    const utf16 = !file.toLowerCase().endsWith('.xlsx') && isUtf16(buffer.subarray(0, bytesRead));
    const text = buffer
      .subarray(0, bytesRead)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
    const header = file.toLowerCase().endsWith('.csv') ? await readHeaderLine(file).catch(() => []) : [];
    return { header, text, utf16 };
  } finally {
    await handle.close();
  }
}

export async function detectFormat(
  file: string,
  problems: Problems,
  forced?: string,
  context: ReadContext = {},
): Promise<ImportFormat | undefined> {
  if (forced) {
    const format = FORMATS.find((f) => f.name === forced);
    if (!format)
      problems.add(
        'FORMAT_UNKNOWN',
        { file },
        undefined,
        `unknown format '${forced}'; use one of ${FORMATS.map((f) => f.name).join(', ')}`,
      );
    return format;
  }
  const head = await peek(file);
  if (head.utf16) {
    problems.add('ENCODING_INVALID', { file, line: 1 }, undefined, 'the file is UTF-16, not UTF-8; re-save it as UTF-8');
    return undefined;
  }
  let best: { format: ImportFormat; score: number } | undefined;
  for (const format of FORMATS) {
    const score = format.detect(file, head, context);
    if (score > 0 && (!best || score > best.score)) best = { format, score };
  }
  if (!best) {
    const empty = head.text.trim() === '';
    problems.add(
      empty ? 'FILE_EMPTY' : 'FORMAT_UNKNOWN',
      { file, line: head.header.length ? 1 : undefined },
      undefined,
      empty
        ? 'the file is empty'
        : `cannot tell the format from the content${head.header.length ? ` (columns: ${head.header.join(', ')})` : ''}; see seeds/templates/README.md or pass --format (${FORMATS.map((f) => f.name).join(', ')})`,
    );
  }
  return best?.format;
}

/** Orders files so that reading is deterministic; validation sees all files together anyway. */
export async function importFiles(graph: Graph, paths: string[], options: ImportOptions = {}): Promise<ImportResult> {
  const problems = new Problems();
  const skipped: string[] = [];
  const files = expandPaths(paths, problems, skipped);
  const batches: ImportBatch[] = [];
  const detected: ImportResult['files'] = [];
  let unreadable = !problems.empty;
  const progress = options.progress;
  for (const [index, file] of files.entries()) {
    progress?.({ phase: 'reading', done: index, total: files.length, unit: 'files', detail: path.basename(file) });
    const format = await detectFormat(file, problems, options.format, options);
    if (!format) {
      unreadable = true;
      continue;
    }
    const batch = await format.read(file, problems, options);
    if (batch) batches.push(batch);
    else unreadable = true;
    detected.push({ file: path.relative(process.cwd(), file) || file, format: format.name });
  }
  // Validate even when some rows had problems, so that one run lists everything that is wrong; but not
  // when a whole file could not be read, since every reference to its rows would be reported as unknown.
  progress?.({ phase: 'reading', done: files.length, total: files.length, unit: 'files' });
  if (unreadable) problems.throwIfAny();
  const batch = mergeBatches(batches);
  progress?.({ phase: 'validating', done: 0, total: batchSize(batch), unit: 'records' });
  const frameworks = await placeFrameworks(batch, graph, problems);
  await resolveUrns(batch, graph, problems);
  const collapsed = await collapseMappings(batch, graph, problems);
  await validateBatch(batch, graph, problems);
  problems.throwIfAny();
  progress?.({ phase: 'validating', done: batchSize(batch), total: batchSize(batch), unit: 'records' });
  const interchange =
    collapsed.rows || frameworks.into.length || frameworks.copies.length
      ? { mappings: collapsed, frameworks, landed: [] as InterchangeReport['landed'] }
      : undefined;
  if (interchange && collapsed.pairs) {
    // Counted before writing: requirements added by this import are in the batch, not yet in the graph.
    const inBatch = new Map(batch.requirements.map((r) => [r.uid, r]));
    const ends = batch.mappings.filter((m) => m.sourceUrn !== undefined).flatMap((m) => [m.sourceUid, m.targetUid]);
    const counts = new Map<string, number>();
    const fromGraph: string[] = [];
    for (const uid of ends) {
      const r = inBatch.get(uid);
      if (r) counts.set(`${r.frameworkId}\u0000${r.kind}`, (counts.get(`${r.frameworkId}\u0000${r.kind}`) ?? 0) + 1);
      else fromGraph.push(uid);
    }
    const { records } = await graph.run(LANDED_KINDS, { uids: fromGraph });
    for (const r of records) {
      const k = `${r.get('framework')}\u0000${r.get('kind')}`;
      counts.set(k, (counts.get(k) ?? 0) + Number(r.get('ends')));
    }
    interchange.landed = [...counts]
      .map(([k, ends]) => ({ framework: k.split('\u0000')[0]!, kind: k.split('\u0000')[1]!, ends }))
      .sort((a, b) => a.framework.localeCompare(b.framework) || a.kind.localeCompare(b.kind));
  }
  const summary = await writeBatch(graph, batch, options);
  return {
    files: detected,
    skipped,
    summary,
    dryRun: Boolean(options.dryRun),
    records: batchSize(batch),
    ...(interchange ? { interchange } : {}),
  };
}
