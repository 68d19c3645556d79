/**
 * AI Act classification and timeline end to end: the demo organization's three AI systems through the real
 * CLI (`crosswalk query classify|obligations --json`) and the GraphQL API, a system with facts missing
 * imported from CSV (questions, fallback to the declared class), and bad fact values rejected by the
 * importer. Expected answers are worked out from the Regulation by hand, reasoning beside them.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mintToken } from '../../api/auth.ts';
import { readApiOptions } from '../../api/config.ts';
import { startApiServer, type ApiServer } from '../../api/server.ts';
import { PROJECT_ROOT } from '../../graph/config.ts';
import type { Graph } from '../../graph/connection.ts';
import { importFiles } from '../../importers/index.ts';
import { ImportValidationError } from '../../importers/problems.ts';
import { SELECTIONS } from '../../api/explorer/browser/selections.ts';
import { answer } from '../../api/results.ts';
import { classify, type ClassifyResult } from '../../queries/classify.ts';
import { obligations, type ObligationsResult } from '../../queries/obligations.ts';
import { seededGraph } from './helpers.ts';

const SECRET = 'test-secret-ai-act-0123456789-0123456789';
const ORG = 'ai-act-facts';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-ai-act-'));
let graph: Graph;
let server: ApiServer;

async function cli(...args: string[]): Promise<unknown> {
  const db = inject('neo4j');
  const { stdout } = await promisify(execFile)('node', [path.join(PROJECT_ROOT, 'bin', 'crosswalk.mjs'), ...args, '--json'], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      NEO4J_URI: db.uri,
      NEO4J_USERNAME: db.username,
      NEO4J_PASSWORD: db.password,
      NEO4J_DATABASE: db.database,
    },
  });
  return JSON.parse(stdout) as unknown;
}

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
  graph = await seededGraph({ demo: true });
  server = await startApiServer(graph, { port: 0, host: '127.0.0.1', api: { ...readApiOptions({}), auth: { secret: SECRET } } });
});
afterAll(async () => {
  await server?.stop();
  await graph?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('classify the demo systems', () => {
  it('sys-recruit through the CLI: high-risk by Annex III 4(a), profiling blocks Art.6(3), Art.25(1)(a) makes us provider', async () => {
    const r = (await cli('query', 'classify', '--system', 'sys-recruit', '--org', 'demo')) as ClassifyResult;
    // Annex III point 4(a) (recruitment: filtering applications) -> Art.6(2). The preparatory-task condition
    // (Art.6(3)(d)) is claimed, but the system profiles applicants, and Art.6(3) third subparagraph keeps a
    // profiling Annex III system high-risk. Declared deployer, but our name is on it: Art.25(1)(a).
    expect(r).toMatchObject({ category: 'high_risk', risk: 'high', highRiskBasis: 'art6_2', role: 'provider', questions: [] });
    expect(r.reasons.map((x) => x.source)).toEqual([
      'Art.3(1)',
      'Art.5(1)',
      'Art.6(1)(a)',
      'Art.6(2); Annex III point 4(a)',
      'Art.6(3) third subparagraph',
      'Art.50(1) to (4)',
      'Art.3(63); Art.3(66)',
      'Art.25(1)(a)',
    ]);
    expect(r.contradictions).toEqual([
      expect.objectContaining({ field: 'aiActRole', declared: 'deployer', derived: 'provider' }),
    ]);
  });

  it('the chatbot and the wiki assistant: Art.50 transparency, built on another provider’s GPAI model, as declared', async () => {
    const chatbot = await classify.run(graph, { system: 'sys-chatbot', org: 'demo' });
    // Interacts with customers and generates text (Art.50(1), (2)); no Annex I/III use; the LLM is the vendor's.
    expect(chatbot).toMatchObject({
      category: 'transparency',
      risk: 'limited',
      role: 'deployer',
      contradictions: [],
      questions: [],
    });
    expect(chatbot.categories).toEqual(['transparency', 'gpai']);
    expect(chatbot.gpai).toEqual({ model: true, modelProvider: false, systemicRisk: null });
    const wiki = await classify.run(graph, { system: 'sys-wiki', org: 'demo' });
    expect(wiki).toMatchObject({ category: 'transparency', risk: 'limited', role: 'provider', contradictions: [] });
    expect(wiki.transparency.map((t) => t.source)).toEqual(['Art.50(1)', 'Art.50(2)']);
  });

  it('over GraphQL: the same answer, for the organization of the token only', async () => {
    const api = await gql('demo', `{ classify(system: "sys-recruit") ${SELECTIONS.classify} }`);
    expect(api.errors).toBeUndefined();
    expect(api.data?.classify).toEqual(
      JSON.parse(JSON.stringify(await answer(classify, graph, { system: 'sys-recruit', org: 'demo' }))),
    );
    // The typed facts: one entry per fact, its value in the field of its type.
    const facts = (api.data?.classify as { facts: { name: string; answered: boolean; boolean: boolean | null }[] }).facts;
    expect(facts.find((f) => f.name === 'isAI')).toMatchObject({ answered: true, boolean: true });
    // Another organization's token cannot see demo's system: it does not exist for it.
    const foreign = await gql(ORG, `{ classify(system: "sys-recruit") { org } }`);
    expect(foreign.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND', kind: 'system', name: 'sys-recruit' } });
    expect(foreign.errors?.[0]?.message).toContain(`no system 'sys-recruit' in organization '${ORG}'`);
  });
});

describe('obligations on a date', () => {
  it('sys-recruit on 2027-08-02 through the CLI: every provider duty of a high-risk Annex III system applies', async () => {
    const r = (await cli(
      'query',
      'obligations',
      '--system',
      'sys-recruit',
      '--org',
      'demo',
      '--asOf',
      '2027-08-02',
      '--today',
      '2026-11-22',
    )) as ObligationsResult;
    // Derived provider (Art.25(1)(a)) of a high-risk system: Art.4, 5, the Chapter III Section 2-3 provider
    // duties, conformity assessment, declaration, CE marking, registration, post-market monitoring and
    // incident reporting; all apply from 2026-08-02 at the latest (Art.113), so nothing comes next.
    expect(r.basis).toMatchObject({ risk: 'high', riskFrom: 'derived', role: 'provider', roleFrom: 'derived' });
    expect(r.applying).toEqual(
      ['Art.4', 'Art.5', 'Art.9', 'Art.10', 'Art.11', 'Art.12', 'Art.13', 'Art.14', 'Art.15', 'Art.16', 'Art.17', 'Art.18']
        .concat(['Art.19', 'Art.20', 'Art.43', 'Art.47', 'Art.48', 'Art.49', 'Art.72', 'Art.73'])
        .map((ref) => `eu-ai-act:${ref}`),
    );
    expect(r.next).toBeNull();
    expect(r.basis.notes).toEqual(["Declared aiActRole 'deployer' contradicts the facts: derived 'provider'."]);
    // What is in place: Art.4 partially met by CTL-10 (org-wide training, valid evidence).
    expect(r.obligations[0]?.parts[0]).toMatchObject({ uid: 'eu-ai-act:Art.4', status: 'partially_met', controls: ['CTL-10'] });
  });

  it('sys-recruit on 2026-06-01: only AI literacy and the prohibitions (2025-02-02); the rest comes on 2026-08-02', async () => {
    const r = await obligations.run(graph, { system: 'sys-recruit', org: 'demo', asOf: '2026-06-01', today: '2026-06-01' });
    expect(r.applying).toEqual(['eu-ai-act:Art.4', 'eu-ai-act:Art.5']);
    expect(r.next?.on).toBe('2026-08-02');
    expect(r.next?.provisions).toHaveLength(18);
    expect(r.obligations.find((o) => o.uid === 'eu-ai-act:Art.9')?.applies).toMatchObject({
      appliesFrom: '2026-08-02',
      source: 'Art.113 second paragraph',
    });
  });

  it('the wiki assistant on 2026-01-01: Art.50 (provider) comes on 2026-08-02', async () => {
    const r = await obligations.run(graph, { system: 'sys-wiki', org: 'demo', asOf: '2026-01-01' });
    expect(r.applying).toEqual(['eu-ai-act:Art.4', 'eu-ai-act:Art.5']);
    expect(r.next).toEqual({
      on: '2026-08-02',
      provisions: ['eu-ai-act:Art.50(1)', 'eu-ai-act:Art.50(2)', 'eu-ai-act:Art.50(5)'],
    });
  });

  it('over GraphQL with asOf: the same answer as the question', async () => {
    const api = await gql(
      'demo',
      `{ obligations(system: "sys-wiki", asOf: "2026-01-01", today: "2026-11-22") ${SELECTIONS.obligations} }`,
    );
    expect(api.errors).toBeUndefined();
    expect(api.data?.obligations).toEqual(
      JSON.parse(
        JSON.stringify(
          await answer(obligations, graph, { system: 'sys-wiki', org: 'demo', asOf: '2026-01-01', today: '2026-11-22' }),
        ),
      ),
    );
  });
});

describe('facts from the CSV template', () => {
  const write = (name: string, text: string) => {
    fs.writeFileSync(path.join(tmp, name), text);
    return path.join(tmp, name);
  };

  it('a system with facts missing: questions, no guess, and obligations from the declared class, saying so', async () => {
    await importFiles(graph, [
      write('organizations.csv', `id,name\n${ORG},AI Act facts test\n`),
      write(
        'systems.csv',
        `org_id,id,name,is_ai,ai_act_role,ai_act_risk,annex_iii_point,prohibited_practices\n${ORG},sys-score,Credit scorer,true,deployer,high,,none\n`,
      ),
    ]);
    const c = await classify.run(graph, { system: 'sys-score', org: ORG });
    // Art.5 answered (none); Annex I and III, Art.50 and GPAI are not: each is asked, the class stays open.
    expect(c.risk).toBeNull();
    expect(c.questions.map((q) => q.fact)).toEqual(['annexILegislation', 'annexIIIPoint', 'transparencyTriggers', 'gpai']);
    const o = await obligations.run(graph, { system: 'sys-score', org: ORG, asOf: '2026-09-01' });
    // The role cannot be derived either: whether Art.25 makes this deployer a provider depends on the
    // system being high-risk, which is open. Both come from the declaration, and the notes say so.
    expect(o.basis).toMatchObject({ risk: 'high', riskFrom: 'declared', role: 'deployer', roleFrom: 'declared' });
    expect(o.basis.notes[0]).toContain("using the declared aiActRisk 'high'");
    expect(o.basis.notes[1]).toContain("using the declared aiActRole 'deployer'");
    // A deployer of a high-risk system: Art.4, 5, 25, 26, 27 and registration (Art.49), for certain; then,
    // listed because they may apply and marked with the unanswered fact they hinge on: the deployer's
    // Art.50(3)-(5) duties (transparencyTriggers) and the model duties of Art.53/55 (gpai).
    const uids = (refs: string[]) => refs.map((ref) => `eu-ai-act:${ref}`);
    expect(o.applying).toEqual(
      uids(['Art.4', 'Art.5', 'Art.49', 'Art.25', 'Art.26', 'Art.27', 'Art.50(3)', 'Art.50(4)', 'Art.50(5)', 'Art.53', 'Art.55']),
    );
    const certain = o.obligations.filter((x) => x.dependsOn.length === 0).map((x) => x.uid);
    expect(certain).toEqual(uids(['Art.4', 'Art.5', 'Art.49', 'Art.25', 'Art.26', 'Art.27']));
    expect(o.obligations.find((x) => x.uid === 'eu-ai-act:Art.50(3)')?.dependsOn).toEqual(['transparencyTriggers']);
    expect(o.obligations.find((x) => x.uid === 'eu-ai-act:Art.55')?.dependsOn).toEqual(['gpai']);
    // Its date is not final either: Art.111(1) asks whether it is part of an Annex X large-scale IT system
    // (unanswered), and while the class is open neither the Art.6(1) date of 2027 (Art.113(c)) nor Art.111(2)
    // (legacy high-risk systems) can be ruled out.
    const art26 = o.obligations.find((x) => x.uid === 'eu-ai-act:Art.26')?.applies;
    expect(art26).toMatchObject({ appliesFrom: '2026-08-02', openFacts: ['annexXComponent'] });
    expect(art26?.possibly.map((p) => p.rule)).toEqual([
      'art-6-1-obligations',
      'annex-x',
      'high-risk-legacy-public',
      'high-risk-legacy',
    ]);
  });

  it('rejects fact values the Act does not know, naming the field', async () => {
    const file = write(
      'systems.csv',
      `org_id,id,name,annex_iii_point,prohibited_practices,transparency_triggers,annex_i_legislation,gpai_training_flop\n` +
        `${ORG},sys-bad,Bad,9(z),mind_reading,none|deep_fake,21,lots\n`,
    );
    const error = (await importFiles(graph, [file]).catch((e: unknown) => e)) as ImportValidationError;
    expect(error).toBeInstanceOf(ImportValidationError);
    expect(error.problems.map((p) => p.field).sort()).toEqual([
      'annex_i_legislation',
      'annex_iii_point',
      'gpai_training_flop',
      'prohibited_practices',
      'transparency_triggers',
    ]);
  });

  it('rejects facts that contradict each other in one row', async () => {
    const file = write(
      'systems.csv',
      `org_id,id,name,gpai,gpai_model_provider,annex_iii_point,derogation_conditions,annex_i_legislation,third_party_assessment\n` +
        `${ORG},sys-odd,Odd,false,true,none,narrow_procedural_task,none,true\n`,
    );
    const error = (await importFiles(graph, [file]).catch((e: unknown) => e)) as ImportValidationError;
    expect(error).toBeInstanceOf(ImportValidationError);
    expect(error.problems.map((p) => `${p.field}: ${p.reason}`).sort()).toEqual([
      'derogation_conditions: an Art.6(3) condition is claimed but annex_iii_point is none',
      'gpai_model_provider: true, but gpai is false',
      'third_party_assessment: true, but annex_i_legislation is none (Art.6(1)(b) needs an Annex I product)',
    ]);
  });
});
