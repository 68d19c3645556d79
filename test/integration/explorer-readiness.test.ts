/**
 * The explorer's Readiness view (#readiness/<framework>) in a real browser: Debian's Chromium driven by
 * playwright-core against the API, on the readiness suites' midway organization (rdy-mid, every step in
 * progress) and, for the screenshot, the demo organization. Every card is compared with the readiness
 * question asked directly; the overdue list with overdue-actions. Screenshot: test/artifacts/explorer-readiness.png
 * (also copied to $CROSSWALK_SCREENSHOTS_DIR when that directory exists).
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
import { applySchema } from '../../graph/schema.ts';
import { readiness, type ReadinessResult } from '../../queries/readiness.ts';
import { READINESS_COLORS } from '../../queries/readiness-status.ts';
import { seedGraph } from '../../seeds/load.ts';
import { testGraph } from './helpers.ts';
import { setUpReadinessOrganizations } from './readiness-programme.ts';

const SECRET = 'test-secret-explorer-readiness-0123456789';
const CHROMIUM = process.env.CROSSWALK_CHROMIUM ?? '/usr/bin/chromium';
const ARTIFACTS = path.join(PROJECT_ROOT, 'test', 'artifacts');
const NOTE_SCREENSHOTS = process.env.CROSSWALK_SCREENSHOTS_DIR;
const TODAY = '2026-11-22';

let graph: Graph;
let server: ApiServer;
let browser: Browser;
let page: Page;
const problems: string[] = [];

/** Opens the view for an organization (a fresh token in the fragment, the pinned day in the query). */
async function open(org: string, framework = 'iso42001'): Promise<void> {
  const token = await mintToken(SECRET, { roles: ['viewer'], org }, { ttlSeconds: 600 });
  await page.goto(`${server.url}/explorer?today=${TODAY}#token=${token}`);
  await page.evaluate((h) => {
    location.hash = h;
  }, `#readiness/${framework}`);
  await page.waitForSelector('#readiness[data-state="done"]', { timeout: 120_000 });
}

async function screenshot(name: string): Promise<void> {
  const file = path.join(ARTIFACTS, `explorer-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  if (NOTE_SCREENSHOTS && fs.existsSync(NOTE_SCREENSHOTS))
    fs.copyFileSync(file, path.join(NOTE_SCREENSHOTS, `explorer-${name}.png`));
}

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`The explorer's browser tests need Chromium at ${CHROMIUM} (CROSSWALK_CHROMIUM).`);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  graph = await testGraph();
  await applySchema(graph);
  await seedGraph(graph, { demo: true });
  await setUpReadinessOrganizations(graph);
  server = await startApiServer(graph, {
    port: 0,
    host: '127.0.0.1',
    api: { ...readApiOptions({ CROSSWALK_API_TIMEOUT_MS: '120000' }), auth: { secret: SECRET } },
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
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

describe('explorer: readiness', () => {
  it('shows the five steps as cards coloured by status, with facts, next steps and clauses', async () => {
    await open('rdy-mid');
    const expected = (await readiness.run(graph, { org: 'rdy-mid', today: TODAY })) as ReadinessResult;
    const cards = await page.$$eval('.readiness-card', (els) =>
      els.map((el) => ({
        step: Number(el.getAttribute('data-step')),
        status: el.getAttribute('data-status'),
        border: getComputedStyle(el).borderLeftColor,
        facts: [...el.querySelectorAll('ul.facts li')].map((li) => li.textContent),
        next: [...el.querySelectorAll('ol.next li')].map((li) => li.textContent),
        clauses: [...el.querySelectorAll('.clause')].map(
          (c) => `${c.getAttribute('data-uid')} ${c.querySelector('.badge')?.getAttribute('data-status')}`,
        ),
      })),
    );
    const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
    expect(cards).toEqual(
      expected.steps.map((s) => ({
        step: s.step,
        status: s.status,
        border: rgb(READINESS_COLORS[s.status]),
        facts: s.facts.map((f) => f.text),
        next: s.next,
        clauses: s.clauses.map((c) => `${c.uid} ${c.status}`),
      })),
    );
    expect(await page.textContent('#readiness-overall')).toBe('in progress');
    // The overdue list: CA-1, 326 days (overdue-actions, hand-worked in readiness.test.ts).
    const overdue = await page.$$eval('#overdue-table tbody tr', (rows) =>
      rows.map((r) => [r.getAttribute('data-action'), r.getAttribute('data-days')]),
    );
    expect(overdue).toEqual([['CA-1', '326']]);
    await screenshot('readiness-rdy-mid');
    expect(problems).toEqual([]);
  });

  it('switches programme, and shows the demo organization', async () => {
    await open('rdy-mid', 'iso27001');
    expect(await page.$eval('#readiness-framework', (el) => (el as HTMLSelectElement).value)).toBe('iso27001');
    expect(await page.textContent('#readiness-step-5 [data-fact="internal_audit"]')).toBe(
      'internal audit of the ISMS 1 month ago (AUD-3, 2026-10-01)',
    );
    // A link with another token (same page, a new #token=) shows the other organization, names included.
    await open('demo');
    expect(await page.textContent('.who')).toContain('Kestrel Support Services GmbH (demo)');
    const demo = (await readiness.run(graph, { org: 'demo', today: TODAY })) as ReadinessResult;
    expect(await page.$$eval('.readiness-card', (els) => els.map((el) => el.getAttribute('data-status')))).toEqual(
      demo.steps.map((s) => s.status),
    );
    await screenshot('readiness');
    expect(problems).toEqual([]);
  });
});
