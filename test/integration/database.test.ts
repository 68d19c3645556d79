/** The real Neo4j under everything: version, APOC, schema, and data surviving a restart. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readConfig } from '../../graph/config.ts';
import { connect, type Graph } from '../../graph/connection.ts';
import { startBundled, stopBundled } from '../../graph/embedded.ts';
import { applySchema, LATEST_SCHEMA_VERSION, schemaVersion } from '../../graph/schema.ts';
import { cleanGraph } from './helpers.ts';

let graph: Graph;
beforeAll(async () => {
  graph = await cleanGraph();
});
afterAll(() => graph.close());

describe('the database', () => {
  it('is Neo4j 5.26 (the bundled one is Community)', async () => {
    const { records } = await graph.run(
      'CALL dbms.components() YIELD name, versions, edition RETURN name, versions[0] AS version, edition',
    );
    expect(records[0]?.get('name')).toBe('Neo4j Kernel');
    const version = String(records[0]?.get('version'));
    if (inject('neo4j').bundled) {
      expect(version).toMatch(/^5\.26\./);
      expect(records[0]?.get('edition')).toBe('community');
    } else {
      expect(Number(version.split('.')[0])).toBeGreaterThanOrEqual(5);
    }
  });

  it('has the APOC functions @neo4j/graphql needs, and they work', async () => {
    const { records } = await graph.run(
      `SHOW FUNCTIONS YIELD name WHERE name IN ['apoc.util.validatePredicate', 'apoc.date.convertFormat'] RETURN collect(name) AS names`,
    );
    expect([...(records[0]?.get('names') as string[])].sort()).toEqual([
      'apoc.date.convertFormat',
      'apoc.util.validatePredicate',
    ]);
    const calls = await graph.run(
      `RETURN apoc.util.validatePredicate(false, 'never', []) AS ok, apoc.date.convertFormat('2024-07-12', 'date', 'basic_date') AS basic`,
    );
    expect(calls.records[0]?.get('ok')).toBe(true);
    expect(calls.records[0]?.get('basic')).toBe('20240712');
    await expect(graph.run(`RETURN apoc.util.validatePredicate(true, 'forbidden %s', ['x']) AS ok`)).rejects.toThrow(
      /forbidden x/,
    );
  });
});

describe('the schema', () => {
  const constraints = async () =>
    (await graph.run('SHOW CONSTRAINTS YIELD name RETURN name ORDER BY name')).records.map((r) => r.get('name') as string);
  const indexes = async () =>
    (await graph.run('SHOW INDEXES YIELD name RETURN name ORDER BY name')).records.map((r) => r.get('name') as string);

  it('is applied: natural keys are unique', async () => {
    expect(await schemaVersion(graph)).toBe(LATEST_SCHEMA_VERSION);
    expect(await constraints()).toEqual(
      expect.arrayContaining([
        'framework_id',
        'requirement_uid',
        'organization_id',
        'system_key',
        'control_key',
        'evidence_key',
        'risk_key',
      ]),
    );
    expect(await indexes()).toEqual(
      expect.arrayContaining(['requirement_framework', 'evidence_valid_until', 'requirement_text']),
    );
    await graph.run(`CREATE (:Framework {id: 'dup'})`);
    await expect(graph.run(`CREATE (:Framework {id: 'dup'})`)).rejects.toThrow(/already exists/);
    // Organization data is keyed per organization: the same id in two organizations is two nodes.
    await graph.run(`CREATE (:Control {orgId: 'a', id: 'C1'}), (:Control {orgId: 'b', id: 'C1'})`);
    await expect(graph.run(`CREATE (:Control {orgId: 'a', id: 'C1'})`)).rejects.toThrow(/already exists/);
  });

  it('is idempotent: applying it again changes nothing', async () => {
    const before = [await constraints(), await indexes(), await schemaVersion(graph)];
    expect(await applySchema(graph)).toEqual([]);
    expect([await constraints(), await indexes(), await schemaVersion(graph)]).toEqual(before);
  });
});

describe('the bundled Neo4j', () => {
  it('keeps data written before a restart', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-restart-'));
    const bundled = readConfig({ CROSSWALK_DATA_DIR: dataDir, CROSSWALK_NEO4J_PORT: '7800' }).bundled;
    const db = { username: 'neo4j', password: '', database: 'neo4j' };
    try {
      const first = await startBundled(bundled);
      const before = await connect({ ...db, uri: first.uri });
      await before.run(`CREATE (:Organization {id: 'survivor', name: 'Written before the restart'})`);
      await before.close();
      await stopBundled(first);
      expect(() => process.kill(first.pid, 0)).toThrow(); // the JVM is gone

      const second = await startBundled(bundled);
      const after = await connect({ ...db, uri: second.uri });
      const { records } = await after.run(`MATCH (o:Organization {id: 'survivor'}) RETURN o.name AS name`);
      await after.close();
      await stopBundled(second);
      expect(records.map((r) => r.get('name'))).toEqual(['Written before the restart']);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
    // Two JVM starts and stops of a real Neo4j.
  }, 180_000);

  it('takes the next free port when the preferred one is busy', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-port-'));
    // The run's own test database occupies 7790 (or another server does): ask for it anyway.
    const busy = Number(new URL(inject('neo4j').uri.replace(/^bolt/, 'http')).port || 7687);
    const bundled = readConfig({ CROSSWALK_DATA_DIR: dataDir, CROSSWALK_NEO4J_PORT: String(busy) }).bundled;
    try {
      const instance = await startBundled(bundled);
      await stopBundled(instance);
      expect(instance.port).toBeGreaterThan(busy);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
