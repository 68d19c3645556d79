/**
 * The coverage explorer (/explorer) in a real browser: Debian's Chromium driven by playwright-core, against
 * the API on the demo data. Every figure the page shows is compared with the same question asked directly
 * (queries/questions.ts) or with the graph itself; screenshots go to test/artifacts/explorer-*.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { chromium, type Browser, type Download, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken } from '../../api/auth.ts';
import { readApiOptions } from '../../api/config.ts';
import { startApiServer, type ApiServer } from '../../api/server.ts';
import type { Graph } from '../../graph/connection.ts';
import { PROJECT_ROOT } from '../../graph/config.ts';
import { COVERAGE_STATUSES, STATUS_COLORS } from '../../queries/status.ts';
import { coverageReport } from '../../queries/coverage-report.ts';
import type { CoverageResult } from '../../queries/coverage.ts';
import type { EvidenceCoveringBothResult, Reach } from '../../queries/evidence-covering-both.ts';
import type { GapsResult } from '../../queries/gaps.ts';
import type { ImpactResult } from '../../queries/impact.ts';
import { findQuestion } from '../../queries/questions.ts';
import type { ReuseResult } from '../../queries/reuse.ts';
import type { SearchResult } from '../../queries/search.ts';
import { seededGraph } from './helpers.ts';

const SECRET = 'test-secret-explorer-0123456789-0123456789';
const CHROMIUM = process.env.CROSSWALK_CHROMIUM ?? '/usr/bin/chromium';
const ARTIFACTS = path.join(PROJECT_ROOT, 'test', 'artifacts');
/** Also copied here for the closing note of issue #20 when the directory exists (the coordinator's machine). */
const NOTE_SCREENSHOTS = process.env.CROSSWALK_SCREENSHOTS_DIR;
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
  // Every question that judges evidence takes the pinned day (search judges nothing).
  const day = question.params.some((p) => p.name === 'today') ? { today: TODAY } : {};
  return (await question.run(graph, { org: ORG, ...day, ...params })) as R;
}

async function rows<T>(cypher: string, params: Record<string, unknown> = {}): Promise<T[]> {
  const { records } = await graph.run(cypher, params);
  return records.map((r) => r.toObject() as T);
}

async function screenshot(name: string, fullPage = false): Promise<void> {
  const file = path.join(ARTIFACTS, `explorer-${name}.png`);
  await page.screenshot({ path: file, fullPage });
  if (NOTE_SCREENSHOTS && fs.existsSync(NOTE_SCREENSHOTS))
    fs.copyFileSync(file, path.join(NOTE_SCREENSHOTS, `explorer-${name}.png`));
}

/** How the evidence view says a requirement is reached: direct, inherited (full mapping path), indicated. */
const basisOf = (r: Reach) => r.reach;
/** A gap's requirements advanced elsewhere: `meets` with the coverage semantics of issue #13, `advances` before. */
const advancesOf = (g: GapsResult['gaps'][number]) => g.meets.length;

/** Clicks an export button and returns the downloaded file's bytes and name. */
async function exported(button: '#export-csv' | '#export-xlsx'): Promise<{ name: string; bytes: Buffer }> {
  const [download] = (await Promise.all([page.waitForEvent('download'), page.click(button)])) as [Download, void];
  const file = await download.path();
  return { name: download.suggestedFilename(), bytes: fs.readFileSync(file) };
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
    const reuseRequests: number[] = [];
    const countReuse = (request: { url(): string; postData(): string | null }) => {
      const fields = (request.postData() ?? '').match(/\breuse\(/g)?.length ?? 0;
      if (request.url().endsWith('/graphql') && fields) reuseRequests.push(fields);
    };
    page.on('request', countReuse);
    await page.goto(`${server.url}/explorer?today=${TODAY}#token=${token}`);
    await page.waitForSelector('#heatmap[data-state="done"]', { timeout: 120_000 });
    page.off('request', countReuse);

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

    // All pairs in as few requests as the alias limit allows (15 per request; a field that failed on a busy
    // server is asked once more), and the progress said so.
    const pairs = adopted.length * (adopted.length - 1);
    const batches = Math.ceil(pairs / 15);
    expect(reuseRequests.slice(0, batches).reduce((a, b) => a + b, 0)).toBe(pairs);
    expect(reuseRequests.length).toBeLessThanOrEqual(2 * batches);
    expect(Math.max(...reuseRequests)).toBeLessThanOrEqual(15);
    expect(await page.getAttribute('#heatmap-progress', 'value')).toBe(String(pairs));
    expect(await page.textContent('#heatmap-progress-box')).toContain(`${pairs} of ${pairs} pairs answered`);
    await screenshot('heatmap', true);
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
    await screenshot('coverage');

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

    // What Cytoscape holds: the requirement, its part-of parent, the mapped requirements, controls and evidence.
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
    // A legend on the canvas, readable labels (Cytoscape's node and edge font sizes).
    expect(await page.locator('.graph-box #canvas-legend li').count()).toBeGreaterThan(4);
    await screenshot('neighbourhood');

    // A mapped requirement's link moves the neighbourhood there.
    const next = truth.mapped[0] ?? '';
    await page.click(`#neighbourhood-list [data-section="mappings"] > li[data-node-id="${next}"] a`);
    await page.waitForFunction((u) => document.getElementById('neighbourhood-of')?.textContent === u, next);
    await page.waitForSelector('#graph[data-layout="done"]', { timeout: 60_000 });
  }, 120_000);

  it("shows the coverage headline's figures from the coverage question: met and indicated said separately", async () => {
    await go('#coverage/iso27001');
    await page.waitForSelector('#coverage[data-state="done"] #headline');
    const expected = await ask<CoverageResult>('coverage', { framework: 'iso27001' });
    const pct = (v: number | null) => (v === null ? '–' : `${v}%`);
    expect(await page.textContent('#percent-met')).toBe(pct(expected.percentMet));
    expect(await page.textContent('#percent-met-direct')).toBe(pct(expected.percentMetDirect));
    expect(await page.textContent('#percent-partially-met-direct')).toBe(pct(expected.percentPartiallyMetDirect));
    expect(await page.textContent('#indicated')).toBe(String(expected.totals.indicated));
    expect(await page.textContent('#headline')).toContain('indicated (advice, not counted)');
  }, 60_000);

  it('filters coverage by system, status and control owner: the same requirements as the coverage question', async () => {
    await go('#coverage/iso42001?system=sys-chatbot&status=gap,stale');
    await page.waitForSelector('#coverage[data-state="done"] #coverage-list');
    const forSystem = await ask<CoverageResult>('coverage', { framework: 'iso42001', system: 'sys-chatbot' });
    const listed = () =>
      page.$$eval('#coverage-list tbody tr', (trs) =>
        trs.map((tr) => [tr.getAttribute('data-uid'), tr.getAttribute('data-status')]),
      );
    const expected = forSystem.requirements.filter((r) => ['gap', 'stale'].includes(r.status)).map((r) => [r.uid, r.status]);
    expect(expected.length).toBeGreaterThan(0);
    expect(await listed()).toEqual(expected);
    expect(await page.inputValue('#filter-system')).toBe('sys-chatbot');
    // The system's coverage is not the organization's: the headline follows the question asked for the system.
    expect(await page.textContent('#percent-met')).toBe(forSystem.percentMet === null ? '–' : `${forSystem.percentMet}%`);
    await screenshot('filters');

    // Owner: the requirements implemented by a control of that owner (owners from the graph, by hand).
    const [owner] = await rows<{ owner: string; controls: string[] }>(
      `MATCH (c:Control {orgId: $org}) WHERE c.owner IS NOT NULL
       RETURN c.owner AS owner, collect(c.id) AS controls ORDER BY size(controls) DESC, owner LIMIT 1`,
      { org: ORG },
    );
    if (!owner) throw new Error('no control owners in the demo data');
    await page.selectOption('#filter-owner', owner.owner);
    await page.waitForFunction((o) => {
      const body = document.querySelector<HTMLElement>('#coverage[data-state="done"]');
      return new URLSearchParams(body?.dataset.hash?.split('?')[1]).get('owner') === o;
    }, owner.owner);
    const byOwner = forSystem.requirements
      .filter((r) => ['gap', 'stale'].includes(r.status) && r.controls.some((c) => owner.controls.includes(c.control)))
      .map((r) => [r.uid, r.status]);
    expect(await listed()).toEqual(byOwner);
  }, 60_000);

  it('answers "what evidence covers both ISO 27001 and NIS2": the evidence-covering-both question, per side and how', async () => {
    await go('#evidence/iso27001/nis2');
    await page.waitForSelector('#evidence[data-state="done"] #evidence-table');
    const expected = await ask<EvidenceCoveringBothResult>('evidence-covering-both', {
      frameworkA: 'iso27001',
      frameworkB: 'nis2',
    });
    expect(expected.total).toBeGreaterThan(2);
    expect(await page.textContent('#evidence-total')).toBe(String(expected.total));
    const shown = await page.$$eval('#evidence-table tbody tr', (trs) =>
      trs.map((tr) => {
        const cells = [...tr.querySelectorAll(':scope > td')];
        const reached = (td: Element | undefined) =>
          [...(td?.querySelectorAll('li[data-uid]') ?? [])].map(
            (li) => `${li.getAttribute('data-uid')} ${li.getAttribute('data-basis')}`,
          );
        return {
          evidence: tr.getAttribute('data-evidence'),
          controls: [...(cells[2]?.querySelectorAll('li[data-control]') ?? [])].map((li) => li.textContent),
          a: reached(cells[3]),
          b: reached(cells[4]),
        };
      }),
    );
    const names = Object.fromEntries(
      (
        await rows<{ id: string; name: string }>('MATCH (c:Control {orgId: $org}) RETURN c.id AS id, c.name AS name', {
          org: ORG,
        })
      ).map((c) => [c.id, c.name]),
    );
    expect(shown).toEqual(
      expected.items.map((item) => ({
        evidence: item.evidence.id,
        // Names instead of ids alone.
        controls: item.controls.map((c) => `${c} ${names[c]}`),
        a: item.a.map((r) => `${r.uid} ${basisOf(r)}`),
        b: item.b.map((r) => `${r.uid} ${basisOf(r)}`),
      })),
    );
    // Both ways of being reached occur in the demo answer, so the distinction is visible.
    const bases = new Set(expected.items.flatMap((i) => [...i.a, ...i.b].map(basisOf)));
    expect(bases.has('direct')).toBe(true);
    expect(bases.size).toBeGreaterThan(1);
    await screenshot('evidence');

    // Export: the same rows as the question (one row per evidence item and requirement reached).
    const csv = await exported('#export-csv');
    expect(csv.name).toBe('evidence-iso27001-nis2.csv');
    const records = parse(csv.bytes, { bom: true, columns: true }) as Record<string, string>[];
    expect(records.map((r) => `${r.evidence} ${r.requirement} ${r.how}`)).toEqual(
      expected.items.flatMap((i) => [...i.a, ...i.b].map((r) => `${i.evidence.id} ${r.uid} ${basisOf(r)}`)),
    );

    // A requirement opens its neighbourhood.
    const first = expected.items[0]?.b[0]?.uid ?? '';
    await page.click(`#evidence-table li[data-uid="${first}"] a`);
    await page.waitForFunction((u) => document.getElementById('neighbourhood-of')?.textContent === u, first);
  }, 90_000);

  it('lists the gaps of ISO 42001 ranked by leverage, as the gaps question does, and exports them as CSV and XLSX', async () => {
    await go('#gaps/iso42001?statuses=gap,unverified,stale');
    await page.waitForSelector('#gaps[data-state="done"] #gaps-table');
    const expected = await ask<GapsResult>('gaps', { framework: 'iso42001', statuses: ['gap', 'unverified', 'stale'] });
    expect(expected.total).toBeGreaterThan(3);
    expect(await page.textContent('#gaps-total')).toBe(String(expected.total));
    const shown = await page.$$eval('#gaps-table tbody tr', (trs) =>
      trs.map((tr) => [
        tr.getAttribute('data-uid'),
        Number(tr.getAttribute('data-leverage')),
        Number(tr.getAttribute('data-advances')),
      ]),
    );
    expect(shown).toEqual(expected.gaps.map((g) => [g.uid, g.frameworks.length, advancesOf(g)]));
    // Ranked: leverage never rises down the list.
    const leverage = shown.map((r) => r[1] as number);
    expect(leverage).toEqual([...leverage].sort((a, b) => b - a));
    await screenshot('gaps');

    const csv = await exported('#export-csv');
    expect(csv.name).toBe('gaps-iso42001.csv');
    const records = parse(csv.bytes, { bom: true, columns: true }) as Record<string, string>[];
    expect(records.map((r) => [r.requirement, Number(r.leverage), r.status])).toEqual(
      expected.gaps.map((g) => [g.uid, g.frameworks.length, g.status]),
    );
    const xlsx = await exported('#export-xlsx');
    expect(xlsx.name).toBe('gaps-iso42001.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const values: unknown[][] = [];
    sheet?.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
    expect(values[0]?.slice(0, 5)).toEqual(['rank', 'requirement', 'ref', 'title', 'status']);
    expect(values.slice(1).map((v) => [v[1], v[5], v[4]])).toEqual(
      expected.gaps.map((g) => [g.uid, g.frameworks.length, g.status]),
    );
  }, 90_000);

  it('searches requirements, controls and evidence from the search box: the search question, paged', async () => {
    await page.fill('#search-input', 'incident');
    await page.press('#search-input', 'Enter');
    await page.waitForSelector('#search-results[data-state="done"] #search-table');
    const expected = await ask<SearchResult>('search', { q: 'incident', first: 25, offset: 0 });
    expect(expected.counts.control).toBeGreaterThan(0);
    expect(await page.textContent('#search-total')).toBe(String(expected.total));
    const shown = () =>
      page.$$eval('#search-table tbody tr', (trs) =>
        trs.map((tr) => `${tr.getAttribute('data-kind')}:${tr.getAttribute('data-id')}`),
      );
    expect(await shown()).toEqual(expected.items.map((i) => `${i.kind}:${i.id}`));
    await screenshot('search');
    if (expected.total > 25) {
      await page.click('#search-next');
      await page.waitForFunction(() => document.querySelector('#search-pager')?.textContent?.includes('page 2'));
      const second = await ask<SearchResult>('search', { q: 'incident', first: 25, offset: 25 });
      expect(await shown()).toEqual(second.items.map((i) => `${i.kind}:${i.id}`));
    }
    // Case does not matter.
    await page.fill('#search-input', 'INCIDENT');
    await page.press('#search-input', 'Enter');
    await page.waitForFunction(() => decodeURIComponent(location.hash).includes('q=INCIDENT'));
    await page.waitForSelector('#search-results[data-state="done"] #search-table');
    expect(await page.textContent('#search-total')).toBe(String(expected.total));
  }, 60_000);

  it('lists what expires within a year: the impact question with withinDays', async () => {
    await go('#expiring/365');
    await page.waitForSelector('#expiring[data-state="done"] #expiring-table');
    const expected = await ask<ImpactResult>('impact', { withinDays: 365 });
    // seeds/demo/evidence.csv: approved, valid on 2026-06-01 and valid_until before 2027-06-01, by date then id.
    expect(expected.expiring.map((e) => e.id)).toEqual(['EV-08', 'EV-06', 'EV-11', 'EV-14', 'EV-02', 'EV-23', 'EV-13', 'EV-09']);
    expect(await page.textContent('#expiring-total')).toBe(String(expected.expiring.length));
    expect(await page.$$eval('#expiring-table tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-evidence')))).toEqual(
      expected.expiring.map((e) => e.id),
    );
    expect(await page.$$eval('#expiring-changes-table tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-uid')))).toEqual(
      expected.changes.map((c) => c.uid),
    );
    await screenshot('expiring');
    const csv = parse((await exported('#export-csv')).bytes, { bom: true, columns: true }) as Record<string, string>[];
    expect(csv.map((r) => [r.evidence, r['valid until']])).toEqual(expected.expiring.map((e) => [e.id, e.validUntil]));
  }, 60_000);

  it('uses the same status colours as the HTML coverage report, and prints without its controls', async () => {
    await go('#coverage/iso42001');
    await page.waitForSelector('#coverage[data-state="done"] #status-legend');
    const legend = Object.fromEntries(
      await page.$$eval('#status-legend .swatch[data-status]', (swatches) =>
        swatches.map((s) => [s.getAttribute('data-status'), getComputedStyle(s).backgroundColor]),
      ),
    );
    const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
    expect(legend).toEqual(Object.fromEntries(COVERAGE_STATUSES.map((s) => [s, rgb(STATUS_COLORS[s])])));
    const html = await coverageReport(graph, { org: ORG, format: 'html', frameworks: ['iso42001'], today: TODAY });
    for (const s of COVERAGE_STATUSES)
      expect(html).toContain(
        `tr.${s} td:nth-child(3){background:${STATUS_COLORS[s]}2e;border-left:6px solid ${STATUS_COLORS[s]}}`,
      );

    await page.emulateMedia({ media: 'print' });
    try {
      expect(await page.$eval('#coverage-filters', (e) => getComputedStyle(e).display)).toBe('none');
      expect(await page.$eval('#export', (e) => getComputedStyle(e).display)).toBe('none');
      expect(await page.$eval('#headline', (e) => getComputedStyle(e).display)).not.toBe('none');
      await screenshot('print');
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  }, 60_000);

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
