/**
 * The GraphQL API in its own process for the HTTP measurements, so that its memory is measured apart from
 * the load generator's. Started by bench/http.ts (startApiChild) with the database and the JWT secret in
 * its environment; prints `LISTENING <url>` once it accepts requests and stops on SIGTERM or when its
 * parent exits (stdin closes).
 */
import { readApiOptions } from '../api/config.ts';
import { startApiServer } from '../api/server.ts';
import { connect } from '../graph/connection.ts';

const env = process.env;
const graph = await connect({
  uri: env.BENCH_API_NEO4J_URI ?? '',
  username: env.BENCH_API_NEO4J_USERNAME ?? 'neo4j',
  password: env.BENCH_API_NEO4J_PASSWORD ?? '',
  database: env.BENCH_API_NEO4J_DATABASE ?? 'neo4j',
});
// The production defaults (timeouts, limits) apply; only the secret is the benchmark's own.
const api = { ...readApiOptions(env), auth: { secret: env.BENCH_API_SECRET ?? '' } };
const server = await startApiServer(graph, { port: 0, host: '127.0.0.1', api });
console.log(`LISTENING ${server.url}`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await server.stop();
  await graph.close();
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.stdin.on('end', () => void stop());
process.stdin.resume();
