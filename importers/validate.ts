/**
 * Validates a whole ImportBatch before anything is written: duplicates inside the batch, references to
 * nodes that exist neither in the batch nor in the graph, self-references and cycles.
 */
import type { Graph } from '../graph/connection.ts';
import type { Problems } from './problems.ts';
import type { ImportBatch } from './records.ts';

const EXISTING_FRAMEWORKS = 'UNWIND $ids AS id MATCH (f:Framework {id: id}) RETURN collect(f.id) AS found';
const EXISTING_REQUIREMENTS = 'UNWIND $uids AS uid MATCH (r:Requirement {uid: uid}) RETURN collect(r.uid) AS found';
const EXISTING_REVERSE_MAPPINGS = `
UNWIND $pairs AS pair
MATCH (:Requirement {uid: pair.target})-[:MAPS_TO]->(:Requirement {uid: pair.source})
RETURN collect(pair.source + '|' + pair.target) AS found`;

async function existing(graph: Graph, cypher: string, params: Record<string, unknown>): Promise<Set<string>> {
  const { records } = await graph.run(cypher, params);
  return new Set((records[0]?.get('found') as string[] | undefined) ?? []);
}

export async function validateBatch(batch: ImportBatch, graph: Graph, problems: Problems): Promise<void> {
  const frameworkIds = new Set<string>();
  for (const f of batch.frameworks) {
    if (frameworkIds.has(f.id)) problems.add(f.at, 'id', `duplicate framework id '${f.id}'`);
    frameworkIds.add(f.id);
  }

  const requirements = new Map<string, string | null>();
  for (const r of batch.requirements) {
    if (requirements.has(r.uid)) problems.add(r.at, 'ref', `duplicate requirement '${r.uid}'`);
    requirements.set(r.uid, r.parentUid);
    if (r.parentUid === r.uid) problems.add(r.at, 'parent_ref', 'a requirement cannot be its own parent');
  }

  const unknownFrameworks = [...new Set(batch.requirements.map((r) => r.frameworkId))].filter((id) => !frameworkIds.has(id));
  const knownFrameworks = await existing(graph, EXISTING_FRAMEWORKS, { ids: unknownFrameworks });
  for (const r of batch.requirements) {
    if (r.frameworkId && !frameworkIds.has(r.frameworkId) && !knownFrameworks.has(r.frameworkId)) {
      problems.add(r.at, 'framework_id', `unknown framework '${r.frameworkId}': import its frameworks.csv row first or together`);
    }
  }

  const referenced = new Set<string>();
  for (const r of batch.requirements) if (r.parentUid && !requirements.has(r.parentUid)) referenced.add(r.parentUid);
  for (const m of batch.mappings) for (const uid of [m.sourceUid, m.targetUid]) if (!requirements.has(uid)) referenced.add(uid);
  const knownRequirements = await existing(graph, EXISTING_REQUIREMENTS, { uids: [...referenced] });
  const exists = (uid: string) => requirements.has(uid) || knownRequirements.has(uid);

  for (const r of batch.requirements) {
    if (r.parentUid && !exists(r.parentUid)) problems.add(r.at, 'parent_ref', `unknown parent '${r.parentUid}'`);
  }
  // A parent chain that returns to where it started would make roll-ups loop forever.
  for (const start of requirements.keys()) {
    const seen = new Set<string>();
    let current: string | null | undefined = start;
    while (current && requirements.has(current) && !seen.has(current)) {
      seen.add(current);
      current = requirements.get(current);
    }
    if (current === start && seen.size > 1) {
      const at = batch.requirements.find((r) => r.uid === start)?.at;
      if (at) problems.add(at, 'parent_ref', `parent chain of '${start}' is a cycle`);
    }
  }

  const pairs = new Map<string, MappingPosition>();
  for (const m of batch.mappings) {
    if (m.sourceUid && !exists(m.sourceUid)) problems.add(m.at, 'source_uid', `unknown requirement '${m.sourceUid}'`);
    if (m.targetUid && !exists(m.targetUid)) problems.add(m.at, 'target_uid', `unknown requirement '${m.targetUid}'`);
    if (m.sourceUid === m.targetUid) problems.add(m.at, 'target_uid', 'a requirement cannot map to itself');
    const key = [m.sourceUid, m.targetUid].sort().join('|');
    const first = pairs.get(key);
    if (first) {
      problems.add(m.at, 'target_uid', `duplicate mapping of ${m.sourceUid} and ${m.targetUid} (first at ${first.file}${first.line ? ` line ${first.line}` : ''})`);
    } else {
      pairs.set(key, m.at);
    }
  }
  const reverse = await existing(graph, EXISTING_REVERSE_MAPPINGS, {
    pairs: batch.mappings.map((m) => ({ source: m.sourceUid, target: m.targetUid })),
  });
  for (const m of batch.mappings) {
    if (reverse.has(`${m.sourceUid}|${m.targetUid}`)) {
      problems.add(m.at, 'source_uid', `the graph already maps ${m.targetUid} to ${m.sourceUid}; a pair is stored in one direction only`);
    }
  }
}

type MappingPosition = ImportBatch['mappings'][number]['at'];
