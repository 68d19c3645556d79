/** `npm run schema:print`: writes the generated SDL to api/schema.graphql and the
 * questions' full selections to api/explorer/browser/selections.ts (test/api-schema.test.ts checks it). */
import fs from 'node:fs';
import path from 'node:path';
import { explorerSelections, PRINTED_SCHEMA_FILE, printedSchema, SELECTIONS_FILE } from './schema.ts';

const sdl = await printedSchema();
fs.writeFileSync(PRINTED_SCHEMA_FILE, sdl);
process.stderr.write(`Wrote ${path.relative(process.cwd(), PRINTED_SCHEMA_FILE)} (${sdl.split('\n').length} lines).\n`);
const selections = await explorerSelections();
fs.writeFileSync(SELECTIONS_FILE, selections);
process.stderr.write(`Wrote ${path.relative(process.cwd(), SELECTIONS_FILE)}.\n`);
