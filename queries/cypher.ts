/**
 * Loads a named question's Cypher text from queries/<name>.cypher (read once, cached). A line
 * `// @include NAME` is replaced by queries/NAME.cypher, so a block several questions share (the
 * requirement status, queries/status-block.cypher) is written once and reaches the CLI, the tests and the
 * API (which inlines this same text into its @cypher fields) identically. A name with a folder
 * (`coverage/read-status`) is read from that folder of the project instead (the maintained coverage's Cypher).
 */
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../graph/config.ts';

const INCLUDE = /^\/\/ @include ([\w-]+(?:\/[\w-]+)?)[ \t]*$/gm;
const cache = new Map<string, string>();

export function cypherFile(name: string): string {
  return name.includes('/') ? path.join(PROJECT_ROOT, `${name}.cypher`) : path.join(PROJECT_ROOT, 'queries', `${name}.cypher`);
}

export function cypher(name: string, including: readonly string[] = []): string {
  let text = cache.get(name);
  if (text === undefined) {
    if (including.includes(name)) throw new Error(`${name}.cypher includes itself (${[...including, name].join(' -> ')})`);
    text = fs
      .readFileSync(cypherFile(name), 'utf8')
      .replace(INCLUDE, (_line, included: string) => cypher(included, [...including, name]).trimEnd());
    cache.set(name, text);
  }
  return text;
}
