/**
 * The coverage parameters' defaults are written once (queries/question.ts COVERAGE_DEFAULTS: --help, the
 * GraphQL argument descriptions) and applied by every question's Cypher with coalesce(); they must agree.
 */
import { describe, expect, it } from 'vitest';
import { cypher } from '../../queries/cypher.ts';
import { COVERAGE_DEFAULTS } from '../../queries/question.ts';
import { QUESTIONS } from '../../queries/questions.ts';

const NAMES = Object.keys(COVERAGE_DEFAULTS) as (keyof typeof COVERAGE_DEFAULTS)[];
// evidence-covering-both keeps one mapping hop by default (its own documented maxDepth).
const OWN_DEFAULTS: Record<string, Partial<Record<keyof typeof COVERAGE_DEFAULTS, number>>> = {
  'evidence-covering-both': { maxDepth: 1 },
};

describe('coverage parameter defaults', () => {
  // Every question that computes coverage; classify and search compute none (classify reads a system's
  // AI Act facts, search finds text); the readiness programme's questions take no inference parameters
  // (readiness and audit-plan read the stored coverage status at the defaults; overdue-actions and
  // training-gaps judge dates only).
  const computing = QUESTIONS.filter((q) => q.params.some((p) => (NAMES as string[]).includes(p.name)));
  it('only classify, search and the readiness programme take no coverage parameter', () => {
    expect(QUESTIONS.filter((q) => !computing.includes(q)).map((q) => q.name)).toEqual([
      'classify',
      'search',
      'readiness',
      'overdue-actions',
      'training-gaps',
      'audit-plan',
    ]);
  });
  it.each(computing.map((q) => [q.name, q] as const))('%s applies the documented defaults', (name, q) => {
    const text = cypher(name);
    for (const param of NAMES) {
      const spec = q.params.find((p) => p.name === param);
      expect(spec, `${name} has ${param}`).toBeDefined();
      const expected = OWN_DEFAULTS[name]?.[param] ?? COVERAGE_DEFAULTS[param];
      const used = [...text.matchAll(new RegExp(`coalesce\\(\\$${param}, (\\d+)\\)`, 'g'))].map((m) => Number(m[1]));
      expect(used.length, `${name} uses $${param}`).toBeGreaterThan(0);
      expect(new Set(used), `${name}: coalesce($${param}, N)`).toEqual(new Set([expected]));
      expect(spec?.description, `${name} --help for ${param}`).toContain(`default ${expected}`);
    }
  });
});
