/** search(q, org): requirements, the organization's controls and its evidence matching every word of q. */
import { defineQuestion, P, QueryParameterError } from './question.ts';

export const SEARCH_KINDS = ['requirement', 'control', 'evidence'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export interface SearchItem {
  kind: SearchKind;
  /** Requirement uid, or the control's / evidence item's id. */
  id: string;
  /** The requirement's framework (null for controls and evidence). */
  framework: string | null;
  ref: string;
  title: string;
  /** Summary (requirements), description (controls) or kind (evidence). */
  detail: string | null;
  /** Full-text relevance (requirements only). */
  score: number | null;
  owner?: string | null;
  status?: string | null;
  validUntil?: string | null;
}

export interface SearchResult {
  q: string;
  org: string;
  total: number;
  counts: Record<SearchKind, number>;
  items: SearchItem[];
}

/** Long enough for any title or reference; longer input is a mistake or an attack on the index. */
export const MAX_QUERY_LENGTH = 200;

export const search = defineQuestion<SearchResult>(
  'search',
  'requirements, controls and evidence whose text contains every word of q (case-insensitive)',
  [
    { name: 'q', type: 'string', required: true, description: 'words to look for, e.g. "incident report"' },
    P.org,
    {
      name: 'kinds',
      type: 'strings',
      oneOf: SEARCH_KINDS,
      description: `what to search, comma-separated (default all: ${SEARCH_KINDS.join(', ')})`,
    },
    P.first,
    P.offset,
  ],
  (params) => {
    const q = typeof params.q === 'string' ? params.q.trim() : '';
    if (!q) throw new QueryParameterError('parameter q: is empty', 'q: give at least one word.');
    if (q.length > MAX_QUERY_LENGTH)
      throw new QueryParameterError(`parameter q: longer than ${MAX_QUERY_LENGTH} characters`, 'q: search for fewer words.');
  },
);
