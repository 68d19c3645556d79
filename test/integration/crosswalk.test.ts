/** The shipped crosswalk: valid, explained, complete across the framework pairs, its legal citations named. */
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

/**
 * A citation runs from the later act to the earlier one: the GDPR (2016) cites none of the others, NIS2 (2022)
 * cites the GDPR, the AI Act (2024/1689) cites the GDPR, and Implementing Regulation 2024/2690 cites NIS2.
 */
const ACT_ORDER = ['gdpr', 'nis2', 'eu-ai-act', 'nis2-ir'];
const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('legal cross-references', () => {
  const cited = rows.filter((r) => r.source === 'legal_cross_reference');

  it('come only from an act that can cite the other (between EU acts, later to earlier)', () => {
    const misdirected = cited.filter((r) => {
      const [a, b] = [r.source_uid, r.target_uid].map((u) => ACT_ORDER.indexOf(u.split(':')[0]!));
      return a! < 0 || b! < 0 || a === b;
    });
    expect(misdirected).toEqual([]);
    // seeds/mappings/README.md: every explicit citation found in the texts is represented (AI Act -> GDPR 16
    // citing provisions, NIS2 -> GDPR 6, nis2-ir -> NIS2 29), some by one row per cited article.
    const perPair = Object.fromEntries(
      ['eu-ai-act__gdpr', 'nis2__gdpr', 'nis2-ir__nis2'].map((pair) => [
        pair,
        cited.filter((r) => r.file === `${pair}.csv`).length,
      ]),
    );
    expect(perPair).toEqual({ 'eu-ai-act__gdpr': 17, nis2__gdpr: 8, 'nis2-ir__nis2': 17 });
  });

  it('name the citing provision in their explanation', () => {
    const unnamed = cited.filter((r) => {
      const [a, b] = [r.source_uid, r.target_uid].map((u) => ACT_ORDER.indexOf(u.split(':')[0]!));
      const citing = a! > b! ? r.source_uid : r.target_uid;
      const ref = citing.slice(citing.indexOf(':') + 1);
      // "Art.2" must not match inside "Art.21", and "13.1" must not match "13.10".
      return !new RegExp(`(^|[^\\w.])${escapeRegExp(ref)}(?!\\d)`).test(r.explanation);
    });
    expect(unnamed.map((r) => `${r.source_uid} -> ${r.target_uid}`)).toEqual([]);
  });

  it('are not claimed where the act cites no other act (issue #17 re-tagged these)', () => {
    const retagged = [
      'eu-ai-act:Art.19(1) -> gdpr:Art.5(1)(e)',
      'eu-ai-act:Art.26(6) -> gdpr:Art.5(1)(e)',
      'eu-ai-act:Art.59 -> gdpr:Art.6(4)',
    ];
    expect(rows.filter((r) => retagged.includes(`${r.source_uid} -> ${r.target_uid}`)).map((r) => r.source)).toEqual([
      'expert_judgement',
      'expert_judgement',
      'expert_judgement',
    ]);
  });
});

describe('the crosswalk in the graph', () => {
  let graph: Graph;
  beforeAll(async () => {
    graph = await seededGraph();
  });
  afterAll(() => graph.close());

  it('connects all ten pairs of the five main frameworks, and nis2-ir to nis2, with at least 400 mappings', async () => {
    const { frameworks: counted, mappings } = await stats(graph);
    expect(counted.find((f) => f.framework === 'nis2-ir')?.total).toBe(437);
    const pairs = new Set(mappings.pairs.map((p) => [p.source, p.target].sort().join('+')));
    const frameworks = ['eu-ai-act', 'gdpr', 'iso27001', 'iso42001', 'nis2'];
    const expected = frameworks.flatMap((a, i) => frameworks.slice(i + 1).map((b) => [a, b].sort().join('+')));
    // nis2-ir is mapped only to the directive it implements; ENISA's nis2-ir <-> ISO 27001 mapping is imported, not shipped.
    expect([...pairs].sort()).toEqual([...expected, 'nis2+nis2-ir'].sort());
    expect(mappings.total).toBe(rows.length);
    expect(mappings.total).toBeGreaterThanOrEqual(400);
  });

  it('maps every section of the implementing regulation to the Art.21(2) point its heading names', async () => {
    const { records } = await graph.run(`
      MATCH (s:Requirement {frameworkId: 'nis2-ir'})-[m:MAPS_TO]->(t:Requirement {frameworkId: 'nis2'})
      WHERE t.kind = 'measure'
      RETURN s.ref AS section, t.ref AS measure, m.relationship AS relationship ORDER BY section, measure`);
    const got = records.map((r) => `${r.get('section')} ${r.get('measure')} ${r.get('relationship')}`);
    expect(got).toEqual([
      '1 Art.21(2)(a) intersects_with',
      '10 Art.21(2)(i) intersects_with',
      '11 Art.21(2)(i) intersects_with',
      '11 Art.21(2)(j) intersects_with',
      '12 Art.21(2)(i) intersects_with',
      '13.1 Art.21(2)(c) intersects_with',
      '13.2 Art.21(2)(e) intersects_with',
      '13.3 Art.21(2)(i) intersects_with',
      '2 Art.21(2)(a) intersects_with',
      '3 Art.21(2)(b) superset_of',
      '4 Art.21(2)(c) superset_of',
      '5 Art.21(2)(d) superset_of',
      '6 Art.21(2)(e) superset_of',
      '7 Art.21(2)(f) superset_of',
      '8 Art.21(2)(g) superset_of',
      '9 Art.21(2)(h) superset_of',
    ]);
  });

  it('has no article-level NIS2 Art.21 or Art.23 target left, and no permission mapped as an obligation', async () => {
    const { records } = await graph.run(`
      MATCH (x:Requirement)-[m:MAPS_TO]-(y:Requirement)
      WHERE x.uid IN ['nis2:Art.21', 'nis2:Art.23', 'eu-ai-act:Art.73(5)']
      RETURN collect(y.uid) AS left`);
    expect(records[0]?.get('left')).toEqual([]);
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
