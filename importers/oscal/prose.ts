/**
 * OSCAL statement prose as OSCAL tools render it: each statement item on its own line behind its label
 * ("a.", "1."), nested items indented, and `{{ insert: param, ID }}` placeholders replaced by the
 * parameter's value (set in the catalog or by a profile's set-parameters), its selection
 * ("[Selection (one or more): a; b]"), or else "[Assignment: LABEL]" from its label or first guideline.
 */
import { isObject, type Json, type JsonObject } from './json.ts';

export type Params = Map<string, JsonObject>;

const INSERT = /\{\{\s*insert:\s*param,\s*([^\s}]+)\s*\}\}/g;

/** Every parameter defined anywhere in the tree (catalog, groups, controls, parts), by id. */
export function collectParams(node: Json, into: Params = new Map()): Params {
  if (Array.isArray(node)) {
    for (const item of node) collectParams(item, into);
  } else if (isObject(node)) {
    if (Array.isArray(node.params)) for (const p of node.params) if (isObject(p) && typeof p.id === 'string') into.set(p.id, p);
    for (const key of ['groups', 'controls', 'parts']) if (Array.isArray(node[key])) collectParams(node[key], into);
  }
  return into;
}

const strings = (value: Json | undefined): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').map((v) => v.trim()) : [];

/** How one parameter reads in prose. */
export function renderParam(id: string, params: Params, depth = 0): string {
  const param = params.get(id);
  if (!param) return `[Assignment: ${id}]`;
  const nested = (text: string) => (depth < 5 ? renderInserts(text, params, depth + 1) : text);
  const values = strings(param.values);
  if (values.length) return values.map(nested).join(', ');
  if (isObject(param.select)) {
    const choices = strings(param.select.choice).map(nested);
    const many = param.select['how-many'] === 'one-or-more' ? ' (one or more)' : '';
    return `[Selection${many}: ${choices.join('; ')}]`;
  }
  if (typeof param.label === 'string' && param.label.trim()) return `[Assignment: ${nested(param.label.trim())}]`;
  const guideline = Array.isArray(param.guidelines) ? param.guidelines.find(isObject) : undefined;
  if (guideline && typeof guideline.prose === 'string') return `[Assignment: ${nested(guideline.prose.trim())}]`;
  return `[Assignment: ${id}]`;
}

export const renderInserts = (text: string, params: Params, depth = 0): string =>
  text.replace(INSERT, (_m, id: string) => renderParam(id, params, depth));

export function propValue(node: JsonObject, name: string, skipClass?: string): string | null {
  const props = Array.isArray(node.props) ? node.props.filter(isObject) : [];
  const found = props.find(
    (p) =>
      p.name === name &&
      (typeof p.value === 'string' || typeof p.value === 'number') &&
      (skipClass === undefined || p.class !== skipClass),
  );
  return found ? String(found.value).trim() : null;
}

/**
 * A statement part as lines: its own prose, then each item as "LABEL text", indented by depth. Parts that
 * are not statement items (guidance, objectives) are not part of the requirement's text.
 */
export function statementLines(part: JsonObject, params: Params, depth = 0): string[] {
  const lines: string[] = [];
  const text = typeof part.prose === 'string' ? renderInserts(part.prose.trim(), params) : '';
  const itemLabel = depth > 0 ? propValue(part, 'label', 'zero-padded') : null;
  const indent = '  '.repeat(Math.max(0, depth - 1));
  if (text || itemLabel) lines.push(`${indent}${[itemLabel, text].filter(Boolean).join(' ')}`);
  const parts = Array.isArray(part.parts) ? part.parts.filter(isObject) : [];
  for (const child of parts) {
    if (child.name !== 'item' && child.name !== 'statement') continue;
    lines.push(...statementLines(child, params, depth + 1));
  }
  return lines;
}
