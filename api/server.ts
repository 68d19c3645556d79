/**
 * The HTTP server: GraphQL at /graphql (Apollo Server 5 on Express 5), GET /health (process and database
 * state) and GET /ready (503 until the database is reachable and the schema applied).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { Graph } from '../graph/connection.ts';
import { LATEST_SCHEMA_VERSION, schemaVersion } from '../graph/schema.ts';
import { buildSchema } from './schema.ts';

export interface ApiServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface DatabaseState {
  reachable: boolean;
  uri: string;
  bundled: boolean;
  schemaVersion?: number;
  expectedSchemaVersion: number;
  error?: string;
}

async function databaseState(graph: Graph): Promise<DatabaseState> {
  const base = { uri: graph.uri, bundled: graph.bundled, expectedSchemaVersion: LATEST_SCHEMA_VERSION };
  try {
    return { ...base, reachable: true, schemaVersion: await schemaVersion(graph) };
  } catch (error) {
    return { ...base, reachable: false, error: error instanceof Error ? error.message : String(error) };
  }
}

export async function startApiServer(graph: Graph, options: { port: number; host: string }): Promise<ApiServer> {
  const app = express();
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer({
    schema: await buildSchema(graph.driver),
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer })],
  });
  await apollo.start();

  app.get('/health', async (_req, res) => {
    res.json({ status: 'ok', uptimeSeconds: Math.round(process.uptime()), database: await databaseState(graph) });
  });
  app.get('/ready', async (_req, res) => {
    const database = await databaseState(graph);
    const ready = database.reachable && database.schemaVersion === database.expectedSchemaVersion;
    res.status(ready ? 200 : 503).json({ ready, database });
  });
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async () => ({ sessionConfig: { database: graph.database } }),
    }),
  );

  await new Promise<void>((resolve) => httpServer.listen(options.port, options.host, resolve));
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://${options.host === '0.0.0.0' ? 'localhost' : options.host}:${port}`,
    port,
    stop: () => apollo.stop(),
  };
}
