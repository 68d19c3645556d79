// Is the compiled CLI (dist/, bin/build.ts) at least as new as its TypeScript sources? Plain JS, no
// dependencies: bin/crosswalk.mjs asks it at every start (a stat of each source file, a few ms) and runs
// the sources through tsx instead when they changed since the last build.
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const DIST_ENTRY = path.join(ROOT, 'dist', 'bin', 'cli.js');
/** What the build compiles or bundles; other files (.cypher, seeds, typeDefs) are read at run time. */
const SOURCE_DIRS = ['bin', 'graph', 'api', 'importers', 'queries', 'seeds'];
const SKIP = new Set(['node_modules', 'target', 'embedded']);

function newest(dir, mtime = 0) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return mtime;
  }
  for (const entry of entries) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP.has(entry.name)) mtime = newest(file, mtime);
    } else if (entry.name.endsWith('.ts')) {
      mtime = Math.max(mtime, fs.statSync(file).mtimeMs);
    }
  }
  return mtime;
}

export function newestSource() {
  return Math.max(...SOURCE_DIRS.map((d) => newest(path.join(ROOT, d))), fs.statSync(path.join(ROOT, 'package.json')).mtimeMs);
}

/** True when dist/ exists and no source is newer than it. */
export function buildIsFresh() {
  let built;
  try {
    built = fs.statSync(DIST_ENTRY).mtimeMs;
  } catch {
    return false;
  }
  return newestSource() <= built;
}
