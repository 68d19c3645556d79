/**
 * The reuse matrix: one row per source framework, one column per target framework, among the organization's
 * adopted frameworks. A cell is the `reuse` question's answer for the pair: how many of the TARGET's assessed
 * requirements the organization meets by inheritance from what it meets DIRECTLY in the SOURCE (full mapping
 * chains, queries/README.md), and apart from them how many more are only indicated (related work, never
 * counted). Clicking a cell lists them.
 */
import type { ReuseAnswer } from '../../results.ts';
import { gql, gqlBatch, today } from './api.ts';
import { SELECTIONS } from './selections.ts';
import { fill, h } from './dom.ts';
import { setExport } from './export.ts';
import { STATUS_COLORS, STATUS_LABELS } from './status.ts';

export interface Framework {
  id: string;
  name: string;
}

const REUSE = `query Reuse($source: String!, $target: String!, $today: Date, $first: Int) {
  reuse(source: $source, target: $target, today: $today, first: $first) ${SELECTIONS.reuse}
}`;

/** The answer with its page of requirements as a list and the number listed in all. */
type ReuseResult = Omit<ReuseAnswer, 'requirements'> & {
  total: number;
  requirements: ReuseAnswer['requirements']['edges'][number]['node'][];
};

const flat = ({ requirements, ...rest }: ReuseAnswer): ReuseResult => ({
  ...rest,
  total: requirements.totalCount,
  requirements: requirements.edges.map((e) => e.node),
});

async function reuse(source: string, target: string, first: number): Promise<ReuseResult> {
  const data = await gql<{ reuse: ReuseAnswer }>(REUSE, { source, target, today: today(), first });
  return flat(data.reuse);
}

/** White to deep blue by the share of the target's requirements reached. */
function shade(share: number): { background: string; color: string } {
  const t = Math.max(0, Math.min(1, share));
  const mix = (from: number, to: number) => Math.round(from + (to - from) * t);
  return { background: `rgb(${mix(240, 13)}, ${mix(246, 71)}, ${mix(252, 161)})`, color: t > 0.45 ? '#fff' : '#102a43' };
}

export function legend(): HTMLElement {
  return h(
    'div',
    { class: 'legend', id: 'heatmap-legend' },
    h(
      'p',
      {},
      h('strong', {}, 'Each cell'),
      " (row = source A, column = target B): the number of B's assessed requirements that the organization ",
      h('em', {}, 'meets by inheritance'),
      ' from the requirements of A it meets directly (its own controls with valid evidence): a chain of equal/superset_of mappings, each of strength 7 or more, up to 3 hops — the ',
      h('code', {}, 'reuse'),
      " question. Small print: how many more of B's requirements are only indicated (a partial or weaker mapping one hop from work done in A: related work, not coverage) and B's number of assessed requirements. Shade: the inherited number as a share of B's assessed requirements.",
    ),
    h(
      'p',
      { class: 'muted' },
      'Read a row as "what my work on A already gives me for each other framework". Click a cell for the requirements behind it.',
    ),
  );
}

export async function renderHeatmap(
  root: HTMLElement,
  frameworks: Framework[],
  openRequirement: (uid: string) => void,
): Promise<void> {
  const details = h('section', { id: 'reuse-details', class: 'details' });
  const cells = new Map<string, HTMLTableCellElement>();
  const key = (source: string, target: string) => `${source}>${target}`;

  const table = h(
    'table',
    { class: 'heatmap', id: 'heatmap', 'data-state': 'loading' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { class: 'corner' }, 'source ↓  target →'),
        frameworks.map((f) => h('th', { scope: 'col', title: f.name, 'data-target': f.id }, f.id)),
      ),
    ),
    h(
      'tbody',
      {},
      frameworks.map((source) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row', title: source.name, 'data-source': source.id }, source.id),
          frameworks.map((target) => {
            if (source.id === target.id) return h('td', { class: 'diagonal' }, '—');
            const cell = h('td', { class: 'cell loading', 'data-source': source.id, 'data-target': target.id }, '…');
            cell.addEventListener('click', () => void showDetails(details, source, target, openRequirement));
            cells.set(key(source.id, target.id), cell);
            return cell;
          }),
        ),
      ),
    ),
  );
  const pairs = frameworks.flatMap((s) => frameworks.filter((t) => t.id !== s.id).map((t) => [s, t] as const));
  const progress = h('progress', { id: 'heatmap-progress', max: pairs.length, value: 0 });
  const progressText = h('span', { class: 'muted' }, `asking ${pairs.length} pairs…`);
  const progressBox = h('p', { class: 'progress', id: 'heatmap-progress-box', role: 'status' }, progress, ' ', progressText);
  fill(root, h('h2', {}, 'Reuse between frameworks'), legend(), progressBox, table, details);

  const started = performance.now();
  let answered = 0;
  const results: (ReuseResult | undefined)[] = new Array(pairs.length);
  const fillCell = (index: number, result: ReuseResult) => {
    results[index] = result;
    const [source, target] = pairs[index] ?? [];
    const cell = source && target ? cells.get(key(source.id, target.id)) : undefined;
    if (!cell || !source || !target) return;
    const share = result.targetRequirements ? result.inherited / result.targetRequirements : 0;
    const { background, color } = shade(share);
    cell.className = 'cell';
    cell.style.background = background;
    cell.style.color = color;
    Object.assign(cell.dataset, {
      total: String(result.total),
      inherited: String(result.inherited),
      indicated: String(result.indicated),
      targetRequirements: String(result.targetRequirements),
    });
    cell.title = `${source.name} → ${target.name}: ${result.inherited} of ${result.targetRequirements} assessed requirements of ${target.id} met by inheritance from ${source.id}, ${result.indicated} more indicated (related work, not met)`;
    fill(
      cell,
      h('span', { class: 'total' }, result.inherited),
      h('small', {}, `+${result.indicated} indicated · of ${result.targetRequirements}`),
    );
  };
  try {
    // Every pair in as few requests as the server's alias limit allows (api/config.ts maxAliases).
    await gqlBatch<ReuseAnswer>(
      'reuse',
      SELECTIONS.reuse,
      { source: 'String!', target: 'String!', today: 'Date', first: 'Int' },
      pairs.map(([source, target]) => ({ source: source.id, target: target.id, today: today(), first: 1 })),
      (answers) => {
        for (const { index, value } of answers) fillCell(index, flat(value));
        answered += answers.length;
        progress.value = answered;
        progressText.textContent = `${answered} of ${pairs.length} pairs answered (${((performance.now() - started) / 1000).toFixed(1)} s)`;
      },
    );
    progressBox.dataset.state = 'done';
  } catch (error) {
    for (const cell of cells.values()) {
      if (!cell.classList.contains('loading')) continue;
      cell.className = 'cell failed';
      cell.textContent = '!';
      cell.title = error instanceof Error ? error.message : String(error);
    }
    progressText.textContent = `failed: ${error instanceof Error ? error.message : String(error)}`;
  }
  setExport({
    name: 'reuse-heatmap',
    title: 'Reuse heatmap',
    columns: ['source', 'target', 'inherited', 'indicated', 'listed', 'target assessed requirements'],
    rows: pairs.map(([source, target], i) => {
      const r = results[i];
      return [source.id, target.id, r?.inherited ?? null, r?.indicated ?? null, r?.total ?? null, r?.targetRequirements ?? null];
    }),
  });
  table.dataset.state = 'done';
}

async function showDetails(
  details: HTMLElement,
  source: Framework,
  target: Framework,
  openRequirement: (uid: string) => void,
): Promise<void> {
  fill(details, h('p', { class: 'muted' }, `Loading ${source.id} → ${target.id}…`));
  const result = await reuse(source.id, target.id, 500);
  fill(
    details,
    h('h3', {}, `${source.name} → ${target.name}`),
    h(
      'p',
      {},
      `${result.inherited} of ${result.targetRequirements} assessed requirements of ${target.id} met by inheritance, ${result.indicated} more indicated (related work, not met), judged on ${result.today}.`,
    ),
    h(
      'table',
      { class: 'list' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['requirement', 'title', 'gives', 'from', 'read as', 'strength', 'current status'].map((t) => h('th', {}, t)),
        ),
      ),
      h(
        'tbody',
        {},
        result.requirements.map((item) =>
          h(
            'tr',
            {},
            h(
              'td',
              {},
              h(
                'a',
                {
                  href: `#requirement/${encodeURIComponent(item.uid)}`,
                  onclick: (e: Event) => {
                    e.preventDefault();
                    openRequirement(item.uid);
                  },
                },
                item.ref,
              ),
            ),
            h('td', {}, item.title),
            h(
              'td',
              { 'data-gives': item.inherited ? 'inherited' : 'indicated' },
              item.inherited ? 'met (inherited)' : 'indicated',
            ),
            h('td', {}, (item.inherited ?? item.indications[0])?.source ?? ''),
            h('td', {}, (item.inherited ?? item.indications[0])?.relationships.join(' → ') ?? ''),
            h('td', {}, (item.inherited ?? item.indications[0])?.strength ?? ''),
            h('td', {}, badge(item.currentStatus), item.currentBasis ? ` ${item.currentBasis}` : ''),
          ),
        ),
      ),
    ),
  );
}

export function badge(status: keyof typeof STATUS_COLORS): HTMLElement {
  return h(
    'span',
    { class: 'badge', 'data-status': status, style: `background:${STATUS_COLORS[status]}` },
    STATUS_LABELS[status],
  );
}
