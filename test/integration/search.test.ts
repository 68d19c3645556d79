/**
 * The search question: requirements through the full-text index, the organization's own controls and
 * evidence by their text, case-insensitive, every word required, paged. Expected answers worked out by
 * hand from seeds/demo (controls.csv, evidence.csv) and the catalogs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '../../graph/connection.ts';
import { search, type SearchResult } from '../../queries/search.ts';
import { seededGraph } from './helpers.ts';

const ORG = 'demo';
const OTHER = 'search-other-org';
let graph: Graph;

const ask = (params: Record<string, unknown>): Promise<SearchResult> => search.run(graph, { org: ORG, ...params });

beforeAll(async () => {
  graph = await seededGraph({ demo: true });
  // Another organization with a control and evidence that match the same words: never found for demo.
  await graph.run(
    `MERGE (o:Organization {id: $org}) SET o.name = 'Other'
     MERGE (c:Control {orgId: $org, id: 'X-CTL'}) SET c.name = 'Incident reporting elsewhere', c.status = 'operating'
     MERGE (e:Evidence {orgId: $org, id: 'X-EV'}) SET e.title = 'Incident report of another tenant', e.kind = 'report', e.status = 'approved'`,
    { org: OTHER },
  );
});

afterAll(async () => {
  await graph?.run('MATCH (n {orgId: $org}) DETACH DELETE n WITH 1 AS x MATCH (o:Organization {id: $org}) DETACH DELETE o', {
    org: OTHER,
  });
  await graph?.close();
});

describe('search', () => {
  it('finds the controls and evidence of the organization that contain every word, in any case', async () => {
    const result = await ask({ q: 'Incident REPORT', kinds: ['control', 'evidence'] });
    // controls.csv: only CTL-06 "NIS2 incident reporting runbook" has both words; evidence.csv: only EV-06
    // "Incident response tabletop exercise report" (CTL-05 and EV-05 say "incident" but not "report").
    expect(result.items.map((i) => `${i.kind}:${i.id}`)).toEqual(['control:CTL-06', 'evidence:EV-06']);
    expect(result.counts).toEqual({ requirement: 0, control: 1, evidence: 1 });
    expect(result.items[0]?.title).toBe('NIS2 incident reporting runbook');
  });

  it('finds requirements through the full-text index by word prefix, best matches first', async () => {
    const result = await ask({ q: 'serious incident', kinds: ['requirement'] });
    const uids = result.items.map((i) => i.id);
    // The AI Act's Art.73 "Reporting of serious incidents" and its paragraph (1) "Report serious incidents".
    expect(uids).toContain('eu-ai-act:Art.73');
    expect(uids).toContain('eu-ai-act:Art.73(1)');
    expect(result.items.every((i) => i.kind === 'requirement' && i.score !== null)).toBe(true);
    const scores = result.items.map((i) => i.score ?? 0);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // Prefix: "cryptog" finds "cryptography" (ISO/IEC 27001 A.8.24 "Use of cryptography").
    expect((await ask({ q: 'cryptog', kinds: ['requirement'] })).items.map((i) => i.id)).toContain('iso27001:A.8.24');
  });

  it('pages the list with first/offset, totals unchanged', async () => {
    const all = await ask({ q: 'incident' });
    expect(all.total).toBe(all.counts.requirement + all.counts.control + all.counts.evidence);
    expect(all.counts.control).toBe(2); // CTL-05, CTL-06
    const page = await ask({ q: 'incident', first: 3, offset: 2 });
    expect(page.total).toBe(all.total);
    expect(page.items).toEqual(all.items.slice(2, 5));
  });

  it("never returns another organization's controls or evidence, and takes Lucene syntax as plain text", async () => {
    const result = await ask({ q: 'incident report' });
    expect(result.items.filter((i) => i.id.startsWith('X-'))).toEqual([]);
    await expect(ask({ q: 'A.8.24 (crypto* OR "x") AND' })).resolves.toMatchObject({ q: 'A.8.24 (crypto* OR "x") AND' });
    await expect(ask({ q: '   ' })).rejects.toThrow(/q: is empty/);
  });
});
