/**
 * When AI Act provisions apply (seeds/ai-act/application-dates.csv through queries/ai-act/timeline.ts),
 * worked out from Art.113 (entry into force and application) and Art.111 (systems and models already on the
 * market). A provision is given with its catalog ancestry (own ref first, up to its chapter), as
 * queries/obligations.cypher reads it from the graph. No database.
 */
import { describe, expect, it } from 'vitest';
import type { Facts } from '../../queries/ai-act/conditions.ts';
import { applicationDate } from '../../queries/ai-act/timeline.ts';

const ANCESTRY: Record<string, string[]> = {
  'Art.4': ['Art.4', 'Ch.I'],
  'Art.5(1)(c)': ['Art.5(1)(c)', 'Art.5(1)', 'Art.5', 'Ch.II'],
  'Art.6(1)': ['Art.6(1)', 'Art.6', 'Ch.III-Sec.1', 'Ch.III'],
  'Art.9(1)': ['Art.9(1)', 'Art.9', 'Ch.III-Sec.2', 'Ch.III'],
  'Art.26(1)': ['Art.26(1)', 'Art.26', 'Ch.III-Sec.3', 'Ch.III'],
  'Art.31': ['Art.31', 'Ch.III-Sec.4', 'Ch.III'],
  'Art.50(1)': ['Art.50(1)', 'Art.50', 'Ch.IV'],
  'Art.53': ['Art.53', 'Ch.V-Sec.2', 'Ch.V'],
  'Art.64': ['Art.64', 'Ch.VII-Sec.1', 'Ch.VII'],
  'Art.72': ['Art.72', 'Ch.IX-Sec.1', 'Ch.IX'],
  'Art.78': ['Art.78', 'Ch.IX-Sec.3', 'Ch.IX'],
  'Art.99': ['Art.99', 'Ch.XII'],
  'Art.101': ['Art.101', 'Ch.XII'],
};

/** A new (2027) high-risk system under Annex III, unless a case says otherwise. */
const HIGH_RISK_6_2: Facts = {
  highRisk: true,
  highRiskBasis: 'art6_2',
  annexXComponent: false,
  placedOnMarketOn: '2027-01-15',
  significantDesignChange: null,
  publicAuthorityUse: false,
  gpai: false,
};
const date = (ref: string, facts: Facts = HIGH_RISK_6_2) => applicationDate(ANCESTRY[ref] ?? [ref], facts);

describe('Art.113: the application dates', () => {
  it('Chapters I and II from 2 February 2025 (point (a)): AI literacy and the prohibitions', () => {
    expect(date('Art.4')).toMatchObject({ appliesFrom: '2025-02-02', source: 'Art.113 third paragraph (a)' });
    expect(date('Art.5(1)(c)')).toMatchObject({ appliesFrom: '2025-02-02', source: 'Art.113 third paragraph (a)' });
  });

  it('Chapter III Section 4, Chapter V, Chapter VII, Chapter XII and Art.78 from 2 August 2025 (point (b))', () => {
    for (const ref of ['Art.31', 'Art.53', 'Art.64', 'Art.99', 'Art.78']) {
      expect(date(ref), ref).toMatchObject({ appliesFrom: '2025-08-02', source: 'Art.113 third paragraph (b)' });
    }
  });

  it('except Art.101 (fines for GPAI providers), which applies with the rest on 2 August 2026', () => {
    expect(date('Art.101')).toMatchObject({ appliesFrom: '2026-08-02', rule: 'art-101' });
  });

  it('everything else from 2 August 2026 (second paragraph): Annex III high-risk duties, Art.50', () => {
    for (const ref of ['Art.9(1)', 'Art.26(1)', 'Art.72', 'Art.50(1)']) {
      expect(date(ref), ref).toMatchObject({ appliesFrom: '2026-08-02', source: 'Art.113 second paragraph' });
    }
  });

  it('Art.6(1) and its corresponding obligations from 2 August 2027 (point (c))', () => {
    const art61 = { ...HIGH_RISK_6_2, highRiskBasis: 'art6_1' };
    expect(date('Art.6(1)', art61)).toMatchObject({ appliesFrom: '2027-08-02', rule: 'art-6-1' });
    for (const ref of ['Art.9(1)', 'Art.26(1)', 'Art.72']) {
      expect(date(ref, art61), ref).toMatchObject({ appliesFrom: '2027-08-02', source: 'Art.113 third paragraph (c)' });
    }
    // The prohibitions and AI literacy keep their 2025 date for such a system.
    expect(date('Art.5(1)(c)', art61).appliesFrom).toBe('2025-02-02');
    // Notified bodies (Section 4) are not an obligation of the system: 2025.
    expect(date('Art.31', art61).appliesFrom).toBe('2025-08-02');
  });

  it('while the basis of a high-risk class is unknown, the 2027 date is flagged as possible', () => {
    const d = date('Art.9(1)', { ...HIGH_RISK_6_2, highRiskBasis: null });
    expect(d.appliesFrom).toBe('2026-08-02');
    expect(d.possibly).toEqual([expect.objectContaining({ rule: 'art-6-1-obligations', appliesFrom: '2027-08-02' })]);
  });
});

describe('Art.111: systems and models already on the market', () => {
  it('(1) a component of an Annex X large-scale IT system placed before 2 August 2027: by 31 December 2030, Art.5 still 2025', () => {
    const annexX = { ...HIGH_RISK_6_2, annexXComponent: true, placedOnMarketOn: '2026-03-01' };
    expect(date('Art.9(1)', annexX)).toMatchObject({ appliesFrom: '2030-12-31', source: 'Art.111(1)' });
    expect(date('Art.4', annexX)).toMatchObject({ appliesFrom: '2030-12-31' });
    expect(date('Art.5(1)(c)', annexX)).toMatchObject({ appliesFrom: '2025-02-02' });
  });

  it('(2) a high-risk system placed before 2 August 2026 without a significant design change: not yet subject', () => {
    const legacy = { ...HIGH_RISK_6_2, placedOnMarketOn: '2025-11-01', significantDesignChange: false };
    expect(date('Art.9(1)', legacy)).toMatchObject({ appliesFrom: null, rule: 'high-risk-legacy', source: 'Art.111(2)' });
    expect(date('Art.5(1)(c)', legacy).appliesFrom).toBe('2025-02-02');
  });

  it('(2) ... intended for public authorities: by 2 August 2030', () => {
    const publicUse = {
      ...HIGH_RISK_6_2,
      placedOnMarketOn: '2025-11-01',
      significantDesignChange: false,
      publicAuthorityUse: true,
    };
    expect(date('Art.26(1)', publicUse)).toMatchObject({ appliesFrom: '2030-08-02', rule: 'high-risk-legacy-public' });
  });

  it('(2) ... whose design changed significantly: the normal date', () => {
    const changed = { ...HIGH_RISK_6_2, placedOnMarketOn: '2025-11-01', significantDesignChange: true };
    expect(date('Art.9(1)', changed)).toMatchObject({ appliesFrom: '2026-08-02' });
  });

  it('(2) a high-risk system whose market date is unknown: the date depends on it', () => {
    const unknown = { ...HIGH_RISK_6_2, placedOnMarketOn: null };
    const d = date('Art.9(1)', unknown);
    expect(d.appliesFrom).toBe('2026-08-02');
    expect(d.openFacts).toContain('placedOnMarketOn');
  });

  it('(3) a general-purpose AI model placed on the market before 2 August 2025: Chapter V by 2 August 2027', () => {
    const model = {
      gpai: true,
      gpaiModelProvider: true,
      placedOnMarketOn: '2024-12-01',
      highRisk: false,
      annexXComponent: false,
    };
    expect(date('Art.53', model)).toMatchObject({ appliesFrom: '2027-08-02', source: 'Art.111(3)' });
    expect(date('Art.53', { ...model, placedOnMarketOn: '2025-09-01' }).appliesFrom).toBe('2025-08-02');
  });
});
