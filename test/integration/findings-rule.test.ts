/**
 * The findings rule (coverage/README.md "Findings"): an open major nonconformity keeps what it is about from
 * being met. The fixture (fixtures/findings/) and the expectations, worked out by hand:
 * - CTL-AUD fully implements iso42001:9.2 (parts 9.2.1, 9.2.2) with EV-AUD (approved, no end date); CTL-DOC
 *   fully implements iso42001:7.5.3 with EV-DOC (approved until 2027-12-31). iso27001:9.2.2 and 7.5.3 inherit
 *   from their iso42001 twins (equal, strength 9).
 * - F-PROG (major, about 9.2, raised 2026-03-01): CA-PROG closed 2026-06-15 with approved EV-FIX, so 9.2.1
 *   and 9.2.2 are capped 2026-03-01 to 2026-06-14.
 * - F-ROT (major, about 9.2.1, raised 2026-01-10): CA-ROT is closed but its closing evidence EV-DRAFT is a
 *   draft, so the finding is still open: 9.2.1 capped from 2026-01-10 on, until EV-DRAFT is approved (then
 *   2026-01-10 to 2026-01-19, the day before CA-ROT's closedOn 2026-01-20).
 * - F-DOC (major, about the control CTL-DOC, raised 2026-05-01): CA-DOC open, so everything CTL-DOC implements
 *   (7.5.3) is capped from 2026-05-01 on.
 * - F-MIN (minor, about 7.5.3): no effect.
 * A capped requirement is partially met (its control and evidence still count), and no source of
 * inheritance: its iso27001 twin loses its inherited status and is left with an indication.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken } from '../../api/auth.ts';
import { readApiOptions, type ApiOptions } from '../../api/config.ts';
import { startApiServer, type ApiServer } from '../../api/server.ts';
import { verify } from '../../coverage/index.ts';
import type { Graph } from '../../graph/connection.ts';
import { runCli, seededGraph } from './helpers.ts';

const ORG = 'fr-org';
const FIXTURES = path.join(import.meta.dirname, 'fixtures', 'findings');
const SECRET = 'findings-test-secret-0123456789-0123456789';
const OPTIONS: ApiOptions = { ...readApiOptions({}), auth: { secret: SECRET } };
const DAYS = ['2025-12-01', '2026-02-01', '2026-04-01', '2026-07-01'];

let graph: Graph;
let server: ApiServer;

interface Row {
  uid: string;
  status: string;
  basis: string | null;
  directStatus: string;
  indications: unknown[];
}

/** status/basis of the given requirements, asked through the CLI as a user would. */
async function statuses(framework: string, today: string, uids: string[], reference = false) {
  const argv = ['query', 'coverage', '--org', ORG, '--framework', framework, '--today', today, '--json'];
  const { code, stdout, stderr } = await runCli(graph, reference ? [...argv, '--reference'] : argv);
  expect(code, stderr).toBe(0);
  const result = JSON.parse(stdout) as { requirements: { edges: { node: Row }[] } };
  const byUid = new Map(result.requirements.edges.map((e) => [e.node.uid, e.node]));
  return Object.fromEntries(
    uids.map((uid) => {
      const row = byUid.get(uid);
      return [uid, row ? `${row.status}/${row.basis ?? '-'}${row.indications.length ? '+indicated' : ''}` : 'missing'];
    }),
  );
}

async function expectNoDifference() {
  const result = await verify(graph, { org: ORG, days: DAYS, frameworks: ['iso42001', 'iso27001'] });
  expect(result.differences).toEqual([]);
  expect(result.compared).toBeGreaterThan(100);
}

beforeAll(async () => {
  graph = await seededGraph();
  const { code, stderr } = await runCli(graph, ['import', FIXTURES]);
  expect(code, stderr).toBe(0);
  server = await startApiServer(graph, { port: 0, host: '127.0.0.1', api: OPTIONS });
}, 240_000);

afterAll(async () => {
  await server?.stop();
  await graph?.close();
});

const ISO42001 = ['iso42001:9.2.1', 'iso42001:9.2.2', 'iso42001:7.5.3'];
const ISO27001 = ['iso27001:9.2.2', 'iso27001:7.5.3'];

describe('findings rule', () => {
  it('caps what an open major nonconformity is about, for the days it is open', async () => {
    expect(await statuses('iso42001', '2025-12-01', ISO42001)).toEqual({
      'iso42001:9.2.1': 'met/direct',
      'iso42001:9.2.2': 'met/direct',
      'iso42001:7.5.3': 'met/direct',
    });
    expect(await statuses('iso42001', '2026-02-01', ISO42001)).toEqual({
      'iso42001:9.2.1': 'partially_met/direct', // F-ROT: closing evidence still a draft
      'iso42001:9.2.2': 'met/direct',
      'iso42001:7.5.3': 'met/direct',
    });
    expect(await statuses('iso42001', '2026-04-01', ISO42001)).toEqual({
      'iso42001:9.2.1': 'partially_met/direct',
      'iso42001:9.2.2': 'partially_met/direct', // F-PROG on the parent 9.2
      'iso42001:7.5.3': 'met/direct', // F-DOC not raised yet; F-MIN is minor
    });
    expect(await statuses('iso42001', '2026-07-01', ISO42001)).toEqual({
      'iso42001:9.2.1': 'partially_met/direct',
      'iso42001:9.2.2': 'met/direct', // F-PROG closed on 2026-06-15
      'iso42001:7.5.3': 'partially_met/direct', // F-DOC on CTL-DOC, still open
    });
  });

  it('a capped requirement is no source of inheritance', async () => {
    expect(await statuses('iso27001', '2026-02-01', ISO27001)).toEqual({
      'iso27001:9.2.2': 'met/inherited',
      'iso27001:7.5.3': 'met/inherited',
    });
    expect(await statuses('iso27001', '2026-04-01', ISO27001)).toEqual({
      'iso27001:9.2.2': 'gap/-+indicated',
      'iso27001:7.5.3': 'met/inherited',
    });
    expect(await statuses('iso27001', '2026-07-01', ISO27001)).toEqual({
      'iso27001:9.2.2': 'met/inherited',
      'iso27001:7.5.3': 'gap/-+indicated',
    });
  });

  it('the maintained coverage and the reference agree on every day', async () => {
    expect(await statuses('iso42001', '2026-04-01', ISO42001, true)).toEqual(await statuses('iso42001', '2026-04-01', ISO42001));
    await expectNoDifference();
  });

  it('approving the closing evidence through the API closes the finding', async () => {
    const editor = await mintToken(SECRET, { roles: ['editor'], org: ORG }, { ttlSeconds: 600 });
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${editor}` },
      body: JSON.stringify({
        query:
          'mutation { updateEvidence(where: {id: {eq: "EV-DRAFT"}}, update: {status: {set: approved}}) { evidence { id status } } }',
      }),
    });
    expect(await response.json()).toEqual({ data: { updateEvidence: { evidence: [{ id: 'EV-DRAFT', status: 'approved' }] } } });
    expect(await statuses('iso42001', '2026-02-01', ['iso42001:9.2.1'])).toEqual({ 'iso42001:9.2.1': 'met/direct' });
    expect(await statuses('iso42001', '2026-04-01', ['iso42001:9.2.1'])).toEqual({ 'iso42001:9.2.1': 'partially_met/direct' });
    expect(await statuses('iso42001', '2026-07-01', ['iso42001:9.2.1'])).toEqual({ 'iso42001:9.2.1': 'met/direct' });
    await expectNoDifference();
  });

  it('closing the last open action through a re-import lifts the cap', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-findings-'));
    try {
      fs.writeFileSync(
        path.join(dir, 'corrective-actions.csv'),
        [
          'org_id,id,finding_id,title,status,due_on,closed_on,evidence',
          'fr-org,CA-DOC,F-DOC,Review the register quarterly,closed,2026-06-30,2026-08-01,EV-DOC',
          '',
        ].join('\n'),
      );
      const { code, stderr } = await runCli(graph, ['import', dir]);
      expect(code, stderr).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    // Capped from 2026-05-01 to the day before 2026-08-01.
    expect(await statuses('iso42001', '2026-07-31', ['iso42001:7.5.3'])).toEqual({ 'iso42001:7.5.3': 'partially_met/direct' });
    expect(await statuses('iso42001', '2026-08-01', ['iso42001:7.5.3'])).toEqual({ 'iso42001:7.5.3': 'met/direct' });
    expect(await statuses('iso27001', '2026-08-01', ['iso27001:7.5.3'])).toEqual({ 'iso27001:7.5.3': 'met/inherited' });
    await expectNoDifference();
  });
});
