/**
 * Generates a deterministic enterprise-scale tenant in the CSV import formats (seeds/frameworks/README.md,
 * seeds/templates/README.md): generated framework catalogs with a clause → subclause → paragraph hierarchy,
 * a crosswalk between them, and one organization's inventory (systems, controls, evidence, risks and their
 * links). Same seed and factor, same bytes.
 *
 * At factor 1: 20 frameworks of 1,010 requirements, 50,000 mappings, 1,000 systems, 10,000 controls,
 * 200,000 evidence items and about 500,000 inventory links. The factor scales every count, including the
 * number of frameworks (never fewer than 2); a framework keeps its 1,010 requirements at every factor, so
 * "coverage of a 1,000-requirement framework" means the same at each point of the cost curve.
 *
 * Some controls also implement requirements of the shipped reference frameworks (ISO/IEC 27001 and 42001,
 * EU AI Act), which must be seeded first (`seedGraph`), so that soa and obligations have work to do.
 *
 *   npx tsx bench/generate.ts --factor 0.1 [--seed 42] [--out bench/data/tenant-0.1]
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { PROJECT_ROOT } from '../graph/config.ts';
import { CrosswalkError } from '../graph/errors.ts';
import { AI_ACT_RISKS, AI_ACT_ROLES, EVIDENCE_KINDS, LIFECYCLE_STAGES, RISK_TREATMENTS } from '../graph/model.ts';
import { toCsv, type CsvRow } from '../importers/csv/write.ts';

export const BENCH_ORG = 'bench-org';
/** The date every benchmarked question judges evidence validity on, so results do not drift with the clock. */
export const BENCH_TODAY = '2026-01-01';

/** Counts at factor 1 (the "enterprise tenant"). */
export const FULL_SCALE = {
  frameworks: 20,
  mappings: 50_000,
  systems: 1_000,
  controls: 10_000,
  evidence: 200_000,
  risks: 2_000,
} as const;

/** Requirements per generated framework: 10 clauses × 10 subclauses × 9 paragraphs + parents = 1,010. */
const CLAUSES = 10;
const SUBCLAUSES = 10;
const PARAGRAPHS = 9;

/** Reference frameworks (seeded separately) some controls implement. */
const REFERENCE_FRAMEWORKS = ['iso27001', 'iso42001', 'eu-ai-act'] as const;

export interface TenantOptions {
  factor: number;
  seed: number;
  out: string;
}

/** What a benchmark needs to know about the tenant: where things are and which ids to ask about. */
export interface Tenant {
  factor: number;
  seed: number;
  dir: string;
  org: string;
  today: string;
  frameworks: string[];
  adopted: string[];
  /** Files by kind, in import order (catalogs before mappings before the inventory). */
  files: TenantFiles;
  rows: Record<string, number>;
  totalRows: number;
  /** Ids the questions are asked about (deterministic, always present and meaningful). */
  probe: { evidence: string; control: string; system: string; requirement: string };
}

export interface TenantFiles {
  frameworks: string;
  catalogs: string[];
  mappings: string;
  inventory: Record<InventoryFile, string>;
}

export const INVENTORY_FILES = [
  'organizations',
  'adoptions',
  'exclusions',
  'systems',
  'controls',
  'control-requirements',
  'control-systems',
  'evidence',
  'evidence-controls',
  'evidence-systems',
  'risks',
  'risk-systems',
  'risk-controls',
] as const;
export type InventoryFile = (typeof INVENTORY_FILES)[number];

/** mulberry32: a tiny seeded PRNG, good enough for test data; the same seed gives the same sequence. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A CSV file written in chunks, counting its data rows. */
function csvWriter(file: string, header: readonly string[]) {
  const fd = fs.openSync(file, 'w');
  let buffer: CsvRow[] = [header];
  let rows = 0;
  const flush = () => {
    if (buffer.length) fs.writeSync(fd, toCsv(buffer));
    buffer = [];
  };
  return {
    row(fields: unknown[]) {
      buffer.push(fields);
      rows++;
      if (buffer.length >= 10_000) flush();
    },
    close(): number {
      flush();
      fs.closeSync(fd);
      return rows;
    },
  };
}

const day = (iso: string, offset: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

export const frameworkId = (i: number) => `bench-fw-${String(i + 1).padStart(2, '0')}`;

/** The assessed (normative leaf) requirement refs of a shipped catalog. */
function referenceLeaves(framework: string): string[] {
  const rows = parse(fs.readFileSync(path.join(PROJECT_ROOT, 'seeds', 'frameworks', `${framework}.csv`)), {
    columns: true,
    bom: true,
  }) as Record<string, string>[];
  const parents = new Set(rows.map((r) => r.parent_ref).filter(Boolean));
  return rows.filter((r) => r.normative !== 'false' && !parents.has(r.ref)).map((r) => `${framework}:${r.ref}`);
}

export function tenantCounts(factor: number) {
  const scale = (n: number, min: number) => Math.max(min, Math.round(n * factor));
  return {
    frameworks: scale(FULL_SCALE.frameworks, 2),
    mappings: scale(FULL_SCALE.mappings, 50),
    systems: scale(FULL_SCALE.systems, 5),
    controls: scale(FULL_SCALE.controls, 20),
    evidence: scale(FULL_SCALE.evidence, 100),
    risks: scale(FULL_SCALE.risks, 5),
  };
}

export function generateTenant(options: TenantOptions): Tenant {
  if (!(options.factor > 0 && options.factor <= 10)) {
    throw new CrosswalkError(
      `--factor ${options.factor} is out of range`,
      'Use a factor between 0 (exclusive) and 10, e.g. 0.1 or 1.',
    );
  }
  const counts = tenantCounts(options.factor);
  const random = prng(options.seed);
  const chance = (p: number) => random() < p;
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  const hex = () => {
    let s = '';
    for (let i = 0; i < 8; i++) s += (int(0x100000000) >>> 0).toString(16).padStart(8, '0');
    return s;
  };
  const out = options.out;
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  const rows: Record<string, number> = {};
  const org = BENCH_ORG;

  // ---- Frameworks and their catalogs ----
  const frameworks = Array.from({ length: counts.frameworks }, (_, i) => frameworkId(i));
  const frameworksFile = path.join(out, 'frameworks.csv');
  const fw = csvWriter(frameworksFile, ['id', 'name', 'version', 'publisher', 'kind', 'url', 'published_on']);
  frameworks.forEach((id, i) =>
    fw.row([
      id,
      `Benchmark framework ${i + 1}, generated`,
      '2025',
      'crosswalk bench',
      pick(['standard', 'regulation']),
      `https://example.com/${id}`,
      day('2020-01-01', i * 30),
    ]),
  );
  rows.frameworks = fw.close();

  /** Leaves (assessed) and subclauses of each generated framework, for mappings and IMPLEMENTS. */
  const leaves = new Map<string, string[]>();
  const subclauses = new Map<string, string[]>();
  const catalogs: string[] = [];
  rows.requirements = 0;
  for (const id of frameworks) {
    const file = path.join(out, `${id}.csv`);
    catalogs.push(file);
    const w = csvWriter(file, ['framework_id', 'ref', 'parent_ref', 'kind', 'order', 'normative', 'title', 'summary', 'url']);
    const myLeaves: string[] = [];
    const mySub: string[] = [];
    let order = 0;
    for (let c = 1; c <= CLAUSES; c++) {
      w.row([
        id,
        `${c}`,
        '',
        'clause',
        ++order,
        'false',
        `Clause ${c}`,
        `Heading of clause ${c}; groups its subclauses.`,
        `https://example.com/${id}#${c}`,
      ]);
      for (let s = 1; s <= SUBCLAUSES; s++) {
        const sub = `${c}.${s}`;
        mySub.push(`${id}:${sub}`);
        w.row([
          id,
          sub,
          `${c}`,
          'subclause',
          ++order,
          'false',
          `Subclause ${sub}`,
          `Topic ${sub}, split into paragraphs.`,
          `https://example.com/${id}#${sub}`,
        ]);
        for (let p = 1; p <= PARAGRAPHS; p++) {
          const ref = `${sub}.${p}`;
          myLeaves.push(`${id}:${ref}`);
          w.row([
            id,
            ref,
            sub,
            'paragraph',
            ++order,
            'true',
            `Requirement ${ref}`,
            `The organization shall do thing ${ref}, "as generated", for the benchmark.`,
            `https://example.com/${id}#${ref}`,
          ]);
        }
      }
    }
    rows.requirements += w.close();
    leaves.set(id, myLeaves);
    subclauses.set(id, mySub);
  }

  // ---- The crosswalk: unique pairs of requirements of two different generated frameworks ----
  const mappingsFile = path.join(out, 'mappings.csv');
  const mw = csvWriter(mappingsFile, [
    'source_uid',
    'target_uid',
    'relationship',
    'strength',
    'rationale',
    'source',
    'explanation',
    'status',
  ]);
  const pairs = new Set<string>();
  const endpoint = (fwId: string) => (chance(0.9) ? pick(leaves.get(fwId)!) : pick(subclauses.get(fwId)!));
  while (pairs.size < counts.mappings) {
    const a = int(frameworks.length);
    const b = (a + 1 + int(frameworks.length - 1)) % frameworks.length;
    const source = endpoint(frameworks[a]!);
    const target = endpoint(frameworks[b]!);
    const key = source < target ? `${source}|${target}` : `${target}|${source}`;
    if (pairs.has(key)) continue;
    pairs.add(key);
    const relationship = pick([
      'equal',
      'subset_of',
      'superset_of',
      'intersects_with',
      'intersects_with',
      'no_relationship',
    ] as const);
    mw.row([
      source,
      target,
      relationship,
      1 + int(10),
      pick(['syntactic', 'semantic', 'functional']),
      'expert_judgement',
      `Generated mapping ${pairs.size}, ${relationship}`,
      chance(0.9) ? 'approved' : 'draft',
    ]);
  }
  rows.mappings = mw.close();

  // ---- The organization ----
  const inv = Object.fromEntries(INVENTORY_FILES.map((name) => [name, path.join(out, `${name}.csv`)])) as Record<
    InventoryFile,
    string
  >;
  const ow = csvWriter(inv.organizations, ['id', 'name']);
  ow.row([org, 'Benchmark Enterprise SE']);
  rows.organizations = ow.close();

  // It adopts half the generated frameworks (at least 2) and the two ISO standards.
  const adopted = [...frameworks.slice(0, Math.max(2, Math.ceil(frameworks.length / 2))), 'iso27001', 'iso42001'];
  const aw = csvWriter(inv.adoptions, ['org_id', 'framework_id', 'since', 'target_date', 'scope']);
  adopted.forEach((id, i) =>
    aw.row([org, id, day('2023-01-01', i * 20), chance(0.5) ? day('2027-01-01', i * 10) : '', `Scope of ${id}`]),
  );
  rows.adoptions = aw.close();

  const generatedAdopted = adopted.filter((id) => id.startsWith('bench-fw-'));
  const xw = csvWriter(inv.exclusions, ['org_id', 'requirement_uid', 'justification']);
  for (const id of generatedAdopted) {
    for (const uid of leaves.get(id)!) if (chance(0.01)) xw.row([org, uid, `Not applicable to our business (${uid})`]);
  }
  rows.exclusions = xw.close();

  const sw = csvWriter(inv.systems, [
    'org_id',
    'id',
    'name',
    'purpose',
    'is_ai',
    'ai_act_role',
    'ai_act_risk',
    'gpai',
    'lifecycle_stage',
    'owner',
  ]);
  for (let i = 0; i < counts.systems; i++) {
    // SYS-0 is the high-risk AI system the obligations question asks about.
    const ai = i === 0 || chance(0.3);
    sw.row([
      org,
      `SYS-${i}`,
      `System ${i}`,
      `Generated system ${i}, used by department ${i % 25}`,
      ai ? 'true' : 'false',
      i === 0 ? 'provider' : ai ? pick(AI_ACT_ROLES) : '',
      i === 0 ? 'high' : ai ? pick(AI_ACT_RISKS) : '',
      ai && chance(0.1) ? 'true' : 'false',
      pick(LIFECYCLE_STAGES),
      `Owner ${i % 40}`,
    ]);
  }
  rows.systems = sw.close();

  // Controls: 80 % in force. CTL-0 is operating and implements the probe requirement fully.
  const statuses = [
    'operating',
    'operating',
    'operating',
    'implemented',
    'implemented',
    'implemented',
    'implemented',
    'implemented',
    'planned',
    'retired',
  ] as const;
  const cw = csvWriter(inv.controls, ['org_id', 'id', 'name', 'description', 'owner', 'status']);
  for (let i = 0; i < counts.controls; i++) {
    cw.row([
      org,
      `CTL-${i}`,
      `Control ${i}`,
      `Generated control ${i}, with a comma`,
      `Owner ${i % 40}`,
      i === 0 ? 'operating' : pick(statuses),
    ]);
  }
  rows.controls = cw.close();

  // IMPLEMENTS: 1–6 requirements per control (3.5 on average), 90 % of adopted generated frameworks, 10 % of
  // the reference frameworks; 75 % full coverage.
  const reference = REFERENCE_FRAMEWORKS.flatMap(referenceLeaves);
  const probeRequirement = leaves.get(frameworks[0]!)![0]!;
  const crw = csvWriter(inv['control-requirements'], ['org_id', 'control_id', 'requirement_uid', 'coverage', 'note']);
  for (let i = 0; i < counts.controls; i++) {
    const chosen = new Set<string>(i === 0 ? [probeRequirement, leaves.get(frameworks[1]!)![0]!] : []);
    const n = 1 + int(6);
    while (chosen.size < n)
      chosen.add(
        chance(0.1)
          ? pick(reference)
          : chance(0.1)
            ? pick(subclauses.get(pick(generatedAdopted))!)
            : pick(leaves.get(pick(generatedAdopted))!),
      );
    for (const uid of chosen)
      crw.row([org, `CTL-${i}`, uid, i === 0 || chance(0.75) ? 'full' : 'partial', chance(0.2) ? `Note on ${uid}` : '']);
  }
  rows['control-requirements'] = crw.close();

  // APPLIES_TO: 30 % of controls are organization-wide (no system), the others apply to 1–3 systems.
  const csw = csvWriter(inv['control-systems'], ['org_id', 'control_id', 'system_id']);
  for (let i = 0; i < counts.controls; i++) {
    if (i !== 0 && chance(0.3)) continue;
    const chosen = new Set<number>(i === 0 ? [0] : []);
    const n = 1 + int(3);
    while (chosen.size < Math.min(n, counts.systems)) chosen.add(int(counts.systems));
    for (const s of chosen) csw.row([org, `CTL-${i}`, `SYS-${s}`]);
  }
  rows['control-systems'] = csw.close();

  // Evidence: approved 85 %, draft 10 %, rejected 5 %; collected 2023–2025, valid one or two years (20 % open
  // ended), so a good share has expired on BENCH_TODAY. EV-0 is approved, valid and supports CTL-0.
  const ew = csvWriter(inv.evidence, [
    'org_id',
    'id',
    'title',
    'kind',
    'uri',
    'sha256',
    'collected_at',
    'valid_until',
    'status',
    'owner',
  ]);
  const ecw = csvWriter(inv['evidence-controls'], ['org_id', 'evidence_id', 'control_id']);
  const esw = csvWriter(inv['evidence-systems'], ['org_id', 'evidence_id', 'system_id']);
  for (let i = 0; i < counts.evidence; i++) {
    const collected = i === 0 ? 1000 : int(1095);
    const validity = i === 0 ? 730 : chance(0.2) ? null : pick([365, 730]);
    const status = i === 0 ? 'approved' : chance(0.85) ? 'approved' : chance(0.67) ? 'draft' : 'rejected';
    const kind = pick(EVIDENCE_KINDS);
    ew.row([
      org,
      `EV-${i}`,
      `Evidence ${i}: "${kind}" for audit`,
      kind,
      `https://dms.example.com/ev/${i}`,
      hex(),
      day('2023-01-01', collected),
      validity === null ? '' : day('2023-01-01', collected + validity),
      status,
      `Owner ${i % 40}`,
    ]);
    // One or two controls (1.5 on average), and a system for 70 % of items.
    const first = i === 0 ? 0 : int(counts.controls);
    ecw.row([org, `EV-${i}`, `CTL-${first}`]);
    if (chance(0.5)) ecw.row([org, `EV-${i}`, `CTL-${(first + 1 + int(counts.controls - 1)) % counts.controls}`]);
    if (chance(0.7)) esw.row([org, `EV-${i}`, `SYS-${int(counts.systems)}`]);
  }
  rows.evidence = ew.close();
  rows['evidence-controls'] = ecw.close();
  rows['evidence-systems'] = esw.close();

  const rw = csvWriter(inv.risks, ['org_id', 'id', 'title', 'likelihood', 'impact', 'treatment']);
  const rsw = csvWriter(inv['risk-systems'], ['org_id', 'risk_id', 'system_id']);
  const rcw = csvWriter(inv['risk-controls'], ['org_id', 'risk_id', 'control_id']);
  for (let i = 0; i < counts.risks; i++) {
    rw.row([org, `RSK-${i}`, `Risk ${i}`, 1 + int(5), 1 + int(5), pick(RISK_TREATMENTS)]);
    const systems = new Set<number>();
    const ns = 1 + int(2);
    while (systems.size < Math.min(ns, counts.systems)) systems.add(int(counts.systems));
    for (const s of systems) rsw.row([org, `RSK-${i}`, `SYS-${s}`]);
    const controls = new Set<number>();
    const nc = 1 + int(5);
    while (controls.size < nc) controls.add(int(counts.controls));
    for (const c of controls) rcw.row([org, `RSK-${i}`, `CTL-${c}`]);
  }
  rows.risks = rw.close();
  rows['risk-systems'] = rsw.close();
  rows['risk-controls'] = rcw.close();

  return {
    factor: options.factor,
    seed: options.seed,
    dir: out,
    org,
    today: BENCH_TODAY,
    frameworks,
    adopted,
    files: { frameworks: frameworksFile, catalogs, mappings: mappingsFile, inventory: inv },
    rows,
    totalRows: Object.values(rows).reduce((a, b) => a + b, 0),
    probe: { evidence: 'EV-0', control: 'CTL-0', system: 'SYS-0', requirement: probeRequirement },
  };
}

/** Every file of the tenant in import order. */
export const tenantFiles = (t: Pick<Tenant, 'files'>): string[] => [
  t.files.frameworks,
  ...t.files.catalogs,
  t.files.mappings,
  ...INVENTORY_FILES.map((n) => t.files.inventory[n]),
];

const USAGE = `Generates a deterministic enterprise-scale tenant in the CSV import formats.

  npx tsx bench/generate.ts [--factor 0.1] [--seed 42] [--out DIR]

  --factor F   scale of the tenant (1 = 20 frameworks, 50,000 mappings, 10,000 controls, 200,000 evidence)
  --seed S     PRNG seed (default 42); same seed and factor, same bytes
  --out DIR    output directory (default bench/data/tenant-<factor>); emptied first
The tenant references the shipped reference catalogs: seed them before importing it.`;

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
  } else {
    const arg = (name: string) => {
      const i = args.indexOf(`--${name}`);
      return i >= 0 ? args[i + 1] : undefined;
    };
    const factor = Number(arg('factor') ?? '0.1');
    const started = Date.now();
    const tenant = generateTenant({
      factor,
      seed: Number(arg('seed') ?? '42'),
      out: path.resolve(arg('out') ?? path.join(import.meta.dirname, 'data', `tenant-${factor}`)),
    });
    console.log(
      `generated ${tenant.totalRows} rows in ${((Date.now() - started) / 1000).toFixed(1)} s into ${path.relative(process.cwd(), tenant.dir)}`,
    );
    console.log(JSON.stringify(tenant.rows));
  }
}
