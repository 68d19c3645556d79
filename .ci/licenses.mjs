#!/usr/bin/env node
// Licence check of the production dependencies (run by .ci/run before the tests; `npm run licenses`).
// Every installed package that is not dev-only (per package-lock.json) must have a licence on
// licenses/allow-list.json, judged from BOTH its package.json and its licence files (LICENSE, LICENCE,
// COPYING, ...): a package.json can say "SEE LICENSE IN" or nothing, and a licence file can restrict use
// ("may only be used with ...") whatever package.json says. Plain Node, no dependencies: it runs before
// anything is built. Exit 0 = all allowed, 1 = a package is refused (each one named with the reason).
import fs from 'node:fs';
import path from 'node:path';

// --root DIR: check another tree (the tests check small fixture trees).
const rootArg = process.argv.indexOf('--root');
const root = rootArg > 0 ? path.resolve(process.argv[rootArg + 1]) : path.resolve(import.meta.dirname, '..');
const allow = JSON.parse(fs.readFileSync(path.join(root, 'licenses', 'allow-list.json'), 'utf8'));
const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'));

/** Licence texts recognised by a phrase every copy of that licence contains (text lower-cased, spaces collapsed). */
const TEXTS = [
  ['MIT', /permission is hereby granted, free of charge, to any person obtaining a copy/],
  ['ISC', /permission to use, copy, modify, and\/?or distribute this software for any purpose with or without fee/],
  ['BSD-3-Clause', /redistribution and use in source and binary forms.*(neither the name|names of its contributors may be used)/],
  ['BSD-2-Clause', /redistribution and use in source and binary forms/],
  ['Apache-2.0', /apache license,? version 2\.0|apache license\s+version 2\.0/],
  ['BlueOak-1.0.0', /blue oak model license/],
  ['Unlicense', /this is free and unencumbered software released into the public domain/],
  ['Zlib', /altered source versions must be plainly marked as such/],
  ['Elastic-2.0', /elastic license 2\.0/],
];
/** Phrases that restrict who may use the software or how: never allowed without a package decision. */
const RESTRICTIONS = [
  /may only be used with/,
  /elastic license/,
  /business source license/,
  /server side public license/,
  /commons clause/,
  /polyform/,
  /non-?commercial (use|purposes)/,
];

const normalize = (text) =>
  text
    .toLowerCase()
    .replace(/[*_#>`]/g, ' ')
    .replace(/\s+/g, ' ');

function declared(pkg) {
  if (typeof pkg.license === 'string') return pkg.license;
  if (pkg.license && typeof pkg.license.type === 'string') return pkg.license.type;
  if (Array.isArray(pkg.licenses)) return pkg.licenses.map((l) => (typeof l === 'string' ? l : l.type)).join(' OR ');
  return undefined;
}

/** SPDX expression with OR/AND and parentheses: allowed when one side of every OR and both of every AND are. */
function expressionAllowed(expr) {
  const tokens = expr
    .replace(/[()]/g, (p) => ` ${p} `)
    .trim()
    .split(/\s+/);
  let i = 0;
  const primary = () => {
    const t = tokens[i++];
    if (t === '(') {
      const v = or();
      i++; // ')'
      return v;
    }
    return Object.hasOwn(allow.licenses, t?.replace(/\+$/, ''));
  };
  const and = () => {
    let v = primary();
    while (tokens[i]?.toUpperCase() === 'AND') {
      i++;
      const next = primary();
      v = next && v;
    }
    return v;
  };
  const or = () => {
    let v = and();
    while (tokens[i]?.toUpperCase() === 'OR') {
      i++;
      const next = and();
      v = next || v;
    }
    return v;
  };
  return or();
}

function licenceFiles(dir) {
  return fs
    .readdirSync(dir)
    .filter((f) => /^(licen[cs]e|copying)([.-]|$)/i.test(f))
    .map((f) => ({ file: f, text: normalize(fs.readFileSync(path.join(dir, f), 'utf8')) }));
}

/** The sentence around a phrase, for the report. */
function quote(text, pattern) {
  const at = text.search(pattern);
  const dot = text.lastIndexOf('. ', at);
  const start = dot < 0 ? 0 : dot + 2;
  const end = text.indexOf('. ', at);
  return text.slice(start, end < 0 ? at + 160 : Math.min(end + 1, at + 240)).trim();
}

function judge(name, pkg, dir) {
  const spdx = declared(pkg);
  const files = licenceFiles(dir);
  const found = [...new Set(files.flatMap(({ text }) => TEXTS.filter(([, re]) => re.test(text)).map(([id]) => id)))];
  // BSD-3 text also matches the BSD-2 phrase.
  const texts = found.includes('BSD-3-Clause') ? found.filter((id) => id !== 'BSD-2-Clause') : found;
  const restricted = files.flatMap(({ file, text }) =>
    RESTRICTIONS.filter((re) => re.test(text)).map((re) => `${file}: "${quote(text, re)}"`),
  );
  const what = `${spdx ?? 'no license field'}; files: ${files.map((f) => f.file).join(', ') || 'none'}${texts.length ? ` (${texts.join(', ')})` : ''}`;

  const decision = allow.packages[name];
  if (decision) {
    // A decision holds for the licence it was made on (null: the package declares none).
    if (decision.license !== (spdx ?? null)) {
      return {
        ok: false,
        what,
        why: `the allow-list decided on licence '${decision.license}', the package now says '${spdx}': decide again`,
      };
    }
    return decision.decision === 'allow'
      ? { ok: true, what, why: `decision: ${decision.reason}` }
      : { ok: false, what, why: `${decision.reason}${restricted.length ? ` [${restricted[0]}]` : ''}` };
  }
  if (restricted.length)
    return { ok: false, what, why: `restrictive licence text, no decision in the allow-list: ${restricted.join('; ')}` };
  const seeFile = !spdx || /^SEE LICEN[CS]E IN/i.test(spdx) || /^UNLICENSED$/i.test(spdx);
  if (!seeFile && !expressionAllowed(spdx)) return { ok: false, what, why: `'${spdx}' is not on the allow-list` };
  const notAllowed = texts.filter((id) => !Object.hasOwn(allow.licenses, id));
  // A licence file naming a licence the expression does not offer (outside an OR) is a disagreement to decide.
  if (notAllowed.length && !(spdx && / OR /i.test(spdx))) {
    return { ok: false, what, why: `the licence file is ${notAllowed.join(', ')}, not on the allow-list` };
  }
  if (seeFile) {
    if (!texts.length) return { ok: false, what, why: 'no recognisable licence in package.json or its files' };
    return { ok: true, what, why: `licence file: ${texts.join(', ')}` };
  }
  return { ok: true, what, why: spdx };
}

const results = [];
for (const [key, entry] of Object.entries(lock.packages)) {
  if (!key || entry.dev || entry.devOptional || entry.link) continue;
  const dir = path.join(root, key);
  const manifest = path.join(dir, 'package.json');
  if (!fs.existsSync(manifest)) continue; // optional (e.g. another platform's esbuild) and not installed
  const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8'));
  const name = pkg.name ?? key.replace(/^.*node_modules\//, '');
  results.push({ name, version: pkg.version, ...judge(name, pkg, dir) });
}

const refused = results.filter((r) => !r.ok);
const verbose = process.argv.includes('--verbose');
for (const r of verbose ? results : refused) {
  console.log(`${r.ok ? 'allowed' : 'REFUSED'}  ${r.name}@${r.version}  (${r.what})\n         ${r.why}`);
}
const decided = results.filter((r) => r.ok && allow.packages[r.name]).map((r) => `${r.name}@${r.version}`);
console.log(
  `licences: ${results.length} production packages, ${results.length - refused.length} allowed${decided.length ? ` (by decision: ${decided.join(', ')})` : ''}, ${refused.length} refused (licenses/allow-list.json)`,
);
process.exit(refused.length ? 1 : 0);
