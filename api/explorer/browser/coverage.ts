/**
 * Coverage of one adopted framework: the `coverage` question's headline figures (met directly, met
 * including inherited, partially met, indicated — indicated is advice and never counts), totals and
 * top-level groups, and the framework's PART_OF hierarchy to drill into, each assessed requirement coloured
 * by its status. Filters: system (asked of the question: that system's controls plus organization-wide
 * ones), status and control owner (applied to the question's answer; the view then lists the matching
 * requirements instead of the tree).
 */
import type { CoverageAnswer } from '../../results.ts';
import type { StatusCounts } from '../../../queries/coverage.ts';
import type { CoverageStatus } from '../../../queries/types.ts';
import { gql, today } from './api.ts';
import { SELECTIONS } from './selections.ts';
import type { Context, Navigate, OpenRequirement } from './context.ts';
import { fill, h } from './dom.ts';
import { setExport } from './export.ts';
import { INDICATED_COLOR, NOT_ASSESSED_COLOR, STATUSES, STATUS_COLORS, STATUS_LABELS, STATUS_MEANING } from './status.ts';
import { badge, indicatedBadge, loading, requirementLink, select, table } from './widgets.ts';

const PAGE = 500;

const COVERAGE = `query Coverage($framework: String!, $system: String, $today: Date, $first: Int, $after: String) {
  coverage(framework: $framework, system: $system, today: $today, first: $first, after: $after) ${SELECTIONS.coverage}
}`;

type CoverageCounts = CoverageAnswer['totals'];
type CoverageRequirement = CoverageAnswer['requirements']['edges'][number]['node'];
/** The answer with every page of its requirements read. */
type CoverageResult = Omit<CoverageAnswer, 'requirements'> & { total: number; requirements: CoverageRequirement[] };
type Requirement = CoverageRequirement;

const indicationCount = (r: Requirement) => r.indications.length;

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

async function coverageOf(framework: string, system: string | null): Promise<CoverageResult> {
  const first = await gql<{ coverage: CoverageAnswer }>(COVERAGE, {
    framework,
    system,
    today: today(),
    first: PAGE,
    after: null,
  });
  const { requirements: page, ...rest } = first.coverage;
  const requirements = page.edges.map((e) => e.node);
  let info = page.pageInfo;
  while (info.hasNextPage) {
    const next = await gql<{ coverage: CoverageAnswer }>(COVERAGE, {
      framework,
      system,
      today: today(),
      first: PAGE,
      after: info.endCursor,
    });
    requirements.push(...next.coverage.requirements.edges.map((e) => e.node));
    info = next.coverage.requirements.pageInfo;
  }
  return { ...rest, total: page.totalCount, requirements };
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
    if (group) root.counts = statusCounts(group.counts);
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

function renderNode(node: TreeNode, openRequirement: (uid: string) => void, ctx: Context): HTMLElement {
  const { requirement, assessed, children } = node;
  const childBox = h('div', { class: 'children', hidden: true });
  const toggle = h('button', { class: 'toggle', type: 'button', 'aria-expanded': 'false', title: 'show parts' }, '▸');
  const expand = (open: boolean) => {
    if (open && !childBox.childElementCount) children.forEach((c) => childBox.append(renderNode(c, openRequirement, ctx)));
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
          assessed.controls.length
            ? ` · ${[...new Set(assessed.controls.map((c) => c.control))].map((c) => `${c} ${ctx.controlName(c)}`).join(', ')}`
            : '',
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

const pct = (value: number | null | undefined) => (value === null || value === undefined ? '–' : `${value}%`);
const share = (count: number, of: number) => (of ? Math.round((1000 * count) / of) / 10 : null);

/** "met" and "indicated" said separately: indicated requirements are advice from mappings and never count. */
function headline(coverage: CoverageResult): HTMLElement {
  const t = coverage.totals;
  const metDirect = t.percentMetDirect ?? share(t.metDirect, t.applicable);
  const partiallyDirect = t.percentPartiallyMetDirect ?? null;
  const indicated = t.indicated;
  const figure = (id: string, value: string, label: string, note: string) =>
    h('div', { class: 'figure', title: note }, h('strong', { id }, value), h('span', {}, label));
  return h(
    'div',
    { class: 'figures', id: 'headline' },
    figure(
      'percent-met-direct',
      pct(metDirect),
      'met directly',
      "met by the organization's own controls with valid approved evidence",
    ),
    figure(
      'percent-met',
      pct(t.percentMet),
      'met, including inherited',
      'also met through full mappings (equal/superset_of) from requirements met directly',
    ),
    figure(
      'percent-partially-met-direct',
      pct(partiallyDirect),
      'partially met directly',
      'only partial coverage by own controls',
    ),
    figure('indicated', String(indicated), 'indicated (advice, not counted)', 'requirements not met that a mapping points at'),
    h(
      'p',
      { class: 'muted' },
      `Of ${t.applicable} applicable requirements (${t.requirements} assessed, ${t.excluded} excluded); judged on ${coverage.today}.`,
    ),
  );
}

interface Filters {
  system: string | null;
  statuses: CoverageStatus[];
  owner: string | null;
}

function readFilters(params: URLSearchParams): Filters {
  return {
    system: params.get('system') || null,
    statuses: (params.get('status') ?? '')
      .split(',')
      .filter((s): s is CoverageStatus => (STATUSES as readonly string[]).includes(s)),
    owner: params.get('owner') || null,
  };
}

function filterHash(framework: string, f: Filters): string {
  const params = new URLSearchParams();
  if (f.system) params.set('system', f.system);
  if (f.statuses.length) params.set('status', f.statuses.join(','));
  if (f.owner) params.set('owner', f.owner);
  const query = params.toString();
  return `#coverage/${encodeURIComponent(framework)}${query ? `?${query}` : ''}`;
}

/** The requirements the status and owner filters keep (the system filter was asked of the question). */
export function applyFilters(requirements: CoverageRequirement[], f: Filters, ownerOf: (control: string) => string | null) {
  return requirements.filter(
    (r) =>
      (!f.statuses.length || f.statuses.includes(r.status)) &&
      (!f.owner || r.controls.some((c) => ownerOf(c.control) === f.owner)),
  );
}

export async function renderCoverage(
  root: HTMLElement,
  ctx: Context,
  framework: string,
  params: URLSearchParams,
  navigate: Navigate,
  openRequirement: OpenRequirement,
): Promise<void> {
  const frameworks = ctx.frameworks;
  const filters = readFilters(params);
  const go = (f: Partial<Filters>, id = framework) => navigate(filterHash(id, { ...filters, ...f }));
  const tabs = h(
    'nav',
    { class: 'tabs', 'aria-label': 'adopted frameworks' },
    frameworks.map((f) =>
      h(
        'a',
        {
          href: filterHash(f.id, filters),
          class: f.id === framework ? 'active' : '',
          title: f.name,
          onclick: (e: Event) => {
            e.preventDefault();
            go({}, f.id);
          },
        },
        f.id,
      ),
    ),
  );
  const owners = [...new Set(ctx.controls.map((c) => c.owner).filter((o): o is string => Boolean(o)))].sort();
  const statusBoxes = STATUSES.map((s) => {
    const input = h('input', { type: 'checkbox', name: 'status', value: s, checked: filters.statuses.includes(s) });
    input.addEventListener('change', () =>
      go({ statuses: STATUSES.filter((x) => (x === s ? input.checked : filters.statuses.includes(x))) }),
    );
    return h(
      'label',
      { class: 'check' },
      input,
      ' ',
      h('span', { class: 'swatch', style: `background:${STATUS_COLORS[s]}` }),
      STATUS_LABELS[s],
    );
  });
  const filterBar = h(
    'div',
    { class: 'filters', id: 'coverage-filters' },
    select(
      'filter-system',
      'System',
      [{ value: '', label: 'all (organization-wide)' }, ...ctx.systems.map((x) => ({ value: x.id, label: x.name }))],
      filters.system ?? '',
      (v) => go({ system: v || null }),
    ),
    select(
      'filter-owner',
      'Control owner',
      [{ value: '', label: 'any' }, ...owners.map((o) => ({ value: o, label: o }))],
      filters.owner ?? '',
      (v) => go({ owner: v || null }),
    ),
    h('span', { class: 'field', id: 'filter-status' }, 'Status: ', statusBoxes),
    filters.system || filters.owner || filters.statuses.length
      ? h(
          'button',
          { type: 'button', id: 'clear-filters', onclick: () => navigate(`#coverage/${encodeURIComponent(framework)}`) },
          'Clear filters',
        )
      : null,
  );
  const body = h(
    'div',
    { id: 'coverage', 'data-state': 'loading', 'data-hash': filterHash(framework, filters) },
    loading(`Loading the coverage of ${framework}…`),
  );
  fill(root, h('h2', {}, 'Coverage'), tabs, filterBar, body);

  const [coverage, requirements] = await Promise.all([coverageOf(framework, filters.system), hierarchyOf(framework)]);
  if (!root.isConnected) return;
  const name = frameworks.find((f) => f.id === framework)?.name ?? framework;
  const ownerOf = (control: string) => ctx.controls.find((c) => c.id === control)?.owner ?? null;
  const controlsText = (r: CoverageRequirement) =>
    [...new Set(r.controls.map((c) => c.control))].map((c) => `${c} ${ctx.controlName(c)}`).join('; ');
  const listed = applyFilters(coverage.requirements, filters, ownerOf) as Requirement[];
  const filtered = Boolean(filters.owner || filters.statuses.length);
  const t = coverage.totals;
  const summary = h(
    'div',
    { class: 'summary' },
    h(
      'h3',
      {},
      name,
      filters.system ? ` — system ${ctx.systems.find((x) => x.id === filters.system)?.name ?? filters.system}` : '',
    ),
    headline(coverage),
    statusLegend(statusCounts(t)),
  );
  let content: HTMLElement;
  if (filtered) {
    content = h(
      'div',
      {},
      h(
        'p',
        { class: 'muted', id: 'filtered-count' },
        `${listed.length} of ${coverage.total} assessed requirements match the filters.`,
      ),
      table(
        'coverage-list',
        ['requirement', 'title', 'status', 'controls', 'owners'],
        listed,
        (r) => [
          requirementLink(r.uid, r.ref, openRequirement),
          r.title,
          [
            badge(r.status),
            r.basis ? ` ${r.basis}` : '',
            indicationCount(r) ? h('span', {}, ' ', indicatedBadge(indicationCount(r))) : null,
          ],
          controlsText(r),
          [...new Set(r.controls.map((c) => ownerOf(c.control)).filter(Boolean))].join(', '),
        ],
        (r) => ({ 'data-uid': r.uid, 'data-status': r.status }),
      ),
    );
  } else {
    const roots = buildTree(requirements, coverage);
    const tree = h(
      'div',
      { class: 'tree', id: 'coverage-tree' },
      roots.map((r) => renderNode(r, openRequirement, ctx)),
    );
    content = h(
      'div',
      {},
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
  }
  fill(body, summary, content);
  body.dataset.state = 'done';
  setExport({
    name: `coverage-${framework}${filters.system ? `-${filters.system}` : ''}`,
    title: `Coverage ${framework}`,
    columns: ['requirement', 'ref', 'title', 'group', 'status', 'basis', 'indications', 'controls', 'owners'],
    rows: listed.map((r) => [
      r.uid,
      r.ref,
      r.title,
      r.group,
      r.status,
      r.basis,
      indicationCount(r),
      controlsText(r),
      [...new Set(r.controls.map((c) => ownerOf(c.control)).filter(Boolean))].join('; '),
    ]),
  });
}
