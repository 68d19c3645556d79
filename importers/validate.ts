/**
 * Validates a whole ImportBatch before anything is written: duplicates inside the batch, references to
 * nodes that exist neither in the batch nor in the graph, self-references and cycles; for the organization
 * inventory also duplicate ids within an organization and references across organizations.
 */
import type { Graph } from '../graph/connection.ts';
import type { Position, Problems } from './problems.ts';
import {
  allProgrammeRecords,
  PROGRAMME_TEMPLATES,
  REFERENCE_SIDE,
  type OrgNodeRecord,
  type ProgrammeLabel,
} from './programme.ts';
import type { ImportBatch, LinkRecord } from './records.ts';
import { RESPONSIBILITY_SUBJECTS } from '../graph/model.ts';
import { MAX_ID_LENGTH } from './text.ts';

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

/** Record properties that are keys or references: stored in range indexes, which refuse long values. */
const ID_PROPERTIES = [
  'id',
  'orgId',
  'frameworkId',
  'ref',
  'uid',
  'parentUid',
  'sourceUid',
  'targetUid',
  'requirementUid',
  'controlId',
  'personId',
  'subjectId',
  'fromId',
  'toId',
  'urn',
] as const;
const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Ids longer than MAX_ID_LENGTH, reported once per record and field before the database sees them. */
function checkIdLengths(batch: ImportBatch, problems: Problems): void {
  for (const records of Object.values(batch) as { at: Position }[][]) {
    for (const record of records) {
      for (const key of ID_PROPERTIES) {
        const value = (record as unknown as Record<string, unknown>)[key];
        if (typeof value === 'string' && value.length > MAX_ID_LENGTH) {
          problems.add(
            'VALUE_TOO_LONG',
            record.at,
            snake(key),
            `is ${value.length.toLocaleString('en')} characters long; ids and references may have at most ${MAX_ID_LENGTH}`,
          );
          break;
        }
      }
    }
  }
  // The ids a programme row's reference columns name.
  for (const record of allProgrammeRecords(batch)) {
    const long = record.links.find((l) => l.ids.some((v) => v.length > MAX_ID_LENGTH));
    if (long) problems.add('VALUE_TOO_LONG', record.at, long.column, `names an id longer than ${MAX_ID_LENGTH} characters`);
  }
}

export async function validateBatch(batch: ImportBatch, graph: Graph, problems: Problems): Promise<void> {
  checkIdLengths(batch, problems);
  // A long id also reaches the lookups below; the database would refuse it there too.
  if (!problems.empty && problems.list.some((p) => p.code === 'VALUE_TOO_LONG')) return;
  await validateCatalog(batch, graph, problems);
  await validateInventory(batch, graph, problems);
}

async function validateCatalog(batch: ImportBatch, graph: Graph, problems: Problems): Promise<void> {
  const frameworkIds = new Set<string>();
  for (const f of batch.frameworks) {
    if (frameworkIds.has(f.id)) problems.add('DUPLICATE', f.at, 'id', `duplicate framework id '${f.id}'`);
    frameworkIds.add(f.id);
  }

  const requirements = new Map<string, string | null>();
  for (const r of batch.requirements) {
    if (requirements.has(r.uid)) problems.add('DUPLICATE', r.at, 'ref', `duplicate requirement '${r.uid}'`);
    requirements.set(r.uid, r.parentUid);
    if (r.parentUid === r.uid) problems.add('REFERENCE_SELF', r.at, 'parent_ref', 'a requirement cannot be its own parent');
  }

  const unknownFrameworks = [...new Set(batch.requirements.map((r) => r.frameworkId))].filter((id) => !frameworkIds.has(id));
  const knownFrameworks = await existing(graph, EXISTING_FRAMEWORKS, { ids: unknownFrameworks });
  for (const r of batch.requirements) {
    if (r.frameworkId && !frameworkIds.has(r.frameworkId) && !knownFrameworks.has(r.frameworkId)) {
      problems.add(
        'REFERENCE_UNKNOWN',
        r.at,
        'framework_id',
        `unknown framework '${r.frameworkId}': import its frameworks.csv row first or together`,
      );
    }
  }

  const referenced = new Set<string>();
  for (const a of batch.urnAliases) if (a.ref) referenced.add(`${a.frameworkId}:${a.ref}`);
  for (const r of batch.requirements) if (r.parentUid && !requirements.has(r.parentUid)) referenced.add(r.parentUid);
  for (const m of batch.mappings) for (const uid of [m.sourceUid, m.targetUid]) if (!requirements.has(uid)) referenced.add(uid);
  const knownRequirements = await existing(graph, EXISTING_REQUIREMENTS, { uids: [...referenced] });
  const exists = (uid: string) => requirements.has(uid) || knownRequirements.has(uid);

  for (const r of batch.requirements) {
    if (r.parentUid && !exists(r.parentUid))
      problems.add('REFERENCE_UNKNOWN', r.at, 'parent_ref', `unknown parent '${r.parentUid}'`);
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
      if (at) problems.add('REFERENCE_CYCLE', at, 'parent_ref', `parent chain of '${start}' is a cycle`);
    }
  }

  await validateAliases(batch, graph, problems, exists, frameworkIds);

  const pairs = new Map<string, MappingPosition>();
  for (const m of batch.mappings) {
    if (m.sourceUid && !exists(m.sourceUid))
      problems.add('REFERENCE_UNKNOWN', m.at, 'source_uid', `unknown requirement '${m.sourceUid}'`);
    if (m.targetUid && !exists(m.targetUid))
      problems.add('REFERENCE_UNKNOWN', m.at, 'target_uid', `unknown requirement '${m.targetUid}'`);
    if (m.sourceUid && m.sourceUid === m.targetUid)
      problems.add('REFERENCE_SELF', m.at, 'target_uid', 'a requirement cannot map to itself');
    const key = [m.sourceUid, m.targetUid].sort().join('|');
    const first = pairs.get(key);
    if (first) {
      problems.add(
        'DUPLICATE',
        m.at,
        'target_uid',
        `duplicate mapping of ${m.sourceUid} and ${m.targetUid} (first at ${first.file}${first.line ? ` line ${first.line}` : ''})`,
      );
    } else {
      pairs.set(key, m.at);
    }
  }
  const reverse = await existing(graph, EXISTING_REVERSE_MAPPINGS, {
    pairs: batch.mappings.map((m) => ({ source: m.sourceUid, target: m.targetUid })),
  });
  for (const m of batch.mappings) {
    if (reverse.has(`${m.sourceUid}|${m.targetUid}`)) {
      problems.add(
        'MAPPING_REVERSED',
        m.at,
        'source_uid',
        `the graph already maps ${m.targetUid} to ${m.sourceUid}; a pair is stored in one direction only`,
      );
    }
  }
}

type MappingPosition = ImportBatch['mappings'][number]['at'];

const URN_HOLDERS = `
UNWIND $urns AS urn
CALL (urn) {
  MATCH (r:Requirement {urn: urn}) RETURN r.uid AS holder
  UNION
  MATCH (f:Framework {urn: urn}) RETURN f.id AS holder
}
RETURN collect([urn, holder]) AS found`;

/** An alias names a node of this import or the graph, and one URN names one node only. */
async function validateAliases(
  batch: ImportBatch,
  graph: Graph,
  problems: Problems,
  exists: (uid: string) => boolean,
  frameworkIds: Set<string>,
): Promise<void> {
  if (!batch.urnAliases.length) return;
  const knownFrameworks = await existing(graph, EXISTING_FRAMEWORKS, {
    ids: [...new Set(batch.urnAliases.map((a) => a.frameworkId))].filter((id) => !frameworkIds.has(id)),
  });
  const { records } = await graph.run(URN_HOLDERS, { urns: batch.urnAliases.map((a) => a.urn) });
  const holders = new Map<string, string>();
  for (const [urn, holder] of (records[0]?.get('found') as [string, string][] | undefined) ?? []) holders.set(urn, holder);
  const first = new Map<string, Position>();
  for (const a of batch.urnAliases) {
    const node = a.ref ? `${a.frameworkId}:${a.ref}` : a.frameworkId;
    if (a.ref ? !exists(node) : !frameworkIds.has(a.frameworkId) && !knownFrameworks.has(a.frameworkId)) {
      problems.add(
        'REFERENCE_UNKNOWN',
        a.at,
        a.ref ? 'ref' : 'framework_id',
        `unknown ${a.ref ? 'requirement' : 'framework'} '${node}'`,
      );
    }
    const seen = first.get(a.urn);
    if (seen) problems.add('DUPLICATE', a.at, 'urn', `'${a.urn}' is given twice (first at ${where(seen)})`);
    else first.set(a.urn, a.at);
    const holder = holders.get(a.urn);
    if (holder && holder !== node)
      problems.add('DUPLICATE', a.at, 'urn', `'${a.urn}' already names '${holder}'; one URN names one node`);
  }
}

// ---- Organization inventory ----

type OrgLabel = 'System' | 'Control' | 'Evidence' | 'Risk' | ProgrammeLabel;
const ORG_LABELS: readonly OrgLabel[] = ['System', 'Control', 'Evidence', 'Risk', ...PROGRAMME_TEMPLATES.map((t) => t.label)];

const EXISTING_ORGANIZATIONS = 'UNWIND $ids AS id MATCH (o:Organization {id: id}) RETURN collect(o.id) AS found';
/**
 * Every node with one of the given ids, in any organization, so that cross-organization references get a
 * precise message. The label is one of ours, never input.
 */
const existingOrgNodes = (label: OrgLabel) =>
  `UNWIND $ids AS id MATCH (n:${label} {id: id}) RETURN collect([n.orgId, n.id]) AS found`;
const NOUN: Record<OrgLabel, string> = {
  System: 'system',
  Control: 'control',
  Evidence: 'evidence item',
  Risk: 'risk',
  ...(Object.fromEntries(PROGRAMME_TEMPLATES.map((t) => [t.label, t.noun])) as Record<ProgrammeLabel, string>),
};
/** The kind of the persons a member_of column names that are not in the import. */
const PERSON_KINDS_OF =
  'UNWIND $keys AS k MATCH (p:Person {orgId: k[0], id: k[1]}) RETURN collect([p.orgId, p.id, p.kind]) AS found';

const key = (...parts: string[]) => parts.join('\u0000');
const where = (at: Position) => `${at.file}${at.line !== undefined ? ` line ${at.line}` : at.path ? ` ${at.path}` : ''}`;

/** Reports the second and later occurrences of a key, naming the first. */
function duplicates<T extends { at: Position }>(
  rows: T[],
  keyOf: (row: T) => string,
  field: string,
  describe: (row: T) => string,
  problems: Problems,
): void {
  const first = new Map<string, Position>();
  for (const row of rows) {
    const k = keyOf(row);
    const seen = first.get(k);
    if (seen) problems.add('DUPLICATE', row.at, field, `${describe(row)} (first at ${where(seen)})`);
    else first.set(k, row.at);
  }
}

interface OrgRef {
  label: OrgLabel;
  orgId: string;
  id: string;
  at: Position;
  field: string;
}

/**
 * AI Act facts that contradict each other within one row (a fact answered for a question that another
 * fact says does not arise): most likely a shifted or mistyped column, and classify would be misled.
 */
function aiActFactConflicts(systems: ImportBatch['systems'], problems: Problems): void {
  for (const system of systems) {
    const f = system.aiActFacts;
    if (f.annexIIIPoint === 'none' && f.derogationConditions && f.derogationConditions.length > 0) {
      problems.add(
        'VALUE_CONFLICT',
        system.at,
        'derogation_conditions',
        'an Art.6(3) condition is claimed but annex_iii_point is none',
      );
    }
    if (f.annexILegislation === 'none' && f.thirdPartyAssessment === true) {
      problems.add(
        'VALUE_CONFLICT',
        system.at,
        'third_party_assessment',
        'true, but annex_i_legislation is none (Art.6(1)(b) needs an Annex I product)',
      );
    }
    const modelFacts = {
      gpaiModelProvider: 'gpai_model_provider',
      gpaiHighImpact: 'gpai_high_impact',
      gpaiCommissionDesignated: 'gpai_commission_designated',
    } as const;
    if (system.gpai === false) {
      for (const [key, column] of Object.entries(modelFacts)) {
        if (f[key as keyof typeof modelFacts] === true)
          problems.add('VALUE_CONFLICT', system.at, column, 'true, but gpai is false');
      }
      if (f.gpaiTrainingFlop !== null)
        problems.add('VALUE_CONFLICT', system.at, 'gpai_training_flop', 'given, but gpai is false');
    }
  }
}

export async function validateInventory(batch: ImportBatch, graph: Graph, problems: Problems): Promise<void> {
  aiActFactConflicts(batch.systems, problems);
  duplicates(
    batch.organizations,
    (o) => o.id,
    'id',
    (o) => `duplicate organization id '${o.id}'`,
    problems,
  );
  const nodes: Record<OrgLabel, { at: Position; orgId: string; id: string }[]> = {
    System: batch.systems,
    Control: batch.controls,
    Evidence: batch.evidence,
    Risk: batch.risks,
    ...(Object.fromEntries(PROGRAMME_TEMPLATES.map((t) => [t.label, batch[t.batchKey]])) as Record<
      ProgrammeLabel,
      OrgNodeRecord[]
    >),
  };
  for (const [label, rows] of Object.entries(nodes) as [OrgLabel, (typeof nodes)[OrgLabel]][]) {
    duplicates(
      rows,
      (r) => key(r.orgId, r.id),
      'id',
      (r) => `duplicate ${NOUN[label]} id '${r.id}' in organization '${r.orgId}'`,
      problems,
    );
  }
  duplicates(
    batch.adoptions,
    (a) => key(a.orgId, a.frameworkId),
    'framework_id',
    (a) => `organization '${a.orgId}' adopts '${a.frameworkId}' twice`,
    problems,
  );
  duplicates(
    batch.exclusions,
    (e) => key(e.orgId, e.requirementUid),
    'requirement_uid',
    (e) => `'${e.requirementUid}' is excluded twice for '${e.orgId}'`,
    problems,
  );
  duplicates(
    batch.controlRequirements,
    (c) => key(c.orgId, c.controlId, c.requirementUid),
    'requirement_uid',
    (c) => `control '${c.controlId}' implements '${c.requirementUid}' twice`,
    problems,
  );
  const links: [string, LinkRecord[], string][] = [
    ['control-systems', batch.controlSystems, 'system_id'],
    ['evidence-controls', batch.evidenceControls, 'control_id'],
    ['evidence-systems', batch.evidenceSystems, 'system_id'],
    ['risk-systems', batch.riskSystems, 'system_id'],
    ['risk-controls', batch.riskControls, 'control_id'],
  ];
  for (const [name, rows, field] of links) {
    duplicates(
      rows,
      (l) => key(l.orgId, l.fromId, l.toId),
      field,
      (l) => `duplicate ${name} link ${l.fromId} -> ${l.toId}`,
      problems,
    );
  }

  // Organizations: every org_id must name one in this import or in the graph.
  const orgRows: { orgId: string; at: Position }[] = [
    ...batch.adoptions,
    ...batch.exclusions,
    ...batch.systems,
    ...batch.controls,
    ...batch.controlRequirements,
    ...batch.evidence,
    ...batch.risks,
    ...links.flatMap(([, rows]) => rows),
    ...allProgrammeRecords(batch),
    ...batch.responsibilities,
  ];
  const batchOrgs = new Set(batch.organizations.map((o) => o.id));
  const graphOrgs = await existing(graph, EXISTING_ORGANIZATIONS, {
    ids: [...new Set(orgRows.map((r) => r.orgId))].filter((id) => id && !batchOrgs.has(id)),
  });
  const reported = new Set<string>();
  for (const row of orgRows) {
    if (!row.orgId || batchOrgs.has(row.orgId) || graphOrgs.has(row.orgId)) continue;
    // One problem per file and organization is enough; a wrong org id is usually wrong on every row.
    const k = key(row.at.file, row.orgId);
    if (reported.has(k)) continue;
    reported.add(k);
    problems.add(
      'REFERENCE_UNKNOWN',
      row.at,
      'org_id',
      `unknown organization '${row.orgId}': import its organizations.csv row first or together`,
    );
  }

  // Reference data the organization points at.
  // Programme rows name frameworks and requirements too (audit scope, findings, reviews, responsibilities).
  const referenced: { label: 'Framework' | 'Requirement'; id: string; at: Position; field: string }[] = [];
  for (const record of allProgrammeRecords(batch))
    for (const l of record.links)
      if (l.target === 'Framework' || l.target === 'Requirement')
        for (const id of l.ids) referenced.push({ label: l.target, id, at: record.at, field: l.column });
  for (const r of batch.responsibilities)
    if (r.subjectKind === 'framework' && r.subjectId)
      referenced.push({ label: 'Framework', id: r.subjectId, at: r.at, field: 'subject_id' });
  const batchFrameworks = new Set(batch.frameworks.map((f) => f.id));
  const graphFrameworks = await existing(graph, EXISTING_FRAMEWORKS, {
    ids: [
      ...new Set([
        ...batch.adoptions.map((a) => a.frameworkId),
        ...referenced.filter((r) => r.label === 'Framework').map((r) => r.id),
      ]),
    ].filter((id) => !batchFrameworks.has(id)),
  });
  for (const a of batch.adoptions) {
    if (a.frameworkId && !batchFrameworks.has(a.frameworkId) && !graphFrameworks.has(a.frameworkId)) {
      problems.add('REFERENCE_UNKNOWN', a.at, 'framework_id', `unknown framework '${a.frameworkId}'`);
    }
  }
  const batchRequirements = new Set(batch.requirements.map((r) => r.uid));
  const reqRows = [...batch.exclusions, ...batch.controlRequirements];
  const graphRequirements = await existing(graph, EXISTING_REQUIREMENTS, {
    uids: [
      ...new Set([
        ...reqRows.map((r) => r.requirementUid),
        ...referenced.filter((r) => r.label === 'Requirement').map((r) => r.id),
      ]),
    ].filter((uid) => !batchRequirements.has(uid)),
  });
  for (const r of referenced) {
    const known =
      r.label === 'Framework'
        ? batchFrameworks.has(r.id) || graphFrameworks.has(r.id)
        : batchRequirements.has(r.id) || graphRequirements.has(r.id);
    if (!known)
      problems.add(
        'REFERENCE_UNKNOWN',
        r.at,
        r.field,
        r.label === 'Framework'
          ? `unknown framework '${r.id}'`
          : `unknown requirement '${r.id}' (a uid is framework_id:ref, e.g. iso42001:A.6.2.4)`,
      );
  }
  for (const r of reqRows) {
    if (r.requirementUid && !batchRequirements.has(r.requirementUid) && !graphRequirements.has(r.requirementUid)) {
      problems.add(
        'REFERENCE_UNKNOWN',
        r.at,
        'requirement_uid',
        `unknown requirement '${r.requirementUid}' (a uid is framework_id:ref, e.g. iso42001:A.6.2.4)`,
      );
    }
  }

  // Organization-side references: same organization, in this import or in the graph.
  const refs: OrgRef[] = [];
  const push = (label: OrgLabel, field: string) => (orgId: string, id: string, at: Position) =>
    refs.push({ label, orgId, id, at, field });
  for (const c of batch.controlRequirements) push('Control', 'control_id')(c.orgId, c.controlId, c.at);
  const linkLabels: [LinkRecord[], OrgLabel, string, OrgLabel, string][] = [
    [batch.controlSystems, 'Control', 'control_id', 'System', 'system_id'],
    [batch.evidenceControls, 'Evidence', 'evidence_id', 'Control', 'control_id'],
    [batch.evidenceSystems, 'Evidence', 'evidence_id', 'System', 'system_id'],
    [batch.riskSystems, 'Risk', 'risk_id', 'System', 'system_id'],
    [batch.riskControls, 'Risk', 'risk_id', 'Control', 'control_id'],
  ];
  for (const [rows, fromLabel, fromField, toLabel, toField] of linkLabels) {
    for (const l of rows) {
      push(fromLabel, fromField)(l.orgId, l.fromId, l.at);
      push(toLabel, toField)(l.orgId, l.toId, l.at);
    }
  }
  for (const record of allProgrammeRecords(batch))
    for (const l of record.links) {
      if (REFERENCE_SIDE[l.target] !== 'organization') continue;
      for (const id of l.ids) push(l.target as OrgLabel, l.column)(record.orgId, id, record.at);
    }
  for (const r of batch.responsibilities) {
    push('Person', 'person_id')(r.orgId, r.personId, r.at);
    const subject = RESPONSIBILITY_SUBJECTS[r.subjectKind as keyof typeof RESPONSIBILITY_SUBJECTS];
    if (subject && subject !== 'Framework') push(subject, 'subject_id')(r.orgId, r.subjectId, r.at);
  }
  const inBatch = new Map<OrgLabel, Map<string, Set<string>>>();
  for (const [label, rows] of Object.entries(nodes) as [OrgLabel, (typeof nodes)[OrgLabel]][]) {
    const byId = new Map<string, Set<string>>();
    for (const r of rows) (byId.get(r.id) ?? byId.set(r.id, new Set()).get(r.id)!).add(r.orgId);
    inBatch.set(label, byId);
  }
  const inGraph = new Map<OrgLabel, Map<string, Set<string>>>();
  for (const label of ORG_LABELS) {
    const ids = [
      ...new Set(refs.filter((r) => r.label === label && r.id && !inBatch.get(label)?.get(r.id)?.has(r.orgId)).map((r) => r.id)),
    ];
    const byId = new Map<string, Set<string>>();
    if (ids.length) {
      const { records } = await graph.run(existingOrgNodes(label), { ids });
      for (const [orgId, id] of (records[0]?.get('found') as [string, string][] | undefined) ?? []) {
        (byId.get(id) ?? byId.set(id, new Set()).get(id)!).add(orgId);
      }
    }
    inGraph.set(label, byId);
  }
  for (const r of refs) {
    if (!r.id || !r.orgId) continue;
    const owners = new Set([...(inBatch.get(r.label)?.get(r.id) ?? []), ...(inGraph.get(r.label)?.get(r.id) ?? [])]);
    if (owners.has(r.orgId)) continue;
    if (owners.size > 0) {
      problems.add(
        'REFERENCE_OTHER_ORGANIZATION',
        r.at,
        r.field,
        `${NOUN[r.label]} '${r.id}' belongs to organization ${[...owners].map((o) => `'${o}'`).join(', ')}, not '${r.orgId}'; a row may only reference its own organization's nodes`,
      );
    } else {
      problems.add('REFERENCE_UNKNOWN', r.at, r.field, `unknown ${NOUN[r.label]} '${r.id}' in organization '${r.orgId}'`);
    }
  }
  await validateProgramme(batch, graph, problems);
}

/**
 * What only the programme rows can get wrong: a responsibility given twice, two accountable persons for
 * one subject (RACI has one), a member_of naming the person itself or an individual instead of a body.
 */
async function validateProgramme(batch: ImportBatch, graph: Graph, problems: Problems): Promise<void> {
  duplicates(
    batch.responsibilities,
    (r) => key(r.orgId, r.personId, r.raci, r.subjectKind, r.subjectId),
    'raci',
    (r) => `'${r.personId}' is ${r.raci} for ${r.subjectKind} '${r.subjectId}' twice`,
    problems,
  );
  const accountable = new Map<string, { personId: string; at: Position }>();
  for (const r of batch.responsibilities) {
    if (r.raci !== 'accountable') continue;
    const k = key(r.orgId, r.subjectKind, r.subjectId);
    const first = accountable.get(k);
    if (!first) accountable.set(k, { personId: r.personId, at: r.at });
    else if (first.personId !== r.personId)
      problems.add(
        'VALUE_CONFLICT',
        r.at,
        'person_id',
        `${r.subjectKind} '${r.subjectId}' already has '${first.personId}' accountable (${where(first.at)}); one person or body is accountable for a subject`,
      );
  }

  const kinds = new Map<string, unknown>();
  for (const p of batch.persons) kinds.set(key(p.orgId, p.id), p.props.kind);
  const memberships = batch.persons.flatMap((p) =>
    p.links.filter((l) => l.column === 'member_of').flatMap((l) => l.ids.map((body) => ({ person: p, body }))),
  );
  const missing = memberships.filter((m) => !kinds.has(key(m.person.orgId, m.body))).map((m) => [m.person.orgId, m.body]);
  if (missing.length) {
    const { records } = await graph.run(PERSON_KINDS_OF, { keys: missing });
    for (const [orgId, id, kind] of (records[0]?.get('found') as [string, string, string][] | undefined) ?? [])
      kinds.set(key(orgId, id), kind);
  }
  for (const { person, body } of memberships) {
    if (body === person.id) {
      problems.add('REFERENCE_SELF', person.at, 'member_of', `'${person.id}' cannot be a member of itself`);
      continue;
    }
    const kind = kinds.get(key(person.orgId, body));
    // Unknown ids are reported above (REFERENCE_UNKNOWN / REFERENCE_OTHER_ORGANIZATION).
    if (kind !== undefined && kind !== 'body')
      problems.add(
        'REFERENCE_WRONG_KIND',
        person.at,
        'member_of',
        `'${body}' is a person of kind ${String(kind)}; member_of names bodies (kind body) only`,
      );
  }
}
