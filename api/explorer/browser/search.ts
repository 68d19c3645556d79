/**
 * The search box's results: the search question over requirements (full-text index), the organization's
 * controls and its evidence, 25 a page. Requirements open their neighbourhood.
 */
import type { SearchAnswer } from '../../results.ts';
import { gql } from './api.ts';
import { SELECTIONS } from './selections.ts';
import type { Context, Navigate, OpenRequirement } from './context.ts';
import { fill, h } from './dom.ts';
import { setExport } from './export.ts';
import { loading, requirementLink, table } from './widgets.ts';

export const SEARCH_PAGE = 25;

const QUERY = `query Search($q: String!, $first: Int, $after: String) {
  search(q: $q, first: $first, after: $after) ${SELECTIONS.search}
}`;

type SearchItem = SearchAnswer['hits']['edges'][number]['node'];

/**
 * The cursor of the item before the page (null for the first): the API's cursors encode positions as its
 * model connections do (api/results.ts), which lets the pager jump to any page.
 */
const cursorBefore = (offset: number): string | null => (offset > 0 ? btoa(`arrayconnection:${offset - 1}`) : null);

function label(item: SearchItem, open: OpenRequirement): HTMLElement | string {
  return item.kind === 'requirement' ? requirementLink(item.id, `${item.framework ?? ''} ${item.ref}`, open) : item.id;
}

export async function renderSearch(
  root: HTMLElement,
  _ctx: Context,
  q: string,
  page: number,
  navigate: Navigate,
  open: OpenRequirement,
): Promise<void> {
  const body = h('div', { id: 'search-results', 'data-state': 'loading' }, loading(`Searching for “${q}”…`));
  fill(root, h('h2', {}, 'Search'), body);
  if (!q.trim()) {
    fill(body, h('p', { class: 'muted' }, 'Type words into the search box above.'));
    return;
  }
  const { search: answer } = await gql<{ search: SearchAnswer }>(QUERY, {
    q,
    first: SEARCH_PAGE,
    after: cursorBefore((page - 1) * SEARCH_PAGE),
  });
  if (!root.isConnected) return;
  const result = { total: answer.hits.totalCount, counts: answer.counts, items: answer.hits.edges.map((e) => e.node) };
  const pages = Math.max(1, Math.ceil(result.total / SEARCH_PAGE));
  const to = (p: number) => `#search?q=${encodeURIComponent(q)}&page=${p}`;
  const pager = h(
    'nav',
    { class: 'pager', id: 'search-pager' },
    page > 1
      ? h(
          'a',
          { href: to(page - 1), id: 'search-prev', onclick: (e: Event) => (e.preventDefault(), navigate(to(page - 1))) },
          '← previous',
        )
      : null,
    ` page ${page} of ${pages} `,
    page < pages
      ? h(
          'a',
          { href: to(page + 1), id: 'search-next', onclick: (e: Event) => (e.preventDefault(), navigate(to(page + 1))) },
          'next →',
        )
      : null,
  );
  fill(
    body,
    h(
      'p',
      { class: 'headline' },
      h('strong', { id: 'search-total' }, String(result.total)),
      ` results for “${q}”: ${result.counts.requirement} requirements, ${result.counts.control} controls, ${result.counts.evidence} evidence items.`,
    ),
    table(
      'search-table',
      ['kind', 'what', 'title', 'details'],
      result.items,
      (item) => [
        item.kind,
        label(item, open),
        item.title,
        h(
          'span',
          { class: 'muted' },
          [
            item.detail,
            item.owner ? `owner: ${item.owner}` : null,
            item.status,
            item.validUntil ? `valid until ${item.validUntil}` : null,
          ]
            .filter(Boolean)
            .join(' · '),
        ),
      ],
      (item) => ({ 'data-kind': item.kind, 'data-id': item.id }),
    ),
    pages > 1 ? pager : null,
  );
  body.dataset.state = 'done';
  setExport({
    name: `search-${q.replace(/[^\w-]+/g, '_').slice(0, 40)}`,
    title: 'Search',
    columns: ['kind', 'id', 'framework', 'ref', 'title', 'detail', 'owner', 'status'],
    rows: result.items.map((i) => [i.kind, i.id, i.framework, i.ref, i.title, i.detail, i.owner, i.status]),
  });
}
