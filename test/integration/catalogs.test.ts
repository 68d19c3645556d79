/** The six framework catalogs: complete, consistent and idempotently seeded. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '../../graph/connection.ts';
import { seedGraph } from '../../seeds/load.ts';
import { stats } from '../../queries/stats.ts';
import { graphFingerprint, seededGraph } from './helpers.ts';

let graph: Graph;
beforeAll(async () => {
  graph = await seededGraph();
});
afterAll(() => graph.close());

/**
 * The counts the catalogs must have (issue "Framework catalogs"; identifiers per the reference fact sheet, and
 * per the law itself where the two differ: issue #17). Issue #17 added nodes where obligations or citations live:
 * eu-ai-act paragraphs +3 (Art.2(7), 55(1), 55(2)) and points +8 (Art.3(37), (50), (51), (52), Art.55(1)(a)-(d));
 * gdpr paragraphs +3 (Art.6(4), 9(1), 9(2)) and points +13 (Art.4(1), (4), (12), Art.9(2)(a)-(j));
 * nis2 paragraphs +8 (Art.21(1)-(5), Art.23(1)-(3)); and the seventh framework nis2-ir, the Annex of
 * Implementing Regulation (EU) 2024/2690: 13 sections with 47 headed subsections (+ 5.2 without a chapeau),
 * 160 numbered paragraphs (1.1.1, 7.1, ...) and 217 lettered or roman points (1.1.1(a), 9.2(c)(i), ...).
 */
const EXPECTED: Record<string, Record<string, number>> = {
  iso42001: { clause: 7, subclause: 36, annex_a_group: 9, annex_a_objective: 2, annex_a_control: 38 },
  iso27001: { clause: 7, subclause: 34, annex_a_group: 4, annex_a_control: 93 },
  'eu-ai-act': { chapter: 13, section: 16, article: 113, annex: 13, paragraph: 109, point: 58 },
  gdpr: { chapter: 11, section: 15, article: 99, paragraph: 49, point: 37 },
  nis2: { chapter: 9, article: 46, annex: 3, measure: 10, reporting_step: 5, paragraph: 8 },
  'nis2-ir': { section: 60, paragraph: 160, point: 217 },
};

describe('framework catalogs', () => {
  it('have exactly the expected number of requirements per framework and kind', async () => {
    const { frameworks } = await stats(graph);
    expect(frameworks.map((f) => f.framework)).toEqual(['eu-ai-act', 'gdpr', 'iso27001', 'iso42001', 'nis2', 'nis2-ir']);
    for (const [framework, kinds] of Object.entries(EXPECTED)) {
      const byKind = frameworks.find((f) => f.framework === framework)?.byKind ?? {};
      for (const [kind, count] of Object.entries(kinds))
        expect(`${framework} ${kind}: ${byKind[kind]}`).toBe(`${framework} ${kind}: ${count}`);
    }
  });

  it('break the obligations down to paragraphs and points where required', async () => {
    const required = [
      'eu-ai-act:Art.9(2)(a)',
      'eu-ai-act:Art.10(2)(h)',
      'eu-ai-act:Art.14(4)(e)',
      'eu-ai-act:Art.16(l)',
      'eu-ai-act:Art.17(1)(m)',
      'eu-ai-act:Art.26(12)',
      'eu-ai-act:Art.50(4)',
      'eu-ai-act:Art.73(6)',
      'gdpr:Art.5(1)(f)',
      'gdpr:Art.5(2)',
      'gdpr:Art.32(1)(a)',
      'gdpr:Art.28(3)(h)',
      'gdpr:Art.33(5)',
      'gdpr:Art.39(1)',
      'nis2:Art.21(2)(j)',
      'nis2:Art.23(4)(e)',
      'iso42001:9.3.3',
      'iso42001:A.6.2.4',
      'iso27001:A.8.34',
      // issue #17: where obligations and citations live
      'nis2:Art.21(1)',
      'nis2:Art.21(2)',
      'nis2:Art.21(3)',
      'nis2:Art.21(4)',
      'nis2:Art.23(1)',
      'nis2:Art.23(2)',
      'nis2:Art.23(3)',
      'gdpr:Art.6(4)',
      'gdpr:Art.9(2)(a)',
      'gdpr:Art.9(2)(j)',
      'gdpr:Art.4(12)',
      'eu-ai-act:Art.3(37)',
      'eu-ai-act:Art.55(1)(c)',
      'eu-ai-act:Art.55(1)(d)',
      'nis2-ir:1.1.1(a)',
      'nis2-ir:9.2(c)(xii)',
      'nis2-ir:13.3.3',
    ];
    const { records } = await graph.run(
      'UNWIND $uids AS uid WITH uid WHERE NOT EXISTS { MATCH (:Requirement {uid: uid}) } RETURN collect(uid) AS missing',
      {
        uids: required,
      },
    );
    expect(records[0]?.get('missing')).toEqual([]);
  });

  it('use official titles, our own summaries and a source URL on every requirement', async () => {
    const { records } = await graph.run(`
      MATCH (r:Requirement)
      WHERE r.title IS NULL OR r.summary IS NULL OR size(r.summary) < 20 OR NOT r.url STARTS WITH 'https://'
      RETURN collect(r.uid) AS incomplete`);
    expect(records[0]?.get('incomplete')).toEqual([]);
    const titles = await graph.run(`
      UNWIND [['iso27001:A.8.24', 'Use of cryptography'], ['iso42001:A.6.2.4', 'AI system verification and validation'],
              ['eu-ai-act:Art.9', 'Risk management system'], ['gdpr:Art.32', 'Security of processing'],
              ['nis2:Art.21', 'Cybersecurity risk-management measures']] AS pair
      MATCH (r:Requirement {uid: pair[0]}) RETURN collect(r.title = pair[1]) AS same`);
    expect(titles.records[0]?.get('same')).toEqual([true, true, true, true, true]);
  });

  it('form a hierarchy: every parent exists in the same framework and every requirement reaches its framework', async () => {
    const { records } = await graph.run(`
      MATCH (r:Requirement)
      OPTIONAL MATCH (r)-[:PART_OF]->(p:Requirement)
      WITH r, p, [(r)-[:PART_OF*0..]->(top) WHERE NOT (top)-[:PART_OF]->() | top][0] AS root
      RETURN
        sum(CASE WHEN p IS NOT NULL AND p.frameworkId <> r.frameworkId THEN 1 ELSE 0 END) AS crossFramework,
        sum(CASE WHEN NOT EXISTS { (root)-[:IN_FRAMEWORK]->(:Framework {id: r.frameworkId}) } THEN 1 ELSE 0 END) AS unrooted,
        sum(CASE WHEN COUNT { (r)-[:IN_FRAMEWORK]->() } <> 1 THEN 1 ELSE 0 END) AS notInOneFramework,
        sum(CASE WHEN COUNT { (r)-[:PART_OF]->() } > 1 THEN 1 ELSE 0 END) AS manyParents`);
    const r = records[0];
    expect([r?.get('crossFramework'), r?.get('unrooted'), r?.get('notInOneFramework'), r?.get('manyParents')]).toEqual([
      0, 0, 0, 0,
    ]);
    const leaf = await graph.run(
      `MATCH (:Requirement {uid: 'eu-ai-act:Art.9(2)(a)'})-[:PART_OF*]->(a) RETURN collect(a.ref) AS path`,
    );
    expect(leaf.records[0]?.get('path')).toEqual(['Art.9(2)', 'Art.9', 'Ch.III-Sec.2', 'Ch.III']);
  });

  it('follow the law where the reference fact sheet differs, and keep obligations apart from structure', async () => {
    const { records } = await graph.run(
      `
      UNWIND $checks AS c
      MATCH (r:Requirement {uid: c[0]})
      OPTIONAL MATCH (r)-[:PART_OF]->(p:Requirement)
      RETURN collect([r.uid, p.ref, toString(r.normative)]) AS got`,
      {
        checks: [
          // GDPR Art.39 is in Chapter IV Section 4 (the fact sheet puts it directly under Ch.IV).
          ['gdpr:Art.39'],
          // A permission to report in stages is not an obligation (issue #17).
          ['eu-ai-act:Art.73(5)'],
          // Structure of the implementing regulation: section > subsection > paragraph > point > sub-point.
          ['nis2-ir:9.2(c)(i)'],
          ['nis2-ir:1.1'],
        ],
      },
    );
    expect(records[0]?.get('got')).toEqual([
      ['gdpr:Art.39', 'Ch.IV-Sec.4', 'true'],
      ['eu-ai-act:Art.73(5)', 'Art.73', 'false'],
      ['nis2-ir:9.2(c)(i)', '9.2(c)', 'true'],
      ['nis2-ir:1.1', '1', 'false'],
    ]);
    const path = await graph.run(
      `MATCH (:Requirement {uid: 'nis2-ir:9.2(c)(i)'})-[:PART_OF*]->(a) RETURN collect(a.ref) AS path`,
    );
    expect(path.records[0]?.get('path')).toEqual(['9.2(c)', '9.2', '9']);
  });

  it('give NIS2 measures and reporting steps short titles of our own, not cut-off legal text', async () => {
    const { records } = await graph.run(`
      MATCH (r:Requirement {frameworkId: 'nis2'}) WHERE r.kind IN ['measure', 'reporting_step']
      RETURN collect(r.title) AS titles`);
    const titles: string[] = records[0]?.get('titles');
    expect(titles).toHaveLength(15);
    expect(titles.filter((t) => t.length > 60 || /^[a-z]/.test(t))).toEqual([]);
  });

  it('have unique, well-formed uids', async () => {
    const { records } = await graph.run(`
      MATCH (r:Requirement)
      RETURN count(r) AS n, count(DISTINCT r.uid) AS distinct,
             sum(CASE WHEN r.uid = r.frameworkId + ':' + r.ref THEN 0 ELSE 1 END) AS malformed`);
    expect(records[0]?.get('n')).toBe(records[0]?.get('distinct'));
    expect(records[0]?.get('malformed')).toBe(0);
  });

  it('seed idempotently: seeding twice yields the same graph and reports everything unchanged', async () => {
    const before = await graphFingerprint(graph);
    const again = await seedGraph(graph);
    expect(await graphFingerprint(graph)).toBe(before);
    for (const [type, counts] of Object.entries(again.summary)) {
      expect(`${type} ${counts.created}/${counts.updated}`).toBe(`${type} 0/0`);
    }
  });
});
