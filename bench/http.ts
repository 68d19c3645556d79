/**
 * The API server as a child process (bench/api-server.ts) and a bounded concurrent load against it:
 * a fixed number of requests from N clients on 127.0.0.1, cycling through the reuse questions.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { mintToken } from '../api/auth.ts';
import { CrosswalkError } from '../graph/errors.ts';
import type { Asker } from './asking.ts';
import type { BenchDatabase } from './database.ts';
import { round, summarize, type Latency } from './stats.ts';

export interface ApiChild {
  url: string;
  pid: number;
  token: string;
  /** An editor of the same organization, for the write measurement. */
  editorToken: string;
  stop(): Promise<void>;
}

export async function startApiChild(db: BenchDatabase, org: string, log: (line: string) => void): Promise<ApiChild> {
  const secret = randomBytes(32).toString('hex');
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'api-server.ts')], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      BENCH_API_NEO4J_URI: db.uri,
      BENCH_API_NEO4J_USERNAME: db.username,
      BENCH_API_NEO4J_PASSWORD: db.password,
      BENCH_API_NEO4J_DATABASE: db.graph.database,
      BENCH_API_SECRET: secret,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(
      () => reject(new CrosswalkError('the API server did not start within 60 s', err.trim().split('\n').slice(-5).join('\n'))),
      60_000,
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /^LISTENING (\S+)$/m.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      if (process.env.CROSSWALK_BENCH_VERBOSE) log(`[api] ${chunk.toString().trimEnd()}`);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(
        new CrosswalkError(
          `the API server exited (code ${code}) before it listened`,
          err.trim().split('\n').slice(-10).join('\n'),
        ),
      );
    });
  });
  child.removeAllListeners('exit');
  const token = await mintToken(secret, { roles: ['viewer'], org, subject: 'crosswalk-bench' }, { ttlSeconds: 24 * 3600 });
  const editorToken = await mintToken(secret, { roles: ['editor'], org, subject: 'crosswalk-bench' }, { ttlSeconds: 24 * 3600 });
  return {
    url,
    pid: child.pid!,
    token,
    editorToken,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

export interface LoadResult {
  clients: number;
  requests: number;
  completed: number;
  errors: number;
  /** The first few distinct error messages. */
  errorSamples: string[];
  seconds: number;
  requestsPerSecond: number;
  latency: Latency;
  byQuestion: Record<string, Latency>;
  /** True when the deadline stopped the run before every request was sent. */
  stoppedByDeadline: boolean;
}

/**
 * `requests` requests from `clients` concurrent clients, request i asking questions[i % n]. Stops sending
 * (and says so) once `deadlineSeconds` have passed, so a slow scale cannot run for hours.
 */
export async function concurrentLoad(
  asker: Asker,
  questions: readonly string[],
  options: { clients: number; requests: number; deadlineSeconds: number; onProgress?: (done: number) => void },
): Promise<LoadResult> {
  let next = 0;
  let completed = 0;
  let errors = 0;
  const samples: string[] = [];
  const all: number[] = [];
  const per = new Map<string, number[]>(questions.map((q) => [q, []]));
  const started = performance.now();
  const deadline = started + options.deadlineSeconds * 1000;
  let stoppedByDeadline = false;
  const client = async () => {
    for (;;) {
      if (next >= options.requests) return;
      if (performance.now() > deadline) {
        stoppedByDeadline = true;
        return;
      }
      const i = next++;
      const question = questions[i % questions.length]!;
      const t = performance.now();
      try {
        const result = await asker.ask(question);
        if (result === null || result === undefined) throw new Error(`${question}: empty result`);
        const ms = performance.now() - t;
        all.push(ms);
        per.get(question)!.push(ms);
      } catch (error) {
        errors++;
        const message = (error as Error).message.slice(0, 200);
        if (samples.length < 5 && !samples.includes(message)) samples.push(message);
      }
      completed++;
      if (completed % 100 === 0) options.onProgress?.(completed);
    }
  };
  await Promise.all(Array.from({ length: options.clients }, client));
  const seconds = (performance.now() - started) / 1000;
  return {
    clients: options.clients,
    requests: options.requests,
    completed,
    errors,
    errorSamples: samples,
    seconds: round(seconds, 2),
    requestsPerSecond: round(completed / seconds, 1),
    latency: summarize(all),
    byQuestion: Object.fromEntries([...per].map(([q, s]) => [q, summarize(s)])),
    stoppedByDeadline,
  };
}

const UPDATE_EVIDENCE =
  'mutation($id: ID!, $d: Date) { updateEvidence(where: {id: {eq: $id}}, update: {validUntil: {set: $d}}) { evidence { id } } }';

/**
 * One evidence update through GraphQL over HTTP, `runs` times (after 3 unmeasured): the mutation returns once
 * its coverage maintenance has committed, so every question asked after it reflects the write (checked once:
 * a coverage question asked right after a change of the date must answer as the reference does).
 */
export async function measureEvidenceUpdate(
  api: ApiChild,
  evidence: string,
  runs: number,
): Promise<Latency & { errors: number; errorSamples: string[] }> {
  let n = 0;
  let errors = 0;
  const errorSamples: string[] = [];
  const samples: number[] = [];
  for (let i = 0; i < runs + 3; i++) {
    const day = new Date(Date.parse('2026-01-01T00:00:00Z') + (n++ % 400) * 86_400_000).toISOString().slice(0, 10);
    const t = performance.now();
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${api.editorToken}` },
      body: JSON.stringify({ query: UPDATE_EVIDENCE, variables: { id: evidence, d: day } }),
    });
    const body = (await response.json()) as { errors?: { message: string }[] };
    const ms = performance.now() - t;
    if (!response.ok || body.errors?.length) {
      errors++;
      const message = body.errors?.map((e) => e.message).join('; ') ?? `HTTP ${response.status}`;
      if (errorSamples.length < 3) errorSamples.push(message.slice(0, 200));
    } else if (i >= 3) samples.push(ms);
  }
  return { ...summarize(samples), errors, errorSamples };
}
