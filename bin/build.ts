/**
 * The build (`npm run build`; `npm install` runs it through `prepare`, `npm start` and `npm test` when a
 * source is newer than dist/): the CLI and the API bundled by esbuild into dist/ (ES modules, one chunk per
 * command so `crosswalk --help` loads only the command list; npm packages stay external), and the
 * explorer's browser code into dist/explorer/app.js. Types are checked by `npm run typecheck`, not here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { EXPLORER_BUNDLE, explorerBuildOptions } from '../api/explorer/bundle.ts';
import { PROJECT_ROOT } from '../graph/config.ts';

const started = Date.now();
const dist = path.join(PROJECT_ROOT, 'dist');
fs.rmSync(dist, { recursive: true, force: true });
await build({
  ...explorerBuildOptions,
  outfile: EXPLORER_BUNDLE,
});
// The CLI last: its entry's mtime is the build time bin/freshness.mjs compares the sources with.
await build({
  entryPoints: [path.join(PROJECT_ROOT, 'bin', 'cli.ts')],
  outdir: dist,
  outbase: PROJECT_ROOT,
  entryNames: '[dir]/[name]',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
console.error(`crosswalk: built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
