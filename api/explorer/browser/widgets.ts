/** Small pieces several views share: links, status badges, tables, selects. */
import type { CoverageStatus } from '../../../queries/types.ts';
import type { Context, OpenRequirement } from './context.ts';
import { h, type Child } from './dom.ts';
import { INDICATED_COLOR, STATUS_COLORS, STATUS_LABELS } from './status.ts';

export function requirementLink(uid: string, label: string, open: OpenRequirement): HTMLElement {
  return h(
    'a',
    {
      href: `#requirement/${encodeURIComponent(uid)}`,
      'data-uid': uid,
      onclick: (e: Event) => {
        e.preventDefault();
        open(uid);
      },
    },
    label,
  );
}

export function badge(status: CoverageStatus): HTMLElement {
  return h(
    'span',
    { class: 'badge', 'data-status': status, style: `background:${STATUS_COLORS[status]}` },
    STATUS_LABELS[status],
  );
}

export function indicatedBadge(count: number): HTMLElement {
  return h(
    'span',
    {
      class: 'badge',
      'data-indicated': String(count),
      style: `background:${INDICATED_COLOR}`,
      title: 'advice from mappings that does not count as met',
    },
    `indicated${count > 1 ? ` ×${count}` : ''}`,
  );
}

/** A table with a header row; `rowAttrs` gives each row's data attributes (for readers and the tests). */
export function table<T>(
  id: string,
  columns: string[],
  items: readonly T[],
  cells: (item: T, index: number) => (Child | Child[])[],
  rowAttrs: (item: T) => Record<string, string> = () => ({}),
): HTMLTableElement {
  return h(
    'table',
    { class: 'list', id },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        columns.map((c) => h('th', { scope: 'col' }, c)),
      ),
    ),
    h(
      'tbody',
      {},
      items.map((item, index) =>
        h(
          'tr',
          rowAttrs(item),
          cells(item, index).map((cell) => h('td', {}, cell)),
        ),
      ),
    ),
  );
}

export function select(
  id: string,
  label: string,
  options: readonly { value: string; label: string }[],
  value: string,
  onChange: (value: string) => void,
): HTMLElement {
  const element = h(
    'select',
    { id, name: id },
    options.map((o) => h('option', { value: o.value, selected: o.value === value }, o.label)),
  );
  element.addEventListener('change', () => onChange(element.value));
  return h('label', { class: 'field' }, `${label} `, element);
}

export const frameworkOptions = (ctx: Context) =>
  ctx.frameworks.map((f) => ({ value: f.id, label: `${f.id} — ${f.name.length > 48 ? `${f.name.slice(0, 47)}…` : f.name}` }));

/** Whole days from `from` to `to` (YYYY-MM-DD), negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function loading(text: string): HTMLElement {
  return h('p', { class: 'muted loading-note', role: 'status' }, h('span', { class: 'spinner' }), ` ${text}`);
}
