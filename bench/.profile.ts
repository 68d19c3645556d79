import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readConfig } from '../graph/config.ts';
import { connect } from '../graph/connection.ts';
import { startBundled, stopBundled } from '../graph/embedded.ts';
import { applySchema } from '../graph/schema.ts';
import { importFiles } from '../importers/index.ts';
import { WRITE_SUPPORTS, WRITE_EVIDENCE } from '../importers/writer.ts';
import { generateInventory } from './generate-inventory.ts';
const tmpData = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-bench-'));
const out = path.join(tmpData, 'inv');
generateInventory({ evidence: 20000, controls: 200, seed: 1, out, orgId: 'bench' });
const instance = await startBundled({ ...readConfig({ ...process.env, CROSSWALK_DATA_DIR: tmpData, CROSSWALK_NEO4J_PORT: '7811' }).bundled, heap: '2g' });
const graph = await connect({ uri: instance.uri, username: 'neo4j', password: '', database: 'neo4j' });
try {
  await applySchema(graph);
  let t = Date.now();
  await importFiles(graph, [out]);
  console.log('import', Date.now() - t);
  const rows = fs.readFileSync(path.join(out, 'evidence-controls.csv'), 'utf8').trim().split('\n').slice(1, 5001).map((l) => { const [orgId, fromId, toId] = l.split(','); return { orgId, fromId, toId }; });
  for (const stmt of [WRITE_SUPPORTS]) {
    t = Date.now();
    const session = graph.driver.session();
    const r = await session.run('PROFILE ' + stmt, { rows });
    await session.close();
    console.log('took', Date.now() - t);
    const plan = r.summary.profile;
    const show = (p: any, d = 0): void => { console.log(' '.repeat(d) + p.operatorType, p.dbHits, p.rows, (p.arguments?.Details ?? '').slice(0, 100)); for (const c of p.children) show(c, d + 2); };
    show(plan);
  }
} finally {
  await graph.close();
  await stopBundled(instance);
  fs.rmSync(tmpData, { recursive: true, force: true });
}
