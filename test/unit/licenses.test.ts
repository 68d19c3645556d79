/**
 * The licence check (.ci/licenses.mjs) on small fixture trees written here: a package.json, a lock file,
 * node_modules with licence files, and an allow-list. It reads licence files, not only package.json.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../graph/config.ts';

const SCRIPT = path.join(PROJECT_ROOT, '.ci', 'licenses.mjs');
const MIT = 'Permission is hereby granted, free of charge, to any person obtaining a copy of this software';
const dirs: string[] = [];

interface Pkg {
  name: string;
  license?: string;
  files?: Record<string, string>;
  dev?: boolean;
}

function tree(packages: Pkg[], decisions: Record<string, unknown> = {}): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-licences-'));
  dirs.push(root);
  const lock: Record<string, unknown> = { '': { name: 'fixture' } };
  for (const p of packages) {
    const dir = path.join(root, 'node_modules', p.name);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: p.name, version: '1.0.0', license: p.license }));
    for (const [file, text] of Object.entries(p.files ?? {})) fs.writeFileSync(path.join(dir, file), text);
    lock[`node_modules/${p.name}`] = { version: '1.0.0', ...(p.dev ? { dev: true } : {}) };
  }
  fs.writeFileSync(path.join(root, 'package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages: lock }));
  fs.mkdirSync(path.join(root, 'licenses'));
  fs.writeFileSync(
    path.join(root, 'licenses', 'allow-list.json'),
    JSON.stringify({ licenses: { MIT: 'permissive', 'Apache-2.0': 'permissive' }, packages: decisions }),
  );
  return root;
}

const check = (root: string) => spawnSync(process.execPath, [SCRIPT, '--root', root], { encoding: 'utf8' });

afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('licence check', () => {
  it('passes allowed licences, OR expressions and "SEE LICENSE IN" files with an allowed text; skips dev-only', () => {
    const result = check(
      tree([
        { name: 'a', license: 'MIT', files: { LICENSE: MIT } },
        { name: 'b', license: '(MIT OR GPL-3.0-or-later)' },
        { name: 'c', license: 'SEE LICENSE IN LICENSE', files: { LICENSE: `(The MIT License)\n\n${MIT}` } },
        { name: 'd', license: 'SSPL-1.0', dev: true },
      ]),
    );
    expect(result.stdout).toContain('licences: 3 production packages, 3 allowed, 0 refused');
    expect(result.status).toBe(0);
  });

  it('refuses a licence file that restricts use, whatever package.json says, naming package and sentence', () => {
    const result = check(
      tree([
        {
          name: 'viz',
          license: 'SEE LICENSE IN LICENSE.txt',
          files: { 'LICENSE.txt': 'The Library may only be used with our commercial database products. Nothing else.' },
        },
        {
          name: 'sneaky',
          license: 'MIT',
          files: { LICENCE: 'Elastic License 2.0. You may not provide the software as a managed service.' },
        },
      ]),
    );
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('REFUSED  viz@1.0.0');
    expect(result.stdout).toContain('"the library may only be used with our commercial database products."');
    expect(result.stdout).toContain('REFUSED  sneaky@1.0.0');
    expect(result.stdout).toContain('2 refused');
  });

  it('refuses a licence not on the list and a package without any licence', () => {
    const result = check(tree([{ name: 'gpl', license: 'GPL-3.0-only' }, { name: 'none' }]));
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("'GPL-3.0-only' is not on the allow-list");
    expect(result.stdout).toMatch(/REFUSED {2}none@1\.0\.0 .*\n\s+no recognisable licence/);
  });

  it('follows a written decision, but only for the licence it was made on', () => {
    const decision = { 'fed-internals': { license: 'Elastic-2.0', decision: 'allow', reason: 'self-hosting allowed' } };
    const elastic = { LICENSE: 'Elastic License 2.0 ...' };
    const allowed = check(tree([{ name: 'fed-internals', license: 'Elastic-2.0', files: elastic }], decision));
    expect(allowed.status).toBe(0);
    expect(allowed.stdout).toContain('(by decision: fed-internals@1.0.0)');
    const changed = check(tree([{ name: 'fed-internals', license: 'BUSL-1.1', files: elastic }], decision));
    expect(changed.status).toBe(1);
    expect(changed.stdout).toContain("decided on licence 'Elastic-2.0', the package now says 'BUSL-1.1': decide again");
    const refused = check(
      tree([{ name: 'viz', license: 'MIT' }], { viz: { license: 'MIT', decision: 'refuse', reason: 'not for Community' } }),
    );
    expect(refused.status).toBe(1);
    expect(refused.stdout).toContain('not for Community');
  });
});
