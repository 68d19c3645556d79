/**
 * "What are our gaps for ISO 42001?": the gaps question for one framework, ranked by leverage: how many
 * OTHER adopted frameworks closing the gap would advance (then how many of their requirements), with the
 * indications that point at each gap (advice from partial mappings; they never count as met).
 */
import type { GapsAnswer } from '../../results.ts';
import type { GAP_STATUSES as QuestionGapStatuses } from '../../../queries/gaps.ts';
import type { CoverageStatus } from '../../../queries/types.ts';
import { gql, today } from './api.ts';
import { SELECTIONS } from './selections.ts';
import type { Context, Navigate, OpenRequirement } from './context.ts';
import { fill, h } from './dom.ts';
import { setExport } from './export.ts';
import { STATUS_LABELS } from './status.ts';
import { badge, frameworkOptions, indicatedBadge, loading, requirementLink, select, table } from './widgets.ts';

/** The statuses the gaps question accepts (queries/gaps.ts GAP_STATUSES; a value import would pull Node code in). */
const GAP_STATUSES: typeof QuestionGapStatuses = ['gap', 'unverified', 'stale', 'partially_met'];

const QUERY = `query Gaps($framework: String!, $statuses: [CoverageStatus!], $today: Date) {
  gaps(framework: $framework, statuses: $statuses, today: $today, first: 500) ${SELECTIONS.gaps}
}`;

type GapRow = GapsAnswer['gaps']['edges'][number]['node'];
type Indication = GapRow['indications'][number];

const indicationsOf = (item: GapRow): Indication[] => item.indications;
/** What closing the gap advances elsewhere: the requirements it would meet by inheritance. */
export const advancesOf = (item: GapRow): string[] => item.meets;

export async function renderGaps(
  root: HTMLElement,
  ctx: Context,
  framework: string,
  params: URLSearchParams,
  navigate: Navigate,
  open: OpenRequirement,
): Promise<void> {
  const chosen = (params.get('statuses') ?? 'gap')
    .split(',')
    .filter((s): s is (typeof GAP_STATUSES)[number] => (GAP_STATUSES as readonly string[]).includes(s));
  const statuses = chosen.length ? chosen : ['gap' as const];
  const go = (f: string, list: readonly string[]) =>
    navigate(`#gaps/${encodeURIComponent(f)}?statuses=${encodeURIComponent(list.join(','))}`);
  const boxes = GAP_STATUSES.map((s) => {
    const input = h('input', { type: 'checkbox', name: 'gap-status', value: s, checked: statuses.includes(s) });
    input.addEventListener('change', () => {
      const next = GAP_STATUSES.filter((x) => (x === s ? input.checked : statuses.includes(x)));
      go(framework, next.length ? next : ['gap']);
    });
    return h('label', { class: 'check' }, input, ` ${STATUS_LABELS[s as CoverageStatus]}`);
  });
  const body = h('div', { id: 'gaps', 'data-state': 'loading' }, loading(`Asking for the gaps of ${framework}…`));
  fill(
    root,
    h('h2', {}, 'Gaps, by leverage'),
    h(
      'div',
      { class: 'filters' },
      select('gaps-framework', 'Framework', frameworkOptions(ctx), framework, (v) => go(v, statuses)),
      h('span', { class: 'field', id: 'gap-statuses' }, 'Counted as gaps: ', boxes),
    ),
    body,
  );
  const { gaps: result } = await gql<{ gaps: GapsAnswer }>(QUERY, { framework, statuses, today: today() });
  if (!root.isConnected) return;
  const rows = result.gaps.edges.map((e) => e.node);
  const others = ctx.frameworks.filter((f) => f.id !== framework).length;
  fill(
    body,
    h(
      'p',
      { class: 'headline' },
      h('strong', { id: 'gaps-total' }, String(result.gaps.totalCount)),
      ` requirements of ${framework} are ${statuses.map((s) => STATUS_LABELS[s as CoverageStatus]).join(' or ')} (judged on ${result.today}). `,
      'Leverage: how many of the ',
      String(others),
      ' other adopted frameworks closing the gap advances, through approved mappings; then how many of their requirements.',
    ),
    table(
      'gaps-table',
      ['#', 'requirement', 'title', 'status', 'leverage', 'advances', 'indications'],
      rows,
      (item, i) => [
        String(i + 1),
        requirementLink(item.uid, item.ref, open),
        item.title,
        badge(item.status),
        h(
          'span',
          { class: 'leverage', title: item.frameworks.join(', ') },
          `${item.frameworks.length} `,
          h('span', { class: 'muted' }, item.frameworks.join(', ')),
        ),
        h(
          'span',
          { title: advancesOf(item).join(', ') },
          String(advancesOf(item).length),
          item.indicates?.length ? h('span', { class: 'muted' }, ` (+${item.indicates.length} indicated)`) : null,
        ),
        indicationsOf(item).length
          ? [
              indicatedBadge(indicationsOf(item).length),
              h(
                'div',
                { class: 'muted' },
                indicationsOf(item)
                  .map((x) => `${x.source}${x.strength ? ` (${x.strength})` : ''}`)
                  .join(', '),
              ),
            ]
          : h('span', { class: 'muted' }, '—'),
      ],
      (item) => ({
        'data-uid': item.uid,
        'data-leverage': String(item.frameworks.length),
        'data-advances': String(advancesOf(item).length),
      }),
    ),
  );
  body.dataset.state = 'done';
  setExport({
    name: `gaps-${framework}`,
    title: `Gaps ${framework}`,
    columns: [
      'rank',
      'requirement',
      'ref',
      'title',
      'status',
      'leverage',
      'frameworks advanced',
      'requirements advanced',
      'indications',
    ],
    rows: rows.map((item, i) => [
      i + 1,
      item.uid,
      item.ref,
      item.title,
      item.status,
      item.frameworks.length,
      item.frameworks.join(' '),
      advancesOf(item).length,
      indicationsOf(item)
        .map((x) => x.source)
        .join(' '),
    ]),
  });
}
