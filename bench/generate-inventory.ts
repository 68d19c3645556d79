/**
 * Generates a large, deterministic organization inventory in the template format (seeds/templates):
 * one organization, controls, evidence and evidence-controls links. Same seed, same bytes.
 *
 *   npx tsx bench/generate-inventory.ts [--evidence N] [--controls N] [--seed S] [--out DIR]
 */
import fs from 'node:fs';
import path from 'node:path';
import { EVIDENCE_KINDS, CONTROL_STATUSES } from '../graph/model.ts';
import { csvField } from '../importers/export.ts';
import { prng } from './prng.ts';

export interface GenerateOptions {
  evidence: number;
  controls: number;
  seed: number;
  out: string;
  orgId: string;
}

export interface Generated {
  files: Record<string, string>;
  rows: Record<string, number>;
}

/** Writes lines through a stream in chunks, so 200k+ rows need little memory. */
function writer(file: string) {
  const fd = fs.openSync(file, 'w');
  let buffer: string[] = [];
  return {
    line(fields: unknown[]) {
      buffer.push(fields.map(csvField).join(','));
      if (buffer.length >= 10_000) this.flush();
    },
    flush() {
      if (buffer.length) fs.writeSync(fd, `${buffer.join('\n')}\n`);
      buffer = [];
    },
    close() {
      this.flush();
      fs.closeSync(fd);
    },
  };
}

const day = (base: Date, offset: number) => new Date(base.getTime() + offset * 86_400_000).toISOString().slice(0, 10);

export function generateInventory(options: GenerateOptions): Generated {
  const random = prng(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const hex = () => Array.from({ length: 64 }, () => '0123456789abcdef'[Math.floor(random() * 16)]).join('');
  fs.mkdirSync(options.out, { recursive: true });
  const files = {
    organizations: path.join(options.out, 'organizations.csv'),
    controls: path.join(options.out, 'controls.csv'),
    evidence: path.join(options.out, 'evidence.csv'),
    'evidence-controls': path.join(options.out, 'evidence-controls.csv'),
  };
  const rows: Record<string, number> = { organizations: 1, controls: options.controls, evidence: options.evidence, 'evidence-controls': 0 };

  const orgs = writer(files.organizations);
  orgs.line(['id', 'name']);
  orgs.line([options.orgId, 'Benchmark Manufacturing SE']);
  orgs.close();

  const controls = writer(files.controls);
  controls.line(['org_id', 'id', 'name', 'description', 'owner', 'status']);
  for (let i = 0; i < options.controls; i++) {
    controls.line([options.orgId, `CTL-${i}`, `Control ${i}`, `Generated control ${i}, with a comma`, `Owner ${i % 40}`, pick(CONTROL_STATUSES)]);
  }
  controls.close();

  const evidence = writer(files.evidence);
  const links = writer(files['evidence-controls']);
  evidence.line(['org_id', 'id', 'title', 'kind', 'uri', 'sha256', 'collected_at', 'valid_until', 'status', 'owner']);
  links.line(['org_id', 'evidence_id', 'control_id']);
  const base = new Date(Date.UTC(2023, 0, 1));
  for (let i = 0; i < options.evidence; i++) {
    const collected = Math.floor(random() * 1000);
    evidence.line([
      options.orgId, `EV-${i}`, `Evidence ${i}: "${pick(EVIDENCE_KINDS)}" for audit`, pick(EVIDENCE_KINDS), `https://dms.example.com/ev/${i}`, hex(),
      day(base, collected), random() < 0.8 ? day(base, collected + 365) : '', random() < 0.9 ? 'approved' : 'draft', `Owner ${i % 40}`,
    ]);
    // One or two distinct controls per evidence item.
    const first = Math.floor(random() * options.controls);
    links.line([options.orgId, `EV-${i}`, `CTL-${first}`]);
    rows['evidence-controls']!++;
    if (random() < 0.5) {
      links.line([options.orgId, `EV-${i}`, `CTL-${(first + 1 + Math.floor(random() * (options.controls - 1))) % options.controls}`]);
      rows['evidence-controls']!++;
    }
  }
  evidence.close();
  links.close();
  return { files, rows };
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const arg = (name: string, fallback: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
  };
  const result = generateInventory({
    evidence: Number(arg('evidence', '200000')),
    controls: Number(arg('controls', '2000')),
    seed: Number(arg('seed', '42')),
    out: arg('out', path.join(import.meta.dirname, 'data', 'inventory')),
    orgId: 'bench',
  });
  console.log(JSON.stringify(result, null, 2));
}
