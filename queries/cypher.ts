/** Loads a named question's Cypher text from queries/<name>.cypher (read once, cached). */
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../graph/config.ts';

const cache = new Map<string, string>();

export function cypher(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = fs.readFileSync(path.join(PROJECT_ROOT, 'queries', `${name}.cypher`), 'utf8');
    cache.set(name, text);
  }
  return text;
}
