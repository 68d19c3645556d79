/**
 * "What evidence covers both ISO 27001 and NIS2?": the evidence-covering-both question for two frameworks.
 * Each evidence item with its validity and expiry, the controls it supports (by name) and, per framework,
 * the requirements it reaches and how: directly (a control implements it), inherited (a full mapping path
 * from a directly implemented requirement: every hop equal/superset_of, from a full implementation) or
 * indicated (any other mapping path: advice, it does not count). Requirements open their neighbourhood.
 */
import type { EvidenceCoveringBothAnswer } from '../../results.ts';
import { gql, today } from './api.ts';
import { SELECTIONS } from './selections.ts';
import type { Context, Navigate, OpenRequirement } from './context.ts';
import { fill, h } from './dom.ts';
import { setExport } from './export.ts';
import { daysBetween, frameworkOptions, loading, requirementLink, select, table } from './widgets.ts';

const QUERY = `query EvidenceCoveringBoth($a: String!, $b: String!, $today: Date) {
  evidenceCoveringBoth(frameworkA: $a, frameworkB: $b, today: $today, first: 500) ${SELECTIONS.evidenceCoveringBoth}
}`;

type EvidenceCoveringBoth = EvidenceCoveringBothAnswer['evidence']['edges'][number]['node'];
type Reach = EvidenceCoveringBoth['a'][number];

export type ReachBasis = Reach['reach'];

/** How a requirement is reached: the question says it (`reach`). */
export const reachBasis = (reach: Reach): ReachBasis => reach.reach;

const BASIS_TEXT: Record<ReachBasis, string> = {
  direct: 'a control of the evidence implements it',
  inherited: 'met through a full mapping (equal/superset_of) from a requirement the control implements fully',
  indicated: 'a partial mapping points at it: advice, it does not count',
};

function validity(item: EvidenceCoveringBoth, day: string): string {
  const { validUntil, valid, status } = item.evidence;
  if (!valid) return status !== 'approved' ? (status ?? 'no status') : `expired ${validUntil ?? ''}`;
  if (!validUntil) return 'valid, no expiry';
  const left = daysBetween(day, validUntil);
  return `valid until ${validUntil} (${left} day${left === 1 ? '' : 's'} left)`;
}

function side(reaches: Reach[], ctx: Context, open: OpenRequirement): HTMLElement {
  return h(
    'ul',
    { class: 'reach' },
    reaches.map((r) => {
      const basis = reachBasis(r);
      return h(
        'li',
        { 'data-uid': r.requirement.uid, 'data-basis': basis },
        requirementLink(r.requirement.uid, r.requirement.ref, open),
        ' ',
        h('span', { class: `basis ${basis}`, title: BASIS_TEXT[basis] }, basis),
        h(
          'div',
          { class: 'muted' },
          `${r.requirement.title} — via ${ctx.controlName(r.control)}${r.path.length > 1 ? `, path ${r.path.join(' → ')} (${r.relationships.join(', ')}; strength ${r.strength})` : ''}`,
        ),
      );
    }),
  );
}

export async function renderEvidence(
  root: HTMLElement,
  ctx: Context,
  a: string,
  b: string,
  navigate: Navigate,
  open: OpenRequirement,
): Promise<void> {
  const go = (x: string, y: string) => navigate(`#evidence/${encodeURIComponent(x)}/${encodeURIComponent(y)}`);
  const body = h('div', { id: 'evidence', 'data-state': 'loading' }, loading(`Asking which evidence covers both ${a} and ${b}…`));
  fill(
    root,
    h('h2', {}, 'Evidence covering both frameworks'),
    h(
      'div',
      { class: 'filters' },
      select('evidence-a', 'Framework A', frameworkOptions(ctx), a, (v) => go(v, b)),
      select('evidence-b', 'Framework B', frameworkOptions(ctx), b, (v) => go(a, v)),
    ),
    body,
  );
  if (!a || !b || a === b) {
    fill(body, h('p', { class: 'error' }, 'Pick two different frameworks.'));
    return;
  }
  const { evidenceCoveringBoth: answer } = await gql<{ evidenceCoveringBoth: EvidenceCoveringBothAnswer }>(QUERY, {
    a,
    b,
    today: today(),
  });
  if (!root.isConnected) return;
  const result = { today: answer.today, total: answer.evidence.totalCount, items: answer.evidence.edges.map((e) => e.node) };
  const count = (items: Reach[]) => (basis: ReachBasis) => items.filter((r) => reachBasis(r) === basis).length;
  fill(
    body,
    h(
      'p',
      { class: 'headline' },
      h('strong', { id: 'evidence-total' }, String(result.total)),
      ` evidence items support controls that cover requirements of both ${a} and ${b} (approved and valid on ${result.today}; requirements reached directly or through one approved mapping). `,
      h('span', { class: 'basis direct' }, 'direct'),
      ': a control the evidence supports implements it; ',
      h('span', { class: 'basis inherited' }, 'inherited'),
      ': met through a full mapping; ',
      h('span', { class: 'basis indicated' }, 'indicated'),
      ': a partial mapping points at it (advice, does not count).',
    ),
    table(
      'evidence-table',
      ['evidence', 'validity', 'controls', a, b],
      result.items,
      (item) => [
        [h('strong', {}, item.evidence.id), ' ', item.evidence.title, h('div', { class: 'muted' }, item.evidence.kind)],
        validity(item, result.today),
        h(
          'ul',
          { class: 'plain' },
          item.controls.map((c) => h('li', { 'data-control': c }, h('strong', {}, c), ` ${ctx.controlName(c)}`)),
        ),
        [side(item.a, ctx, open), h('div', { class: 'counts' }, summary(count(item.a)))],
        [side(item.b, ctx, open), h('div', { class: 'counts' }, summary(count(item.b)))],
      ],
      (item) => ({ 'data-evidence': item.evidence.id }),
    ),
  );
  body.dataset.state = 'done';
  setExport({
    name: `evidence-${a}-${b}`,
    title: `Evidence ${a} + ${b}`,
    columns: [
      'evidence',
      'title',
      'valid',
      'valid until',
      'controls',
      'framework',
      'requirement',
      'how',
      'via control',
      'path',
      'strength',
    ],
    rows: result.items.flatMap((item) =>
      [...item.a, ...item.b].map((r) => [
        item.evidence.id,
        item.evidence.title,
        item.evidence.valid,
        item.evidence.validUntil,
        item.controls.map((c) => `${c} ${ctx.controlName(c)}`).join('; '),
        r.requirement.framework,
        r.requirement.uid,
        reachBasis(r),
        r.control,
        r.path.join(' > '),
        r.strength,
      ]),
    ),
  });
}

function summary(count: (basis: ReachBasis) => number): string {
  return (['direct', 'inherited', 'indicated'] as const)
    .map((basis) => [basis, count(basis)] as const)
    .filter(([, n]) => n > 0)
    .map(([basis, n]) => `${n} ${basis}`)
    .join(' · ');
}
