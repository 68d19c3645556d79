/**
 * The AI Act classification rules (seeds/ai-act/classification-rules.csv evaluated by
 * queries/ai-act/classify-rules.ts), one case per rule, with the expected answer worked out from the
 * Regulation (EU) 2024/1689 text and the reasoning next to it. No database.
 *
 * Every case starts from MINIMAL: an AI system with every fact answered "no / none", which the Act leaves
 * with no category but minimal risk (Art.3(1) met; no Art.5 practice; no Annex I product, so no Art.6(1);
 * no Annex III use, so no Art.6(2); no Art.50 situation; no general-purpose AI model).
 */
import { describe, expect, it } from 'vitest';
import { classifySystem, type SystemFacts } from '../../queries/ai-act/classify-rules.ts';
import { aiActTables } from '../../queries/ai-act/tables.ts';
import { selectProvisions } from '../../queries/obligations.ts';

const MINIMAL: SystemFacts = {
  isAI: true,
  prohibitedPractices: [],
  annexILegislation: 'none',
  annexIIIPoint: 'none',
  transparencyTriggers: [],
  gpai: false,
  aiActRole: 'provider',
};

const classify = (facts: SystemFacts) => classifySystem({ ...MINIMAL, ...facts });
const rules = (facts: SystemFacts) => classify(facts).reasons.map((r) => r.rule);
const asked = (facts: SystemFacts) => classify(facts).questions.map((q) => q.fact);

describe('the tables', () => {
  it('load, and every condition names a known fact (a typo fails here)', () => {
    const t = aiActTables();
    expect(t.rules.length).toBeGreaterThan(30);
    // Annex III has 8 areas and 25 points (1(a)-(c), 2, 3(a)-(d), 4(a)-(b), 5(a)-(d), 6(a)-(e), 7(a)-(d), 8(a)-(b)).
    expect(new Set(t.annexIII.map((p) => p.area)).size).toBe(8);
    expect(t.annexIII).toHaveLength(25);
    // Annex I: Section A points 1-12 (New Legislative Framework), Section B points 13-20.
    expect(t.annexI.filter((p) => p.section === 'A').map((p) => p.point)).toEqual(
      Array.from({ length: 12 }, (_, i) => String(i + 1)),
    );
    expect(t.annexI.filter((p) => p.section === 'B')).toHaveLength(8);
  });
});

describe('Art.3(1): scope', () => {
  it('the all-no system is an AI system of minimal risk with nothing to ask', () => {
    const c = classify({});
    expect(c).toMatchObject({ category: 'minimal', risk: 'minimal', role: 'provider', questions: [], contradictions: [] });
    expect(c.reasons[0]).toMatchObject({ rule: 'ai-system', source: 'Art.3(1)' });
  });

  it('a system that does not infer its outputs is not an AI system: no class, and a declared class contradicts it', () => {
    const c = classifySystem({ isAI: false, aiActRisk: 'limited' });
    expect(c).toMatchObject({ category: 'not_ai_system', risk: null });
    expect(c.contradictions[0]).toMatchObject({ field: 'aiActRisk', declared: 'limited' });
  });

  it('unanswered isAI is asked, and no class is given', () => {
    const c = classify({ isAI: null });
    expect(c.risk).toBeNull();
    expect(c.questions[0]).toMatchObject({ fact: 'isAI', source: 'Art.3(1)' });
  });
});

describe('Art.5: each prohibited practice makes the system prohibited', () => {
  // Art.5(1) points (a) to (h), each a practice on its own: any one of them is enough.
  const cases: [string, string][] = [
    ['subliminal_manipulation', 'a'],
    ['exploiting_vulnerabilities', 'b'],
    ['social_scoring', 'c'],
    ['criminal_risk_profiling', 'd'],
    ['facial_image_scraping', 'e'],
    ['emotion_inference_work_education', 'f'],
    ['biometric_categorisation_sensitive', 'g'],
    ['realtime_remote_biometric_identification', 'h'],
  ];
  it.each(cases)('%s: Art.5(1)(%s)', (practice, point) => {
    const c = classify({ prohibitedPractices: [practice], aiActRisk: 'high' });
    expect(c).toMatchObject({ category: 'prohibited', risk: 'prohibited' });
    expect(c.reasons.find((r) => r.rule === `art5-1-${point}`)?.source).toBe(`Art.5(1)(${point})`);
    // Declared 'high' understates it.
    expect(c.contradictions[0]).toMatchObject({ field: 'aiActRisk', declared: 'high', derived: 'prohibited' });
  });

  it('prohibition settles the class even when Annex III facts are missing (nothing more to ask about them)', () => {
    const c = classify({ prohibitedPractices: ['social_scoring'], annexIIIPoint: null });
    expect(c.risk).toBe('prohibited');
    expect(c.questions).toEqual([]);
  });

  it('unanswered Art.5 facts leave the class open: prohibited is still possible', () => {
    const c = classify({ prohibitedPractices: null });
    expect(c.risk).toBeNull();
    expect(c.questions.map((q) => q.fact)).toEqual(['prohibitedPractices']);
  });
});

describe('Art.6(1): Annex I products', () => {
  it('a safety component of a medical device (Annex I point 11) needing a notified body is high-risk under Art.6(1)', () => {
    // Art.6(1)(a) and (b) both hold: product under Annex I legislation and third-party conformity assessment.
    const c = classify({ annexILegislation: '11', thirdPartyAssessment: true });
    expect(c).toMatchObject({ category: 'high_risk', risk: 'high', highRiskBasis: 'art6_1' });
    expect(c.reasons.find((r) => r.rule === 'art6-1')?.source).toBe('Art.6(1); Annex I point 11');
  });

  it('without a third-party conformity assessment Art.6(1)(b) fails: not high-risk', () => {
    const c = classify({ annexILegislation: '2', thirdPartyAssessment: false });
    expect(c.risk).toBe('minimal');
    expect(rules({ annexILegislation: '2', thirdPartyAssessment: false })).toContain('art6-1-not-third-party');
  });

  it('the third-party assessment is asked when only the Annex I point is known', () => {
    expect(asked({ annexILegislation: '1', thirdPartyAssessment: null })).toEqual(['thirdPartyAssessment']);
  });

  it('an unanswered Annex I question is asked', () => {
    expect(asked({ annexILegislation: null })).toEqual(['annexILegislation']);
  });

  it('Annex I Section B (motor vehicles, point 18): high-risk, but Art.2(2) leaves only Art.6(1), 102-109 and 112', () => {
    const c = classify({ annexILegislation: '18', thirdPartyAssessment: true });
    expect(c.highRiskBasis).toBe('art6_1');
    expect(c.reasons.map((r) => r.rule)).toContain('art2-2-section-b');
    // So no Chapter III provider duty is listed; AI literacy and the prohibitions remain.
    expect(selectProvisions(c.risk, c.role, c.facts).map((p) => p.uid)).toEqual(['eu-ai-act:Art.4', 'eu-ai-act:Art.5']);
  });
});

describe('Art.6(2): one use per Annex III area makes the system high-risk', () => {
  // One point of each of the eight areas of Annex III; Art.6(2) lists them as high-risk outright,
  // no Art.6(3) condition is claimed (derogationConditions = none).
  const cases: [string, string][] = [
    ['1(c)', 'Biometrics: emotion recognition'],
    ['2', 'Critical infrastructure: safety component in electricity supply'],
    ['3(b)', 'Education: evaluating learning outcomes'],
    ['4(a)', 'Employment: filtering job applications'],
    ['5(b)', 'Essential services: credit scoring'],
    ['6(c)', 'Law enforcement: reliability of evidence'],
    ['7(b)', 'Migration: risk posed by a person entering'],
    ['8(a)', 'Justice: assisting a judicial authority'],
  ];
  it.each(cases)('Annex III point %s (%s)', (point) => {
    const c = classify({ annexIIIPoint: point, derogationConditions: [], profilesPersons: false });
    expect(c).toMatchObject({ category: 'high_risk', risk: 'high', highRiskBasis: 'art6_2' });
    expect(c.reasons.find((r) => r.rule === 'art6-2')?.source).toBe(`Art.6(2); Annex III point ${point}`);
    expect(c.reasons.map((r) => r.rule)).toContain('no-derogation-claimed');
  });

  it('an Annex III use without any Art.6(3) claim is high-risk even if profiling is unanswered', () => {
    // The derogation needs a claimed condition; with none claimed, profiling cannot change the answer.
    const c = classify({ annexIIIPoint: '4(b)', derogationConditions: [], profilesPersons: null });
    expect(c.risk).toBe('high');
    expect(c.questions).toEqual([]);
  });

  it('an unanswered Annex III question is asked', () => {
    expect(asked({ annexIIIPoint: null })).toEqual(['annexIIIPoint']);
  });
});

describe('Art.6(3): the derogation, condition by condition, and the profiling exception', () => {
  const derogation = (condition: string) => ({
    annexIIIPoint: '4(a)',
    profilesPersons: false,
    derogationConditions: [condition],
    derogationJustification: 'It only reformats applications; recruiters assess them.',
  });
  const cases: [string, string][] = [
    ['narrow_procedural_task', 'a'],
    ['improves_completed_human_activity', 'b'],
    ['detects_decision_patterns', 'c'],
    ['preparatory_task', 'd'],
  ];
  it.each(cases)('%s (Art.6(3)(%s)) with a justification and no profiling: not high-risk', (condition, point) => {
    const c = classify(derogation(condition));
    expect(c).toMatchObject({ category: 'not_high_risk_art6_3', risk: 'minimal', highRiskBasis: null });
    expect(c.reasons.find((r) => r.rule === `art6-3-${point}`)?.source).toBe(`Art.6(3)(${point})`);
    // Art.6(4): the provider still documents the assessment and registers (Art.49(2)).
    expect(selectProvisions(c.risk, c.role, c.facts).map((p) => p.uid)).toContain('eu-ai-act:Art.6(4)');
  });

  it('profiling of natural persons keeps an Annex III system high-risk whatever is claimed (third subparagraph)', () => {
    const c = classify({ ...derogation('preparatory_task'), profilesPersons: true });
    expect(c).toMatchObject({ category: 'high_risk', risk: 'high' });
    expect(c.reasons.find((r) => r.rule === 'art6-3-profiling')?.source).toBe('Art.6(3) third subparagraph');
  });

  it('a condition claimed without the justification is a question, not a derogation', () => {
    const c = classify({ ...derogation('narrow_procedural_task'), derogationJustification: null });
    expect(c.risk).toBeNull();
    expect(c.questions.map((q) => q.fact)).toEqual(['derogationJustification']);
  });

  it('a condition claimed with profiling unanswered asks about profiling', () => {
    expect(asked({ ...derogation('narrow_procedural_task'), profilesPersons: null })).toEqual(['profilesPersons']);
  });

  it('a derogated system that still talks to people keeps its Art.50 duty: limited', () => {
    const c = classify({ ...derogation('narrow_procedural_task'), transparencyTriggers: ['interacts_with_persons'] });
    expect(c).toMatchObject({ category: 'not_high_risk_art6_3', risk: 'limited' });
    expect(c.categories).toEqual(['not_high_risk_art6_3', 'transparency']);
  });
});

describe('Art.50: each transparency trigger', () => {
  // Art.50(1) and (2) bind the provider, (3) and (4) the deployer; any of them makes the class 'limited'.
  const cases: [string, string, string, string][] = [
    ['interacts_with_persons', 'art50-1', 'provider', 'eu-ai-act:Art.50(1)'],
    ['synthetic_content', 'art50-2', 'provider', 'eu-ai-act:Art.50(2)'],
    ['emotion_or_biometric_categorisation', 'art50-3', 'deployer', 'eu-ai-act:Art.50(3)'],
    ['deep_fake', 'art50-4-deep-fake', 'deployer', 'eu-ai-act:Art.50(4)'],
    ['public_interest_text', 'art50-4-text', 'deployer', 'eu-ai-act:Art.50(4)'],
  ];
  it.each(cases)('%s: rule %s, a duty of the %s (%s)', (trigger, rule, role, uid) => {
    const c = classify({ transparencyTriggers: [trigger], aiActRole: role });
    expect(c).toMatchObject({ category: 'transparency', risk: 'limited', role });
    expect(c.transparency.map((t) => t.rule)).toEqual([rule]);
    const provisions = selectProvisions(c.risk, c.role, c.facts).map((p) => p.uid);
    expect(provisions).toContain(uid);
    expect(provisions).toContain('eu-ai-act:Art.50(5)');
    // The other operator's duty is not this one's: a deployer has no Art.50(1) design duty, a provider no Art.50(3).
    const other = role === 'provider' ? 'deployer' : 'provider';
    expect(selectProvisions(c.risk, other, c.facts).map((p) => p.uid)).not.toContain(uid);
  });

  it('a chatbot deployer (Art.50(1) and (2) are its provider’s) owes no Art.50 duty itself', () => {
    const c = classify({ transparencyTriggers: ['interacts_with_persons', 'synthetic_content'], aiActRole: 'deployer' });
    expect(selectProvisions(c.risk, c.role, c.facts).map((p) => p.uid)).toEqual(['eu-ai-act:Art.4', 'eu-ai-act:Art.5']);
  });

  it('unanswered triggers leave limited or minimal open', () => {
    const c = classify({ transparencyTriggers: null });
    expect(c.risk).toBeNull();
    expect(c.questions.map((q) => q.fact)).toEqual(['transparencyTriggers']);
  });

  it('a declared limited class contradicts a system with no trigger', () => {
    const c = classify({ aiActRisk: 'limited' });
    expect(c.contradictions[0]).toMatchObject({ field: 'aiActRisk', declared: 'limited', derived: 'minimal' });
  });
});

describe('GPAI and systemic risk (Art.51)', () => {
  const model = { gpai: true, gpaiModelProvider: true };
  it('a general-purpose AI model of our own without high impact: GPAI, no systemic risk, Art.53 applies', () => {
    const c = classify({ ...model, gpaiHighImpact: false, gpaiCommissionDesignated: false });
    expect(c).toMatchObject({ category: 'gpai', risk: 'minimal', gpai: { model: true, systemicRisk: false } });
    const provisions = selectProvisions(c.risk, c.role, c.facts).map((p) => p.uid);
    expect(provisions).toContain('eu-ai-act:Art.53');
    expect(provisions).not.toContain('eu-ai-act:Art.55');
  });

  it('high-impact capabilities: systemic risk by Art.51(1)(a), Art.55 applies', () => {
    const c = classify({ ...model, gpaiHighImpact: true });
    expect(c.gpai.systemicRisk).toBe(true);
    expect(c.reasons.find((r) => r.rule === 'gpai-systemic-a')?.source).toBe('Art.51(1)(a)');
    expect(selectProvisions(c.risk, c.role, c.facts).map((p) => p.uid)).toContain('eu-ai-act:Art.55');
  });

  it('a Commission designation: systemic risk by Art.51(1)(b)', () => {
    const c = classify({ ...model, gpaiHighImpact: false, gpaiCommissionDesignated: true });
    expect(c.gpai.systemicRisk).toBe(true);
    expect(rules({ ...model, gpaiHighImpact: false, gpaiCommissionDesignated: true })).toContain('gpai-systemic-b');
  });

  it('more than 10^25 FLOP of training: presumed high impact, Art.51(2); 10^24 is not enough on its own', () => {
    expect(classify({ ...model, gpaiTrainingFlop: 3e25 }).gpai.systemicRisk).toBe(true);
    expect(rules({ ...model, gpaiTrainingFlop: 3e25 })).toContain('gpai-systemic-flop');
    // Below the threshold the presumption does not arise, and the evaluation of (a) is still unanswered.
    const below = classify({ ...model, gpaiTrainingFlop: 1e24 });
    expect(below.gpai.systemicRisk).toBeNull();
    expect(below.questions.map((q) => q.fact)).toEqual(['gpaiHighImpact', 'gpaiCommissionDesignated']);
  });

  it("a system built on another provider's model: GPAI, but Art.53/55 are that provider's", () => {
    const c = classify({ gpai: true, gpaiModelProvider: false });
    expect(c.gpai).toEqual({ model: true, modelProvider: false, systemicRisk: null });
    expect(selectProvisions(c.risk, c.role, c.facts).map((p) => p.uid)).not.toContain('eu-ai-act:Art.53');
  });
});

describe('Art.25: when another operator becomes the provider', () => {
  const highRisk = { annexIIIPoint: '5(b)', derogationConditions: [], aiActRisk: 'high' };
  const cases: [string, string, string][] = [
    ['deployer', 'ownNameOrTrademark', 'Art.25(1)(a)'],
    ['importer', 'substantialModification', 'Art.25(1)(b)'],
    ['distributor', 'changedIntendedPurpose', 'Art.25(1)(c)'],
  ];
  it.each(cases)('a %s with %s of a high-risk system is its provider (%s)', (role, fact, source) => {
    const c = classify({ ...highRisk, aiActRole: role, [fact]: true });
    expect(c.role).toBe('provider');
    expect(c.reasons.find((r) => r.source === source)).toBeDefined();
    expect(c.contradictions).toEqual([expect.objectContaining({ field: 'aiActRole', declared: role, derived: 'provider' })]);
    // The provider obligations follow the derived role.
    expect(selectProvisions(c.risk, c.role, c.facts).map((p) => p.uid)).toContain('eu-ai-act:Art.16');
  });

  it('the same facts on a system that is not high-risk change nothing (Art.25(1) speaks of high-risk systems)', () => {
    const c = classify({ aiActRole: 'deployer', ownNameOrTrademark: true });
    expect(c.role).toBe('deployer');
  });

  it('a deployer of a high-risk system with the Art.25 facts unanswered: the role is asked, not guessed', () => {
    const c = classify({ ...highRisk, aiActRole: 'deployer' });
    expect(c.role).toBeNull();
    expect(c.questions.map((q) => q.fact)).toEqual(['ownNameOrTrademark', 'substantialModification', 'changedIntendedPurpose']);
  });

  it('Art.25(3): the manufacturer of an Annex I Section A product (machinery) under its own name is the provider', () => {
    const c = classify({
      annexILegislation: '1',
      thirdPartyAssessment: true,
      aiActRole: 'product_manufacturer',
      ownNameOrTrademark: true,
    });
    expect(c.role).toBe('provider');
    expect(c.reasons.find((r) => r.rule === 'role-25-3')?.source).toBe('Art.25(3)');
  });

  it('Art.25(3) does not reach Section B products', () => {
    const c = classify({
      annexILegislation: '16',
      thirdPartyAssessment: true,
      aiActRole: 'product_manufacturer',
      ownNameOrTrademark: true,
    });
    expect(c.role).toBe('product_manufacturer');
  });
});
