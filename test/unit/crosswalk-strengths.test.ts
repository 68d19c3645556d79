/**
 * The shipped crosswalk follows the strength scale of seeds/mappings/README.md: a full relationship
 * (equal, superset_of, subset_of) carries at least the strength coverage needs to inherit through it,
 * intersections stay below 10, no_relationship rows carry 1.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  FULL_MAPPING_MIN_STRENGTH,
  INTERSECTS_MAX_STRENGTH,
  NO_RELATIONSHIP_STRENGTH,
  type MappingRelationship,
} from '../../graph/model.ts';
import { mappingFiles } from '../../seeds/index.ts';

interface Row {
  source_uid: string;
  target_uid: string;
  relationship: MappingRelationship;
  strength: string;
}
const rows = mappingFiles().flatMap((file) =>
  (parse(fs.readFileSync(file), { columns: true, bom: true }) as Row[]).map((r) => ({ ...r, file: path.basename(file) })),
);
const ALLOWED: Record<MappingRelationship, [number, number]> = {
  equal: [FULL_MAPPING_MIN_STRENGTH, 10],
  superset_of: [FULL_MAPPING_MIN_STRENGTH, 10],
  subset_of: [FULL_MAPPING_MIN_STRENGTH, 10],
  intersects_with: [1, INTERSECTS_MAX_STRENGTH],
  no_relationship: [NO_RELATIONSHIP_STRENGTH, NO_RELATIONSHIP_STRENGTH],
};

describe('crosswalk strength scale', () => {
  it('is the scale the coverage default relies on (7 = met in substance)', () => {
    expect(FULL_MAPPING_MIN_STRENGTH).toBe(7);
    expect(rows.length).toBeGreaterThan(400);
  });

  it.each(Object.keys(ALLOWED) as MappingRelationship[])('every %s row carries a strength the scale allows', (rel) => {
    const [min, max] = ALLOWED[rel];
    const bad = rows
      .filter((r) => r.relationship === rel && (Number(r.strength) < min || Number(r.strength) > max))
      .map((r) => `${r.file}: ${r.source_uid} ${r.relationship} ${r.target_uid} (${r.strength})`);
    expect(bad).toEqual([]);
  });
});
