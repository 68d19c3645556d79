/** The shipped crosswalk: valid, explained, complete across the ten framework pairs. */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '../../graph/connection.ts';
import { MAPPING_RATIONALES, MAPPING_RELATIONSHIPS, MAPPING_SOURCES } from '../../graph/model.ts';
import { stats } from '../../queries/stats.ts';
import { catalogFiles, mappingFiles } from '../../seeds/index.ts';
import { seededGraph } from './helpers.ts';

interface Row {
  source_uid: string;
  target_uid: string;
  relationship: string;
  strength: string;
  rationale: string;
  source: string;
  explanation: string;
}
const rows = mappingFiles().flatMap((file) =>
  (parse(fs.readFileSync(file), { columns: true, bom: true }) as Row[]).map((row) => ({ ...row, file: path.basename(file) })),
);
const uids = new Set(
  catalogFiles()
    .filter((f) => !f.endsWith('frameworks.csv'))
    .flatMap((file) => parse(fs.readFileSync(file), { columns: true, bom: true }) as { framework_id: string; ref: string }[])
    .map((r) => `${r.framework_id}:${r.ref}`),
);

describe('crosswalk files', () => {
  it('reference only requirements that exist in the catalogs', () => {
    const unknown = rows.flatMap((r) => [r.source_uid, r.target_uid]).filter((uid) => !uids.has(uid));
    expect(unknown).toEqual([]);
  });

  it('use only valid enums and strengths 1..10, and explain every row', () => {
    const bad = rows.filter(
      (r) =>
        !(MAPPING_RELATIONSHIPS as readonly string[]).includes(r.relationship) ||
        !(MAPPING_RATIONALES as readonly string[]).includes(r.rationale) ||
        !(MAPPING_SOURCES as readonly string[]).includes(r.source) ||
        !/^([1-9]|10)$/.test(r.strength) ||
        r.explanation.trim().length < 30,
    );
    expect(bad).toEqual([]);
  });

  it('have no self-mapping and no pair twice, in either direction', () => {
    expect(rows.filter((r) => r.source_uid === r.target_uid)).toEqual([]);
    const pairs = rows.map((r) => [r.source_uid, r.target_uid].sort().join(' | '));
    expect(pairs.filter((p, i) => pairs.indexOf(p) !== i)).toEqual([]);
  });

  it('name their file after the framework pair of every row', () => {
    const misfiled = rows.filter((r) => r.file !== `${r.source_uid.split(':')[0]}__${r.target_uid.split(':')[0]}.csv`);
    expect(misfiled).toEqual([]);
  });
});

describe('the crosswalk in the graph', () => {
  let graph: Graph;
  beforeAll(async () => {
    graph = await seededGraph();
  });
  afterAll(() => graph.close());

  it('connects all ten framework pairs with at least 400 mappings', async () => {
    const { mappings } = await stats(graph);
    const pairs = new Set(mappings.pairs.map((p) => [p.source, p.target].sort().join('+')));
    const frameworks = ['eu-ai-act', 'gdpr', 'iso27001', 'iso42001', 'nis2'];
    const expected = frameworks.flatMap((a, i) => frameworks.slice(i + 1).map((b) => [a, b].sort().join('+')));
    expect([...pairs].sort()).toEqual(expected.sort());
    expect(mappings.total).toBe(rows.length);
    expect(mappings.total).toBeGreaterThanOrEqual(400);
  });

  it.each([
    ['nis2:Art.21(2)(h)', 'iso27001:A.8.24', 'cryptography'],
    ['nis2:Art.21(2)(b)', 'iso27001:A.5.26', 'incident handling'],
    ['nis2:Art.21(2)(c)', 'iso27001:A.8.13', 'backup'],
    ['gdpr:Art.32(1)(a)', 'iso27001:A.8.24', 'encryption of personal data'],
    ['gdpr:Art.33(1)', 'iso27001:A.5.24', 'breach response planning'],
    ['eu-ai-act:Art.9(1)', 'iso42001:6.1.1', 'risk management'],
    ['eu-ai-act:Art.12(1)', 'iso42001:A.6.2.8', 'event logs'],
    ['eu-ai-act:Art.27(1)', 'iso42001:A.5.4', 'impact on individuals'],
    ['iso42001:9.2.2', 'iso27001:9.2.2', 'internal audit programme'],
  ])('maps %s and %s (%s) with a sensible relationship', async (a, b) => {
    const { records } = await graph.run(
      `MATCH (x:Requirement)-[m:MAPS_TO]-(y:Requirement)
       WHERE x.uid = $a AND y.uid = $b
       RETURN m.relationship AS relationship, m.strength AS strength`,
      { a, b },
    );
    expect(records.length).toBe(1);
    expect(['equal', 'subset_of', 'superset_of', 'intersects_with']).toContain(records[0]?.get('relationship'));
    expect(records[0]?.get('strength')).toBeGreaterThanOrEqual(5);
  });
});
