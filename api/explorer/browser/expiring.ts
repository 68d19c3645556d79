/**
 * "What expires soon?": the impact question with withinDays. The approved evidence valid today that is no
 * longer valid N days from now (with the controls it supports, by name), and the requirements whose status
 * changes by then.
 */
import type { ImpactAnswer } from '../../results.ts';
import { gql, today } from './api.ts';
import { SELECTIONS } from './selections.ts';
import type { Context, Navigate, OpenRequirement } from './context.ts';
import { fill, h } from './dom.ts';
import { setExport } from './export.ts';
import { badge, daysBetween, loading, requirementLink, select, table } from './widgets.ts';

const QUERY = `query Expiring($withinDays: Int, $today: Date) {
  impact(withinDays: $withinDays, today: $today, first: 500) ${SELECTIONS.impact}
}`;

export const WINDOWS = [30, 60, 90, 180, 365];

export async function renderExpiring(
  root: HTMLElement,
  ctx: Context,
  days: number,
  navigate: Navigate,
  open: OpenRequirement,
): Promise<void> {
  const body = h('div', { id: 'expiring', 'data-state': 'loading' }, loading(`Asking what expires in the next ${days} days…`));
  fill(
    root,
    h('h2', {}, 'Expiring soon'),
    h(
      'div',
      { class: 'filters' },
      select(
        'expiring-days',
        'Within',
        [...new Set([...WINDOWS, days])].sort((a, b) => a - b).map((d) => ({ value: String(d), label: `${d} days` })),
        String(days),
        (v) => navigate(`#expiring/${v}`),
      ),
    ),
    body,
  );
  const { impact: answer } = await gql<{ impact: ImpactAnswer }>(QUERY, { withinDays: days, today: today() });
  if (!root.isConnected) return;
  const result = {
    today: answer.today,
    after: answer.after,
    total: answer.changes.totalCount,
    // Expiring evidence always has a validUntil (it expires before the after date).
    expiring: answer.expiring.map((e) => ({ ...e.evidence, validUntil: e.evidence.validUntil ?? '', controls: e.controls })),
    changes: answer.changes.edges.map((e) => ({ ...e.node.requirement, before: e.node.before, after: e.node.after })),
  };
  fill(
    body,
    h(
      'p',
      { class: 'headline' },
      h('strong', { id: 'expiring-total' }, String(result.expiring.length)),
      ` approved evidence items valid on ${result.today} expire before ${result.after}; `,
      h('strong', { id: 'expiring-changes' }, String(result.total)),
      ' requirements change status by then.',
    ),
    table(
      'expiring-table',
      ['evidence', 'valid until', 'days left', 'controls'],
      result.expiring,
      (e) => [
        [h('strong', {}, e.id), ' ', e.title],
        e.validUntil,
        String(daysBetween(result.today, e.validUntil)),
        h(
          'ul',
          { class: 'plain' },
          e.controls.map((c) => h('li', { 'data-control': c }, h('strong', {}, c), ` ${ctx.controlName(c)}`)),
        ),
      ],
      (e) => ({ 'data-evidence': e.id }),
    ),
    h('h3', {}, `Status changes by ${result.after}`),
    table(
      'expiring-changes-table',
      ['requirement', 'title', 'now', 'then'],
      result.changes,
      (c) => [requirementLink(c.uid, `${c.framework} ${c.ref}`, open), c.title, badge(c.before), badge(c.after)],
      (c) => ({ 'data-uid': c.uid }),
    ),
  );
  body.dataset.state = 'done';
  setExport({
    name: `expiring-${days}-days`,
    title: `Expiring within ${days} days`,
    columns: ['evidence', 'title', 'valid until', 'days left', 'controls'],
    rows: result.expiring.map((e) => [
      e.id,
      e.title,
      e.validUntil,
      daysBetween(result.today, e.validUntil),
      e.controls.map((c) => `${c} ${ctx.controlName(c)}`).join('; '),
    ]),
  });
}
