/**
 * "Are we ready for certification?": the readiness question for one framework (ISO/IEC 42001 or 27001): the
 * five steps of the programme as cards coloured by status, each with the facts behind it, what to do next
 * and the clauses it evidences (with their coverage status); below, the corrective actions overdue.
 */
import type { OverdueActionsAnswer, ReadinessAnswer } from '../../results.ts';
import { READINESS_COLORS, READINESS_FRAMEWORKS, READINESS_LABELS } from '../../../queries/readiness-status.ts';
import { gql, today } from './api.ts';
import type { Context, Navigate, OpenRequirement } from './context.ts';
import { fill, h } from './dom.ts';
import { setExport } from './export.ts';
import { SELECTIONS } from './selections.ts';
import { badge, loading, requirementLink, select, table } from './widgets.ts';

const QUERY = `query Readiness($framework: String, $today: Date) {
  readiness(framework: $framework, today: $today) ${SELECTIONS.readiness}
  overdueActions(today: $today) ${SELECTIONS.overdueActions}
}`;

type Step = ReadinessAnswer['steps'][number];

/** The programmes the organization can follow: those it adopts first, then the others. */
function programmes(ctx: Context): { value: string; label: string }[] {
  const adopted = new Set(ctx.frameworks.map((f) => f.id));
  return [...READINESS_FRAMEWORKS]
    .sort((a, b) => Number(adopted.has(b)) - Number(adopted.has(a)))
    .map((id) => ({ value: id, label: `${id}${adopted.has(id) ? '' : ' (not adopted)'}` }));
}

/** The framework the view opens with: the one asked for when it has a programme, else the first adopted one. */
export function readinessFramework(ctx: Context, asked: string | undefined): string {
  const known = READINESS_FRAMEWORKS as readonly string[];
  if (asked && known.includes(asked)) return asked;
  return ctx.frameworks.map((f) => f.id).find((id) => known.includes(id)) ?? READINESS_FRAMEWORKS[0];
}

function statusPill(status: Step['status']): HTMLElement {
  return h(
    'span',
    { class: 'badge readiness-status', 'data-readiness': status, style: `background:${READINESS_COLORS[status]}` },
    READINESS_LABELS[status],
  );
}

function card(step: Step, open: OpenRequirement): HTMLElement {
  return h(
    'section',
    {
      class: 'readiness-card',
      id: `readiness-step-${step.step}`,
      'data-step': String(step.step),
      'data-status': step.status,
      style: `border-left-color:${READINESS_COLORS[step.status]}`,
    },
    h('h3', {}, h('span', { class: 'step-number' }, `${step.step}`), ` ${step.title} `, statusPill(step.status)),
    h(
      'ul',
      { class: 'facts' },
      step.facts.map((f) => h('li', { 'data-fact': f.key, title: f.ids.join(', ') }, f.text)),
    ),
    step.next.length
      ? [
          h('h4', {}, 'Next'),
          h(
            'ol',
            { class: 'next' },
            step.next.map((n) => h('li', {}, n)),
          ),
        ]
      : h('p', { class: 'muted' }, 'Nothing left to do for this step.'),
    step.clauses.length
      ? h(
          'div',
          { class: 'clauses' },
          h('span', { class: 'muted' }, 'Clauses it evidences: '),
          step.clauses.map((c) =>
            h(
              'span',
              { class: 'clause', 'data-uid': c.uid, title: c.title },
              requirementLink(c.uid, c.uid, open),
              ' ',
              badge(c.status),
            ),
          ),
        )
      : null,
  );
}

export async function renderReadiness(
  root: HTMLElement,
  ctx: Context,
  asked: string | undefined,
  navigate: Navigate,
  open: OpenRequirement,
): Promise<void> {
  const framework = readinessFramework(ctx, asked);
  const body = h(
    'div',
    { id: 'readiness', 'data-state': 'loading' },
    loading(`Asking how ready the programme for ${framework} is…`),
  );
  fill(
    root,
    h('h2', {}, 'Readiness for certification'),
    h(
      'div',
      { class: 'filters' },
      select('readiness-framework', 'Programme', programmes(ctx), framework, (v) =>
        navigate(`#readiness/${encodeURIComponent(v)}`),
      ),
    ),
    body,
  );
  const { readiness: r, overdueActions: overdue } = await gql<{
    readiness: ReadinessAnswer;
    overdueActions: OverdueActionsAnswer;
  }>(QUERY, { framework, today: today() });
  if (!root.isConnected) return;
  fill(
    body,
    h(
      'p',
      { class: 'headline' },
      `${r.frameworkName ?? r.framework}: `,
      h('strong', { id: 'readiness-overall', 'data-readiness': r.status }, READINESS_LABELS[r.status]),
      ` (judged on ${r.today}; ${r.steps.filter((s) => s.status === 'done').length} of ${r.steps.length} steps done).`,
    ),
    h(
      'div',
      { class: 'readiness-cards' },
      r.steps.map((s) => card(s, open)),
    ),
    h('h3', {}, `Corrective actions overdue (${overdue.total})`),
    overdue.total
      ? table(
          'overdue-table',
          ['action', 'title', 'due', 'days overdue', 'owner', 'finding'],
          overdue.actions,
          (a) => [
            a.id,
            a.title ?? '',
            a.dueOn,
            String(a.daysOverdue),
            a.owner ? `${a.owner.name ?? a.owner.id}${a.owner.role ? ` (${a.owner.role})` : ''}` : '—',
            a.finding
              ? `${a.finding.id} ${a.finding.kind?.replace('_', ' ') ?? ''}${a.finding.about.length ? ` — ${a.finding.about.join(', ')}` : ''}`
              : '—',
          ],
          (a) => ({ 'data-action': a.id, 'data-days': String(a.daysOverdue) }),
        )
      : h('p', { class: 'muted', id: 'overdue-none' }, 'No corrective action is overdue.'),
  );
  body.dataset.state = 'done';
  setExport({
    name: `readiness-${framework}`,
    title: `Readiness ${framework}`,
    columns: ['step', 'title', 'status', 'facts', 'next', 'clauses'],
    rows: r.steps.map((s) => [
      s.step,
      s.title,
      s.status,
      s.facts.map((f) => f.text).join('; '),
      s.next.join('; '),
      s.clauses.map((c) => `${c.uid} ${c.status}`).join('; '),
    ]),
  });
}
