/**
 * The bundled Neo4j: Neo4j Community 5.26 LTS with APOC core, run by graph/embedded/Launcher.java in its
 * own JVM. Built from Maven Central on first use (`mvn package`), then reused.
 *
 * A started instance writes a state file (`<dataDir>/bundled-neo4j.json`) so that `crosswalk db status|stop`
 * and a later `crosswalk start` find it. An instance started by `crosswalk start` or the tests is *owned*:
 * it watches its parent's pid and exits with it. `crosswalk db start` starts a *detached* one that runs
 * until `crosswalk db stop`.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PROJECT_ROOT, type BundledDatabaseConfig } from './config.ts';
import { BundledDatabaseError, freeSpace } from './errors.ts';

const EMBEDDED_DIR = path.join(PROJECT_ROOT, 'graph', 'embedded');
const LAUNCHER_JAR = path.join(EMBEDDED_DIR, 'target', 'crosswalk-neo4j.jar');
const LAUNCHER_LIB = path.join(EMBEDDED_DIR, 'target', 'lib');
const LAUNCHER_CLASS = 'crosswalk.embedded.Launcher';
/** Launcher exit code for "port taken" (see Launcher.java). */
const EXIT_PORT_IN_USE = 3;
const START_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 60_000;

export interface BundledInstance {
  pid: number;
  port: number;
  uri: string;
  dataDir: string;
  detached: boolean;
  startedAt: string;
}

type Log = (line: string) => void;

const stateFile = (dataDir: string) => path.join(dataDir, 'bundled-neo4j.json');
const logFile = (dataDir: string) => path.join(dataDir, 'neo4j.log');
export const storeDir = (dataDir: string) => path.join(dataDir, 'neo4j');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** True when the launcher jar and its classpath exist and are newer than pom.xml and the Java sources. */
export function isBuilt(): boolean {
  if (!fs.existsSync(LAUNCHER_JAR) || !fs.existsSync(LAUNCHER_LIB)) return false;
  const sources = Math.max(fs.statSync(path.join(EMBEDDED_DIR, 'pom.xml')).mtimeMs, newestMtime(path.join(EMBEDDED_DIR, 'src')));
  return fs.statSync(LAUNCHER_JAR).mtimeMs >= sources;
}

function requireTool(command: string, args: string[], what: string): void {
  const probe = spawnSync(command, args, { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new BundledDatabaseError(
      `${what} was not found (${command} ${args.join(' ')} failed)`,
      'Install Java 17+ and Maven 3.8+ for the bundled Neo4j, or set NEO4J_URI to use your own Neo4j 5.23+ with APOC.',
    );
  }
}

/** Builds the launcher from Maven Central when it is missing or out of date. */
export function ensureBuilt(log: Log = () => {}): void {
  if (isBuilt()) return;
  requireTool('java', ['-version'], 'Java');
  requireTool('mvn', ['-v'], 'Maven');
  log('Building the bundled Neo4j 5.26 from Maven Central (first use only; about a minute)...');
  const started = Date.now();
  const build = spawnSync('mvn', ['-q', '-B', '-f', path.join(EMBEDDED_DIR, 'pom.xml'), 'package'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (build.status !== 0) {
    const output = `${build.stdout ?? ''}${build.stderr ?? ''}`.trim().split('\n').slice(-20).join('\n');
    throw new BundledDatabaseError(
      `building the bundled Neo4j failed (mvn exit ${build.status}):\n${output}`,
      'Check that Maven Central is reachable, then run `crosswalk db start` again.',
    );
  }
  log(`Built the bundled Neo4j in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function portAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function firstFreePort(preferred: number, log: Log): Promise<number> {
  for (let port = preferred; port < preferred + 50; port++) {
    if (await portIsFree(port)) {
      if (port !== preferred) log(`Port ${preferred} is in use; the bundled Neo4j takes port ${port}.`);
      return port;
    }
  }
  throw new BundledDatabaseError(
    `no free port between ${preferred} and ${preferred + 49} on 127.0.0.1`,
    'Set CROSSWALK_NEO4J_PORT to a free port.',
  );
}

/** The instance recorded for this data directory, if it is still running; a stale record is removed. */
export async function findRunning(dataDir: string): Promise<BundledInstance | undefined> {
  let instance: BundledInstance;
  try {
    instance = JSON.parse(fs.readFileSync(stateFile(dataDir), 'utf8')) as BundledInstance;
  } catch {
    return undefined;
  }
  if (isAlive(instance.pid) && (await portAccepts(instance.port))) return instance;
  fs.rmSync(stateFile(dataDir), { force: true });
  return undefined;
}

/** Waits for the launcher's READY/ERROR line in the log, reading only what this start appended. */
async function awaitReady(file: string, offset: number, pid: number): Promise<{ ok: true } | { ok: false; reason: string }> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const text = fs.readFileSync(file, 'utf8').slice(offset);
    if (/^READY /m.test(text)) return { ok: true };
    const error = /^ERROR (.*)$/m.exec(text);
    if (error) return { ok: false, reason: error[1] ?? 'unknown error' };
    if (!isAlive(pid)) {
      const tail = text.trim().split('\n').slice(-15).join('\n');
      return { ok: false, reason: `the JVM exited before it was ready:\n${tail}` };
    }
    await sleep(200);
  }
  return { ok: false, reason: `not ready after ${START_TIMEOUT_MS / 1000} s` };
}

export interface StartOptions {
  /** Keep running after this process exits (`crosswalk db start`). Default: owned, exits with us. */
  detached?: boolean;
  log?: Log;
}

const debugLog = (dataDir: string) => path.join(storeDir(dataDir), 'logs', 'debug.log');
const sizeOf = (file: string) => (fs.existsSync(file) ? fs.statSync(file).size : 0);
const appendedSince = (file: string, offset: number) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8').slice(offset) : '');

/**
 * Another process can take the port between the launcher's check and Neo4j's bind (several instances
 * starting at once): the launcher's exit code, its log or, when Neo4j reports only a generic start
 * failure, Neo4j's debug log written during this start names the bind error.
 */
function lostPortRace(start: { exitCode: number | null; reason: string; launcherLog: string; debugLog: string }): boolean {
  return (
    start.exitCode === EXIT_PORT_IN_USE ||
    /already in use/i.test(start.reason) ||
    /PortBindException|Address already in use/.test(`${start.launcherLog}\n${start.debugLog}`)
  );
}

/** What mkdir/write report on a read-only mount (mkdir -p of a missing directory there says ENOENT). */
const READ_ONLY_CODES = ['EROFS', 'EACCES', 'EPERM', 'ENOENT'];

/** The data directory exists (or can be made) and takes writes; a clear message instead of EROFS/EACCES. */
function ensureWritable(dataDir: string): void {
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    const probe = path.join(dataDir, `.write-test-${process.pid}`);
    fs.writeFileSync(probe, '');
    fs.rmSync(probe);
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'unknown error';
    throw new BundledDatabaseError(
      code === 'ENOSPC'
        ? `the data directory ${dataDir} is on a full disk (${freeSpace(dataDir)})`
        : `the data directory ${dataDir} is not writable (${READ_ONLY_CODES.includes(code) ? 'read-only file system or no permission' : code})`,
      'Make it writable, free space, or set CROSSWALK_DATA_DIR to a writable directory; then run the command again.',
      { cause: error },
    );
  }
}

/** Starts the bundled Neo4j (building it first if needed) and resolves once Bolt accepts queries. */
export async function startBundled(config: BundledDatabaseConfig, options: StartOptions = {}): Promise<BundledInstance> {
  const log = options.log ?? (() => {});
  const running = await findRunning(config.dataDir);
  if (running) return running;
  ensureBuilt(log);
  ensureWritable(config.dataDir);
  const logPath = logFile(config.dataDir);

  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await firstFreePort(config.port + attempt, log);
    const offset = sizeOf(logPath);
    const debugOffset = sizeOf(debugLog(config.dataDir));
    const out = fs.openSync(logPath, 'a');
    const args = [
      `-Xmx${config.heap}`,
      '-XX:+UseG1GC',
      '-cp',
      `${LAUNCHER_JAR}${path.delimiter}${path.join(LAUNCHER_LIB, '*')}`,
      LAUNCHER_CLASS,
      '--data-dir',
      storeDir(config.dataDir),
      '--port',
      String(port),
      '--pagecache',
      config.pageCache,
      ...(options.detached ? [] : ['--parent-pid', String(process.pid)]),
    ];
    const child = spawn('java', args, { detached: true, stdio: ['ignore', out, out] });
    fs.closeSync(out);
    const pid = child.pid;
    if (pid === undefined) throw new BundledDatabaseError('could not spawn java', 'Check that Java 17+ is on PATH.');
    // Owned instances still get their own process group, so that a Ctrl-C reaches the JVM only through
    // our orderly shutdown (it also watches our pid, so it never outlives us).
    child.unref();
    log(`Starting the bundled Neo4j on bolt://127.0.0.1:${port} (data in ${config.dataDir})...`);
    const ready = await awaitReady(logPath, offset, pid);
    if (ready.ok) {
      const instance: BundledInstance = {
        pid,
        port,
        uri: `bolt://127.0.0.1:${port}`,
        dataDir: config.dataDir,
        detached: Boolean(options.detached),
        startedAt: new Date().toISOString(),
      };
      fs.writeFileSync(stateFile(config.dataDir), JSON.stringify(instance, null, 2));
      return instance;
    }
    if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    const race = {
      exitCode: child.exitCode,
      reason: ready.reason,
      launcherLog: appendedSince(logPath, offset),
      debugLog: appendedSince(debugLog(config.dataDir), debugOffset),
    };
    if (lostPortRace(race)) continue;
    throw new BundledDatabaseError(
      `the bundled Neo4j did not start: ${ready.reason}`,
      /lock/i.test(ready.reason)
        ? `Another process uses ${config.dataDir}; stop it (crosswalk db stop) or set CROSSWALK_DATA_DIR.`
        : `See ${logPath} for the full log.`,
    );
  }
  throw new BundledDatabaseError('every port tried was taken while starting', 'Set CROSSWALK_NEO4J_PORT to a free port.');
}

/** Stops an instance with SIGTERM (a clean Neo4j shutdown) and waits for its JVM to exit. */
export async function stopBundled(instance: BundledInstance): Promise<void> {
  if (isAlive(instance.pid)) process.kill(instance.pid, 'SIGTERM');
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (isAlive(instance.pid) && Date.now() < deadline) await sleep(100);
  if (isAlive(instance.pid)) process.kill(instance.pid, 'SIGKILL');
  fs.rmSync(stateFile(instance.dataDir), { force: true });
}
