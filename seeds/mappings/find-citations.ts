/**
 * Finds every explicit citation between the acts in the catalogs (AI Act, GDPR, NIS2 and the NIS2
 * Implementing Regulation) in the official texts, so that each one can be represented as a
 * `legal_cross_reference` mapping. The texts are not part of the project: pass the folder that holds
 * them (the EUR-Lex extracts described in seeds/mappings/README.md).
 *
 *   npx tsx seeds/mappings/find-citations.ts <folder with the EU texts> [--tsv]
 *
 * A "place" is one citing provision (paragraph or point, or a numbered point of an annex); a place that
 * cites the same act twice counts once. The cited article is read from the words just before the act's
 * number ("Article 9(1) of Regulation (EU) 2016/679", "point (12) of Article 4 of ...").
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';

interface Act {
  id: string;
  number: string;
}
const ACTS: Act[] = [
  { id: 'eu-ai-act', number: '2024/1689' },
  { id: 'gdpr', number: '2016/679' },
  { id: 'nis2', number: '2022/2555' },
  { id: 'nis2-ir', number: '2024/2690' },
];

interface Unit {
  act: string;
  /** e.g. Art.3, Annex.VIII, or an implementing-regulation point such as 1.1.1(a) */
  ref: string;
  text: string;
  /** Articles and annexes are split into paragraphs and points; the regulation's rows already are. */
  split: 'article' | 'annex' | 'none';
}

export interface Citation {
  citingAct: string;
  citing: string;
  citedAct: string;
  cited: string;
  context: string;
}

interface LegalTextEntry {
  article?: number;
  annex?: string;
  content: string;
}

function readUnits(dir: string): Unit[] {
  const json = (file: string): LegalTextEntry[] => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as LegalTextEntry[];
  const units: Unit[] = [];
  const add = (act: string, file: string): void => {
    for (const e of json(file))
      units.push(
        e.article !== undefined
          ? { act, ref: `Art.${e.article}`, text: e.content, split: 'article' }
          : { act, ref: `Annex.${e.annex ?? '?'}`, text: e.content, split: 'annex' },
      );
  };
  add('eu-ai-act', 'ai-act-articles.json');
  add('eu-ai-act', 'ai-act-annexes.json');
  add('gdpr', 'gdpr-articles.json');
  add('nis2', 'nis2-articles.json');
  add('nis2', 'nis2-annexes.json');
  const rows = parse(fs.readFileSync(path.join(dir, 'nis2-ir-2024-2690-annex.csv')), { columns: true, bom: true }) as {
    ref: string;
    heading: string;
    text: string;
  }[];
  for (const row of rows)
    units.push({ act: 'nis2-ir', ref: irRef(row.ref), text: `${row.heading} ${row.text}`.trim(), split: 'none' });
  return units;
}

/** The regulation's own numbering as the catalog writes it: 1.1.1.a -> 1.1.1(a), 9.2.c.i -> 9.2(c)(i). */
export function irRef(raw: string): string {
  const parts = raw.split('.');
  const firstLetter = parts.findIndex((p) => /^[a-z]+$/.test(p));
  if (firstLetter < 0) return raw;
  return (
    parts.slice(0, firstLetter).join('.') +
    parts
      .slice(firstLetter)
      .map((p) => `(${p})`)
      .join('')
  );
}

interface Segment {
  label: string;
  start: number;
  end: number;
}

/** Finds the markers label(1), label(2), ... in order, each after the previous one. */
function sequential(text: string, from: number, to: number, marker: (i: number) => string, labels: string[]): Segment[] {
  const found: Segment[] = [];
  let at = from;
  for (const label of labels) {
    const idx = text.indexOf(marker(labels.indexOf(label)), at);
    if (idx < 0 || idx >= to) break;
    found.push({ label, start: idx, end: to });
    at = idx + 1;
  }
  for (let i = 0; i + 1 < found.length; i++) found[i]!.end = found[i + 1]!.start;
  return found;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz'.split('');
const NUMBERS = Array.from({ length: 120 }, (_, i) => String(i + 1));

/** The provision (paragraph, point) of an article or annex that holds the character at `pos`. */
function provisionAt(unit: Unit, pos: number): string {
  const t = unit.text;
  if (unit.split === 'none') return unit.ref;
  if (unit.split === 'annex') {
    // Sections "Section A." ... then numbered points "1. ", "2. " inside each section.
    const sections = sequential(t, 0, t.length, (i) => `Section ${LETTERS[i]!.toUpperCase()}`, LETTERS.slice(0, 6));
    const section = sections.filter((s) => s.start <= pos).pop();
    const from = section?.start ?? 0;
    const to = section?.end ?? t.length;
    const points = sequential(t, from, to, (i) => ` ${NUMBERS[i]}. `, NUMBERS);
    const point = points.filter((p) => p.start <= pos).pop();
    return `${unit.ref}${section ? ` Section ${section.label.toUpperCase()}` : ''}${point ? ` point ${point.label}` : ''}`;
  }
  const paragraphs = sequential(t, 0, t.length, (i) => (i === 0 ? '1. ' : ` ${NUMBERS[i]}. `), NUMBERS);
  const paragraph = paragraphs.filter((p) => p.start <= pos).pop();
  const from = paragraph?.start ?? 0;
  const to = paragraph?.end ?? t.length;
  // Definitions (Art.3 of each act) are numbered points (1), (2), ...; elsewhere points are lettered.
  const labels = /^\s*(1\. )?[^(]{0,200}\(1\) /.test(t.slice(from, from + 400)) && !paragraph ? NUMBERS : LETTERS;
  const points = sequential(t, from, to, (i) => `(${labels[i]}) `, labels);
  let point = points.filter((p) => p.start <= pos).pop();
  // Text after the last point's closing full stop is a new subparagraph of the paragraph, not the point.
  if (point && point === points[points.length - 1]) {
    const close = t.slice(point.start, pos).search(/\.\s+[A-Z]/);
    if (close >= 0) point = undefined;
  }
  const para = paragraph ? `(${paragraph.label})` : '';
  return `${unit.ref}${para}${point ? `(${point.label})` : ''}`;
}

/** Reads "Article 9(1)", "Article 4, point (1),", "point (12) of Article 4", "Articles 55 or 56",
 * "Article 21(2), points (c), (e) and (i)" just before "of <act>". */
function citedProvision(before: string): string {
  const tail = before.slice(-90);
  const pointOf = /point \((\w+)\) of Article (\d+)(\(\d+\))?\s*(?:of\s*)?$/i.exec(tail);
  if (pointOf) return `Art.${pointOf[2]}${pointOf[3] ?? ''}(${pointOf[1]!.toLowerCase()})`;
  const points = /Articles? (\d+)(\(\d+\))?,? points? ((?:\(\w+\)(?:,\s*|\s+and\s+|\s+or\s+)?)+),?\s*(?:of\s*)?$/i.exec(tail);
  if (points)
    return [...points[3]!.matchAll(/\((\w+)\)/g)]
      .map((p) => `Art.${points[1]}${points[2] ?? ''}(${p[1]!.toLowerCase()})`)
      .join(' + ');
  const article = /Articles? (\d+)((?:\(\w+\))*)(?:\s*(?:and|or|to)\s*(\d+))?\s*(?:of\s*)?$/i.exec(tail);
  if (!article) return '(the act)';
  return `Art.${article[1]}${article[2] ?? ''}${article[3] ? ` + Art.${article[3]}` : ''}`;
}

export function findCitations(dir: string): Citation[] {
  const out: Citation[] = [];
  for (const unit of readUnits(dir)) {
    for (const cited of ACTS) {
      if (cited.id === unit.act) continue;
      // "Regulation (EU) 2016/679", "Regulations (EU) 2016/679 and ...", "DIRECTIVE (EU) 2022/2555".
      const re = new RegExp(`\\(EU\\) ${cited.number.replace('/', '\\/')}(?!\\d)`, 'gi');
      for (const m of unit.text.matchAll(re)) {
        const pos = m.index;
        const before = unit.text.slice(Math.max(0, pos - 120), pos).replace(/\s*(Regulations?|Directives?)\s*$/i, '');
        // "... in accordance with Regulation (EU) 2016/679, in particular ... Article 6 thereof."
        const thereof = /^[^.;]{0,80}?\bArticle (\d+)((?:\(\w+\))*) thereof/.exec(unit.text.slice(pos));
        // "...Article 9 of Regulation (EU) 2016/679 and Article 10 of Directive ..." or a later
        // "Article 55 or 56 of that Regulation" in the same sentence.
        out.push({
          citingAct: unit.act,
          citing: provisionAt(unit, pos),
          citedAct: cited.id,
          cited: thereof ? `Art.${thereof[1]}${thereof[2] ?? ''}` : citedProvision(before),
          context: unit.text.slice(Math.max(0, pos - 90), pos + 20).replace(/\s+/g, ' '),
        });
      }
    }
    // "Article 33 of that Regulation": a back-reference to the act named last before it.
    for (const m of unit.text.matchAll(/of that (Regulation|Directive)/g)) {
      const named = [...unit.text.slice(0, m.index).matchAll(/\((?:EU|EC|EEC)\)(?: No)? (\d+\/\d+)/g)].pop()?.[1];
      const cited = ACTS.find((a) => a.number === named);
      if (!cited || cited.id === unit.act) continue;
      out.push({
        citingAct: unit.act,
        citing: provisionAt(unit, m.index),
        citedAct: cited.id,
        cited: citedProvision(unit.text.slice(Math.max(0, m.index - 120), m.index)),
        context: unit.text.slice(Math.max(0, m.index - 90), m.index + 20).replace(/\s+/g, ' '),
      });
    }
  }
  return out;
}

function main(argv: string[]): void {
  const dir = argv.find((a) => !a.startsWith('--'));
  if (!dir || !fs.existsSync(path.join(dir, 'gdpr-articles.json'))) {
    process.stderr.write('usage: npx tsx seeds/mappings/find-citations.ts <folder with the EU legal texts> [--tsv]\n');
    process.exit(2);
  }
  const citations = findCitations(dir);
  if (argv.includes('--tsv')) {
    process.stdout.write('citing_act\tciting\tcited_act\tcited\tcontext\n');
    for (const c of citations) process.stdout.write(`${c.citingAct}\t${c.citing}\t${c.citedAct}\t${c.cited}\t${c.context}\n`);
    return;
  }
  // A citation = one citing provision naming one provision (or the whole) of the other act.
  const pairs = new Map<string, { mentions: number; places: Set<string>; cited: Set<string> }>();
  for (const c of citations) {
    const key = `${c.citingAct} -> ${c.citedAct}`;
    const entry = pairs.get(key) ?? { mentions: 0, places: new Set<string>(), cited: new Set<string>() };
    entry.mentions++;
    entry.places.add(c.citing);
    for (const one of c.cited.split(' + ')) entry.cited.add(`${c.citing} > ${one}`);
    pairs.set(key, entry);
  }
  for (const [key, { mentions, places, cited }] of [...pairs].sort())
    process.stdout.write(
      `${key.padEnd(20)} ${String(places.size).padStart(3)} citing provisions, ${String(cited.size).padStart(3)} citations, ${mentions} mentions\n`,
    );
  const byPlace = new Map<string, Set<string>>();
  for (const c of citations) {
    const key = `${c.citingAct}:${c.citing} -> ${c.citedAct}`;
    byPlace.set(key, (byPlace.get(key) ?? new Set()).add(c.cited));
  }
  for (const [key, cited] of byPlace) process.stdout.write(`  ${key} ${[...cited].join(', ')}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) main(process.argv.slice(2));
