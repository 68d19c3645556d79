/**
 * The page's only data source: POST /graphql on this origin with the user's bearer token. The token comes
 * from the URL fragment (`#token=...`, which browsers never send to a server) or the paste field, and lives
 * in sessionStorage for this tab only.
 */
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
    return this.status === 401 || this.code === 'UNAUTHENTICATED';
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

interface GraphQLResponse<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string; hint?: string } }[];
}

export async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const token = getToken();
  if (!token) throw new ApiError('No token', 401, 'UNAUTHENTICATED');
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  let body: GraphQLResponse<T>;
  try {
    body = (await response.json()) as GraphQLResponse<T>;
  } catch {
    throw new ApiError(`The server answered ${response.status} ${response.statusText}`, response.status);
  }
  const error = body.errors?.[0];
  if (error) throw new ApiError(error.message, response.status, error.extensions?.code, error.extensions?.hint);
  if (!response.ok || !body.data) throw new ApiError(`The server answered ${response.status}`, response.status);
  return body.data;
}
