/**
 * The readiness programme questions through the real CLI (in-process main()) and the GraphQL API against
 * the test Neo4j, on three organizations of this suite's own (test/integration/fixtures/readiness plus the
 * programme records in readiness-programme.ts): rdy-empty (nothing: every step not started), rdy-mid (every
 * step in progress) and rdy-done (every step done). Every expected figure, sentence and next step is worked
 * out by hand from those files and the rules in queries/README.md "Readiness"; today is pinned.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken } from '../../api/auth.ts';
import { readApiOptions } from '../../api/config.ts';
import { SELECTIONS } from '../../api/explorer/browser/selections.ts';
import { startApiServer, type ApiServer } from '../../api/server.ts';
import type { Graph } from '../../graph/connection.ts';
import { applySchema } from '../../graph/schema.ts';
import type { ReadinessResult } from '../../queries/readiness.ts';
import { seedGraph } from '../../seeds/load.ts';
import { runCli, testGraph } from './helpers.ts';
import { setUpReadinessOrganizations } from './readiness-programme.ts';

const TODAY = '2026-11-22';
const SECRET = 'test-secret-readiness-0123456789-0123456789';
let graph: Graph;
let server: ApiServer;

const run = (argv: string[]) => runCli(graph, argv);

async function readiness(org: string, extra: string[] = []): Promise<ReadinessResult> {
  const { code, stdout, stderr } = await run([
    'query',
    'readiness',
    '--org',
    org,
    ...(extra.includes('--today') ? [] : ['--today', TODAY]),
    '--json',
    ...extra,
  ]);
  expect(code, stderr).toBe(0);
  return JSON.parse(stdout) as ReadinessResult;
}

/** A step as [status, fact texts, next steps, clause statuses]: what the tests compare. */
const summary = (r: ReadinessResult, step: number) => {
  const s = r.steps[step - 1]!;
  return {
    status: s.status,
    facts: s.facts.map((f) => f.text),
    next: s.next,
    clauses: s.clauses.map((c) => `${c.uid}${c.key ? ` (${c.key})` : ''} ${c.status}`),
  };
};
const fact = (r: ReadinessResult, step: number, key: string) => r.steps[step - 1]!.facts.find((f) => f.key === key);

async function gql(org: string, query: string) {
  const bearer = await mintToken(SECRET, { roles: ['viewer'], org }, { ttlSeconds: 600 });
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as {
    data?: Record<string, unknown>;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
}

beforeAll(async () => {
  graph = await testGraph();
  await applySchema(graph);
  await seedGraph(graph);
  await setUpReadinessOrganizations(graph);
  server = await startApiServer(graph, {
    port: 0,
    host: '127.0.0.1',
    api: { ...readApiOptions({ CROSSWALK_API_TIMEOUT_MS: '120000' }), auth: { secret: SECRET } },
  });
});
afterAll(async () => {
  await server?.stop();
  await graph?.close();
});

describe('readiness, step by step (CLI)', () => {
  let empty: ReadinessResult;
  let mid: ReadinessResult;
  let done: ReadinessResult;
  beforeAll(async () => {
    [empty, mid, done] = [await readiness('rdy-empty'), await readiness('rdy-mid'), await readiness('rdy-done')];
  });

  it('overall: not started, in progress, done', () => {
    expect([empty.status, mid.status, done.status]).toEqual(['not_started', 'in_progress', 'done']);
    expect(empty.steps.map((s) => s.status)).toEqual(Array(5).fill('not_started'));
    expect(mid.steps.map((s) => s.status)).toEqual(Array(5).fill('in_progress'));
    expect(done.steps.map((s) => s.status)).toEqual(Array(5).fill('done'));
    expect(done.steps.map((s) => s.next)).toEqual(Array(5).fill([]));
    expect(mid.steps.map((s) => [s.step, s.key, s.title])).toEqual([
      [1, 'inventory', 'Inventory and gap analysis'],
      [2, 'governance', 'Governance and responsibilities'],
      [3, 'risk', 'Risk inventory and AI Act classification'],
      [4, 'policy', 'Policy, processes and documentation'],
      [5, 'assurance', 'Training, internal audit, management review and corrective action'],
    ]);
  });

  it('step 1, inventory and gap analysis', () => {
    // rdy-mid: sys-a and sys-b are AI, sys-c unanswered, sys-d not AI; CTL-1..4 and CTL-6 (not the retired CTL-5)
    // decide 5.2, 6.1.2, A.2.2, 7.2, 9.2.1: 5 of the 70 normative leaves of ISO/IEC 42001.
    expect(summary(mid, 1)).toEqual({
      status: 'in_progress',
      facts: [
        '2 AI systems inventoried of 4 systems',
        '1 system not yet said to be AI or not',
        'iso42001 adopted since 2025-01-01',
        '5 of 70 requirements of iso42001 decided (implemented by a control or excluded)',
      ],
      next: [
        'Say whether sys-c is an AI system (is_ai)',
        'Decide 65 requirements of iso42001 (a control implementing it, or an exclusion with its justification): iso42001:4.1, iso42001:4.2 and 63 more',
      ],
      clauses: ['iso42001:4.1 gap', 'iso42001:4.3 gap'],
    });
    expect(fact(mid, 1, 'ai_systems')).toMatchObject({ count: 2, total: 4, ids: ['sys-a', 'sys-b'] });
    expect(fact(mid, 1, 'requirements_decided')?.ids).toHaveLength(65);
    // rdy-done: CTL-P implements clause 5 (so 5.1, 5.2, 5.3), every other top-level clause and group is excluded.
    expect(summary(done, 1)).toEqual({
      status: 'done',
      facts: [
        '1 AI system inventoried of 2 systems',
        '0 systems not yet said to be AI or not',
        'iso42001 adopted since 2025-01-01',
        '70 of 70 requirements of iso42001 decided (implemented by a control or excluded)',
      ],
      next: [],
      clauses: ['iso42001:4.1 excluded', 'iso42001:4.3 excluded'],
    });
    expect(summary(empty, 1)).toMatchObject({
      status: 'not_started',
      facts: [
        '0 AI systems inventoried of 0 systems',
        '0 systems not yet said to be AI or not',
        'iso42001 not adopted',
        '0 of 70 requirements of iso42001 decided (implemented by a control or excluded)',
      ],
    });
    expect(summary(empty, 1).next.slice(0, 2)).toEqual([
      'Adopt iso42001 with its scope (adoptions.csv)',
      'Inventory your systems and say which are AI systems (systems.csv, is_ai)',
    ]);
  });

  it('step 2, governance and responsibilities', () => {
    // Non-retired controls CTL-1, 2, 3, 4, 6: only CTL-1 has an accountable person, and two (p-1, p-3).
    expect(summary(mid, 2)).toEqual({
      status: 'in_progress',
      facts: [
        '1 governance body: AI governance board',
        'accountable for iso42001: Ada Officer',
        'no accountable person for 4 of 5 controls',
        'no accountable person for 1 of 2 AI systems',
        '1 subject with more than one accountable person',
      ],
      next: [
        'Name an accountable person for CTL-2, CTL-3 and 2 more',
        'Name an accountable person for AI system sys-b',
        'Keep one accountable person for control CTL-1 (now p-1 and p-3)',
      ],
      clauses: ['iso42001:5.1 gap', 'iso42001:5.3 gap'],
    });
    expect(fact(mid, 2, 'controls_without_accountable')).toMatchObject({
      count: 4,
      total: 5,
      ids: ['CTL-2', 'CTL-3', 'CTL-4', 'CTL-6'],
    });
    expect(fact(mid, 2, 'multiple_accountable')?.ids).toEqual(['control:CTL-1']);
    expect(summary(done, 2)).toEqual({
      status: 'done',
      facts: [
        '1 governance body: AI governance board',
        'accountable for iso42001: Cleo Chief',
        'no accountable person for 0 of 1 control',
        'no accountable person for 0 of 1 AI system',
        '0 subjects with more than one accountable person',
      ],
      next: [],
      clauses: ['iso42001:5.1 met', 'iso42001:5.3 met'],
    });
    expect(summary(empty, 2)).toMatchObject({
      status: 'not_started',
      facts: expect.arrayContaining(['no governance body', 'nobody accountable for iso42001']),
    });
  });

  it('step 3, risk inventory and AI Act classification', () => {
    expect(summary(mid, 3)).toEqual({
      status: 'in_progress',
      facts: [
        '1 of 2 AI systems classified under the AI Act',
        '1 AI system without a recorded risk',
        '1 of 2 risks without a treatment',
      ],
      next: [
        'Classify sys-b under the AI Act (crosswalk query classify --system ID; ai_act_risk)',
        'Record the risks of sys-b (risks.csv, risk-systems.csv)',
        'Choose a treatment for RSK-2 (mitigate, accept, transfer or avoid)',
      ],
      clauses: ['iso42001:6.1.2 gap', 'iso42001:6.1.3 gap', 'iso42001:6.1.4 gap'],
    });
    expect(fact(mid, 3, 'classified')).toMatchObject({ count: 1, total: 2, ids: ['sys-b'] });
    expect(summary(done, 3)).toMatchObject({
      status: 'done',
      facts: [
        '1 of 1 AI system classified under the AI Act',
        '0 AI systems without a recorded risk',
        '0 of 1 risk without a treatment',
      ],
      clauses: ['iso42001:6.1.2 excluded', 'iso42001:6.1.3 excluded', 'iso42001:6.1.4 excluded'],
    });
    expect(summary(empty, 3).status).toBe('not_started');
  });

  it('step 4, policy, processes and documentation', () => {
    // CTL-2 is planned; CTL-3's evidence expired on 2026-01-01 and CTL-4 has none.
    expect(summary(mid, 4)).toEqual({
      status: 'in_progress',
      facts: [
        'iso42001:5.2 AI policy: met',
        '4 of 5 controls implemented or operating',
        '2 of 4 implemented or operating controls with approved evidence valid on 2026-11-22',
      ],
      next: ['Put CTL-2 into operation (planned now)', 'Attach approved evidence valid on 2026-11-22 to CTL-3 and CTL-4'],
      clauses: ['iso42001:5.2 (policy) met', 'iso42001:7.5 gap'],
    });
    expect(summary(done, 4)).toEqual({
      status: 'done',
      facts: [
        'iso42001:5.2 AI policy: met',
        '1 of 1 control implemented or operating',
        '1 of 1 implemented or operating controls with approved evidence valid on 2026-11-22',
      ],
      next: [],
      clauses: ['iso42001:5.2 (policy) met', 'iso42001:7.5 excluded'],
    });
    expect(summary(empty, 4)).toMatchObject({
      status: 'not_started',
      facts: ['iso42001:5.2 AI policy: gap', '0 of 0 controls implemented or operating', expect.any(String)],
    });
  });

  it('step 5, training, internal audit, management review and corrective action', () => {
    // p-1 (AI officer, accountable for the AI system sys-a) lacks AI literacy (expired 2026-01-01); p-2 (responsible for
    // sys-a) has none valid (T-7 is completed after today); p-3 has what a role needs; p-4 is only informed.
    // AUD-1 (2025-09-20) audited 9.2: 14 whole months before 2026-11-22; AUD-3 audited only iso27001.
    // MR-1 lacks stakeholder_needs and improvement_opportunities. CA-1 is overdue; F-1 (open CA-1, CA-4) and
    // F-3 (CA-3 closed without evidence) are open major nonconformities.
    expect(summary(mid, 5)).toEqual({
      status: 'in_progress',
      facts: [
        '2 people without the valid training they need',
        'internal audit of the AIMS 14 months ago (AUD-1, 2025-09-20)',
        'management review 6 months ago (MR-1, 2026-05-01), without stakeholder_needs and improvement_opportunities',
        '1 corrective action overdue',
        '2 open major nonconformities',
      ],
      next: [
        'Train p-1 (ai literacy) and p-2 (ai literacy) (crosswalk query training-gaps)',
        'Run the next internal audit of iso42001 (crosswalk query audit-plan --framework iso42001)',
        'Consider stakeholder_needs and improvement_opportunities in the next management review of iso42001',
        'Close or replan the overdue corrective actions CA-1 (crosswalk query overdue-actions)',
        'Close major nonconformities F-1 and F-3: corrective actions closed with approved evidence',
      ],
      clauses: [
        'iso42001:7.2 unverified',
        'iso42001:7.3 gap',
        'iso42001:9.2 partially_met',
        'iso42001:9.3 gap',
        'iso42001:10.2 gap',
        'eu-ai-act:Art.4 gap',
      ],
    });
    expect(fact(mid, 5, 'internal_audit')).toMatchObject({ count: 14, total: 12, ids: ['AUD-1'] });
    expect(fact(mid, 5, 'open_major_nonconformities')?.ids).toEqual(['F-1', 'F-3']);
    expect(summary(done, 5)).toMatchObject({
      status: 'done',
      facts: [
        '0 people without the valid training they need',
        'internal audit of the AIMS 5 months ago (AUD-D, 2026-06-01)',
        'management review 4 months ago (MR-D, 2026-07-01), with every required input',
        '0 corrective actions overdue',
        '0 open major nonconformities',
      ],
      next: [],
    });
    expect(summary(empty, 5)).toMatchObject({
      status: 'not_started',
      facts: [
        '0 people without the valid training they need',
        'no completed internal audit of the AIMS',
        'no management review of the AIMS',
        '0 corrective actions overdue',
        '0 open major nonconformities',
      ],
    });
  });

  it('judges on the day asked: a year later the audit and the review are too old, the training expired', async () => {
    const later = await run(['query', 'readiness', '--org', 'rdy-done', '--today', '2027-07-02', '--json']);
    const r = JSON.parse(later.stdout) as ReadinessResult;
    expect(r.steps[4]?.status).toBe('in_progress');
    expect(r.steps[4]?.facts.map((f) => f.text).slice(0, 3)).toEqual([
      '1 person without the valid training they need',
      'internal audit of the AIMS 13 months ago (AUD-D, 2026-06-01)',
      'management review 12 months ago (MR-D, 2026-07-01), with every required input',
    ]);
    // The review of 2026-07-01 is exactly 12 months and a day old: no longer within 12 months.
    expect(r.steps[4]?.next).toContain('Hold a management review of iso42001 with previous_actions, context_changes and 5 more');
  });

  it('reads the clause statuses the findings rule keeps: an open major nonconformity on the policy undoes step 4', async () => {
    // rdy-done's F-X (major, about iso42001:5.2, raised 2027-03-01, no corrective action) caps 5.2 at partially met
    // from that day: the policy clause is no longer met, step 4 goes back to in progress, step 5 counts it.
    const before = await readiness('rdy-done', ['--today', '2027-02-28']);
    expect(summary(before, 4)).toMatchObject({ status: 'done', clauses: ['iso42001:5.2 (policy) met', 'iso42001:7.5 excluded'] });
    const after = await readiness('rdy-done', ['--today', '2027-03-01']);
    expect(summary(after, 4)).toMatchObject({
      status: 'in_progress',
      facts: ['iso42001:5.2 AI policy: partially met', '1 of 1 control implemented or operating', expect.any(String)],
      next: [
        'Have top management adopt the policy (iso42001:5.2 AI policy): a control implementing it, with the approved policy as evidence',
      ],
      clauses: ['iso42001:5.2 (policy) partially_met', 'iso42001:7.5 excluded'],
    });
    expect(fact(after, 5, 'open_major_nonconformities')).toMatchObject({ count: 1, ids: ['F-X'] });
    // 5.1 and 5.3 stay met: the finding is about 5.2 only.
    expect(summary(after, 2).clauses).toEqual(['iso42001:5.1 met', 'iso42001:5.3 met']);
  });

  it('prints the steps for people, and refuses a framework without a programme', async () => {
    const text = await run(['query', 'readiness', '--org', 'rdy-mid', '--today', TODAY]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('Readiness for iso42001 (rdy-mid, 2026-11-22): in progress');
    expect(text.stdout).toContain('5. Training, internal audit, management review and corrective action: in progress');
    expect(text.stdout).toContain('     - Name an accountable person for CTL-2, CTL-3 and 2 more');
    const gdpr = await run(['query', 'readiness', '--org', 'rdy-mid', '--framework', 'gdpr']);
    // A value the flag does not take is a usage error (exit 2).
    expect(gdpr.code).toBe(2);
    expect(gdpr.stderr).toContain("--framework 'gdpr' is not one of iso42001, iso27001");
    const unknown = await run(['query', 'readiness', '--org', 'rdy-nope']);
    expect(unknown.code).toBe(3);
  });

  it('follows ISO/IEC 27001 with its own clauses and review inputs', async () => {
    const r = await readiness('rdy-mid', ['--framework', 'iso27001']);
    expect(r.framework).toBe('iso27001');
    expect(r.steps.map((s) => s.clauses.map((c) => c.uid))).toEqual([
      ['iso27001:4.1', 'iso27001:4.3'],
      ['iso27001:5.1', 'iso27001:5.3'],
      ['iso27001:6.1.2', 'iso27001:6.1.3'],
      ['iso27001:5.2', 'iso27001:7.5'],
      ['iso27001:7.2', 'iso27001:7.3', 'iso27001:9.2', 'iso27001:9.3', 'iso27001:10.2', 'eu-ai-act:Art.4'],
    ]);
    // rdy-mid does not adopt iso27001; AUD-3 (2026-10-01) audited it; no review of it.
    expect(fact(r, 1, 'adopted')?.text).toBe('iso27001 not adopted');
    expect(fact(r, 5, 'internal_audit')?.text).toBe('internal audit of the ISMS 1 month ago (AUD-3, 2026-10-01)');
    expect(fact(r, 5, 'management_review')?.text).toBe('no management review of the ISMS');
    expect(fact(r, 2, 'framework_accountable')?.text).toBe('nobody accountable for iso27001');
  });
});

describe('the questions that follow (CLI)', () => {
  it('overdue-actions: not closed and past due, with finding, owner and days', async () => {
    const { code, stdout, stderr } = await run(['query', 'overdue-actions', '--org', 'rdy-mid', '--today', TODAY, '--json']);
    expect(code, stderr).toBe(0);
    // CA-1 was due 2025-12-31: 304 days to 2026-10-31, 22 more to 2026-11-22. CA-4 is due later; CA-2, CA-3 are closed.
    expect(JSON.parse(stdout)).toEqual({
      org: 'rdy-mid',
      today: TODAY,
      total: 1,
      actions: [
        {
          id: 'CA-1',
          title: 'Write the risk method',
          status: 'open',
          dueOn: '2025-12-31',
          daysOverdue: 326,
          owner: { id: 'p-1', name: 'Ada Officer', role: 'AI officer' },
          finding: {
            id: 'F-1',
            title: 'No risk method',
            kind: 'major_nonconformity',
            raisedOn: '2025-09-20',
            about: ['iso42001:6.1.2'],
          },
        },
      ],
    });
    const later = await run(['query', 'overdue-actions', '--org', 'rdy-mid', '--today', '2026-12-01']);
    expect(later.stdout).toContain('2 corrective actions overdue for rdy-mid on 2026-12-01');
    expect(later.stdout).toMatch(/CA-4\s+1 days/);
  });

  it('training-gaps: who lacks which valid training', async () => {
    const { code, stdout, stderr } = await run(['query', 'training-gaps', '--org', 'rdy-mid', '--today', TODAY, '--json']);
    expect(code, stderr).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      org: 'rdy-mid',
      today: TODAY,
      total: 2,
      trainingRecords: 7,
      people: [
        {
          person: { id: 'p-1', name: 'Ada Officer', role: 'AI officer' },
          needs: ['awareness', 'role_specific', 'ai_literacy'],
          missing: [{ kind: 'ai_literacy', expiredOn: '2026-01-01', course: 'AI literacy basics' }],
          responsibilities: expect.arrayContaining([
            'accountable framework iso42001',
            'accountable control CTL-1',
            'accountable system sys-a',
          ]),
        },
        {
          person: { id: 'p-2', name: 'Ben Builder', role: null },
          needs: ['awareness', 'ai_literacy'],
          missing: [{ kind: 'ai_literacy', expiredOn: null, course: null }],
          responsibilities: ['responsible system sys-a'],
        },
      ],
    });
  });

  it('audit-plan: never audited first, then longest ago, with open findings', async () => {
    const { code, stdout, stderr } = await run([
      'query',
      'audit-plan',
      '--org',
      'rdy-mid',
      '--framework',
      'iso42001',
      '--today',
      TODAY,
      '--json',
    ]);
    expect(code, stderr).toBe(0);
    const r = JSON.parse(stdout) as {
      neverAudited: number;
      requirements: {
        totalCount: number;
        edges: {
          node: { uid: string; lastAudit: { id: string } | null; monthsSince: number | null; openFindings: { id: string }[] };
        }[];
      };
    };
    // AUD-1 audited 9.2, i.e. its parts 9.2.1 and 9.2.2; AUD-3 only iso27001; AUD-2 is only planned.
    expect(r.neverAudited).toBe(68);
    expect(r.requirements.totalCount).toBe(70);
    const nodes = r.requirements.edges.map((e) => e.node);
    expect(nodes[0]?.uid).toBe('iso42001:4.1');
    expect(nodes.slice(-2).map((n) => [n.uid, n.lastAudit?.id, n.monthsSince])).toEqual([
      ['iso42001:9.2.1', 'AUD-1', 14],
      ['iso42001:9.2.2', 'AUD-1', 14],
    ]);
    const open = Object.fromEntries(
      nodes.filter((n) => n.openFindings.length).map((n) => [n.uid, n.openFindings.map((f) => f.id)]),
    );
    // F-2 about CTL-4 (implementing 7.2) is closed by CA-2 with approved evidence.
    expect(open).toEqual({ 'iso42001:6.1.2': ['F-1'], 'iso42001:9.3.1': ['F-3'] });
  });
});

describe('the coverage report', () => {
  it('ends with a Readiness section in Markdown and HTML, none in CSV', async () => {
    const md = await run(['report', 'coverage', '--org', 'rdy-mid', '--format', 'md', '--today', TODAY]);
    expect(md.code, md.stderr).toBe(0);
    const section = md.stdout.slice(md.stdout.indexOf('## Readiness'));
    expect(section.split('\n').slice(0, 12)).toEqual([
      '## Readiness',
      '',
      '### iso42001: in progress',
      '',
      '**1. Inventory and gap analysis: in progress**',
      '',
      '- 2 AI systems inventoried of 4 systems',
      '- 1 system not yet said to be AI or not',
      '- iso42001 adopted since 2025-01-01',
      '- 5 of 70 requirements of iso42001 decided (implemented by a control or excluded)',
      '',
      'Next:',
    ]);
    expect(section).toContain('Evidences: iso42001:5.2 met, iso42001:7.5 gap');
    expect(section).toContain('2. Name an accountable person for AI system sys-b');
    const html = await run(['report', 'coverage', '--org', 'rdy-mid', '--format', 'html', '--today', TODAY]);
    expect(html.stdout).toContain('<h2>Readiness</h2>');
    expect(html.stdout).toContain(
      '<section class="step in_progress"><h4>5. Training, internal audit, management review and corrective action: <span class="readiness in_progress">in progress</span></h4>',
    );
    expect(html.stdout).toContain('<li>internal audit of the AIMS 14 months ago (AUD-1, 2025-09-20)</li>');
    const csv = await run(['report', 'coverage', '--org', 'rdy-mid', '--format', 'csv', '--today', TODAY]);
    expect(csv.stdout).not.toContain('Readiness');
  });
});

describe('over GraphQL', () => {
  it("answers what the CLI answers, for the token's organization only", async () => {
    for (const [field, call, argv] of [
      ['readiness', `readiness(today: "${TODAY}")`, ['readiness']],
      ['overdueActions', `overdueActions(today: "${TODAY}")`, ['overdue-actions']],
      ['trainingGaps', `trainingGaps(today: "${TODAY}")`, ['training-gaps']],
      [
        'auditPlan',
        `auditPlan(framework: "iso42001", today: "${TODAY}", first: 5)`,
        ['audit-plan', '--framework', 'iso42001', '--first', '5'],
      ],
    ] as const) {
      const body = await gql('rdy-mid', `{ answer: ${call} ${SELECTIONS[field]} }`);
      expect(body.errors, field).toBeUndefined();
      const cli = await run(['query', ...argv, '--org', 'rdy-mid', '--today', TODAY, '--json']);
      expect(body.data?.answer, field).toEqual(JSON.parse(cli.stdout));
    }
    const done = await gql('rdy-done', '{ readiness { org status steps { status } } }');
    expect(done.data?.readiness).toMatchObject({ org: 'rdy-done' });
    const asking = await gql('rdy-done', '{ readiness(org: "rdy-mid") { org } }');
    expect(asking.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const gdpr = await gql('rdy-mid', '{ readiness(framework: "gdpr") { org } }');
    expect(gdpr.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
