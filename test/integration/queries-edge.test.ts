/**
 * The coverage semantics and the MAPS_TO composition rules (queries/README.md) on a small purpose-built
 * graph, every expectation worked out by hand below. Today is pinned to 2026-11-22.
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
 *   ty:1 superset_of tx:1 (6): read from tx:1 it is subset_of -> partial      => ty:1 partially_met (inferred)
 *   ty:2 subset_of  tx:1 (7): read from tx:1 it is superset_of -> full        => ty:2 met (inferred)
 *   tx:1 equal tz:1 (9), tz:1 superset_of tw:1 (4): full, weakest hop 4       => tw:1 met, strength 4, 2 hops
 *   tx:1 equal td:1, td:1 equal td:2, td:2 equal td:3, td:3 equal td:4 (9)    => td:3 met (3 hops); td:4 gap at
 *                                                                                depth 3, met at depth 4
 *   tx:1 intersects te:1 (6), te:1 = te:2, te:2 = te:3, te:3 = te:1 (8): a cycle; te:3 is reached by
 *                                                                                tx:1>te:1>te:3 (2 hops, chosen)
 *                                                                                and tx:1>te:1>te:2>te:3 (3 hops)
 *   tx:1 no_relationship tf:1; tx:1 equal tf:2 but status draft               => tf:1, tf:2 gap
 *   tx:6 equal tp:1 (9): full hop, but the source is only partially met         => tp:1 partially_met
 *   tx:1 equal tg:1 (7) and tx:5 equal tg:1 (7): a tie, broken by path text    => source tx:1, counted once
 *   th:1 CTL-H1 full, evidence expired; tx:1 equal th:1 (8)                    => met (inferred beats stale)
 *   th:2 CTL-H2 full, no evidence; tx:1 intersects th:2 (6)                    => unverified (an inferred
 *                                                                                partial never hides it)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '../../graph/connection.ts';
import { coverage, type CoverageRequirement, type CoverageResult } from '../../queries/coverage.ts';
import { explain } from '../../queries/explain.ts';
import { gaps } from '../../queries/gaps.ts';
import { QueryParameterError } from '../../queries/question.ts';
import { cleanGraph } from './helpers.ts';
import { importCsvFiles } from './query-fixtures.ts';

const TODAY = '2026-11-22';
const FRAMEWORKS = ['tx', 'ty', 'tz', 'tw', 'td', 'te', 'tf', 'tp', 'tg', 'th'];
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
    req('th', '1'),
    req('th', '2', '', 'true', '2'),
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
    ['o2', 'EV-1', 'other tenant', 'record', '2026-01-01', '2028-01-01', 'approved'],
  ],
  'evidence-controls.csv': [
    ['org_id', 'evidence_id', 'control_id'],
    ...['1', '3', '4', '5', '6', '7', '8'].map((n) => ['o1', `EV-${n}`, `CTL-${n}`]),
    ['o1', 'EV-H1', 'CTL-H1'],
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
    if (expected !== 'gap') expect(r.basis).toBe('direct');
  });

  it('keeps the exclusion justification', async () => {
    expect((await status('tx:4')).exclusion).toEqual({ requirement: 'tx:4', justification: 'Not applicable in the test' });
  });

  it('rolls the group up and computes percentages over applicable requirements', async () => {
    const r = await cov('tx');
    // 8 assessed; 7 applicable; met 2 (tx:1, tx:5) -> 28.6 %; met or partial 3 -> 42.9 %.
    expect(r.totals).toMatchObject({
      requirements: 8,
      applicable: 7,
      met: 2,
      partially_met: 1,
      stale: 1,
      unverified: 1,
      excluded: 1,
      gap: 2,
    });
    expect(r.percentMet).toBe(28.6);
    expect(r.percentCovered).toBe(42.9);
    expect(r.groups).toEqual([
      expect.objectContaining({
        uid: 'tx:A',
        requirements: 8,
        met: 2,
        partially_met: 1,
        stale: 1,
        unverified: 1,
        excluded: 1,
        gap: 2,
        percentMet: 28.6,
      }),
    ]);
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

describe('inference over MAPS_TO', () => {
  it('reads a stored mapping backwards by inverting subset_of and superset_of', async () => {
    expect(await status('ty:1')).toMatchObject({
      status: 'partially_met',
      basis: 'inferred',
      inferred: { relationships: ['subset_of'], fullPath: false, strength: 6 },
    });
    expect(await status('ty:2')).toMatchObject({
      status: 'met',
      basis: 'inferred',
      inferred: { relationships: ['superset_of'], fullPath: true, strength: 7 },
    });
  });

  it('is only as strong as the weakest hop', async () => {
    expect(await status('tw:1')).toMatchObject({
      status: 'met',
      inferred: { path: ['tx:1', 'tz:1', 'tw:1'], strength: 4, hops: 2 },
    });
  });

  it('stops at the depth bound', async () => {
    expect((await status('td:3')).status).toBe('met');
    expect((await status('td:4')).status).toBe('gap');
    expect((await status('td:4', { maxDepth: 4 })).inferred).toMatchObject({ status: 'met', hops: 4 });
  });

  it('survives cycles and never visits a requirement twice', async () => {
    expect((await status('te:3')).inferred).toMatchObject({
      status: 'partially_met',
      path: ['tx:1', 'te:1', 'te:3'],
      strength: 6,
    });
    const e = await explain.run(graph, { requirement: 'te:3', org: 'o1', today: TODAY });
    expect(e.inferred.map((p) => p.nodes.map((n) => n.uid))).toEqual([
      ['tx:1', 'te:1', 'te:3'],
      ['tx:1', 'te:1', 'te:2', 'te:3'],
    ]);
    for (const p of e.inferred) expect(new Set(p.nodes.map((n) => n.uid)).size).toBe(p.nodes.length);
    expect(e.inferred.map((p) => p.chosen)).toEqual([true, false]);
  });

  it('does not propagate no_relationship nor unapproved mappings', async () => {
    expect((await status('tf:1')).status).toBe('gap');
    expect((await status('tf:2')).status).toBe('gap');
  });

  it('gives only partial coverage from a partially met start, even along equal', async () => {
    expect(await status('tp:1')).toMatchObject({
      status: 'partially_met',
      inferred: { fullPath: true, fromStatus: 'partially_met' },
    });
  });

  it('counts a requirement reached twice once, with a deterministic best path', async () => {
    const r = await cov('tg');
    expect(r.totals).toMatchObject({ requirements: 1, met: 1 });
    expect(r.requirements[0]?.inferred).toMatchObject({ source: 'tx:1', path: ['tx:1', 'tg:1'], strength: 7 });
  });

  it('lets inferred full coverage beat a stale control, but no inferred partial hides an unverified one', async () => {
    expect(await status('th:1')).toMatchObject({ status: 'met', basis: 'inferred' });
    expect(await status('th:2')).toMatchObject({ status: 'unverified', basis: 'direct', inferred: { status: 'partially_met' } });
  });
});

describe('gaps', () => {
  it('with a single adopted framework, advances nothing else', async () => {
    const r = await gaps.run(graph, { framework: 'tx', org: 'o1', today: TODAY });
    expect(r.gaps.map((g) => [g.uid, g.frameworks])).toEqual([
      ['tx:2', []],
      ['tx:8', []],
    ]);
  });

  it('orders by the other adopted frameworks a gap would advance', async () => {
    // o2 adopts tx and ty and meets only tx:2. tx:1 reaches ty:1 and ty:2 in one hop, tx:5 through
    // tg:1 > tx:1 in three; both advance ty with 2 requirements, so the catalog order decides.
    const r = await gaps.run(graph, { framework: 'tx', org: 'o2', today: TODAY });
    expect(r.gaps.slice(0, 2).map((g) => [g.uid, g.frameworks, g.advances])).toEqual([
      ['tx:1', ['ty'], ['ty:1', 'ty:2']],
      ['tx:5', ['ty'], ['ty:1', 'ty:2']],
    ]);
    expect(r.gaps.slice(2).every((g) => g.frameworks.length === 0)).toBe(true);
  });
});

describe('parameters', () => {
  it('rejects bad values with a typed error', async () => {
    await expect(coverage.run(graph, { framework: 'tx', org: 'o1', today: '22.11.2026' })).rejects.toThrow(QueryParameterError);
    await expect(coverage.run(graph, { framework: 'tx', org: 'o1', maxDepth: 9 })).rejects.toThrow(/maxDepth/);
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
