/**
 * The guard against a crash between a write and its maintenance, for writers that cannot share a
 * transaction with the maintenance (GraphQL mutations run @neo4j/graphql's own transaction). Before the
 * write, a pending token with what the write will touch (and what those nodes reached before it) is
 * committed as a node of its own, `(:CoveragePending {org, token, at, change})` (a new node: it waits for no
 * lock the write or anyone else holds); the maintenance after the write deletes it in its own transaction. A token still there means the maintenance may not have
 * happened: every question and `crosswalk start` repair it (`repairPending`) before answering. Repair is
 * idempotent, so repairing a token whose write is still in flight is merely wasted work.
 */
import { randomUUID } from 'node:crypto';
import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import type { Graph } from '../graph/connection.ts';
import { maintain, scopeOf, type CoverageChange, type OrgChange } from './maintain.ts';

interface PendingToken {
  token: string;
  /** Epoch milliseconds when the write began. */
  at: number;
  change: CoverageChange;
}

/** Tokens older than this are dropped once repaired (a live write has long finished or timed out by then). */
export const ABANDONED_AFTER_MS = 120_000;

const ADD_TOKEN = `
CREATE (:CoveragePending {org: $org, token: $token, at: $at, change: $change})
WITH 1 AS x OPTIONAL MATCH (o:Organization {id: $org})
RETURN o IS NOT NULL AS exists`;
const REMOVE_TOKENS = 'MATCH (p:CoveragePending) WHERE p.token IN $tokens DELETE p';
const PENDING = `
MATCH (p:CoveragePending) WHERE $org IS NULL OR p.org = $org
RETURN p.org AS org, collect(p {.token, .at, .change}) AS tokens`;

/** How the API bounds its transactions (its own timeout and metadata); the CLI passes none. */
export interface TransactionOptions {
  timeoutMs?: number;
  metadata?: Record<string, unknown>;
}

async function write<T>(graph: Graph, work: (tx: ManagedTransaction) => Promise<T>, tx: TransactionOptions = {}): Promise<T> {
  const session = graph.driver.session({
    database: graph.database,
    defaultAccessMode: neo4j.session.WRITE,
    bookmarkManager: graph.driver.executeQueryBookmarkManager,
  });
  try {
    return await session.executeWrite(work, { timeout: tx.timeoutMs, metadata: tx.metadata });
  } finally {
    await session.close();
  }
}

/**
 * Before a write: records what `change` touches now (so a deletion or disconnect is still known afterwards)
 * and commits a pending token on the organization; returns the token and the change to maintain after.
 * Without the organization node (a write that creates it) no token is stored, and the change is full.
 */
export async function beginPending(
  graph: Graph,
  change: OrgChange,
  options: TransactionOptions = {},
): Promise<{ token: string; change: OrgChange }> {
  const token = randomUUID();
  return write(
    graph,
    async (tx) => {
      const before = change.full ? [] : await scopeOf(tx, change);
      const after: OrgChange = { ...change, before };
      const result = await tx.run(ADD_TOKEN, {
        org: change.org,
        token,
        at: Date.now(),
        change: JSON.stringify({ orgs: [after] } satisfies CoverageChange),
      });
      // A write that creates its organization: all of it is new.
      return { token, change: result.records[0]?.get('exists') ? after : { org: change.org, full: true } };
    },
    options,
  );
}

/**
 * After the write: maintains and removes the token in one transaction. A write that failed as a whole
 * (rolled back) changed nothing: only its token goes.
 */
export async function finishPending(
  graph: Graph,
  token: string,
  change: OrgChange,
  options: TransactionOptions & { failed?: boolean } = {},
): Promise<void> {
  await write(
    graph,
    async (tx) => {
      if (!options.failed) await maintain(tx, { orgs: [change] });
      await tx.run(REMOVE_TOKENS, { tokens: [token] });
    },
    options,
  );
}

/**
 * Maintains what every pending token (of one organization, or all) recorded, and removes the tokens of
 * abandoned writes (older than `abandonedAfterMs`; 0 removes all, as `crosswalk start` does when nothing
 * else can be writing). Returns how many tokens were repaired.
 */
export async function repairPending(
  graph: Graph,
  options: { org?: string | null; abandonedAfterMs?: number } = {},
): Promise<number> {
  const { records } = await graph.run(PENDING, { org: options.org ?? null });
  let repaired = 0;
  const abandonedAfter = options.abandonedAfterMs ?? ABANDONED_AFTER_MS;
  for (const record of records) {
    const tokens = (record.get('tokens') as { token: string; at: number; change: string }[]).map((t): PendingToken => ({
      token: t.token,
      at: Number(t.at),
      change: JSON.parse(t.change) as CoverageChange,
    }));
    await write(graph, async (tx) => {
      for (const t of tokens) await maintain(tx, t.change);
      const old = tokens.filter((t) => Date.now() - t.at >= abandonedAfter).map((t) => t.token);
      if (old.length) await tx.run(REMOVE_TOKENS, { tokens: old });
    });

    repaired += tokens.length;
  }
  return repaired;
}
