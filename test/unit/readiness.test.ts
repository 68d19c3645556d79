/** The readiness data and rules that need no database: clauses.csv against the catalogs, roll-ups, ages, lists. */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../graph/config.ts';
import { listed, monthsBetween, readinessClauses, readinessFrameworks, rollUp, withinMonths } from '../../queries/readiness.ts';
import { READINESS_FRAMEWORKS } from '../../queries/readiness-status.ts';

const catalogUids = new Set(
  fs
    .readdirSync(path.join(PROJECT_ROOT, 'seeds', 'frameworks'))
    .filter((f) => f.endsWith('.csv') && f !== 'frameworks.csv')
    .flatMap((f) =>
      (
        parse(fs.readFileSync(path.join(PROJECT_ROOT, 'seeds', 'frameworks', f), 'utf8'), { columns: true }) as Record<
          string,
          string
        >[]
      ).map((r) => `${r.framework_id}:${r.ref}`),
    ),
);

describe('seeds/readiness/clauses.csv', () => {
  it('names requirements that exist in the catalogs, one policy clause per framework, steps 1 to 5', () => {
    const rows = readinessClauses();
    expect(rows.filter((r) => !catalogUids.has(r.uid))).toEqual([]);
    expect(rows.every((r) => Number.isInteger(r.step) && r.step >= 1 && r.step <= 5)).toBe(true);
    for (const fw of readinessFrameworks()) {
      expect(rows.filter((r) => r.framework === fw && r.key === 'policy').map((r) => [r.step, r.uid])).toEqual([
        [4, `${fw}:5.2`],
      ]);
      expect(rows.find((r) => r.framework === fw && r.step === 5 && r.uid === 'eu-ai-act:Art.4')).toBeDefined();
    }
    expect(readinessFrameworks()).toEqual([...READINESS_FRAMEWORKS]);
  });

  it('gives each step of ISO/IEC 42001 the clauses of the issue', () => {
    const of = (step: number) =>
      readinessClauses()
        .filter((r) => r.framework === 'iso42001' && r.step === step)
        .map((r) => r.uid);
    expect([1, 2, 3, 4, 5].map(of)).toEqual([
      ['iso42001:4.1', 'iso42001:4.3'],
      ['iso42001:5.1', 'iso42001:5.3'],
      ['iso42001:6.1.2', 'iso42001:6.1.3', 'iso42001:6.1.4'],
      ['iso42001:5.2', 'iso42001:7.5'],
      ['iso42001:7.2', 'iso42001:7.3', 'iso42001:9.2', 'iso42001:9.3', 'iso42001:10.2', 'eu-ai-act:Art.4'],
    ]);
  });
});

describe('readiness rules', () => {
  it('rolls a clause up from its leaves', () => {
    expect(rollUp(['met'])).toBe('met');
    expect(rollUp(['met', 'excluded'])).toBe('met');
    expect(rollUp(['excluded', 'excluded'])).toBe('excluded');
    expect(rollUp(['met', 'gap'])).toBe('partially_met');
    expect(rollUp(['stale', 'unverified'])).toBe('unverified');
    expect(rollUp(['stale', 'gap', 'unverified'])).toBe('gap');
    expect(rollUp(['stale'])).toBe('stale');
    expect(rollUp([])).toBe('gap');
  });

  it('counts whole months and judges "at most 12 months" on dates', () => {
    expect(monthsBetween('2025-09-20', '2026-11-22')).toBe(14);
    expect(monthsBetween('2025-09-23', '2026-11-22')).toBe(13);
    expect(monthsBetween('2026-11-01', '2026-11-22')).toBe(0);
    expect(withinMonths('2025-11-22', '2026-11-22', 12)).toBe(true);
    expect(withinMonths('2025-11-21', '2026-11-22', 12)).toBe(false);
    expect(withinMonths('2026-12-01', '2026-11-22', 12)).toBe(false);
  });

  it('lists at most three names', () => {
    expect(listed([])).toBe('');
    expect(listed(['a'])).toBe('a');
    expect(listed(['a', 'b'])).toBe('a and b');
    expect(listed(['a', 'b', 'c'])).toBe('a, b and c');
    expect(listed(['a', 'b', 'c', 'd', 'e', 'f'])).toBe('a, b and 4 more');
  });
});
