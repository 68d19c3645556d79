/**
 * Coverage of one adopted framework: the `coverage` question's totals and top-level groups, and the
 * framework's PART_OF hierarchy to drill into, each assessed requirement coloured by its status. Parts of
 * the hierarchy show the roll-up of the assessed requirements below them.
 */
import type { CoverageCounts, CoverageRequirement, CoverageResult, StatusCounts } from '../../../queries/coverage.ts';
import { gql, today } from './api.ts';
import { fill, h } from './dom.ts';
import type { Framework } from './heatmap.ts';
import {
  HEADLINE_LABELS,
  INDICATED_COLOR,
  NOT_ASSESSED_COLOR,
  STATUSES,
  STATUS_COLORS,
  STATUS_LABELS,
  STATUS_MEANING,
} from './status.ts';

const PAGE = 500;

const COVERAGE = `query Coverage($framework: String!, $today: String, $first: Int, $offset: Int) {
  coverage(framework: $framework, today: $today, first: $first, offset: $offset)
}`;

const HIERARCHY = `query Hierarchy($framework: String!, $limit: Int, $offset: Int) {
  requirements(where: { frameworkId: { eq: $framework } }, limit: $limit, offset: $offset, sort: [{ order: ASC }, { uid: ASC }]) {
    uid ref title kind order
    parent(limit: 1) { uid }
  }
}`;

interface HierarchyRequirement {
  uid: string;
  ref: string;
  title: string;
  kind: string | null;
  order: number | null;
  parent: { uid: string }[];
}

interface TreeNode {
  requirement: HierarchyRequirement;
  children: TreeNode[];
  /** Its status when it is an assessed requirement (a normative leaf). */
  assessed?: CoverageRequirement;
  counts: StatusCounts;
}

async function coverageOf(framework: string): Promise<CoverageResult> {
  const first = await gql<{ coverage: CoverageResult }>(COVERAGE, { framework, today: today(), first: PAGE, offset: 0 });
  const result = first.coverage;
  while (result.requirements.length < result.total) {
    const next = await gql<{ coverage: CoverageResult }>(COVERAGE, {
      framework,
      today: today(),
      first: PAGE,
      offset: result.requirements.length,
    });
    if (!next.coverage.requirements.length) break;
    result.requirements.push(...next.coverage.requirements);
  }
  return result;
}

async function hierarchyOf(framework: string): Promise<HierarchyRequirement[]> {
  const all: HierarchyRequirement[] = [];
  for (;;) {
    const page = await gql<{ requirements: HierarchyRequirement[] }>(HIERARCHY, { framework, limit: PAGE, offset: all.length });
    all.push(...page.requirements);
    if (page.requirements.length < PAGE) return all;
  }
}

const emptyCounts = (): StatusCounts => ({ met: 0, partially_met: 0, stale: 0, unverified: 0, excluded: 0, gap: 0 });
const countOf = (counts: StatusCounts) => STATUSES.reduce((sum, s) => sum + counts[s], 0);
/** The question's counts per final status (met counts direct and inherited). */
const statusCounts = (c: CoverageCounts): StatusCounts => ({
  met: c.met,
  partially_met: c.partiallyMet,
  stale: c.stale,
  unverified: c.unverified,
  excluded: c.excluded,
  gap: c.gap,
});

function buildTree(requirements: HierarchyRequirement[], coverage: CoverageResult): TreeNode[] {
  const statuses = new Map(coverage.requirements.map((r) => [r.uid, r]));
  const nodes = new Map(
    requirements.map((r) => [
      r.uid,
      { requirement: r, children: [], assessed: statuses.get(r.uid), counts: emptyCounts() } as TreeNode,
    ]),
  );
  const roots: TreeNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.requirement.parent[0] && nodes.get(node.requirement.parent[0].uid);
    (parent ? parent.children : roots).push(node);
  }
  const rollUp = (node: TreeNode): StatusCounts => {
    if (node.assessed) node.counts[node.assessed.status] += 1;
    for (const child of node.children) {
      const counts = rollUp(child);
      for (const s of STATUSES) node.counts[s] += counts[s];
    }
    return node.counts;
  };
  roots.forEach(rollUp);
  // The question's own roll-up for the top-level groups (the same figures, from the server).
  const groups = new Map(coverage.groups.map((g) => [g.uid, g]));
  for (const root of roots) {
    const group = groups.get(root.requirement.uid);
    if (group) root.counts = statusCounts(group);
  }
  return roots;
}

function statusBar(counts: StatusCounts): HTMLElement {
  const total = countOf(counts);
  if (!total) return h('span', { class: 'bar empty', title: 'no assessed requirements' });
  return h(
    'span',
    {
      class: 'bar',
      title: STATUSES.filter((s) => counts[s])
        .map((s) => `${counts[s]} ${STATUS_LABELS[s]}`)
        .join(', '),
    },
    STATUSES.filter((s) => counts[s]).map((s) =>
      h('span', { class: 'segment', 'data-status': s, style: `flex-grow:${counts[s]};background:${STATUS_COLORS[s]}` }),
    ),
  );
}

export function statusLegend(totals?: StatusCounts): HTMLElement {
  return h(
    'ul',
    { class: 'status-legend', id: 'status-legend' },
    STATUSES.map((s) =>
      h(
        'li',
        { title: STATUS_MEANING[s] },
        h('span', { class: 'swatch', 'data-status': s, style: `background:${STATUS_COLORS[s]}` }),
        STATUS_LABELS[s],
        totals ? h('strong', { 'data-count': s }, ` ${totals[s]}`) : null,
      ),
    ),
    h(
      'li',
      { title: 'parts of the hierarchy and non-normative text are not assessed themselves' },
      h('span', { class: 'swatch', style: `background:${NOT_ASSESSED_COLOR}` }),
      'not assessed',
    ),
  );
}

/** Not met, not excluded, with indications: the `indicated` count of the headline. */
const indicated = (r: CoverageRequirement): boolean => r.status !== 'met' && r.status !== 'excluded' && r.indications.length > 0;

function renderNode(node: TreeNode, openRequirement: (uid: string) => void): HTMLElement {
  const { requirement, assessed, children } = node;
  const childBox = h('div', { class: 'children', hidden: true });
  const toggle = h('button', { class: 'toggle', type: 'button', 'aria-expanded': 'false', title: 'show parts' }, '▸');
  const expand = (open: boolean) => {
    if (open && !childBox.childElementCount) children.forEach((c) => childBox.append(renderNode(c, openRequirement)));
    childBox.hidden = !open;
    toggle.textContent = open ? '▾' : '▸';
    toggle.setAttribute('aria-expanded', String(open));
  };
  toggle.addEventListener('click', () => expand(childBox.hidden));
  const color = assessed ? STATUS_COLORS[assessed.status] : NOT_ASSESSED_COLOR;
  const total = countOf(node.counts);
  const row = h(
    'div',
    { class: `row${assessed ? ' assessed' : ''}` },
    children.length ? toggle : h('span', { class: 'toggle-space' }),
    h('span', {
      class: 'dot',
      'data-role': 'status-color',
      style: `background:${color}`,
      title: assessed ? STATUS_LABELS[assessed.status] : 'not assessed',
    }),
    h(
      'a',
      {
        class: 'ref',
        href: `#requirement/${encodeURIComponent(requirement.uid)}`,
        title: 'open its neighbourhood',
        onclick: (e: Event) => {
          e.preventDefault();
          openRequirement(requirement.uid);
        },
      },
      requirement.ref,
    ),
    h('span', { class: 'title' }, requirement.title),
    assessed
      ? h(
          'span',
          { class: 'status-text' },
          STATUS_LABELS[assessed.status],
          assessed.basis ? ` (${assessed.basis})` : '',
          assessed.controls.length ? ` · ${assessed.controls.map((c) => c.control).join(', ')}` : '',
          assessed.basis === 'inherited' && assessed.inherited ? ` · from ${assessed.inherited.source}` : '',
          indicated(assessed)
            ? h(
                'span',
                {
                  class: 'indicated',
                  style: `border-color:${INDICATED_COLOR}`,
                  title: `related work (not coverage): ${assessed.indications.map((i) => `${i.source} ${i.relationships.join(' > ')} ${i.strength}`).join('; ')}`,
                },
                `related work: ${assessed.indications.length}`,
              )
            : '',
        )
      : h(
          'span',
          { class: 'rollup' },
          statusBar(node.counts),
          h('span', { class: 'counts' }, total ? `${node.counts.met}/${total} met` : ''),
        ),
  );
  if (!children.length && assessed)
    row.addEventListener('click', (e) => {
      if (!(e.target as Element).closest('a')) openRequirement(requirement.uid);
    });
  return h(
    'div',
    {
      class: 'node',
      'data-requirement': requirement.uid,
      'data-status': assessed?.status,
      'data-basis': assessed?.basis ?? null,
      'data-indicated': assessed && indicated(assessed) ? 'true' : null,
      'data-leaf': children.length ? null : 'true',
    },
    row,
    childBox,
  );
}

/** Opens every part of the tree (rendering the parts on the way). */
function expandAll(tree: HTMLElement): void {
  let closed: HTMLButtonElement[];
  while ((closed = [...tree.querySelectorAll<HTMLButtonElement>('button.toggle[aria-expanded="false"]')]).length)
    closed.forEach((b) => b.click());
}

export async function renderCoverage(
  root: HTMLElement,
  frameworks: Framework[],
  framework: string,
  openRequirement: (uid: string) => void,
  openFramework: (id: string) => void,
): Promise<void> {
  const tabs = h(
    'nav',
    { class: 'tabs', 'aria-label': 'adopted frameworks' },
    frameworks.map((f) =>
      h(
        'a',
        {
          href: `#coverage/${f.id}`,
          class: f.id === framework ? 'active' : '',
          title: f.name,
          onclick: (e: Event) => {
            e.preventDefault();
            openFramework(f.id);
          },
        },
        f.id,
      ),
    ),
  );
  const body = h(
    'div',
    { id: 'coverage', 'data-state': 'loading' },
    h('p', { class: 'muted' }, `Loading the coverage of ${framework}…`),
  );
  fill(root, h('h2', {}, 'Coverage'), tabs, body);

  const [coverage, requirements] = await Promise.all([coverageOf(framework), hierarchyOf(framework)]);
  const roots = buildTree(requirements, coverage);
  const name = frameworks.find((f) => f.id === framework)?.name ?? framework;
  const tree = h(
    'div',
    { class: 'tree', id: 'coverage-tree' },
    roots.map((r) => renderNode(r, openRequirement)),
  );
  const t = coverage.totals;
  const pct = (value: number | null) => (value === null ? '–' : `${value}%`);
  fill(
    body,
    h(
      'div',
      { class: 'summary' },
      h('h3', {}, name),
      h(
        'p',
        {},
        h('strong', { id: 'percent-met-direct' }, pct(coverage.percentMetDirect)),
        ` ${HEADLINE_LABELS.percentMetDirect}, `,
        h('strong', { id: 'percent-met' }, pct(coverage.percentMet)),
        ` ${HEADLINE_LABELS.percentMet}, `,
        h('strong', { id: 'percent-partially-met-direct' }, pct(coverage.percentPartiallyMetDirect)),
        ` ${HEADLINE_LABELS.percentPartiallyMetDirect}, of `,
        `${t.applicable} applicable requirements (${t.requirements} assessed, ${t.excluded} excluded); `,
        `met directly ${t.metDirect}, by inheritance ${t.metInherited}; `,
        h('strong', { id: 'indicated' }, String(t.indicated)),
        ` ${HEADLINE_LABELS.indicated}. Judged on ${coverage.today}.`,
      ),
      statusLegend(statusCounts(t)),
    ),
    h(
      'div',
      { class: 'toolbar' },
      h('button', { type: 'button', id: 'expand-all', onclick: () => expandAll(tree) }, 'Expand all'),
      h(
        'button',
        {
          type: 'button',
          onclick: () =>
            tree.querySelectorAll<HTMLButtonElement>('button.toggle[aria-expanded="true"]').forEach((b) => b.click()),
        },
        'Collapse all',
      ),
      h('span', { class: 'muted' }, 'Click a requirement to see its mappings, controls and evidence.'),
    ),
    tree,
  );
  body.dataset.state = 'done';
}
