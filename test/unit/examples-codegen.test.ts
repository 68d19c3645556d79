/** The typed client in examples/gql/ is what `npm run codegen` generates from api/schema.graphql today. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../graph/config.ts';

describe('examples/gql (graphql-codegen client preset)', () => {
  it('is up to date (run `npm run codegen` after `npm run schema:print`)', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-codegen-'));
    try {
      // The same command and configuration, written elsewhere (examples/codegen.ts reads CROSSWALK_CODEGEN_OUT).
      execFileSync(
        process.execPath,
        [path.join(PROJECT_ROOT, 'node_modules', '.bin', 'graphql-codegen'), '--config', 'examples/codegen.ts', '--silent'],
        { cwd: PROJECT_ROOT, env: { ...process.env, CROSSWALK_CODEGEN_OUT: `${out}/` }, stdio: 'pipe' },
      );
      const files = fs.readdirSync(out).sort();
      expect(files).toEqual(['gql.ts', 'graphql.ts', 'index.ts']);
      for (const file of files) {
        expect(fs.readFileSync(path.join(PROJECT_ROOT, 'examples', 'gql', file), 'utf8'), file).toBe(
          fs.readFileSync(path.join(out, file), 'utf8'),
        );
      }
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});
