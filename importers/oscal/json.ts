/** Reading untrusted JSON/YAML trees with JSON-path positions for problems. */
import type { Position, Problems } from '../problems.ts';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `$.a.b[2]` style paths; keys with dashes are fine in OSCAL paths. */
export const child = (path: string, key: string | number): string =>
  typeof key === 'number' ? `${path}[${key}]` : `${path}.${key}`;

/** A string property or null; records a problem when it is present but not a string. */
export function str(obj: JsonObject, key: string, at: Position, problems: Problems, required = false): string | null {
  const value = obj[key];
  if (value === undefined || value === null || value === '') {
    if (required) problems.add('VALUE_REQUIRED', { ...at, path: child(at.path ?? '$', key) }, key, 'is required but missing');
    return null;
  }
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') {
    problems.add(
      'VALUE_TYPE',
      { ...at, path: child(at.path ?? '$', key) },
      key,
      `expected a string, found ${Array.isArray(value) ? 'an array' : typeof value}`,
    );
    return null;
  }
  return value.trim();
}

/** An array property (empty when absent); a problem when present but not an array. */
export function list(obj: JsonObject, key: string, at: Position, problems: Problems): Json[] {
  const value = obj[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    problems.add('VALUE_TYPE', { ...at, path: child(at.path ?? '$', key) }, key, 'expected an array');
    return [];
  }
  return value;
}

/** A lower-case slug for ids made from titles: "ISO/IEC 27001:2022" -> "iso-iec-27001-2022". */
export const slug = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'imported';

/** Namespace of crosswalk's own props, as OSCAL requires for names outside its core vocabulary. */
export const CROSSWALK_NS = 'https://github.com/crosswalk/crosswalk/ns/oscal';

const TOKEN = /^[_\p{L}][\p{L}\p{N}_.-]*$/u;
/**
 * An OSCAL token (the type of control ids and `id-ref`s) for one of our refs: unchanged when it already is
 * one ("ac-2", "A.5.24"); else parentheses become dots and other characters dashes ("Art.9(2)(a)" ->
 * "Art.9.2.a") and a leading digit gets an underscore ("7.5.3" -> "_7.5.3"). Exports carry the ref itself
 * in a crosswalk `ref` prop, so it imports back exactly.
 */
export function oscalToken(ref: string): string {
  if (TOKEN.test(ref)) return ref;
  let token = ref
    .replace(/\(([^()]*)\)/g, '.$1')
    .replace(/[^\p{L}\p{N}_.-]+/gu, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/[-.]+$/, '');
  if (!/^[_\p{L}]/u.test(token)) token = `_${token}`;
  return token || '_';
}
