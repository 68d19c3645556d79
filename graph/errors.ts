/**
 * Typed errors. Every error a user can cause carries a `hint` saying what to do about it; the CLI and the
 * API print `message` and `hint` and never a stack trace unless debugging (--debug, CROSSWALK_DEBUG,
 * NODE_ENV=development).
 *
 * `translateNeo4jError` is the ONE place that turns driver and server errors (Neo4jError codes, socket
 * failures, disk errors) into these classes, as @neo4j/graphql's Executor does for its own errors: every
 * database call (Graph.run, the importer writer, the API) goes through it, so no caller matches Neo4j
 * codes or message text itself.
 */
import fs from 'node:fs';

export class CrosswalkError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The database cannot be reached, refused our credentials, or is not the Neo4j we need. */
export class DatabaseUnavailableError extends CrosswalkError {}

/**
 * The connection to the database broke while a transaction was open. When it broke during the commit
 * the outcome is unknown (`outcomeUnknown`); before it, the server rolled the transaction back.
 */
export class DatabaseWentAwayError extends DatabaseUnavailableError {
  constructor(
    message: string,
    hint: string,
    readonly outcomeUnknown: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, hint, options);
  }
}

/** The database could not write to its disk: full, read-only, or not writable for it. */
export class DatabaseStorageError extends CrosswalkError {}

/** The database answered but refused the statement: timeout, conflicting key, a value it cannot store. */
export class DatabaseQueryError extends CrosswalkError {
  constructor(
    message: string,
    hint: string | undefined,
    readonly kind: 'timeout' | 'conflict' | 'too-large' | 'other',
    options?: { cause?: unknown },
  ) {
    super(message, hint, options);
  }
}

/** The bundled Neo4j could not be built or started. */
export class BundledDatabaseError extends CrosswalkError {}

/** Configuration from the environment is invalid. */
export class ConfigError extends CrosswalkError {}

/** True when stack traces may be shown: --debug, CROSSWALK_DEBUG or NODE_ENV=development. */
export const debugging = (argv: readonly string[] = process.argv): boolean =>
  Boolean(process.env.CROSSWALK_DEBUG) || process.env.NODE_ENV === 'development' || argv.includes('--debug');

export interface TranslateContext {
  /** Where the database is, for the message. */
  uri?: string;
  /** The bundled Neo4j's data directory (for disk messages); undefined for the user's own server. */
  dataDir?: string;
  /**
   * What was running: a single auto-commit statement (`run`), a statement inside an explicit transaction
   * (`transaction`, nothing is committed when it breaks) or the commit itself (`commit`, outcome unknown).
   */
  phase?: 'run' | 'transaction' | 'commit';
}

const codeOf = (error: unknown): string => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
};

/** The message of an error and its causes (Neo4j nests the disk error under "Could not append transaction"). */
function messages(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current instanceof Error) parts.push(current.message);
    else parts.push(String(current));
    current = (current as { cause?: unknown }).cause;
  }
  return parts.join(' | ');
}

/** Free space of the file system holding `dir` (or its nearest existing parent), e.g. "12 MB free". */
export function freeSpace(dir: string): string {
  let probe = dir;
  while (!fs.existsSync(probe) && probe !== '/' && probe !== '.') probe = probe.replace(/\/[^/]*$/, '') || '/';
  try {
    const stats = fs.statfsSync(probe);
    const bytes = Number(stats.bavail) * Number(stats.bsize);
    return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GB free` : `${Math.round(bytes / 1024 ** 2)} MB free`;
  } catch {
    return 'free space unknown';
  }
}

const DISK_FULL = /No space left on device|ENOSPC|Not enough disk space|disk space/i;
const READ_ONLY = /Read-only file system|EROFS|AccessDeniedException|Permission denied|EACCES/i;
const UNREACHABLE =
  /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|socket hang up|Connection was closed|Failed to connect/i;

const where = (context: TranslateContext) => (context.uri ? ` at ${context.uri}` : '');
const rerun = 'Imports are idempotent: it is safe to run the same import again.';

/**
 * Turns anything a database call threw into a CrosswalkError subclass; CrosswalkErrors pass unchanged,
 * and errors that are not the database's (a bug in our code) come back as they are.
 */
export function translateNeo4jError(error: unknown, context: TranslateContext = {}): Error {
  if (error instanceof CrosswalkError) return error;
  const code = codeOf(error);
  const text = messages(error);
  const isDriverError = (error as { name?: unknown } | null)?.name === 'Neo4jError' || code.startsWith('Neo.');
  if (!isDriverError && !UNREACHABLE.test(text)) return error instanceof Error ? error : new Error(String(error));
  const cause = { cause: error };

  if (DISK_FULL.test(text)) {
    return new DatabaseStorageError(
      context.dataDir
        ? `the database's disk is full: ${context.dataDir} (${freeSpace(context.dataDir)}); nothing was written`
        : `the database server${where(context)} ran out of disk space; nothing was written`,
      context.dataDir
        ? 'Free space on that disk (or set CROSSWALK_DATA_DIR to a larger one), then run `crosswalk db start`: it restarts the bundled Neo4j if it stopped accepting writes.'
        : "Free space on the database server's disk; Neo4j may need a restart before it accepts writes again.",
      cause,
    );
  }
  if (
    code === 'Neo.ClientError.General.ForbiddenOnReadOnlyDatabase' ||
    (READ_ONLY.test(text) && !code.startsWith('Neo.ClientError.Security'))
  ) {
    return new DatabaseStorageError(
      context.dataDir
        ? `the database cannot write to its data directory ${context.dataDir} (read-only or not writable)`
        : `the database${where(context)} is read-only`,
      context.dataDir
        ? 'Make the directory writable (or set CROSSWALK_DATA_DIR to a writable one) and run `crosswalk db start`.'
        : 'Connect to a writable database (the cluster leader, or a database not in read-only mode).',
      cause,
    );
  }
  if (code === 'Neo.ClientError.Security.Unauthorized' || code === 'Neo.ClientError.Security.AuthenticationRateLimit') {
    return new DatabaseUnavailableError(
      `Neo4j${where(context)} rejected the credentials`,
      'Check NEO4J_USERNAME and NEO4J_PASSWORD.',
      cause,
    );
  }
  if (code === 'Neo.ClientError.Database.DatabaseNotFound') {
    return new DatabaseUnavailableError(`Neo4j${where(context)} has no such database`, 'Check NEO4J_DATABASE.', cause);
  }
  if (
    /TransactionTimedOut|LockAcquisitionTimeout|LockClientStopped|Transaction\.Terminated|Transaction\.TransactionMarkedAsFailed/.test(
      code,
    )
  ) {
    return new DatabaseQueryError(
      'the database stopped the statement: it ran past its time limit or waited too long for a lock',
      'Try again when the database is less busy, or import in smaller files.',
      'timeout',
      cause,
    );
  }
  if (code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
    return new DatabaseQueryError(
      `a node with the same key already exists: ${(error as Error).message.split('\n')[0]}`,
      'Ids are unique (organization-side ids within an organization); rename the duplicate.',
      'conflict',
      cause,
    );
  }
  if (/too large to index|exceeds maximum size|Property value is too large/i.test(text)) {
    return new DatabaseQueryError(
      'a value is too large for the database to index',
      'Ids and other indexed values must stay short (a few hundred characters).',
      'too-large',
      cause,
    );
  }
  const lost =
    code === 'ServiceUnavailable' ||
    code === 'SessionExpired' ||
    code === 'Neo.TransientError.General.DatabaseUnavailable' ||
    code === 'Neo.TransientError.Database.DatabaseUnavailable' ||
    UNREACHABLE.test(text);
  if (lost) {
    if (context.phase === 'commit') {
      return new DatabaseWentAwayError(
        `the database${where(context)} went away during the commit; the import may or may not have been applied; it is safe to run it again`,
        rerun,
        true,
        cause,
      );
    }
    if (context.phase === 'transaction') {
      return new DatabaseWentAwayError(
        `the database${where(context)} went away during the import; nothing was committed`,
        `Start the database again (crosswalk db start for the bundled one) and run the import again. ${rerun}`,
        false,
        cause,
      );
    }
    const failed = /DatabaseUnavailable/.test(code);
    return new DatabaseUnavailableError(
      failed
        ? `the database${where(context)} is not available (it may have stopped after a disk or memory failure)`
        : `cannot reach Neo4j${where(context)}: ${(error as Error).message.split('\n')[0]}`,
      failed
        ? 'Run `crosswalk db start` to restart the bundled Neo4j, or restart your server; see its log.'
        : 'Is the server running and the URI right? `crosswalk db start` starts the bundled one; unset NEO4J_URI to use it.',
      cause,
    );
  }
  return new DatabaseQueryError(
    `the database refused the statement (${code || 'no code'}): ${(error as Error).message.split('\n')[0]}`,
    'Run with --debug for details.',
    'other',
    cause,
  );
}
