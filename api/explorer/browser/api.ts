/**
 * The page's only data source: POST /graphql on this origin with the user's bearer token. The token comes
 * from the URL fragment (`#token=...`, which browsers never send to a server) or the paste field, and lives
 * in sessionStorage for this tab only.
 */
import { ErrorCode } from '../../error-codes.ts';

const STORAGE_KEY = 'crosswalk.explorer.token';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code?: string,
    readonly hint?: string,
  ) {
    super(message);
  }
  get unauthenticated(): boolean {
    return this.status === 401 || this.code === ErrorCode.UNAUTHENTICATED;
  }
}

/** Moves `#token=...` into sessionStorage and removes it from the address bar and history. */
export function takeTokenFromFragment(): void {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (!match?.[1]) return;
  setToken(decodeURIComponent(match[1]));
  history.replaceState(null, '', `${location.pathname}${location.search}#heatmap`);
}

export function getToken(): string | null {
  return sessionStorage.getItem(STORAGE_KEY);
}

export function setToken(token: string): void {
  sessionStorage.setItem(STORAGE_KEY, token.trim());
}

export function forgetToken(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}

export interface TokenClaims {
  org?: string;
  roles?: string[];
  exp?: number;
}

/** The token's claims, read for display only (the server verifies the signature). */
export function tokenClaims(token: string): TokenClaims {
  try {
    const payload = token.split('.')[1] ?? '';
    const json = atob(
      payload
        .replace(/-/g, '+')
        .replace(/_/g, '/')
        .padEnd(Math.ceil(payload.length / 4) * 4, '='),
    );
    return JSON.parse(json) as TokenClaims;
  } catch {
    return {};
  }
}

/** The evaluation date (`?today=YYYY-MM-DD` in the page URL), or null for the server's today. */
export function today(): string | null {
  const value = new URLSearchParams(location.search).get('today');
  return value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null;
}

interface GraphQLError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; hint?: string };
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: GraphQLError[];
}

/** POST /graphql; the whole response, partial data and errors included. */
async function post<T>(query: string, variables: Record<string, unknown>): Promise<{ status: number; body: GraphQLResponse<T> }> {
  const token = getToken();
  if (!token) throw new ApiError('No token', 401, ErrorCode.UNAUTHENTICATED);
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  try {
    return { status: response.status, body: (await response.json()) as GraphQLResponse<T> };
  } catch {
    throw new ApiError(`The server answered ${response.status} ${response.statusText}`, response.status);
  }
}

export async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const { status, body } = await post<T>(query, variables);
  const response = { status, ok: status >= 200 && status < 300 };
  const error = body.errors?.[0];
  if (error) throw new ApiError(error.message, response.status, error.extensions?.code, error.extensions?.hint);
  if (!response.ok || !body.data) throw new ApiError(`The server answered ${response.status}`, response.status);
  return body.data;
}

/** Most aliases (top-level fields) per request: the server's limit (CROSSWALK_API_MAX_ALIASES, default 15). */
export const MAX_FIELDS_PER_REQUEST = 15;

/**
 * Asks many question fields in as few requests as the alias limit allows: one request per batch of at
 * most MAX_FIELDS_PER_REQUEST fields, `a0: reuse(...)`, `a1: ...`, batches sent together; `onBatch`
 * reports each batch's answers as it arrives (for progress).
 */
export async function gqlBatch<T>(
  field: string,
  /** The selection set of each field (the question's result fields to read). */
  selection: string,
  argTypes: Record<string, string>,
  calls: Record<string, unknown>[],
  onBatch: (answers: { index: number; value: T }[]) => void = () => {},
): Promise<T[]> {
  const results: T[] = new Array(calls.length);
  const ask = async (indexes: number[]): Promise<{ failed: number[]; error?: ApiError }> => {
    const declarations: string[] = [];
    const variables: Record<string, unknown> = {};
    const fields = indexes.map((index) => {
      const args = Object.entries(calls[index] ?? {}).map(([name, value]) => {
        const variable = `${name}${index}`;
        declarations.push(`$${variable}: ${argTypes[name] ?? 'String'}`);
        variables[variable] = value;
        return `${name}: $${variable}`;
      });
      return `a${index}: ${field}(${args.join(', ')}) ${selection}`;
    });
    const query = `query Batch${declarations.length ? `(${declarations.join(', ')})` : ''} { ${fields.join(' ')} }`;
    const { status, body } = await post<Record<string, T | null>>(query, variables);
    const first = body.errors?.[0];
    if (!body.data) {
      // The whole request was refused (token, limits): no field to keep.
      throw new ApiError(
        first?.message ?? `The server answered ${status}`,
        status,
        first?.extensions?.code,
        first?.extensions?.hint,
      );
    }
    const answers = indexes
      .filter((index) => body.data?.[`a${index}`] !== null && body.data?.[`a${index}`] !== undefined)
      .map((index) => ({ index, value: body.data?.[`a${index}`] as T }));
    for (const { index, value } of answers) results[index] = value;
    if (answers.length) onBatch(answers);
    const failed = indexes.filter((index) => results[index] === undefined);
    return {
      failed,
      error: first ? new ApiError(first.message, status, first.extensions?.code, first.extensions?.hint) : undefined,
    };
  };
  // Even batches (20 calls -> 10 + 10) so that neither waits much longer than the other.
  const count = Math.ceil(calls.length / MAX_FIELDS_PER_REQUEST);
  const size = Math.ceil(calls.length / Math.max(1, count));
  const batches: number[][] = [];
  for (let i = 0; i < calls.length; i += size) batches.push(calls.slice(i, i + size).map((_, j) => i + j));
  const rounds = await Promise.all(batches.map(ask));
  // A field that failed on its own (a timeout on a busy server) is asked once more, together with the others that failed.
  const retry = rounds.flatMap((r) => r.failed);
  for (let i = 0; i < retry.length; i += MAX_FIELDS_PER_REQUEST) {
    const again = await ask(retry.slice(i, i + MAX_FIELDS_PER_REQUEST));
    if (again.failed.length) throw again.error ?? new ApiError(`${again.failed.length} answers missing`, 500);
  }
  return results;
}
