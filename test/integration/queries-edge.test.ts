/**
 * The coverage semantics and the MAPS_TO rules (queries/README.md, "Coverage semantics") on a small
 * purpose-built graph, every expectation worked out by hand below. Today is pinned to 2026-11-22.
 * Defaults: maxDepth 3, minStrength 7, indicationDepth 1, indicationMinStrength 5.
 *
 * Framework tx (one group tx:A with eight assessed children), organization o1 (adopts tx only):
 *   tx:1 CTL-1 full, EV-1 approved until 2028      -> met
 *   tx:2 nothing (o2 meets it: must not leak)       -> gap
 *   tx:3 CTL-3 full, EV-3 approved until 2025-01-31 -> stale
 *   tx:4 CTL-4 full + valid evidence, but excluded  -> excluded
 *   tx:5 CTL-5 full, EV-5 approved, no expiry       -> met
 *   tx:6 CTL-6 partial, EV-6 valid                  -> partially_met
 *   tx:7 CTL-7 full, only a draft evidence          -> unverified
 *   tx:8 CTL-8 planned, with valid evidence         -> gap (planned controls do not count)
 * Mappings (stored direction, relationship = source relative to target, strength):
 *   ty:1 superset_of tx:1 (6): read from tx:1 subset_of        => ty:1 gap, indicated (tx:1, subset_of, 6)
 *   ty:2 subset_of  tx:1 (7): read from tx:1 superset_of       => ty:2 met, inherited (strength 7 = minStrength)
 *   tx:1 equal tz:1 (9), tz:1 superset_of tw:1 (4)             => tz:1 inherited; tw:1 gap (weakest hop 4 < 7,
 *                                                                 2 hops > indicationDepth); minStrength 4: met,
 *                                                                 strength 4, 2 hops; indicationDepth 2 and
 *                                                                 indicationMinStrength 4: indicated
 *   tx:1 equal td:1, td:1 = td:2, td:2 = td:3, td:3 = td:4 (9) => td:3 met (3 hops); td:4 gap at depth 3, met at
 *                                                                 maxDepth 4; with indicationDepth 4 indicated
 *                                                                 (full, but longer than maxDepth)
 *   tx:1 intersects te:1 (6), te:1 = te:2, te:2 = te:3,
 *     te:3 = te:1 (8): a cycle                                 => te:1 indicated; te:2, te:3 gap, no indication
 *                                                                 at depth 1; te:3 reached by tx:1>te:1>te:3 and
 *                                                                 tx:1>te:1>te:2>te:3, never twice through a node
 *   tx:1 intersects tk:1, tk:1 intersects tk:2, tk:2
 *     intersects tk:3 (6): a 3-hop intersects chain            => tk:3 gap and no indication (it used to be
 *                                                                 partially met by inference)
 *   tx:1 no_relationship tf:1; tx:1 equal tf:2 but draft       => tf:1, tf:2 gap, no indication
 *   tx:6 equal tp:1 (9): full hop, source only partially met   => tp:1 gap, indicated (partially_met source)
 *   tx:1 equal tg:1 (7) and tx:5 equal tg:1 (7): a tie         => inherited from tx:1 (path text), counted once
 *   th:1 CTL-H1 full, evidence expired; tx:1 equal th:1 (8)    => met, basis inherited (directStatus stale)
 *   th:2 CTL-H2 full, no evidence; tx:1 intersects th:2 (6)    => unverified, direct, with an indication
 *   th:3 CTL-H3 full, EV-H3 valid; tx:1 equal th:3 (9)         => met, basis direct (inheritance is information)
 *   tq:P with parts tq:P.1, tq:P.2, tq:P.3; tx:1 equal tq:P (8) => all three parts met by inheritance (target tq:P)
 *   tr:P with parts tr:P.1, tr:P.2; tx:1 intersects tr:P (7)   => parts gap, no indication; tr:P carries it
 *   tj:1: tx:6 equal (9), tx:5 intersects (8), tx:1 intersects
 *     (6), tx:3 intersects (9, but tx:3 is stale)              => gap, indications tx:6 (9), tx:5 (8), tx:1 (6)
 *   tj:2: tx:1 intersects (4)                                  => gap, no indication; indicationMinStrength 4: one
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '../../graph/connection.ts';
import { coverage, type CoverageRequirement, type CoverageResult } from '../../queries/coverage.ts';
import { explain } from '../../queries/explain.ts';
import { gaps } from '../../queries/gaps.ts';
import { QueryParameterError } from '../../queries/question.ts';
import { reuse } from '../../queries/reuse.ts';
import { cleanGraph } from './helpers.ts';
import { importCsvFiles } from './query-fixtures.ts';

const TODAY = '2026-11-22';
const FRAMEWORKS = ['tx', 'ty', 'tz', 'tw', 'td', 'te', 'tk', 'tf', 'tp', 'tg', 'th', 'tq', 'tr', 'tj'];
const req = (fw: string, ref: string, parent = '', normative = 'true', order = '1'): string[] => [
  fw,
  ref,
  `${fw} ${ref}`,
  parent,
  normative,
  order,
];
const map = (s: string, t: string, rel: string, strength: number, status = 'approved'): string[] => [
  s,
  t,
  rel,
  String(strength),
  status,
  `test ${s} ${rel} ${t}`,
];

const FILES = {
  'frameworks.csv': [['id', 'name', 'kind'], ...FRAMEWORKS.map((f) => [f, `Test ${f}`, 'standard'])],
  'requirements.csv': [
    ['framework_id', 'ref', 'title', 'parent_ref', 'normative', 'order'],
    req('tx', 'A', '', 'false', '0'),
    ...['1', '2', '3', '4', '5', '6', '7', '8'].map((r) => req('tx', r, 'A', 'true', r)),
    req('ty', '1'),
    req('ty', '2', '', 'true', '2'),
    req('tz', '1'),
    req('tw', '1'),
    ...['1', '2', '3', '4'].map((r) => req('td', r, '', 'true', r)),
    ...['1', '2', '3'].map((r) => req('te', r, '', 'true', r)),
    req('tf', '1'),
    req('tf', '2', '', 'true', '2'),
    req('tp', '1'),
    req('tg', '1'),
    ...['1', '2', '3'].map((r) => req('tk', r, '', 'true', r)),
    req('th', '1'),
    req('th', '2', '', 'true', '2'),
    req('th', '3', '', 'true', '3'),
    req('tq', 'P', '', 'true', '0'),
    ...['P.1', 'P.2', 'P.3'].map((r, i) => req('tq', r, 'P', 'true', String(i + 1))),
    req('tr', 'P', '', 'true', '0'),
    ...['P.1', 'P.2'].map((r, i) => req('tr', r, 'P', 'true', String(i + 1))),
    req('tj', '1'),
    req('tj', '2', '', 'true', '2'),
  ],
  'mappings.csv': [
    ['source_uid', 'target_uid', 'relationship', 'strength', 'status', 'explanation'],
    map('ty:1', 'tx:1', 'superset_of', 6),
    map('ty:2', 'tx:1', 'subset_of', 7),
    map('tx:1', 'tz:1', 'equal', 9),
    map('tz:1', 'tw:1', 'superset_of', 4),
    map('tx:1', 'td:1', 'equal', 9),
    map('td:1', 'td:2', 'equal', 9),
    map('td:2', 'td:3', 'equal', 9),
    map('td:3', 'td:4', 'equal', 9),
    map('tx:1', 'te:1', 'intersects_with', 6),
    map('te:1', 'te:2', 'equal', 8),
    map('te:2', 'te:3', 'equal', 8),
    map('te:3', 'te:1', 'equal', 8),
    map('tx:1', 'tf:1', 'no_relationship', 1),
    map('tx:1', 'tf:2', 'equal', 9, 'draft'),
    map('tx:6', 'tp:1', 'equal', 9),
    map('tx:1', 'tg:1', 'equal', 7),
    map('tx:5', 'tg:1', 'equal', 7),
    map('tx:1', 'th:1', 'equal', 8),
    map('tx:1', 'th:2', 'intersects_with', 6),
    map('tx:1', 'th:3', 'equal', 9),
    map('tx:1', 'tk:1', 'intersects_with', 6),
    map('tk:1', 'tk:2', 'intersects_with', 6),
    map('tk:2', 'tk:3', 'intersects_with', 6),
    map('tx:1', 'tq:P', 'equal', 8),
    map('tx:1', 'tr:P', 'intersects_with', 7),
    map('tx:6', 'tj:1', 'equal', 9),
    map('tx:5', 'tj:1', 'intersects_with', 8),
    map('tx:1', 'tj:1', 'intersects_with', 6),
    map('tx:3', 'tj:1', 'intersects_with', 9),
    map('tx:1', 'tj:2', 'intersects_with', 4),
  ],
  'organizations.csv': [
    ['id', 'name'],
    ['o1', 'One framework'],
    ['o2', 'Other tenant'],
  ],
  'adoptions.csv': [
    ['org_id', 'framework_id'],
    ['o1', 'tx'],
    ['o2', 'tx'],
    ['o2', 'ty'],
  ],
  'exclusions.csv': [
    ['org_id', 'requirement_uid', 'justification'],
    ['o1', 'tx:4', 'Not applicable in the test'],
  ],
  'controls.csv': [
    ['org_id', 'id', 'name', 'status'],
    ...['1', '3', '4', '5', '6', '7'].map((n) => ['o1', `CTL-${n}`, `Control ${n}`, 'operating']),
    ['o1', 'CTL-8', 'Control 8', 'planned'],
    ['o1', 'CTL-H1', 'Control H1', 'operating'],
    ['o1', 'CTL-H2', 'Control H2', 'implemented'],
    ['o1', 'CTL-H3', 'Control H3', 'operating'],
    ['o2', 'CTL-1', 'Other tenant control', 'operating'],
  ],
  'control-requirements.csv': [
    ['org_id', 'control_id', 'requirement_uid', 'coverage'],
    ['o1', 'CTL-1', 'tx:1', 'full'],
    ['o1', 'CTL-3', 'tx:3', 'full'],
    ['o1', 'CTL-4', 'tx:4', 'full'],
    ['o1', 'CTL-5', 'tx:5', 'full'],
    ['o1', 'CTL-6', 'tx:6', 'partial'],
    ['o1', 'CTL-7', 'tx:7', 'full'],
    ['o1', 'CTL-8', 'tx:8', 'full'],
    ['o1', 'CTL-H1', 'th:1', 'full'],
    ['o1', 'CTL-H2', 'th:2', 'full'],
    ['o1', 'CTL-H3', 'th:3', 'full'],
    ['o2', 'CTL-1', 'tx:2', 'full'],
  ],
  'evidence.csv': [
    ['org_id', 'id', 'title', 'kind', 'collected_at', 'valid_until', 'status'],
    ['o1', 'EV-1', 'e1', 'record', '2026-01-01', '2028-01-01', 'approved'],
    ['o1', 'EV-3', 'e3', 'record', '2024-01-01', '2025-01-31', 'approved'],
    ['o1', 'EV-4', 'e4', 'record', '2026-01-01', '2028-01-01', 'approved'],
    ['o1', 'EV-5', 'e5', 'policy', '2026-01-01', '', 'approved'],
    ['o1', 'EV-6', 'e6', 'record', '2026-01-01', '2028-01-01', 'approved'],
    ['o1', 'EV-7', 'e7', 'record', '2026-01-01', '2028-01-01', 'draft'],
    ['o1', 'EV-8', 'e8', 'record', '2026-01-01', '2028-01-01', 'approved'],
    ['o1', 'EV-H1', 'eh1', 'record', '2024-01-01', '2025-06-30', 'approved'],
    ['o1', 'EV-H3', 'eh3', 'record', '2026-01-01', '2028-01-01', 'approved'],
    ['o2', 'EV-1', 'other tenant', 'record', '2026-01-01', '2028-01-01', 'approved'],
  ],
  'evidence-controls.csv': [
    ['org_id', 'evidence_id', 'control_id'],
    ...['1', '3', '4', '5', '6', '7', '8'].map((n) => ['o1', `EV-${n}`, `CTL-${n}`]),
    ['o1', 'EV-H1', 'CTL-H1'],
    ['o1', 'EV-H3', 'CTL-H3'],
    ['o2', 'EV-1', 'CTL-1'],
  ],
};

let graph: Graph;
const results = new Map<string, CoverageResult>();

async function cov(framework: string, extra: Record<string, unknown> = {}): Promise<CoverageResult> {
  const key = `${framework}/${JSON.stringify(extra)}`;
  let r = results.get(key);
  if (!r) {
    r = await coverage.run(graph, { framework, org: 'o1', today: TODAY, ...extra });
    results.set(key, r);
  }
  return r;
}
async function status(uid: string, extra: Record<string, unknown> = {}): Promise<CoverageRequirement> {
  const r = await cov(uid.split(':')[0] ?? '', extra);
  const found = r.requirements.find((x) => x.uid === uid);
  if (!found) throw new Error(`${uid} not in coverage`);
  return found;
}

beforeAll(async () => {
  graph = await cleanGraph();
  await importCsvFiles(graph, FILES);
});
afterAll(async () => {
  await graph?.close();
});

describe('direct statuses', () => {
  it.each([
    ['tx:1', 'met'],
    ['tx:2', 'gap'],
    ['tx:3', 'stale'],
    ['tx:4', 'excluded'],
    ['tx:5', 'met'],
    ['tx:6', 'partially_met'],
    ['tx:7', 'unverified'],
    ['tx:8', 'gap'],
  ])('%s is %s', async (uid, expected) => {
    const r = await status(uid);
    expect(r.status).toBe(expected);
    expect(r.basis).toBe(expected === 'gap' ? null : 'direct');
  });

  it('keeps the exclusion justification', async () => {
    expect((await status('tx:4')).exclusion).toEqual({ requirement: 'tx:4', justification: 'Not applicable in the test' });
  });

  it('rolls the group up and computes the headline over applicable requirements', async () => {
    const r = await cov('tx');
    // 8 assessed; 7 applicable; met directly 2 (tx:1, tx:5) -> 28.6 %; none inherited; partially met 1 -> 14.3 %.
    const counts = {
      requirements: 8,
      applicable: 7,
      met: 2,
      metDirect: 2,
      metInherited: 0,
      partiallyMet: 1,
      stale: 1,
      unverified: 1,
      excluded: 1,
      gap: 2,
      indicated: 0,
    };
    expect(r.totals).toEqual(counts);
    expect(r).toMatchObject({ percentMetDirect: 28.6, percentMet: 28.6, percentPartiallyMetDirect: 14.3 });
    expect(r).not.toHaveProperty('percentCovered');
    expect(r.groups).toEqual([
      {
        uid: 'tx:A',
        ref: 'A',
        title: 'tx A',
        ...counts,
        percentMetDirect: 28.6,
        percentMet: 28.6,
        percentPartiallyMetDirect: 14.3,
      },
    ]);
    expect(r).toMatchObject({ maxDepth: 3, minStrength: 7, indicationDepth: 1, indicationMinStrength: 5 });
  });

  it('never sees another organization', async () => {
    const other = await coverage.run(graph, { framework: 'tx', org: 'o2', today: TODAY });
    expect(other.requirements.find((x) => x.uid === 'tx:2')?.status).toBe('met');
    expect((await status('tx:2')).controls).toEqual([]);
  });

  it('judges validity on the given day', async () => {
    // On 2025-01-01 EV-3 (until 2025-01-31) is still valid: tx:3 met.
    expect((await status('tx:3', { today: '2025-01-01' })).status).toBe('met');
  });
});

describe('inheritance: only full chains from a met requirement count', () => {
  it('reads a stored mapping backwards by inverting subset_of and superset_of', async () => {
    // ty:1 superset_of tx:1 is subset_of from tx:1: advice only. ty:2 subset_of tx:1 is superset_of: met.
    expect(await status('ty:1')).toMatchObject({
      status: 'gap',
      basis: null,
      inherited: null,
      indications: [
        { source: 'tx:1', sourceStatus: 'met', path: ['tx:1', 'ty:1'], relationships: ['subset_of'], strength: 6, hops: 1 },
      ],
    });
    expect(await status('ty:2')).toMatchObject({
      status: 'met',
      basis: 'inherited',
      directStatus: 'gap',
      inherited: { source: 'tx:1', path: ['tx:1', 'ty:2'], relationships: ['superset_of'], strength: 7, hops: 1, target: 'ty:2' },
    });
  });

  it('needs every hop at minStrength: the weakest hop decides', async () => {
    expect(await status('tz:1')).toMatchObject({ status: 'met', basis: 'inherited', inherited: { strength: 9 } });
    // tx:1 = tz:1 (9), tz:1 superset_of tw:1 (4): weakest hop 4 < 7, and 2 hops is beyond the indication depth.
    expect(await status('tw:1')).toMatchObject({ status: 'gap', inherited: null, indications: [] });
    expect(await status('tw:1', { minStrength: 4 })).toMatchObject({
      status: 'met',
      basis: 'inherited',
      inherited: { path: ['tx:1', 'tz:1', 'tw:1'], relationships: ['equal', 'superset_of'], strength: 4, hops: 2 },
    });
    // Not an inheritance under minStrength 7, so with a deeper and weaker indication setting it is advice.
    expect(await status('tw:1', { indicationDepth: 2, indicationMinStrength: 4 })).toMatchObject({
      status: 'gap',
      indications: [{ path: ['tx:1', 'tz:1', 'tw:1'], strength: 4, hops: 2 }],
    });
  });

  it('stops at maxDepth; a full path beyond it can still be indicated', async () => {
    expect(await status('td:3')).toMatchObject({ status: 'met', inherited: { hops: 3 } });
    expect(await status('td:4')).toMatchObject({ status: 'gap', indications: [] });
    expect(await status('td:4', { maxDepth: 4 })).toMatchObject({ status: 'met', inherited: { hops: 4, strength: 9 } });
    expect(await status('td:4', { indicationDepth: 4 })).toMatchObject({
      status: 'gap',
      indications: [{ path: ['tx:1', 'td:1', 'td:2', 'td:3', 'td:4'], relationships: ['equal', 'equal', 'equal', 'equal'] }],
    });
  });

  it('a 3-hop chain of intersects_with no longer counts, and is not even advice at the default depth', async () => {
    expect(await status('tk:1')).toMatchObject({ status: 'gap', indications: [{ source: 'tx:1', strength: 6, hops: 1 }] });
    for (const uid of ['tk:2', 'tk:3'])
      expect(await status(uid)).toMatchObject({ status: 'gap', inherited: null, indications: [] });
    expect((await cov('tk')).totals).toMatchObject({ met: 0, partiallyMet: 0, gap: 3, indicated: 1 });
  });

  it('does not propagate no_relationship nor unapproved mappings', async () => {
    for (const uid of ['tf:1', 'tf:2'])
      expect(await status(uid)).toMatchObject({ status: 'gap', inherited: null, indications: [] });
  });

  it('never inherits from a partially met start, even along equal: that is an indication', async () => {
    expect(await status('tp:1')).toMatchObject({
      status: 'gap',
      inherited: null,
      indications: [{ source: 'tx:6', sourceStatus: 'partially_met', relationships: ['equal'], strength: 9 }],
    });
  });

  it('counts a requirement reached twice once, with a deterministic best path', async () => {
    const r = await cov('tg');
    expect(r.totals).toMatchObject({ requirements: 1, met: 1, metInherited: 1 });
    expect(r.requirements[0]?.inherited).toMatchObject({ source: 'tx:1', path: ['tx:1', 'tg:1'], strength: 7 });
  });

  it('precedence: direct met > inherited > the direct stale/unverified; an indication changes nothing', async () => {
    // th:1 stale directly, but a full mapping from met tx:1: met by inheritance.
    expect(await status('th:1')).toMatchObject({ status: 'met', basis: 'inherited', directStatus: 'stale' });
    // th:2 unverified directly; a partial mapping only indicates.
    expect(await status('th:2')).toMatchObject({
      status: 'unverified',
      basis: 'direct',
      inherited: null,
      indications: [{ source: 'tx:1', relationships: ['intersects_with'], strength: 6 }],
    });
    // th:3 met directly: the inheritance is returned as information only.
    expect(await status('th:3')).toMatchObject({
      status: 'met',
      basis: 'direct',
      directStatus: 'met',
      inherited: { source: 'tx:1', strength: 9 },
    });
    const r = await cov('th');
    // 3 applicable; met directly 1 (33.3 %), met 2 (66.7 %), th:2 unverified and indicated.
    expect(r.totals).toMatchObject({ requirements: 3, met: 2, metDirect: 1, metInherited: 1, unverified: 1, indicated: 1 });
    expect(r).toMatchObject({ percentMetDirect: 33.3, percentMet: 66.7, percentPartiallyMetDirect: 0 });
  });
});

describe('parents', () => {
  it('a full mapping onto a parent meets every part of it', async () => {
    const r = await cov('tq');
    expect(r.totals).toMatchObject({ requirements: 3, met: 3, metInherited: 3, metDirect: 0 });
    expect(r).toMatchObject({ percentMetDirect: 0, percentMet: 100 });
    for (const part of r.requirements)
      expect(part.inherited).toEqual({
        source: 'tx:1',
        path: ['tx:1', 'tq:P'],
        relationships: ['equal'],
        strength: 8,
        hops: 1,
        target: 'tq:P',
      });
  });

  it('a partial mapping onto a parent indicates the parent only, never its parts', async () => {
    const r = await cov('tr');
    expect(r.requirements.map((x) => [x.uid, x.status, x.indications.length])).toEqual([
      ['tr:P.1', 'gap', 0],
      ['tr:P.2', 'gap', 0],
    ]);
    expect(r.totals).toMatchObject({ gap: 2, indicated: 0 });
    expect(r.indicatedParents).toEqual([
      {
        uid: 'tr:P',
        ref: 'P',
        title: 'tr P',
        indications: [
          {
            source: 'tx:1',
            sourceStatus: 'met',
            path: ['tx:1', 'tr:P'],
            relationships: ['intersects_with'],
            strength: 7,
            hops: 1,
          },
        ],
      },
    ]);
    const e = await explain.run(graph, { requirement: 'tr:P', org: 'o1', today: TODAY });
    expect(e.status).toBeNull();
    expect(e.indications).toEqual(r.indicatedParents[0]?.indications);
    // Longer paths through other met requirements (th:3 > tx:1 > tr:P, ...) are listed too, with no effect.
    expect(e.paths.filter((p) => p.reading).map((p) => [p.reading, p.target, p.source])).toEqual([
      ['indication', 'tr:P', 'tx:1'],
    ]);
    expect(e.paths.every((p) => p.reading === 'indication' || p.hops > 1)).toBe(true);
  });
});

describe('indications', () => {
  it('lists every qualifying path, strongest first, and only from met or partially met requirements', async () => {
    // tx:3 is stale: its strength-9 mapping gives nothing.
    expect((await status('tj:1')).indications).toEqual([
      { source: 'tx:6', sourceStatus: 'partially_met', path: ['tx:6', 'tj:1'], relationships: ['equal'], strength: 9, hops: 1 },
      { source: 'tx:5', sourceStatus: 'met', path: ['tx:5', 'tj:1'], relationships: ['intersects_with'], strength: 8, hops: 1 },
      { source: 'tx:1', sourceStatus: 'met', path: ['tx:1', 'tj:1'], relationships: ['intersects_with'], strength: 6, hops: 1 },
    ]);
    const r = await cov('tj');
    expect(r.totals).toMatchObject({ requirements: 2, gap: 2, indicated: 1, met: 0 });
  });

  it('follows indicationMinStrength and indicationDepth', async () => {
    expect((await status('tj:2')).indications).toEqual([]);
    expect((await status('tj:2', { indicationMinStrength: 4 })).indications).toEqual([
      { source: 'tx:1', sourceStatus: 'met', path: ['tx:1', 'tj:2'], relationships: ['intersects_with'], strength: 4, hops: 1 },
    ]);
    expect((await status('te:2')).indications).toEqual([]);
    expect((await status('te:2', { indicationDepth: 2 })).indications).toEqual([
      expect.objectContaining({
        path: ['tx:1', 'te:1', 'te:2'],
        relationships: ['intersects_with', 'equal'],
        strength: 6,
        hops: 2,
      }),
    ]);
  });

  it('survives cycles and never visits a requirement twice', async () => {
    expect((await status('te:1')).indications).toHaveLength(1);
    // Strength 6 each; 2 hops first, then the 3-hop paths by their text (th:3 is met directly too).
    expect((await status('te:3', { indicationDepth: 3 })).indications.map((i) => i.path)).toEqual([
      ['tx:1', 'te:1', 'te:3'],
      ['th:3', 'tx:1', 'te:1', 'te:3'],
      ['tx:1', 'te:1', 'te:2', 'te:3'],
    ]);
    const e = await explain.run(graph, { requirement: 'te:3', org: 'o1', today: TODAY });
    // From tx:1 (paths from th:3 and tx:5 through tx:1 are listed as well).
    expect(e.paths.filter((p) => p.source === 'tx:1').map((p) => [p.nodes.map((n) => n.uid), p.reading])).toEqual([
      [['tx:1', 'te:1', 'te:3'], null],
      [['tx:1', 'te:1', 'te:2', 'te:3'], null],
    ]);
    for (const p of e.paths) expect(new Set(p.nodes.map((n) => n.uid)).size).toBe(p.nodes.length);
  });
});

describe('explain', () => {
  it('shows the chosen inheritance with the stored mapping, and the direct status it beats', async () => {
    const e = await explain.run(graph, { requirement: 'th:1', org: 'o1', today: TODAY });
    expect(e.status).toBe('met');
    expect(e.parts[0]).toMatchObject({ basis: 'inherited', directStatus: 'stale', inherited: { path: ['tx:1', 'th:1'] } });
    expect(e.parts[0]?.direct[0]).toMatchObject({ control: 'CTL-H1', coverage: 'full' });
    const chosen = e.paths.filter((p) => p.chosen);
    expect(chosen).toHaveLength(1);
    expect(chosen[0]).toMatchObject({
      reading: 'inheritance',
      relationshipsRead: ['equal'],
      relationships: [{ read: 'equal', stored: { source: 'tx:1', target: 'th:1', relationship: 'equal', strength: 8 } }],
    });
  });

  it('lists an unverified requirement’s indications', async () => {
    const e = await explain.run(graph, { requirement: 'th:2', org: 'o1', today: TODAY });
    expect(e).toMatchObject({ status: 'unverified', indications: [{ source: 'tx:1', strength: 6 }] });
    expect(e.paths.filter((p) => p.reading).map((p) => [p.reading, p.source, p.chosen])).toEqual([['indication', 'tx:1', false]]);
  });
});

describe('reuse', () => {
  it('counts what one framework gives another: inherited and indicated apart', async () => {
    const r = await reuse.run(graph, { source: 'tx', target: 'ty', org: 'o1', today: TODAY });
    expect(r).toMatchObject({ targetRequirements: 2, inherited: 1, indicated: 1, total: 2 });
    expect(r.requirements.map((x) => [x.uid, x.inherited?.source ?? null, x.indications.map((i) => i.source)])).toEqual([
      ['ty:1', null, ['tx:1']],
      ['ty:2', 'tx:1', []],
    ]);
  });
});

describe('gaps', () => {
  it('with a single adopted framework, advances nothing else', async () => {
    const r = await gaps.run(graph, { framework: 'tx', org: 'o1', today: TODAY });
    expect(r.gaps.map((g) => [g.uid, g.frameworks, g.meets, g.indicates])).toEqual([
      ['tx:2', [], [], []],
      ['tx:8', [], [], []],
    ]);
  });

  it('ranks by what meeting the gap would meet, then indicate, in the other adopted frameworks', async () => {
    // o2 adopts tx and ty and meets only tx:2. Met directly, tx:1 would meet ty:2 (read superset_of, 7) and
    // indicate ty:1 (read subset_of); tx:5 would meet ty:2 through tg:1 > tx:1 (equal, equal, superset_of; 7,
    // 3 hops) and indicate nothing (one hop only). Nothing else reaches ty.
    const r = await gaps.run(graph, { framework: 'tx', org: 'o2', today: TODAY });
    expect(r.gaps.slice(0, 2).map((g) => [g.uid, g.frameworks, g.meets, g.indicates])).toEqual([
      ['tx:1', ['ty'], ['ty:2'], ['ty:1']],
      ['tx:5', ['ty'], ['ty:2'], []],
    ]);
    expect(r.gaps.slice(2).every((g) => g.frameworks.length === 0 && g.indicates.length === 0)).toBe(true);
  });
});

describe('parameters', () => {
  it('rejects bad values with a typed error', async () => {
    await expect(coverage.run(graph, { framework: 'tx', org: 'o1', today: '22.11.2026' })).rejects.toThrow(QueryParameterError);
    await expect(coverage.run(graph, { framework: 'tx', org: 'o1', maxDepth: 9 })).rejects.toThrow(/maxDepth/);
    await expect(coverage.run(graph, { framework: 'tx', org: 'o1', minStrength: 11 })).rejects.toThrow(/minStrength/);
    await expect(coverage.run(graph, { framework: 'tx', org: 'o1', indicationDepth: 0 })).rejects.toThrow(/indicationDepth/);
    await expect(coverage.run(graph, { framework: 'tx', org: 'o1', indicationMinStrength: 0 })).rejects.toThrow(
      /indicationMinStrength/,
    );
    await expect(coverage.run(graph, { framework: 'nope', org: 'o1' })).rejects.toThrow(/no framework 'nope'/);
    await expect(coverage.run(graph, { framework: 'tx', org: 'o1', bogus: 1 })).rejects.toThrow(/unknown parameter/);
    await expect(coverage.run(graph, { org: 'o1' })).rejects.toThrow(/framework: is required/);
  });

  it('paginates', async () => {
    const page = await coverage.run(graph, { framework: 'tx', org: 'o1', today: TODAY, first: 3, offset: 2 });
    expect(page.total).toBe(8);
    expect(page.requirements.map((r) => r.uid)).toEqual(['tx:3', 'tx:4', 'tx:5']);
  });
});
