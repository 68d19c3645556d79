/**
 * The organizations of the readiness suites, imported through the CLI from fixtures/readiness (the inventory
 * and the programme templates: persons, responsibilities, trainings, audits, findings, corrective actions,
 * management reviews): rdy-empty (nothing), rdy-mid (every step in progress), rdy-done (every step done).
 * fixtures/readiness-second is a later import that names a second accountable person for CTL-1 (one import
 * refuses two; two imports leave both, which readiness step 2 reports).
 */
import path from 'node:path';
import type { Graph } from '../../graph/connection.ts';
import { runCli } from './helpers.ts';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');

export async function setUpReadinessOrganizations(graph: Graph): Promise<void> {
  for (const dir of ['readiness', 'readiness-second']) {
    const imported = await runCli(graph, ['import', path.join(FIXTURES, dir)]);
    if (imported.code !== 0) throw new Error(`importing fixtures/${dir} failed: ${imported.stderr}`);
  }
}
