/**
 * The CLI without a database: strict parsing, suggestions, exit codes by error class, --version, help,
 * --debug, progress lines and the closed-pipe exit. Commands run in-process through main() with fake IO
 * (as gh's list_test.go); a few run as a real process (bin/crosswalk.mjs) where the process matters.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exitCode, main, type MainOptions } from '../../bin/cli.ts';
import type { Io } from '../../bin/command.ts';
import { suggest, UsageError } from '../../bin/flags.ts';
import { progressLine, progressReporter } from '../../bin/progress.ts';
import { PROJECT_ROOT } from '../../graph/config.ts';
import { BundledDatabaseError, ConfigError, CrosswalkError, DatabaseUnavailableError } from '../../graph/errors.ts';
import { toCsv } from '../../importers/csv/write.ts';
import { ImportValidationError } from '../../importers/problems.ts';
import { QueryParameterError } from '../../queries/question.ts';

const CLI = path.join(PROJECT_ROOT, 'bin', 'crosswalk.mjs');

function fakeIo(env: NodeJS.ProcessEnv = {}): Io & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (s: string | Uint8Array) => (out += String(s)) },
    stderr: { write: (s: string | Uint8Array) => (err += String(s)) },
    env,
    out: () => out,
    err: () => err,
  };
}

/** Runs `crosswalk ...argv` in-process; a graph is never opened unless a test injects one. */
async function run(argv: string[], options: Partial<MainOptions> = {}) {
  const io = fakeIo(options.env);
  const code = await main(argv, {
    io,
    env: options.env ?? {},
    openGraph:
      options.openGraph ??
      (() => {
        throw new Error('this test must not open the graph');
      }),
  });
  return { code, stdout: io.out(), stderr: io.err() };
}

describe('strict options (exit 2, with the nearest name suggested)', () => {
  it.each([
    [['report', 'coverage', '--fromat', 'html'], "unknown option '--fromat'", 'Did you mean --format?'],
    [['seed', '--demoo'], "unknown option '--demoo'", 'Did you mean --demo?'],
    [['stats', '--jsn'], "unknown option '--jsn'", 'Did you mean --json?'],
    [['import', '--frobnicate', 'x.csv'], "unknown option '--frobnicate'", "Run 'crosswalk help import'"],
    [['query', 'coverage', '--framwork', 'iso42001'], "unknown option '--framwork'", 'Did you mean --framework?'],
    [['query', 'gaps', '--max-depth', '2'], "unknown option '--max-depth'", 'Did you mean --maxDepth?'],
  ])('crosswalk %j', async (argv, message, hint) => {
    const { code, stdout, stderr } = await run(argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    expect(stderr).toContain(hint);
  });

  it('suggests commands, actions, questions and values', async () => {
    expect((await run(['statz'])).stderr).toContain("Did you mean 'crosswalk stats'?");
    expect((await run(['export', 'mapings'])).stderr).toContain('Did you mean mappings?');
    expect((await run(['query', 'coverag'])).stderr).toContain("Did you mean 'coverage'?");
    expect((await run(['report', 'coverage', '--format', 'htm'])).stderr).toContain('Did you mean --format html?');
    expect((await run(['token', '--role', 'viewr'])).stderr).toContain('Did you mean --role viewer?');
    for (const argv of [['statz'], ['export', 'mapings'], ['query', 'coverag'], ['report', 'coverage', '--format', 'htm']]) {
      expect((await run(argv)).code).toBe(2);
    }
  });

  it('refuses missing values, values on booleans, stray arguments, missing actions and required flags', async () => {
    const cases: [string[], string][] = [
      [['report', 'coverage', '--org'], '--org needs a value'],
      [['stats', '--json=yes'], '--json takes no value'],
      [['stats', 'extra'], "unexpected argument 'extra'"],
      [['db'], 'db needs one of: start, stop, status'],
      [['import'], 'import needs at least one file or directory'],
      [['bloom', 'snapshot'], '--org is required'],
      [['token'], '--role is required'],
      [['token', '--role', 'viewer', '--ttl', 'soon'], '--ttl soon is not a duration'],
      [['export', 'soa', '--format', 'oscal'], "export soa has no format 'oscal'"],
      [['export', 'soa', '--format', 'xlsx'], 'xlsx needs --out FILE'],
      [['import', 'x.csv', '--format', 'csvv'], "unknown format 'csvv'"],
      [['bloom', 'snapshot', '--org', 'demo', '--maxDepth', '2'], "unknown option '--maxDepth'"],
    ];
    for (const [argv, message] of cases) {
      const { code, stderr } = await run(argv);
      expect({ argv, code, message: stderr.includes(message) }).toEqual({ argv, code: 2, message: true });
    }
  });

  it('suggests nothing for a word that is not close to any name', () => {
    expect(suggest('frobnicate', ['format', 'org', 'dry-run'])).toBeUndefined();
    expect(suggest('fromat', ['format', 'org'])).toBe('format');
    expect(suggest('jsn', ['json', 'org'])).toBe('json');
  });
});

describe('help and --version', () => {
  it('--version prints the package version', async () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(await run(['--version'])).toEqual({ code: 0, stdout: `crosswalk ${version}\n`, stderr: '' });
  });

  it('crosswalk help COMMAND is crosswalk COMMAND --help, generated from the flags', async () => {
    const help = await run(['help', 'import']);
    expect(help.code).toBe(0);
    expect(help).toEqual(await run(['import', '--help']));
    expect(help.stdout).toMatch(/^Usage: crosswalk import PATH\.\.\./);
    for (const flag of [
      '--format F',
      '--org ID',
      '--framework-id ID',
      '--dry-run',
      '--progress',
      '--json',
      '--help',
      '--debug',
    ]) {
      expect(help.stdout).toContain(`  ${flag}`);
    }
    expect(help.stdout).toContain('Formats:');
  });

  it("a question's help lists its parameters as options", async () => {
    const { code, stdout } = await run(['help', 'query', 'evidence-covering-both']);
    expect(code).toBe(0);
    expect(stdout).toContain('--frameworkA ID');
    expect(stdout).toContain('--directOnly');
  });

  it('help without a command lists every command; an unknown topic is a usage error', async () => {
    const { code, stdout } = await run(['help']);
    expect(code).toBe(0);
    for (const name of ['start', 'db', 'seed', 'import', 'export', 'stats', 'query', 'report', 'token', 'bloom']) {
      expect(stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    }
    expect((await run(['help', 'imprt'])).code).toBe(2);
  });
});

describe('exit codes by error class', () => {
  it.each([
    [new UsageError('x'), 2],
    [new ConfigError('x'), 2],
    [new ImportValidationError([{ code: 'VALUE_ENUM', file: 'a.csv', line: 2, reason: 'bad' }]), 3],
    [new QueryParameterError('x'), 3],
    [new DatabaseUnavailableError('x'), 4],
    [new BundledDatabaseError('x'), 4],
    [Object.assign(new Error('x'), { name: 'Neo4jError', code: 'Neo.ClientError.Statement.SyntaxError' }), 4],
    [new CrosswalkError('x'), 1],
    [new TypeError('x'), 1],
  ])('%s -> %i', (error, code) => {
    expect(exitCode(error)).toBe(code);
  });

  it('a database that cannot be reached exits 4 with message and hint, no stack trace', async () => {
    const { code, stderr } = await run(['stats'], {
      openGraph: async () => {
        throw new DatabaseUnavailableError('cannot reach Neo4j at bolt://127.0.0.1:1', 'Start it with crosswalk db start.');
      },
    });
    expect(code).toBe(4);
    expect(stderr).toBe('crosswalk stats: cannot reach Neo4j at bolt://127.0.0.1:1\n  → Start it with crosswalk db start.\n');
  });

  it('an internal error exits 1 and shows its stack only with --debug', async () => {
    const boom = async () => {
      throw new TypeError('boom');
    };
    const plain = await run(['stats'], { openGraph: boom });
    expect(plain.code).toBe(1);
    expect(plain.stderr).toBe('crosswalk stats: internal error: boom\n  → Run again with --debug for the stack trace.\n');
    const debug = await run(['stats', '--debug'], { openGraph: boom });
    expect(debug.code).toBe(1);
    expect(debug.stderr).toMatch(/internal error: boom\nTypeError: boom\n\s+at /);
    const env = await run(['stats'], { openGraph: boom, env: { CROSSWALK_DEBUG: '1' } });
    expect(env.stderr).toMatch(/\s+at /);
  });

  it('a bad environment variable is a usage error (2)', async () => {
    const { code, stderr } = await run(['stats'], { env: { CROSSWALK_NEO4J_PORT: 'seventy' } });
    expect(code).toBe(2);
    expect(stderr).toContain('CROSSWALK_NEO4J_PORT');
  });
});

describe('the crosswalk process', () => {
  it('--help starts fast and exits 0', () => {
    const result = spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Commands:');
  });

  it('ends quietly when stdout is closed early (EPIPE)', async () => {
    // The reader goes away before the command writes its 50 KB: every write meets a closed pipe.
    const child = spawn(process.execPath, [CLI, 'export', 'bloom', '--out', '-'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('exits 2 on a usage error as a process too', () => {
    const result = spawnSync(process.execPath, [CLI, 'seed', '--demoo'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Did you mean --demo?');
  });
});

describe('import progress', () => {
  it('prints plain lines with counts and percentages', () => {
    expect(progressLine({ phase: 'reading', done: 1, total: 4, unit: 'files', detail: 'systems.csv' })).toBe(
      'reading 1/4 files (25%) systems.csv',
    );
    expect(progressLine({ phase: 'writing', done: 40_000, total: 120_000, unit: 'rows', detail: 'Evidence' })).toBe(
      'writing 40,000/120,000 rows (33%) Evidence',
    );
    expect(progressLine({ phase: 'committing', done: 0, unit: 'transaction' })).toBe('committing transaction');
  });

  it('prints at most a line a second per phase, and every phase change and completion', () => {
    const io = fakeIo();
    let now = 0;
    const { progress } = progressReporter(io, 'lines', () => now);
    progress({ phase: 'writing', done: 1, total: 10, unit: 'rows' });
    now = 500;
    progress({ phase: 'writing', done: 5, total: 10, unit: 'rows' });
    now = 600;
    progress({ phase: 'writing', done: 10, total: 10, unit: 'rows' });
    progress({ phase: 'committing', done: 0, unit: 'transaction' });
    expect(io.err()).toBe('writing 1/10 rows (10%)\nwriting 10/10 rows (100%)\ncommitting transaction\n');
  });
});

describe('the one CSV writer', () => {
  it('quotes commas, quotes, line breaks and semicolons; empty for null; booleans as words', () => {
    expect(
      toCsv([
        ['a', 'b'],
        ['x,y', 'he said "hi"'],
        [null, undefined],
        [true, 3],
        ['a;b', 'line\nbreak'],
      ]),
    ).toBe('a,b\n"x,y","he said ""hi"""\n,\ntrue,3\n"a;b","line\nbreak"\n');
  });
});
