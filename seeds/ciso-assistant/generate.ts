/** Writes seeds/ciso-assistant/urn-aliases.csv from the built-in catalogs and the rules in urns.ts. */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { catalogFiles, SEEDS_DIR } from '../index.ts';
import { frameworkUrn, LIBRARIES, requirementUrn } from './urns.ts';

const rows: [string, string, string][] = [];
for (const id of Object.keys(LIBRARIES)) rows.push([id, '', frameworkUrn(id)!]);
const seen = new Set<string>();
for (const file of catalogFiles().filter((f) => !f.endsWith('frameworks.csv'))) {
  for (const r of parse(fs.readFileSync(file), { columns: true, bom: true }) as { framework_id: string; ref: string }[]) {
    const urn = requirementUrn(r.framework_id, r.ref);
    if (!urn || seen.has(urn)) continue;
    seen.add(urn);
    rows.push([r.framework_id, r.ref, urn]);
  }
}
const out = path.join(SEEDS_DIR, 'ciso-assistant', 'urn-aliases.csv');
fs.writeFileSync(out, stringify(rows, { header: true, columns: ['framework_id', 'ref', 'urn'] }));
console.log(`${rows.length} aliases written to ${out}`);
