/**
 * Loads a named question's Cypher text from queries/<name>.cypher (read once, cached). A line
 * `// @include NAME` is replaced by queries/NAME.cypher, so a block several questions share (the
 * requirement status, queries/status-block.cypher) is written once and reaches the CLI, the tests and the
 * API (which inlines this same text into its @cypher fields) identically. A name with a folder
 * (`coverage/read-status`) is read from that folder of the project instead (the maintained coverage's Cypher).
 * The few expressions many files share (`coverage.metOn(row, day)`, below) are expanded the same way.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../graph/config.ts';

const INCLUDE = /^\/\/ @include ([\w-]+(?:\/[\w-]+)?)[ \t]*$/gm;

/**
 * Expressions the maintained coverage reads in many places, written once (coverage/README.md "Findings"). In
 * a .cypher file they look like functions of a `coverage` namespace; the loader expands them, so the
 * database never sees those names (an unknown one is an error here).
 * - `coverage.metOn(row, day)`: a stored direct row (a CoverageDirect node, or a map with its fields) is met
 *   on `day`: `day` is within its interval and in none of its findings' cap intervals;
 * - `coverage.inheritedOn(row, day, org)`: a stored inferred row (CoverageInferred) gives inheritance on
 *   `day`: from a source no finding caps (`inheritedUntil`), or from a capped source met that day.
 */
const EXPRESSIONS: Record<string, (...args: string[]) => string> = {
  metOn: (row, day) =>
    `(${row}.metUntil >= ${day} AND none(k IN range(0, size(coalesce(${row}.capFrom, [])) - 1) WHERE ${row}.capFrom[k] <= ${day} <= ${row}.capUntil[k]))`,
  inheritedOn: (row, day, org) =>
    `(coalesce(${row}.inheritedUntil >= ${day}, false) OR (size(coalesce(${row}.cappedSources, [])) > 0 AND EXISTS { ` +
    `UNWIND ${row}.cappedSources AS cappedSource MATCH (cappedRow:CoverageDirect {org: ${org}, uid: cappedSource}) ` +
    `WHERE ${EXPRESSIONS.metOn!('cappedRow', day)} }))`,
};
const EXPRESSION = /\bcoverage\.(\w+)\(([\w\s,]*)\)/g;

function expandExpressions(name: string, text: string): string {
  return text.replace(EXPRESSION, (_call, fn: string, args: string) => {
    const expand = EXPRESSIONS[fn];
    if (!expand) throw new Error(`${name}.cypher: unknown expression coverage.${fn}()`);
    return expand(...args.split(',').map((a) => a.trim()));
  });
}
const cache = new Map<string, string>();

export function cypherFile(name: string): string {
  return name.includes('/') ? path.join(PROJECT_ROOT, `${name}.cypher`) : path.join(PROJECT_ROOT, 'queries', `${name}.cypher`);
}

export function cypher(name: string, including: readonly string[] = []): string {
  let text = cache.get(name);
  if (text === undefined) {
    if (including.includes(name)) throw new Error(`${name}.cypher includes itself (${[...including, name].join(' -> ')})`);
    text = expandExpressions(name, fs.readFileSync(cypherFile(name), 'utf8')).replace(INCLUDE, (_line, included: string) =>
      cypher(included, [...including, name]).trimEnd(),
    );
    cache.set(name, text);
  }
  return text;
}
