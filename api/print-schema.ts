/** `npm run schema:print`: writes the generated SDL to api/schema.graphql (test/api-schema.test.ts checks it). */
import fs from 'node:fs';
import path from 'node:path';
import { PRINTED_SCHEMA_FILE, printedSchema } from './schema.ts';

const sdl = await printedSchema();
fs.writeFileSync(PRINTED_SCHEMA_FILE, sdl);
process.stderr.write(`Wrote ${path.relative(process.cwd(), PRINTED_SCHEMA_FILE)} (${sdl.split('\n').length} lines).\n`);
