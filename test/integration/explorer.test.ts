/**
 * The coverage explorer (/explorer) in a real browser: Debian's Chromium driven by playwright-core, against
 * the API on the demo data. Every figure the page shows is compared with the same question asked directly
 * (queries/questions.ts) or with the graph itself; screenshots go to test/artifacts/explorer-*.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken } from '../../api/auth.ts';
import { readApiOptions } from '../../api/config.ts';
import { startApiServer, type ApiServer } from '../../api/server.ts';
import type { Graph } from '../../graph/connection.ts';
import { PROJECT_ROOT } from '../../graph/config.ts';
import type { CoverageResult } from '../../queries/coverage.ts';
import { findQuestion } from '../../queries/questions.ts';
import type { ReuseResult } from '../../queries/reuse.ts';
import { seededGraph } from './helpers.ts';

const SECRET = 'test-secret-explorer-0123456789-0123456789';
const CHROMIUM = process.env.CROSSWALK_CHROMIUM ?? '/usr/bin/chromium';
const ARTIFACTS = path.join(PROJECT_ROOT, 'test', 'artifacts');
/** Evidence validity is judged on a pinned day, passed to the page as ?today=. */
const TODAY = '2026-06-01';
const ORG = 'demo';

let graph: Graph;
let server: ApiServer;
let browser: Browser;
let page: Page;
const requests: { url: string; authorization?: string }[] = [];
const problems: string[] = [];

async function ask<R>(name: string, params: Record<string, unknown>): Promise<R> {
  const question = findQuestion(name);
  if (!question) throw new Error(`no question ${name}`);
  return (await question.run(graph, { org: ORG, today: TODAY, ...params })) as R;
}

async function rows<T>(cypher: string, params: Record<string, unknown> = {}): Promise<T[]> {
  const { records } = await graph.run(cypher, params);
  return records.map((r) => r.toObject() as T);
}

/** Navigates inside the page (hash routes), as its own links do. */
async function go(hash: string): Promise<void> {
  await page.evaluate((h) => {
    location.hash = h;
  }, hash);
}

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `The explorer's browser tests need Chromium at ${CHROMIUM}, which is missing. Install Debian's package: ` +
        '`sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium` (.ci/run does this), ' +
        'or point CROSSWALK_CHROMIUM at a Chromium or Chrome binary.',
    );
  }
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  graph = await seededGraph({ demo: true });
  server = await startApiServer(graph, { port: 0, host: '127.0.0.1', api: { ...readApiOptions({}), auth: { secret: SECRET } } });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('request', (request) => requests.push({ url: request.url(), authorization: request.headers().authorization }));
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await graph?.close();
});

describe('explorer', () => {
  it('serves the page without a token, with a same-origin Content-Security-Policy', async () => {
    const response = await fetch(`${server.url}/explorer`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('/explorer/app.js');
    expect(response.headers.get('content-security-policy')).toContain("connect-src 'self'");
    const script = await fetch(`${server.url}/explorer/app.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    // The data is not: /graphql still wants the token.
    expect(
      (
        await fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"query":"{ frameworks { id } }"}',
        })
      ).status,
    ).toBe(401);
  });

  it("loads with the demo data; the heatmap shows the reuse question's numbers for every pair of adopted frameworks", async () => {
    const token = await mintToken(SECRET, { roles: ['viewer'], org: ORG }, { ttlSeconds: 600 });
    await page.goto(`${server.url}/explorer?today=${TODAY}#token=${token}`);
    await page.waitForSelector('#heatmap[data-state="done"]', { timeout: 120_000 });

    // The token left the address bar for this tab's sessionStorage.
    expect(page.url()).not.toContain(token);
    expect(await page.evaluate(() => Object.values(sessionStorage))).toContain(token);
    expect(await page.textContent('.who')).toContain('Kestrel Support Services');

    const adopted = (
      await rows<{ id: string }>('MATCH (:Organization {id: $org})-[:ADOPTS]->(f:Framework) RETURN f.id AS id ORDER BY id', {
        org: ORG,
      })
    ).map((r) => r.id);
    expect(adopted.length).toBeGreaterThan(1);
    expect(await page.$$eval('#heatmap thead th[data-target]', (ths) => ths.map((th) => th.getAttribute('data-target')))).toEqual(
      adopted,
    );

    let nonZero = 0;
    for (const source of adopted) {
      for (const target of adopted) {
        if (source === target) continue;
        const expected = await ask<ReuseResult>('reuse', { source, target, first: 0 });
        const cell = page.locator(`#heatmap td[data-source="${source}"][data-target="${target}"]`);
        const shown = await cell.evaluate((td) => ({
          ...(td as HTMLElement).dataset,
          text: td.querySelector('.total')?.textContent,
        }));
        expect(shown, `${source} → ${target}`).toEqual({
          source,
          target,
          total: String(expected.total),
          inherited: String(expected.inherited),
          indicated: String(expected.indicated),
          targetRequirements: String(expected.targetRequirements),
          text: String(expected.inherited),
        });
        if (expected.total > 0) nonZero += 1;
      }
    }
    // The demo organization reuses something between most pairs: a page of zeros would prove nothing.
    expect(nonZero).toBeGreaterThan(adopted.length);

    // A cell opens the requirements behind it: the same list as the question's.
    await page.click('#heatmap td[data-source="iso27001"][data-target="nis2"]');
    await page.waitForSelector('#reuse-details table');
    const listed = await page.$$eval('#reuse-details tbody tr td:first-child a', (as) => as.map((a) => a.getAttribute('href')));
    const reached = await ask<ReuseResult>('reuse', { source: 'iso27001', target: 'nis2' });
    expect(listed).toEqual(reached.requirements.map((r) => `#requirement/${encodeURIComponent(r.uid)}`));

    await page.screenshot({ path: path.join(ARTIFACTS, 'explorer-heatmap.png'), fullPage: true });
  }, 180_000);

  it("shows a framework's requirements coloured by the coverage question's statuses, down the hierarchy", async () => {
    await page.click('.views a:has-text("Coverage")');
    await go('#coverage/iso42001');
    await page.waitForSelector('#coverage[data-state="done"] #coverage-tree');
    const expected = await ask<CoverageResult>('coverage', { framework: 'iso42001' });

    // The question's headline and totals in the legend, its groups as the top level of the tree.
    const pct = (v: number | null) => (v === null ? '–' : `${v}%`);
    expect(await page.textContent('#percent-met-direct')).toBe(pct(expected.percentMetDirect));
    expect(await page.textContent('#percent-met')).toBe(pct(expected.percentMet));
    expect(await page.textContent('#percent-partially-met-direct')).toBe(pct(expected.percentPartiallyMetDirect));
    expect(await page.textContent('#indicated')).toBe(String(expected.totals.indicated));
    const t = expected.totals;
    const counts = {
      met: t.met,
      partially_met: t.partiallyMet,
      stale: t.stale,
      unverified: t.unverified,
      gap: t.gap,
      excluded: t.excluded,
    };
    for (const [status, count] of Object.entries(counts)) {
      expect((await page.textContent(`#status-legend [data-count="${status}"]`))?.trim(), status).toBe(String(count));
    }
    const topLevel = await page.$$eval('#coverage-tree > .node', (nodes) => nodes.map((n) => n.getAttribute('data-requirement')));
    expect(topLevel).toEqual(expected.groups.map((g) => g.uid));

    // Drill down one clause for the screenshot.
    const clause = expected.groups[1]?.uid ?? '';
    await page.click(`#coverage-tree > .node[data-requirement="${clause}"] > .row button.toggle`);
    expect(await page.$$eval(`[data-requirement="${clause}"] > .children > .node`, (nodes) => nodes.length)).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'explorer-coverage.png'), fullPage: false });

    await page.click('#expand-all');
    const shown = await page.$$eval('#coverage-tree .node[data-status]', (nodes) =>
      nodes.map((n) => ({
        uid: n.getAttribute('data-requirement'),
        status: n.getAttribute('data-status'),
        color: getComputedStyle(n.querySelector(':scope > .row > .dot') as Element).backgroundColor,
      })),
    );
    const statusOf = (list: { uid: string | null; status: string | null }[]) =>
      Object.fromEntries(list.map((r) => [r.uid, r.status]));
    expect(statusOf(shown)).toEqual(statusOf(expected.requirements));
    // Inherited and indicated requirements are marked as such, exactly where the question says.
    const marked = await page.$$eval('#coverage-tree .node[data-status]', (nodes) =>
      nodes.map((n) => [n.getAttribute('data-requirement'), n.getAttribute('data-basis'), n.getAttribute('data-indicated')]),
    );
    expect(Object.fromEntries(marked.map(([uid, basis, indicated]) => [uid, [basis, indicated === 'true']]))).toEqual(
      Object.fromEntries(
        expected.requirements.map((r) => [
          r.uid,
          [r.basis, r.status !== 'met' && r.status !== 'excluded' && r.indications.length > 0],
        ]),
      ),
    );
    expect(shown).toHaveLength(expected.total);

    // Each requirement wears its status's colour from the legend, and the statuses' colours differ.
    const legend = Object.fromEntries(
      await page.$$eval('#status-legend .swatch[data-status]', (swatches) =>
        swatches.map((s) => [s.getAttribute('data-status'), getComputedStyle(s).backgroundColor]),
      ),
    );
    for (const r of shown) expect(r.color, `${r.uid} ${r.status}`).toBe(legend[r.status ?? '']);
    expect(new Set(Object.values(legend)).size).toBe(Object.keys(legend).length);
    expect(new Set(shown.map((r) => r.status)).size).toBeGreaterThan(2);
  }, 120_000);

  it("opens a requirement's neighbourhood (mappings, controls, evidence) when it is clicked", async () => {
    // The assessed iso42001 requirement with the richest neighbourhood in the demo data.
    const [pick] = await rows<{ uid: string }>(
      `
      MATCH (:Framework {id: 'iso42001'})<-[:IN_FRAMEWORK]-(r:Requirement)
      WHERE NOT (r)<-[:PART_OF]-() AND coalesce(r.normative, true)
        AND (r)<-[:IMPLEMENTS]-(:Control {orgId: $org})<-[:SUPPORTS]-(:Evidence)
      RETURN r.uid AS uid ORDER BY COUNT { (r)-[:MAPS_TO]-() } + COUNT { (r)<-[:IMPLEMENTS]-(:Control {orgId: $org}) } DESC, uid LIMIT 1`,
      { org: ORG },
    );
    const uid = pick?.uid ?? '';
    const [truth] = await rows<{ parents: string[]; mapped: string[]; controls: string[]; evidence: string[]; rels: number }>(
      `
      MATCH (r:Requirement {uid: $uid})
      CALL (r) { OPTIONAL MATCH (r)-[:PART_OF]->(p) RETURN collect(DISTINCT p.uid) AS parents }
      CALL (r) { OPTIONAL MATCH (r)-[:MAPS_TO]-(m:Requirement) RETURN collect(DISTINCT m.uid) AS mapped }
      CALL (r) { OPTIONAL MATCH (c:Control {orgId: $org})-[:IMPLEMENTS]->(r) RETURN collect(DISTINCT c.id) AS controls }
      CALL (r) { OPTIONAL MATCH (e:Evidence {orgId: $org})-[:SUPPORTS]->(:Control {orgId: $org})-[:IMPLEMENTS]->(r) RETURN collect(DISTINCT e.id) AS evidence }
      CALL (r) {
        RETURN COUNT { (r)-[:PART_OF]->() } + COUNT { (r)-[:MAPS_TO]-() } + COUNT { (:Control {orgId: $org})-[:IMPLEMENTS]->(r) }
             + COUNT { (:Evidence {orgId: $org})-[:SUPPORTS]->(:Control {orgId: $org})-[:IMPLEMENTS]->(r) } AS rels
      }
      RETURN parents, mapped, controls, evidence, rels`,
      { uid, org: ORG },
    );
    if (!truth) throw new Error(`no requirement ${uid}`);
    expect(truth.mapped.length + truth.controls.length + truth.evidence.length).toBeGreaterThan(3);

    await go('#coverage/iso42001');
    await page.waitForSelector('#coverage[data-state="done"] #coverage-tree');
    await page.click('#expand-all');
    await page.click(`.node[data-requirement="${uid}"] > .row .title`);
    await page.waitForSelector('#graph[data-layout="done"]', { timeout: 60_000 });
    expect(await page.textContent('#neighbourhood-of')).toBe(uid);

    // What NVL holds: the requirement, its part-of parent, the mapped requirements, controls and evidence.
    const nodes = new Set([uid, ...truth.parents, ...truth.mapped]).size + truth.controls.length + truth.evidence.length;
    expect(Number(await page.getAttribute('#graph', 'data-nodes'))).toBe(nodes);
    expect(Number(await page.getAttribute('#graph', 'data-rels'))).toBe(Number(truth.rels));
    expect(await page.locator('#graph canvas').count()).toBeGreaterThan(0);

    const section = (name: string) =>
      page.$$eval(`#neighbourhood-list [data-section="${name}"] > li`, (lis) => lis.map((li) => li.getAttribute('data-node-id')));
    expect(new Set(await section('mappings'))).toEqual(new Set(truth.mapped));
    expect((await section('controls')).sort()).toEqual(truth.controls.map((c) => `control:${c}`).sort());
    expect((await section('evidence')).sort()).toEqual(truth.evidence.map((e) => `evidence:${e}`).sort());

    // Its status as the coverage question has it.
    const coverage = await ask<CoverageResult>('coverage', { framework: 'iso42001' });
    expect(await page.getAttribute('#requirement-status', 'data-status')).toBe(
      coverage.requirements.find((r) => r.uid === uid)?.status,
    );
    await page.screenshot({ path: path.join(ARTIFACTS, 'explorer-neighbourhood.png'), fullPage: false });

    // A mapped requirement's link moves the neighbourhood there.
    const next = truth.mapped[0] ?? '';
    await page.click(`#neighbourhood-list [data-section="mappings"] > li[data-node-id="${next}"] a`);
    await page.waitForFunction((u) => document.getElementById('neighbourhood-of')?.textContent === u, next);
    await page.waitForSelector('#graph[data-layout="done"]', { timeout: 60_000 });
  }, 120_000);

  it('talked to its own origin only, sent the token only as a bearer header, and logged no errors', () => {
    const origin = new URL(server.url).origin;
    expect(requests.length).toBeGreaterThan(10);
    expect(requests.filter((r) => new URL(r.url).origin !== origin).map((r) => r.url)).toEqual([]);
    const graphql = requests.filter((r) => new URL(r.url).pathname === '/graphql');
    expect(graphql.length).toBeGreaterThan(0);
    expect(graphql.every((r) => r.authorization?.startsWith('Bearer '))).toBe(true);
    expect(requests.filter((r) => r.url.includes('token=') || r.url.includes('eyJ'))).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('asks for a token when it has none, and takes a pasted one', async () => {
    const fresh = await browser.newPage();
    try {
      await fresh.goto(`${server.url}/explorer?today=${TODAY}`);
      await fresh.waitForSelector('#token-form');
      await fresh.fill('#token-input', 'not-a-token');
      await fresh.click('#token-form button[type="submit"]');
      await fresh.waitForSelector('#token-form .error');
      expect(await fresh.textContent('#token-form .error')).toContain('invalid');
      await fresh.fill('#token-input', await mintToken(SECRET, { roles: ['viewer'], org: ORG }, { ttlSeconds: 600 }));
      await fresh.click('#token-form button[type="submit"]');
      await fresh.waitForSelector('#heatmap');
    } finally {
      await fresh.close();
    }
  }, 60_000);
});
