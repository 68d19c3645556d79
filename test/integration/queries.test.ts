/**
 * The reuse questions on the demo organization (seeds/demo, org `demo`), today pinned to 2026-11-22.
 * Expected answers are worked out by hand from the demo CSVs; the reasoning is next to each assertion.
 * Reminder of the demo (controls -> requirements, evidence):
 *   CTL-01 iso27001 A.5.1, 5.2 full, nis2 Art.21(2)(a) partial        EV-01 valid to 2027-06-30
 *   CTL-02 iso27001 A.5.15, A.8.5 full, nis2 (j) full, (i) partial     EV-02 valid to 2027-03-31
 *   CTL-03 iso27001 A.8.24, nis2 (h), gdpr 32(1)(a) full               EV-03 valid to 2028-01-31
 *   CTL-04 iso27001 A.8.13 full, gdpr 32(1)(c) partial                 EV-04 expired 2025-12-31
 *   CTL-05 iso27001 A.5.24, A.5.26 full, nis2 (b) partial, gdpr 33(1)  EV-05 to 2027-09-30, EV-06 to 2026-12-10
 *   CTL-06 nis2 Art.23(4)(a),(b) full                                  EV-07 draft only
 *   CTL-07 iso27001 A.8.8 full                                         EV-08 valid to 2026-12-01
 *   CTL-08 iso27001 A.8.15 full, A.8.16 partial, iso42001 A.6.2.8      EV-09 valid
 *   CTL-09 iso27001 A.5.19, A.5.20 full, gdpr 28(3), iso42001 A.10.3 partial  EV-10 expired, EV-22 valid
 *   CTL-10 iso27001 A.6.3 full, nis2 (g), eu-ai-act Art.4 partial      EV-11 valid
 *   CTL-11 iso27001 A.5.29, A.5.30 full, nis2 (c) partial              no evidence
 *   CTL-12 A.5.9 (EV-12), CTL-13 gdpr 30(1) (EV-13), CTL-14 gdpr 35(1), 35(7) full + iso42001 A.5.2 partial (EV-14)
 *   CTL-15 iso42001 A.2.2, A.2.3, 5.2 (EV-15); CTL-16 A.3.2, 5.3 (EV-16 draft); CTL-17 A.5.2, A.5.3 full, A.5.4 partial (EV-17)
 *   CTL-18 (chatbot) eu-ai-act 50(1), iso42001 A.8.2 partial (EV-18); CTL-19 (wiki) 50(1), 50(2) full, A.6.2.2 partial (EV-19)
 *   CTL-20 (wiki) A.6.2.4, A.6.2.3 full, A.6.2.5 partial (EV-20 expired 2025-09-30); CTL-21 A.6.2.6 (EV-21)
 *   CTL-22 (chatbot) A.9.4 full, A.9.2 partial (EV-22); CTL-23 planned; CTL-24 iso27001+iso42001 9.2.2 (EV-23)
 *   CTL-25 iso27001 7.5.3 (EV-24); CTL-26 iso42001 10.2 (EV-25)
 *   Exclusions: iso27001 A.8.30, iso42001 A.10.4, gdpr Art.27.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../graph/config.ts';
import type { Graph } from '../../graph/connection.ts';
import { coverage, type CoverageResult } from '../../queries/coverage.ts';
import { coverageReport } from '../../queries/coverage-report.ts';
import { cypher } from '../../queries/cypher.ts';
import { evidenceCoveringBoth } from '../../queries/evidence-covering-both.ts';
import { explain } from '../../queries/explain.ts';
import { gaps } from '../../queries/gaps.ts';
import { impact } from '../../queries/impact.ts';
import { obligations } from '../../queries/obligations.ts';
import { QUESTIONS } from '../../queries/questions.ts';
import { reuse } from '../../queries/reuse.ts';
import { soa } from '../../queries/soa.ts';
import { exportSoa } from '../../queries/soa-export.ts';
import { seededGraph } from './helpers.ts';

const TODAY = '2026-11-22';
const ORG = 'demo';
let graph: Graph;

beforeAll(async () => {
  graph = await seededGraph({ demo: true });
});
afterAll(async () => {
  await graph?.close();
});

const byUid = (r: CoverageResult, uid: string) => r.requirements.find((x) => x.uid === uid);

describe('the shared status block', () => {
  it('is the same text in every question that embeds it', () => {
    const block = (text: string) => text.slice(text.indexOf('// BEGIN status-block'), text.indexOf('// END status-block'));
    // Written once (queries/status-block.cypher) and expanded by the loader into each question.
    const copies = QUESTIONS.map((q) => cypher(q.name)).filter((t) => t.includes('// BEGIN status-block'));
    expect(copies.length).toBe(7);
    for (const copy of copies) expect(block(copy)).toBe(block(copies[0] ?? ''));
  });

  it('every question has its .cypher file', () => {
    for (const q of QUESTIONS) expect(fs.existsSync(path.join(PROJECT_ROOT, 'queries', `${q.name}.cypher`))).toBe(true);
  });
});

describe('coverage', () => {
  it('iso27001: direct counts from the demo controls', async () => {
    const r = await coverage.run(graph, { framework: 'iso27001', org: ORG, today: TODAY });
    // met direct 15: A.5.1, 5.2 (CTL-01); A.5.15, A.8.5 (CTL-02); A.8.24 (CTL-03); A.5.24, A.5.26 (CTL-05);
    // A.8.8 (CTL-07, EV-08 still valid until 12-01); A.8.15 (CTL-08); A.5.19, A.5.20 (CTL-09: EV-10 expired
    // but EV-22 valid); A.6.3 (CTL-10); A.5.9 (CTL-12); 9.2.2 (CTL-24); 7.5.3 (CTL-25).
    // met inferred 1: 10.2 <- iso42001:10.2 (CTL-26, EV-25) through an equal mapping.
    // partially met direct 1: A.8.16 (CTL-08 partial). stale 1: A.8.13 (EV-04 expired).
    // unverified 2: A.5.29, A.5.30 (CTL-11 has no evidence). excluded 1: A.8.30.
    expect(r.totals).toMatchObject({
      requirements: 123,
      applicable: 122,
      met: 16,
      metDirect: 15,
      metInferred: 1,
      partiallyMetDirect: 1,
      stale: 1,
      unverified: 2,
      excluded: 1,
    });
    expect(r.percentMet).toBe(13.1); // 16 / 122
    expect(byUid(r, 'iso27001:10.2')).toMatchObject({
      status: 'met',
      basis: 'inferred',
      inferred: { path: ['iso42001:10.2', 'iso27001:10.2'], relationships: ['equal'] },
    });
    expect(byUid(r, 'iso27001:A.8.13')).toMatchObject({ status: 'stale', basis: 'direct' });
    expect(byUid(r, 'iso27001:A.8.30')?.exclusion?.justification).toMatch(/outsourced/);
    const annexA5 = r.groups.find((g) => g.uid === 'iso27001:A.5');
    // A.5: met A.5.1, A.5.9, A.5.15, A.5.19, A.5.20, A.5.24, A.5.26 = 7; unverified A.5.29, A.5.30.
    expect(annexA5).toMatchObject({ requirements: 37, met: 7, unverified: 2, stale: 0, excluded: 0 });
  });

  it('iso42001: direct counts, the inferred 7.5.3 and the stale life-cycle controls', async () => {
    const r = await coverage.run(graph, { framework: 'iso42001', org: ORG, today: TODAY });
    // met direct 10: A.6.2.8 (CTL-08), A.5.2, A.5.3 (CTL-17), A.2.2, A.2.3, 5.2 (CTL-15), A.6.2.6 (CTL-21),
    // A.9.4 (CTL-22), 9.2.2 (CTL-24), 10.2 (CTL-26). met inferred 1: 7.5.3 <- iso27001:7.5.3 (equal).
    // partially met direct 5: A.10.3, A.5.4, A.8.2, A.6.2.2, A.9.2. stale 3: A.6.2.3, A.6.2.4, A.6.2.5 (EV-20).
    // unverified 2: A.3.2, 5.3 (EV-16 is a draft). excluded 1: A.10.4. A.7.4/A.7.5: CTL-23 is only planned.
    expect(r.totals).toMatchObject({
      requirements: 70,
      met: 11,
      metDirect: 10,
      metInferred: 1,
      partiallyMetDirect: 5,
      stale: 3,
      unverified: 2,
      excluded: 1,
    });
    expect(byUid(r, 'iso42001:7.5.3')).toMatchObject({ status: 'met', basis: 'inferred' });
    expect(byUid(r, 'iso42001:A.7.5')?.basis).not.toBe('direct');
  });

  it('nis2: two met, four partial, three unverified directly', async () => {
    const r = await coverage.run(graph, { framework: 'nis2', org: ORG, today: TODAY });
    // met: (h) CTL-03, (j) CTL-02. partial: (a), (b), (g), (i). unverified: 23(4)(a), (b) (draft only), (c).
    expect(r.totals).toMatchObject({ requirements: 19, metDirect: 2, metInferred: 0, partiallyMetDirect: 4, unverified: 3 });
  });

  it("for one system counts that system's controls and the organization-wide ones only", async () => {
    const r = await coverage.run(graph, { framework: 'iso42001', org: ORG, system: 'sys-wiki', today: TODAY });
    // CTL-22 (A.9.4) applies to the chatbot only; CTL-19 (A.6.2.2 partial) to the wiki; CTL-17 to both.
    expect(byUid(r, 'iso42001:A.9.4')?.basis).not.toBe('direct');
    expect(byUid(r, 'iso42001:A.6.2.2')).toMatchObject({ status: 'partially_met', basis: 'direct' });
    expect(byUid(r, 'iso42001:A.5.2')).toMatchObject({ status: 'met', basis: 'direct' });
  });

  it('moves with the date: A.8.8 is stale once EV-08 has expired', async () => {
    const r = await coverage.run(graph, { framework: 'iso27001', org: ORG, today: '2026-12-02' });
    expect(byUid(r, 'iso27001:A.8.8')).toMatchObject({ status: 'stale', basis: 'direct' });
  });
});

describe('evidence-covering-both', () => {
  it('directly: the six evidence items behind controls implementing iso27001 and nis2 requirements', async () => {
    // CTL-01 (EV-01), CTL-02 (EV-02), CTL-03 (EV-03), CTL-05 (EV-05, EV-06), CTL-10 (EV-11). CTL-11 implements
    // both but has no evidence; EV-04 (CTL-04) is expired and CTL-04 has no nis2 requirement anyway.
    const r = await evidenceCoveringBoth.run(graph, {
      frameworkA: 'iso27001',
      frameworkB: 'nis2',
      org: ORG,
      today: TODAY,
      directOnly: true,
    });
    const items = Object.fromEntries(r.items.map((i) => [i.evidence.id, [i.a.map((x) => x.ref), i.b.map((x) => x.ref)]]));
    expect(items).toEqual({
      'EV-01': [['5.2', 'A.5.1'], ['Art.21(2)(a)']],
      'EV-02': [
        ['A.5.15', 'A.8.5'],
        ['Art.21(2)(i)', 'Art.21(2)(j)'],
      ],
      'EV-03': [['A.8.24'], ['Art.21(2)(h)']],
      'EV-05': [['A.5.24', 'A.5.26'], ['Art.21(2)(b)']],
      'EV-06': [['A.5.24', 'A.5.26'], ['Art.21(2)(b)']],
      'EV-11': [['A.6.3'], ['Art.21(2)(g)']],
    });
    // Ordered by direct requirements: EV-02 (4) first.
    expect(r.items[0]?.evidence.id).toBe('EV-02');
  });

  it('through one mapping hop by default: EV-12 (asset inventory) reaches NIS2 human-resources security', async () => {
    // Stored nis2:Art.21(2)(i) superset_of iso27001:A.5.9 (7); read from A.5.9 it is subset_of: partial, 7.
    const r = await evidenceCoveringBoth.run(graph, { frameworkA: 'iso27001', frameworkB: 'nis2', org: ORG, today: TODAY });
    const ev12 = r.items.find((i) => i.evidence.id === 'EV-12');
    expect(ev12?.a.map((x) => x.uid)).toContain('iso27001:A.5.9');
    expect(ev12?.b).toContainEqual(
      expect.objectContaining({
        uid: 'nis2:Art.21(2)(i)',
        via: 'mapping',
        coverage: 'partial',
        strength: 7,
        relationships: ['subset_of'],
      }),
    );
    expect(r.items.some((i) => i.evidence.id === 'EV-04')).toBe(false);
  });

  it('lists expired evidence only when asked, flagged', async () => {
    // EV-04 supports CTL-04 (A.8.13); nis2 (c) superset_of A.8.13 stored, read from A.8.13: subset_of, 8.
    const r = await evidenceCoveringBoth.run(graph, {
      frameworkA: 'iso27001',
      frameworkB: 'nis2',
      org: ORG,
      today: TODAY,
      includeInvalid: true,
    });
    const ev04 = r.items.find((i) => i.evidence.id === 'EV-04');
    expect(ev04?.evidence).toMatchObject({ valid: false, validUntil: '2025-12-31' });
    expect(ev04?.b).toContainEqual(expect.objectContaining({ uid: 'nis2:Art.21(2)(c)', coverage: 'partial', strength: 8 }));
  });
});

describe('reuse', () => {
  it('iso27001 -> iso42001 gives 7.5.3 and 9.2.2 in full through equal mappings', async () => {
    const r = await reuse.run(graph, { source: 'iso27001', target: 'iso42001', org: ORG, today: TODAY });
    const get = (uid: string) => r.requirements.find((x) => x.uid === uid);
    expect(get('iso42001:7.5.3')?.reuse).toMatchObject({ status: 'met', path: ['iso27001:7.5.3', 'iso42001:7.5.3'] });
    expect(get('iso42001:9.2.2')?.reuse).toMatchObject({ status: 'met', path: ['iso27001:9.2.2', 'iso42001:9.2.2'] });
    expect(r.requirements.every((x) => x.reuse.source.startsWith('iso27001:'))).toBe(true);
    expect(r.met).toBe(r.requirements.filter((x) => x.reuse.status === 'met').length);
  });
});

describe('gaps', () => {
  it('only gaps, ordered by the other adopted frameworks they advance', async () => {
    const r = await gaps.run(graph, { framework: 'iso42001', org: ORG, today: TODAY });
    expect(r.gaps.length).toBeGreaterThan(0);
    expect(r.gaps.every((g) => g.status === 'gap')).toBe(true);
    const sizes = r.gaps.map((g) => g.frameworks.length);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    const adopted = ['iso27001', 'eu-ai-act', 'gdpr', 'nis2'];
    expect(r.gaps.every((g) => g.frameworks.every((f) => adopted.includes(f)))).toBe(true);
  });
});

describe('impact', () => {
  it('what expires in the next 30 days: EV-08 and EV-06; only A.8.8 loses its evidence (CTL-05 keeps EV-05)', async () => {
    const r = await impact.run(graph, { org: ORG, today: TODAY, withinDays: 30 });
    expect(r.after).toBe('2026-12-22');
    expect(r.expiring.map((e) => e.id)).toEqual(['EV-08', 'EV-06']);
    expect(r.changes).toContainEqual(expect.objectContaining({ uid: 'iso27001:A.8.8', before: 'met', after: 'stale' }));
    expect(r.changes.some((c) => ['iso27001:A.5.24', 'iso27001:A.5.26'].includes(c.uid))).toBe(false);
  });

  it('without EV-03 the three requirements of CTL-03 are unverified', async () => {
    // CTL-03 has no other evidence; an inferred partial never hides an unverified control.
    const r = await impact.run(graph, { org: ORG, today: TODAY, evidence: 'EV-03' });
    for (const uid of ['iso27001:A.8.24', 'nis2:Art.21(2)(h)', 'gdpr:Art.32(1)(a)']) {
      expect(r.changes).toContainEqual(expect.objectContaining({ uid, before: 'met', after: 'unverified' }));
    }
  });

  it('without CTL-25 both 7.5.3 lose "met" (iso42001:7.5.3 was inferred from it)', async () => {
    const r = await impact.run(graph, { org: ORG, today: TODAY, control: 'CTL-25' });
    const uids = r.changes.filter((c) => c.before === 'met').map((c) => c.uid);
    expect(uids).toEqual(expect.arrayContaining(['iso27001:7.5.3', 'iso42001:7.5.3']));
  });
});

describe('explain', () => {
  it('iso42001:7.5.3 is met through the stored equal mapping from iso27001:7.5.3', async () => {
    const r = await explain.run(graph, { requirement: 'iso42001:7.5.3', org: ORG, today: TODAY });
    expect(r.status).toBe('met');
    const chosen = r.inferred.find((p) => p.chosen);
    expect(chosen?.nodes.map((n) => n.uid)).toEqual(['iso27001:7.5.3', 'iso42001:7.5.3']);
    // Stored as iso42001:7.5.3 -> iso27001:7.5.3 (seeds/mappings/iso42001__iso27001.csv), read backwards.
    expect(chosen?.relationships[0]).toMatchObject({
      read: 'equal',
      stored: { source: 'iso42001:7.5.3', target: 'iso27001:7.5.3', relationship: 'equal', strength: 9 },
    });
  });

  it('iso27001:A.8.13 is stale: CTL-04 and its expired EV-04', async () => {
    const r = await explain.run(graph, { requirement: 'iso27001:A.8.13', org: ORG, today: TODAY });
    expect(r.status).toBe('stale');
    expect(r.parts[0]?.direct[0]).toMatchObject({ control: 'CTL-04', coverage: 'full' });
    expect(r.parts[0]?.direct[0]?.paths[0]?.nodes[0]).toMatchObject({ label: 'Evidence', id: 'EV-04', valid: false });
  });
});

describe('obligations', () => {
  it('the chatbot (deployer, limited): AI literacy, prohibitions and the deployer transparency duties', async () => {
    const r = await obligations.run(graph, { system: 'sys-chatbot', org: ORG, today: TODAY });
    expect(r.obligations.map((o) => o.uid)).toEqual([
      'eu-ai-act:Art.4',
      'eu-ai-act:Art.5',
      'eu-ai-act:Art.50(3)',
      'eu-ai-act:Art.50(4)',
      'eu-ai-act:Art.50(5)',
    ]);
    // Art.4: CTL-10 partial with valid EV-11. Mapped to iso42001 7.2, 7.3, A.4.6 (intersects_with).
    const art4 = r.obligations[0];
    expect(art4?.parts[0]).toMatchObject({
      uid: 'eu-ai-act:Art.4',
      status: 'partially_met',
      basis: 'direct',
      controls: ['CTL-10'],
    });
    expect(art4?.iso42001.map((i) => i.uid)).toEqual(['iso42001:7.2', 'iso42001:7.3', 'iso42001:A.4.6']);
  });

  it('the wiki assistant (provider, limited): Art.50(1) and (2) met by CTL-19', async () => {
    const r = await obligations.run(graph, { system: 'sys-wiki', org: ORG, today: TODAY });
    expect(r.obligations.map((o) => o.uid)).toEqual([
      'eu-ai-act:Art.4',
      'eu-ai-act:Art.5',
      'eu-ai-act:Art.50(1)',
      'eu-ai-act:Art.50(2)',
      'eu-ai-act:Art.50(5)',
    ]);
    for (const uid of ['eu-ai-act:Art.50(1)', 'eu-ai-act:Art.50(2)']) {
      expect(r.obligations.find((o) => o.uid === uid)?.parts[0]).toMatchObject({
        status: 'met',
        basis: 'direct',
        controls: ['CTL-19'],
      });
    }
  });

  it('a system that is not an AI system has none', async () => {
    const r = await obligations.run(graph, { system: 'sys-crm-db', org: ORG, today: TODAY });
    expect(r.obligations).toEqual([]);
  });
});

describe('soa', () => {
  it('iso42001 Annex A: 38 controls, A.10.4 not applicable, A.7.5 only planned, A.6.2.4 stale', async () => {
    const r = await soa.run(graph, { framework: 'iso42001', org: ORG, today: TODAY });
    expect(r).toMatchObject({ total: 38, applicable: 37 });
    const row = (ref: string) => r.rows.find((x) => x.ref === ref);
    expect(row('A.10.4')).toMatchObject({ applicable: false, status: 'excluded' });
    expect(row('A.7.5')?.implementedBy).toEqual([expect.objectContaining({ id: 'CTL-23', status: 'planned' })]);
    expect(row('A.6.2.4')).toMatchObject({ status: 'stale' });
    expect(row('A.6.2.4')?.implementedBy[0]?.evidence).toEqual([expect.objectContaining({ id: 'EV-20', valid: false })]);
  });

  it('exports as CSV, Markdown and XLSX', async () => {
    const csv = String(await exportSoa(graph, { framework: 'iso27001', org: ORG, format: 'csv', today: TODAY }));
    expect(csv.split('\n')[0]).toBe('control,title,group,applicable,justification,status,basis,implemented_by,evidence');
    expect(csv.trim().split('\n')).toHaveLength(94); // header + 93 Annex A controls
    const md = String(await exportSoa(graph, { framework: 'iso42001', org: ORG, format: 'md', today: TODAY }));
    expect(md).toContain('37 of 38 controls applicable');
    const xlsx = await exportSoa(graph, { framework: 'iso42001', org: ORG, format: 'xlsx', today: TODAY });
    expect(Buffer.isBuffer(xlsx) && xlsx.subarray(0, 2).toString()).toBe('PK');
  });
});

describe('coverage report', () => {
  it('covers every adopted framework in each format', async () => {
    const md = await coverageReport(graph, { org: ORG, format: 'md', today: TODAY });
    for (const f of ['eu-ai-act', 'gdpr', 'iso27001', 'iso42001', 'nis2']) expect(md).toContain(`## ${f}`);
    const csv = await coverageReport(graph, { org: ORG, format: 'csv', today: TODAY, frameworks: ['nis2'] });
    expect(csv.trim().split('\n')).toHaveLength(20); // header + 19 assessed NIS2 requirements
    const html = await coverageReport(graph, { org: ORG, format: 'html', today: TODAY, frameworks: ['iso42001'] });
    expect(html).toMatch(/^<!doctype html>/);
  });
});
