/** The seed data shipped with crosswalk: framework catalogs, the crosswalk, and the demo organization. */
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../graph/config.ts';

export const SEEDS_DIR = path.join(PROJECT_ROOT, 'seeds');

const csvFiles = (dir: string): string[] =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.csv'))
        .sort()
        .map((f) => path.join(dir, f))
    : [];

/** frameworks.csv first, then the per-framework catalogs. */
export function catalogFiles(): string[] {
  const all = csvFiles(path.join(SEEDS_DIR, 'frameworks'));
  return [
    ...all.filter((f) => path.basename(f) === 'frameworks.csv'),
    ...all.filter((f) => path.basename(f) !== 'frameworks.csv'),
  ];
}

/** The URNs CISO Assistant gives the built-in catalogs (seeds/ciso-assistant/urns.ts). */
export function aliasFiles(): string[] {
  return csvFiles(path.join(SEEDS_DIR, 'ciso-assistant'));
}

export function mappingFiles(): string[] {
  return csvFiles(path.join(SEEDS_DIR, 'mappings'));
}

export function demoFiles(): string[] {
  return csvFiles(path.join(SEEDS_DIR, 'demo'));
}
