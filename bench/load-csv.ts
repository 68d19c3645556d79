/**
 * Neo4j's own LOAD CSV of a generated tenant, as the yardstick for our importer: for every file type a
 * statement with the same MERGE keys, the same properties (types converted the same way: dates, integers,
 * booleans, defaults) and the same relationships as importers/writer.ts, including its index hints. Run
 * either batched (CALL {} IN TRANSACTIONS OF 10000 ROWS, Neo4j's fast path) or everything in ONE
 * transaction (the atomicity our importer gives). No validation: that is the work only we do.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Graph } from '../graph/connection.ts';
import { CrosswalkError } from '../graph/errors.ts';
import { INVENTORY_FILES, type InventoryFile, type Tenant } from './generate.ts';

/** An empty CSV field is null in LOAD CSV; these keep a value's type the way our reader converts it. */
const DATE = (field: string) => `CASE WHEN row.${field} IS NULL OR row.${field} = '' THEN null ELSE date(row.${field}) END`;
const INT = (field: string) => `CASE WHEN row.${field} IS NULL OR row.${field} = '' THEN null ELSE toInteger(row.${field}) END`;
const BOOL = (field: string, fallback: boolean) =>
  `CASE WHEN row.${field} IS NULL OR row.${field} = '' THEN ${fallback} ELSE toBoolean(row.${field}) END`;
const TEXT = (field: string) => `CASE WHEN row.${field} = '' THEN null ELSE row.${field} END`;

const BATCH = 'IN TRANSACTIONS OF 10000 ROWS';

/** `body` runs per row; batched wraps it in CALL (row) { ... } IN TRANSACTIONS. */
const statement = (body: string) => ({ body });

const link = (from: string, fromColumn: string, type: string, to: string, toColumn: string, reversed = false) =>
  statement(`
  CALL (row) { MATCH (a:${from} {orgId: row.org_id, id: row.${fromColumn}}) USING INDEX SEEK a:${from}(orgId, id) RETURN a }
  CALL (row) { MATCH (b:${to} {orgId: row.org_id, id: row.${toColumn}}) USING INDEX SEEK b:${to}(orgId, id) RETURN b }
  MERGE ${reversed ? `(b)-[:${type}]->(a)` : `(a)-[:${type}]->(b)`}`);

const orgNode = (label: string, props: string) =>
  statement(`
  MERGE (n:${label} {orgId: row.org_id, id: row.id}) SET n += {${props}}`);

export const LOAD_CSV = {
  frameworks: [
    statement(`
  MERGE (f:Framework {id: row.id})
  SET f += {name: row.name, version: ${TEXT('version')}, publisher: ${TEXT('publisher')}, kind: row.kind, url: ${TEXT('url')},
            publishedOn: ${DATE('published_on')}}`),
  ],
  // Two passes like the writer, so that a parent may come after its child in the file.
  requirements: [
    statement(`
  MERGE (r:Requirement {uid: row.framework_id + ':' + row.ref})
  SET r += {frameworkId: row.framework_id, ref: row.ref, kind: coalesce(${TEXT('kind')}, 'requirement'), order: ${INT('order')},
            normative: ${BOOL('normative', true)}, title: row.title, summary: ${TEXT('summary')}, url: ${TEXT('url')}}
  WITH r, row
  MATCH (f:Framework {id: row.framework_id})
  MERGE (r)-[:IN_FRAMEWORK]->(f)`),
    statement(`
  WITH row WHERE ${TEXT('parent_ref')} IS NOT NULL
  MATCH (r:Requirement {uid: row.framework_id + ':' + row.ref}), (p:Requirement {uid: row.framework_id + ':' + row.parent_ref})
  MERGE (r)-[:PART_OF]->(p)`),
  ],
  mappings: [
    statement(`
  MATCH (s:Requirement {uid: row.source_uid}), (t:Requirement {uid: row.target_uid})
  MERGE (s)-[m:MAPS_TO]->(t)
  SET m += {relationship: row.relationship, strength: toInteger(row.strength), rationale: ${TEXT('rationale')}, source: ${TEXT('source')},
            explanation: ${TEXT('explanation')}, status: coalesce(${TEXT('status')}, 'approved')}`),
  ],
  organizations: [
    statement(`
  MERGE (o:Organization {id: row.id}) SET o.name = row.name`),
  ],
  adoptions: [
    statement(`
  MATCH (o:Organization {id: row.org_id}), (f:Framework {id: row.framework_id})
  MERGE (o)-[a:ADOPTS]->(f) SET a += {since: ${DATE('since')}, targetDate: ${DATE('target_date')}, scope: ${TEXT('scope')}}`),
  ],
  exclusions: [
    statement(`
  MATCH (o:Organization {id: row.org_id}), (r:Requirement {uid: row.requirement_uid})
  MERGE (o)-[x:EXCLUDES]->(r) SET x.justification = row.justification`),
  ],
  systems: [
    orgNode(
      'System',
      `name: row.name, purpose: ${TEXT('purpose')}, isAI: ${BOOL('is_ai', false)}, aiActRole: ${TEXT('ai_act_role')},
    aiActRisk: ${TEXT('ai_act_risk')}, gpai: ${BOOL('gpai', false)}, lifecycleStage: ${TEXT('lifecycle_stage')}, owner: ${TEXT('owner')}`,
    ),
  ],
  controls: [
    orgNode('Control', `name: row.name, description: ${TEXT('description')}, owner: ${TEXT('owner')}, status: row.status`),
  ],
  'control-requirements': [
    statement(`
  CALL (row) { MATCH (c:Control {orgId: row.org_id, id: row.control_id}) USING INDEX SEEK c:Control(orgId, id) RETURN c }
  CALL (row) { MATCH (r:Requirement {uid: row.requirement_uid}) RETURN r }
  MERGE (c)-[i:IMPLEMENTS]->(r) SET i += {coverage: row.coverage, note: ${TEXT('note')}}`),
  ],
  'control-systems': [link('Control', 'control_id', 'APPLIES_TO', 'System', 'system_id')],
  evidence: [
    orgNode(
      'Evidence',
      `title: row.title, kind: row.kind, uri: ${TEXT('uri')}, sha256: ${TEXT('sha256')},
    collectedAt: ${DATE('collected_at')}, validUntil: ${DATE('valid_until')}, status: row.status, owner: ${TEXT('owner')}`,
    ),
  ],
  'evidence-controls': [link('Evidence', 'evidence_id', 'SUPPORTS', 'Control', 'control_id')],
  'evidence-systems': [link('Evidence', 'evidence_id', 'CONCERNS', 'System', 'system_id')],
  risks: [
    orgNode(
      'Risk',
      `title: row.title, likelihood: ${INT('likelihood')}, impact: ${INT('impact')}, treatment: ${TEXT('treatment')}`,
    ),
  ],
  'risk-systems': [link('Risk', 'risk_id', 'THREATENS', 'System', 'system_id')],
  // risk-controls rows name the risk first; the relationship runs from the control.
  'risk-controls': [link('Risk', 'risk_id', 'MITIGATES', 'Control', 'control_id', true)],
} satisfies Record<'frameworks' | 'requirements' | 'mappings' | InventoryFile, { body: string }[]>;

export function loadCsvStatement(body: string, batched: boolean): string {
  return batched
    ? `LOAD CSV WITH HEADERS FROM $url AS row\nCALL (row) {${body}\n} ${BATCH}`
    : `LOAD CSV WITH HEADERS FROM $url AS row${body}`;
}

/** The (file, statements) steps of a tenant in the writer's order: catalogs, crosswalk, then the inventory. */
function steps(tenant: Tenant): { file: string; kind: keyof typeof LOAD_CSV }[] {
  const catalogs = tenant.files.catalogs.map((file) => ({ file, kind: 'requirements' as const }));
  return [
    { file: tenant.files.frameworks, kind: 'frameworks' },
    // Every catalog's nodes before any parent links, as the writer does.
    ...catalogs,
    { file: tenant.files.mappings, kind: 'mappings' },
    ...INVENTORY_FILES.map((name) => ({ file: tenant.files.inventory[name], kind: name })),
  ];
}

const IMPORT_DIR = "CALL dbms.listConfig('server.directories.import') YIELD value RETURN value";
const PROBE = 'LOAD CSV FROM $url AS row RETURN count(row) AS n';

/** Copies the tenant's files into the server's import directory; returns how to name them in LOAD CSV. */
export async function stageForLoadCsv(
  graph: Graph,
  tenant: Tenant,
  fallbackImportDir: string | undefined,
): Promise<(file: string) => string> {
  const configured =
    (await graph.run(IMPORT_DIR).then(
      (r) => r.records[0]?.get('value') as string | undefined,
      () => undefined,
    )) ?? fallbackImportDir;
  if (!configured) {
    throw new CrosswalkError(
      "cannot find the Neo4j server's import directory for LOAD CSV",
      'Run the benchmark on the bundled Neo4j (unset CROSSWALK_BENCH_NEO4J_URI).',
    );
  }
  const importDir = path.isAbsolute(configured) ? configured : path.resolve(fallbackImportDir ?? '.', '..', configured);
  try {
    fs.mkdirSync(importDir, { recursive: true });
    fs.writeFileSync(path.join(importDir, 'probe.csv'), 'a\n1\n');
  } catch (error) {
    throw new CrosswalkError(
      `cannot write to the server's import directory ${importDir}: ${(error as Error).message}`,
      'LOAD CSV needs the files on the database server; run the benchmark on the bundled Neo4j or on a server on this machine.',
    );
  }
  // file:/// URLs are relative to the import directory when one is configured, else absolute paths.
  const relative = await graph.run(PROBE, { url: 'file:///probe.csv' }).then(
    () => true,
    () => false,
  );
  const staged = path.join(importDir, `bench-${path.basename(tenant.dir)}`);
  fs.rmSync(staged, { recursive: true, force: true });
  fs.mkdirSync(staged, { recursive: true });
  for (const { file } of steps(tenant)) fs.copyFileSync(file, path.join(staged, path.basename(file)));
  return (file) => {
    const name = path.join(path.basename(staged), path.basename(file));
    return relative ? `file:///${name}` : `file://${path.join(importDir, name)}`;
  };
}

/** Loads the tenant with LOAD CSV; returns the seconds taken and the seconds per file kind. */
export async function loadCsvTenant(
  graph: Graph,
  tenant: Tenant,
  urlOf: (file: string) => string,
  batched: boolean,
): Promise<{ seconds: number; byKind: Record<string, number> }> {
  const all = steps(tenant);
  // Requirement parents are a second pass over every catalog, after all catalogs' nodes.
  const ordered: { file: string; body: string; kind: string }[] = [];
  for (const step of all) {
    const [first, ...rest] = LOAD_CSV[step.kind];
    ordered.push({ file: step.file, body: first!.body, kind: step.kind });
    if (step.kind !== 'requirements') for (const s of rest) ordered.push({ file: step.file, body: s.body, kind: step.kind });
  }
  const parents = all
    .filter((s) => s.kind === 'requirements')
    .map((s) => ({ file: s.file, body: LOAD_CSV.requirements[1]!.body, kind: 'requirement parents' }));
  const mappingsAt = ordered.findIndex((s) => s.kind === 'mappings');
  ordered.splice(mappingsAt, 0, ...parents);

  const byKind: Record<string, number> = {};
  const started = performance.now();
  const session = graph.driver.session({ database: graph.database });
  try {
    const tx = batched ? undefined : session.beginTransaction();
    try {
      for (const step of ordered) {
        const t = performance.now();
        const text = loadCsvStatement(step.body, batched);
        if (tx) await tx.run(text, { url: urlOf(step.file) });
        else await session.run(text, { url: urlOf(step.file) });
        byKind[step.kind] = (byKind[step.kind] ?? 0) + (performance.now() - t) / 1000;
      }
      if (tx) await tx.commit();
    } catch (error) {
      if (tx?.isOpen()) await tx.rollback();
      throw error;
    }
  } finally {
    await session.close();
  }
  return {
    seconds: (performance.now() - started) / 1000,
    byKind: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, Math.round(v * 100) / 100])),
  };
}
