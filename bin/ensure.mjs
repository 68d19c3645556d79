// Run by `npm start` and `npm test` before anything else: installs the npm dependencies only when
// node_modules is missing or package.json / package-lock.json changed since the last install (npm
// records that install in node_modules/.package-lock.json), and builds dist/ only when a source is newer
// than it. A start with nothing to do costs a few milliseconds instead of an `npm install`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildIsFresh, ROOT } from './freshness.mjs';

const mtime = (file) => {
  try {
    return fs.statSync(path.join(ROOT, file)).mtimeMs;
  } catch {
    return undefined;
  }
};

function run(command, args) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const installed = mtime('node_modules/.package-lock.json');
if (installed === undefined || (mtime('package-lock.json') ?? 0) > installed || (mtime('package.json') ?? 0) > installed) {
  console.error('crosswalk: installing the npm dependencies (package-lock.json changed or node_modules is missing)...');
  // `prepare` builds dist/ as part of the install.
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error']);
} else if (!buildIsFresh()) {
  run(process.execPath, [path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(ROOT, 'bin', 'build.ts')]);
}
