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
