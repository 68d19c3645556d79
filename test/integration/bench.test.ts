/**
 * The benchmark's tenant generator at a tiny factor: deterministic, importable by our importer without a
 * problem, giving the coverage question real work, and loaded into the same graph by the benchmark's LOAD CSV
 * statements (so that the throughput comparison compares like with like).
 */
import { rebuild } from '../../coverage/maintain.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '../../graph/connection.ts';
import { importFiles } from '../../importers/index.ts';
import { findQuestion } from '../../queries/questions.ts';
import { deleteAllData, seedGraph } from '../../seeds/load.ts';
import { generateTenant, tenantFiles, type Tenant } from '../../bench/generate.ts';
import { loadCsvTenant, stageForLoadCsv } from '../../bench/load-csv.ts';
import { fingerprint } from '../../bench/throughput.ts';
import { seededGraph } from './helpers.ts';

const FACTOR = 0.005;
let graph: Graph;
let dir: string;
let tenant: Tenant;

const bytes = (t: Tenant) =>
  tenantFiles(t)
    .map((f) => `${path.basename(f)}:${fs.readFileSync(f, 'utf8')}`)
    .join('\n');

beforeAll(async () => {
  graph = await seededGraph();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-bench-test-'));
  tenant = generateTenant({ factor: FACTOR, seed: 7, out: path.join(dir, 'a') });
});

afterAll(async () => {
  await graph?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('bench tenant generator', () => {
  it('writes the same bytes for the same seed and factor, other bytes for another seed', () => {
    const again = generateTenant({ factor: FACTOR, seed: 7, out: path.join(dir, 'b') });
    const other = generateTenant({ factor: FACTOR, seed: 8, out: path.join(dir, 'c') });
    expect(bytes(again).replace(/\/b\//g, '/a/')).toBe(bytes(tenant));
    expect(bytes(other)).not.toBe(bytes(tenant));
    expect(tenant.rows.requirements).toBe(2 * 1010);
  });

  it('imports cleanly with importFiles, and coverage finds real work in it', async () => {
    const result = await importFiles(graph, tenantFiles(tenant));
    expect(result.summary.Evidence?.created).toBe(tenant.rows.evidence);
    expect(result.summary.SUPPORTS?.created).toBe(tenant.rows['evidence-controls']);
    expect(result.summary.Mapping?.created).toBe(tenant.rows.mappings);

    const coverage = (await findQuestion('coverage')!.run(graph, {
      framework: tenant.frameworks[0],
      org: tenant.org,
      today: tenant.today,
      first: 0,
    })) as {
      totals: Record<string, number>;
    };
    expect(coverage.totals.requirements).toBe(900);
    expect(coverage.totals.met).toBeGreaterThan(0);
    expect(coverage.totals.gap).toBeGreaterThan(0);
  });

  // Batched only, to stay cheap: the one-transaction form runs the same statement bodies, and every
  // benchmark run compares both forms' graphs with the importer's (ImportFigures.sameGraph).
  it('LOAD CSV statements build the same graph as the importer', async () => {
    const ours = await fingerprint(graph);
    const urlOf = await stageForLoadCsv(graph, tenant, undefined);
    await deleteAllData(graph);
    await seedGraph(graph);
    await loadCsvTenant(graph, tenant, urlOf, true);
    // LOAD CSV writes around crosswalk: like a user after such a bulk load, rebuild the maintained coverage.
    await rebuild(graph);
    expect(await fingerprint(graph)).toEqual(ours);
  });
});
