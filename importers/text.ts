/**
 * What every format checks before parsing, and after: the bytes are UTF-8 text (a fatal TextDecoder, with
 * the line of the first bad byte), the parsed tree is not nested absurdly deep, holds no control
 * characters (a NUL byte is never data), and ids stay short enough for Neo4j's indexes.
 */
import { isUtf8 } from 'node:buffer';
import type { Position, Problems } from './problems.ts';

/** Neo4j's range indexes refuse keys over about 8 KB; an id longer than this is a shifted column or garbage. */
export const MAX_ID_LENGTH = 200;
/** Deeper trees than this are not catalogs (OSCAL catalogs nest a few groups); the limit also bounds recursion. */
export const MAX_DEPTH = 100;

/** Control characters other than tab, newline and carriage return. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export const controlCharacter = (value: string): string | undefined => {
  const found = CONTROL.exec(value)?.[0];
  return found === undefined ? undefined : `U+${found.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
};

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Share of NUL bytes at even or odd offsets in the first KB: text in UTF-16 without a BOM. */
function looksLikeUtf16(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 1024) & ~1;
  if (n < 4) return false;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  return Math.max(even, odd) / (n / 2) > 0.3;
}

/** UTF-16 by its BOM or by its NUL bytes. */
export const isUtf16 = (bytes: Uint8Array): boolean =>
  (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || looksLikeUtf16(bytes);

/**
 * The file's text without BOM, or undefined with a problem recorded (empty, UTF-16, not UTF-8). `hint`
 * says how to re-save the file in this format's usual tool.
 */
export function decodeText(bytes: Uint8Array, file: string, problems: Problems, hint: string): string | undefined {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    problems.add(
      'ENCODING_INVALID',
      { file, line: 1 },
      undefined,
      `the file is UTF-16 (it starts with a UTF-16 BOM), not UTF-8; ${hint}`,
    );
    return undefined;
  }
  if (looksLikeUtf16(bytes)) {
    problems.add(
      'ENCODING_INVALID',
      { file, line: 1 },
      undefined,
      `the file looks like UTF-16 without a BOM (every other byte is 0), not UTF-8; ${hint}`,
    );
    return undefined;
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    // The decoder says only that the bytes are bad; the line is what a user needs to find them.
    let line = 1;
    let start = 0;
    for (let i = 0; i <= bytes.length; i++) {
      if (i === bytes.length || bytes[i] === 0x0a) {
        if (!isUtf8(bytes.subarray(start, i))) break;
        line++;
        start = i + 1;
      }
    }
    problems.add(
      'ENCODING_INVALID',
      { file, line },
      undefined,
      `the file is not valid UTF-8 (first bad byte on line ${line}); ${hint}`,
    );
    return undefined;
  }
  text = text.replace(/^\uFEFF/, '');
  if (text.trim() === '') {
    problems.add('FILE_EMPTY', { file }, undefined, 'the file is empty');
    return undefined;
  }
  return text;
}

export type PathPart = string | number;

export const formatPath = (path: readonly PathPart[]): string =>
  `$${path.map((p) => (typeof p === 'number' ? `[${p}]` : /^[A-Za-z_][\w]*$/.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`)).join('')}`;

/**
 * Walks a parsed JSON/YAML tree: a problem for every string holding a control character, and one (then
 * stop) when the tree nests deeper than MAX_DEPTH. Returns false when the tree is too deep to read.
 */
export function checkTree(root: unknown, problems: Problems, at: (path: PathPart[]) => Position): boolean {
  let tooDeep = false;
  const walk = (value: unknown, path: PathPart[]): void => {
    if (tooDeep) return;
    if (path.length > MAX_DEPTH) {
      tooDeep = true;
      problems.add(
        'NESTING_TOO_DEEP',
        at(path.slice(0, 6)),
        undefined,
        `nested more than ${MAX_DEPTH} levels deep; this is not a catalog crosswalk can read`,
      );
      return;
    }
    if (typeof value === 'string') {
      const control = controlCharacter(value);
      if (control) {
        const key = path[path.length - 1];
        problems.add(
          'VALUE_CONTROL_CHARACTER',
          at(path),
          typeof key === 'string' ? key : undefined,
          `contains the control character ${control}`,
        );
      }
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, [...path, i]));
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) walk(item, [...path, key]);
    }
  };
  walk(root, []);
  return !tooDeep;
}
