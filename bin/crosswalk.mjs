#!/usr/bin/env node
// The `crosswalk` command. Runs the compiled CLI (dist/, built by `npm run build`, which `npm install` runs
// through `prepare`); when the TypeScript sources are newer than that build (development), runs them
// through tsx instead, slower to start but never stale.
import { pathToFileURL } from 'node:url';
import { buildIsFresh, DIST_ENTRY } from './freshness.mjs';

// A closed pipe (`crosswalk export mappings --format csv | head -1`) ends the command quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

// Stack traces (--debug) name the TypeScript sources.
if (process.argv.includes('--debug') || process.env.CROSSWALK_DEBUG) process.setSourceMapsEnabled(true);

let cli;
if (buildIsFresh()) {
  cli = await import(pathToFileURL(DIST_ENTRY).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import('./cli.ts');
}
process.exitCode = await cli.main(process.argv.slice(2));
