/**
 * One requirement's neighbourhood, drawn with the Neo4j Visualization Library: its mappings in both stored
 * directions, the part it belongs to, the organization's controls implementing it and their evidence; next
 * to it the same elements as a list and the `explain` question's account of the requirement's status.
 *
 * NVL runs fully in the page: the d3-force layout on the main thread (no layout web workers, whose scripts
 * would have to be fetched separately), the canvas renderer (captions and arrows, no WebGL needed) and no
 * usage telemetry, so the page talks to nothing but its own origin.
 */
import { NVL, type Node as NvlNode, type Relationship as NvlRelationship } from '@neo4j-nvl/base';
import type { ExplainResult } from '../../../queries/explain.ts';
import { gql, today } from './api.ts';
import { fill, h } from './dom.ts';
import { CONTROL_COLOR, EVIDENCE_COLORS, frameworkColor, STATUS_COLORS, STATUS_LABELS } from './status.ts';

const NEIGHBOURHOOD = `query Neighbourhood($uid: ID!, $requirement: String!, $today: String) {
  requirements(where: { uid: { eq: $uid } }, limit: 1) {
    uid ref title summary frameworkId
    parent(limit: 1) { uid ref title frameworkId }
    mapsToConnection(first: 200) { edges { properties { relationship strength status } node { uid ref title frameworkId } } }
    mappedFromConnection(first: 200) { edges { properties { relationship strength status } node { uid ref title frameworkId } } }
  }
  # Who implements it is asked from the organization's side: reference data leads into no organization.
  implementers: controls(where: { implements: { some: { uid: { eq: $uid } } } }, limit: 100) {
    id name status
    implementsConnection(where: { node: { uid: { eq: $uid } } }, first: 1) { edges { properties { coverage } } }
    evidence(limit: 50) { id title kind status validUntil }
  }
  explain(requirement: $requirement, today: $today)
}`;

interface RequirementRef {
  uid: string;
  ref: string;
  title: string;
  frameworkId: string;
}

interface Mapping {
  properties: { relationship: string; strength: number; status: string | null };
  node: RequirementRef;
}

interface EvidenceItem {
  id: string;
  title: string;
  kind: string;
  status: string;
  validUntil: string | null;
}

interface Implementation {
  properties: { coverage: string };
  node: { id: string; name: string; status: string; evidence: EvidenceItem[] };
}

interface Implementer {
  id: string;
  name: string;
  status: string;
  implementsConnection: { edges: { properties: { coverage: string } }[] };
  evidence: EvidenceItem[];
}

interface Neighbourhood extends RequirementRef {
  summary: string | null;
  parent: RequirementRef[];
  mapsToConnection: { edges: Mapping[] };
  mappedFromConnection: { edges: Mapping[] };
  implementedByConnection: { edges: Implementation[] };
}

interface Graph {
  nodes: NvlNode[];
  rels: NvlRelationship[];
}

const controlId = (id: string) => `control:${id}`;
const evidenceId = (id: string) => `evidence:${id}`;

function isExpired(evidence: EvidenceItem, day: string): boolean {
  return evidence.validUntil !== null && evidence.validUntil < day;
}

/** The nodes and relationships NVL draws; ids are requirement uids, control:<id> and evidence:<id>. */
function toGraph(requirement: Neighbourhood, explain: ExplainResult): Graph {
  const nodes = new Map<string, NvlNode>();
  const rels: NvlRelationship[] = [];
  const addRequirement = (r: RequirementRef, size: number) => {
    if (!nodes.has(r.uid))
      nodes.set(r.uid, { id: r.uid, caption: `${r.frameworkId}\n${r.ref}`, color: frameworkColor(r.frameworkId), size });
  };
  const status = explain.status;
  nodes.set(requirement.uid, {
    id: requirement.uid,
    caption: `${requirement.frameworkId}\n${requirement.ref}`,
    color: status ? STATUS_COLORS[status] : frameworkColor(requirement.frameworkId),
    size: 45,
    selected: true,
  });
  for (const parent of requirement.parent) {
    addRequirement(parent, 22);
    rels.push({ id: `part:${requirement.uid}`, from: requirement.uid, to: parent.uid, caption: 'PART_OF', color: '#b0bec5' });
  }
  const mapping = (from: string, to: string, m: Mapping) => ({
    id: `maps:${from}>${to}`,
    from,
    to,
    caption: `${m.properties.relationship} (${m.properties.strength})`,
    color: m.properties.status === 'approved' || m.properties.status === null ? '#607d8b' : '#cfd8dc',
  });
  for (const m of requirement.mapsToConnection.edges) {
    addRequirement(m.node, 28);
    rels.push(mapping(requirement.uid, m.node.uid, m));
  }
  for (const m of requirement.mappedFromConnection.edges) {
    addRequirement(m.node, 28);
    rels.push(mapping(m.node.uid, requirement.uid, m));
  }
  for (const { node: control, properties } of requirement.implementedByConnection.edges) {
    nodes.set(controlId(control.id), { id: controlId(control.id), caption: control.id, color: CONTROL_COLOR, size: 28 });
    rels.push({
      id: `implements:${control.id}`,
      from: controlId(control.id),
      to: requirement.uid,
      caption: `IMPLEMENTS ${properties.coverage}`,
      color: '#455a64',
    });
    for (const evidence of control.evidence) {
      if (!nodes.has(evidenceId(evidence.id))) {
        const expired = isExpired(evidence, explain.today);
        nodes.set(evidenceId(evidence.id), {
          id: evidenceId(evidence.id),
          caption: `${evidence.id}${expired ? '\n(expired)' : evidence.status !== 'approved' ? `\n(${evidence.status})` : ''}`,
          color: expired ? '#ffcc80' : (EVIDENCE_COLORS[evidence.status] ?? '#bcaaa4'),
          size: 22,
        });
      }
      rels.push({
        id: `supports:${evidence.id}>${control.id}`,
        from: evidenceId(evidence.id),
        to: controlId(control.id),
        caption: 'SUPPORTS',
        color: '#a1887f',
      });
    }
  }
  return { nodes: [...nodes.values()], rels };
}

function requirementLink(r: RequirementRef, open: (uid: string) => void): HTMLElement {
  return h(
    'a',
    {
      href: `#requirement/${encodeURIComponent(r.uid)}`,
      onclick: (e: Event) => {
        e.preventDefault();
        open(r.uid);
      },
    },
    `${r.frameworkId} ${r.ref}`,
  );
}

function explanation(explain: ExplainResult): HTMLElement {
  const chosen = explain.paths.find((p) => p.chosen);
  const part = explain.parts.find((p) => p.uid === explain.requirement.uid);
  const lines: (HTMLElement | string)[] = [];
  if (explain.status) {
    lines.push(
      h(
        'span',
        {
          class: 'badge',
          id: 'requirement-status',
          'data-status': explain.status,
          style: `background:${STATUS_COLORS[explain.status]}`,
        },
        STATUS_LABELS[explain.status],
      ),
    );
    if (part?.basis) lines.push(` ${part.basis}`);
    if (part?.exclusion) lines.push(` — excluded: ${part.exclusion.justification}`);
  } else {
    const counts = new Map<string, number>();
    for (const p of explain.parts) counts.set(p.status, (counts.get(p.status) ?? 0) + 1);
    lines.push(
      `Not assessed itself; its ${explain.parts.length} assessed parts: ${[...counts].map(([s, n]) => `${n} ${s.replace('_', ' ')}`).join(', ') || 'none'}.`,
    );
  }
  if (chosen) {
    const hops = chosen.relationships.map((r) => `${r.from} ${r.read} ${r.to}`).join('; ');
    lines.push(
      h(
        'div',
        { class: 'muted' },
        `Met by inheritance (best path): from ${chosen.source} (met directly), ${hops}; strength ${chosen.strength}, ${chosen.hops} hop(s).`,
      ),
    );
  }
  const indications = explain.paths.filter((p) => p.reading === 'indication' && p.target === explain.requirement.uid);
  if (indications.length)
    lines.push(
      h(
        'div',
        { class: 'muted', id: 'indications' },
        `Related work (not coverage): ${indications.map((p) => `${p.source} (${p.sourceStatus.replace('_', ' ')}, ${p.relationshipsRead.join(' → ')}, strength ${p.strength})`).join('; ')}.`,
      ),
    );
  return h('div', { class: 'explain' }, ...lines);
}

function sideList(requirement: Neighbourhood, explain: ExplainResult, open: (uid: string) => void): HTMLElement {
  const maps = [
    ...requirement.mapsToConnection.edges.map((m) => ({ m, arrow: '→' })),
    ...requirement.mappedFromConnection.edges.map((m) => ({ m, arrow: '←' })),
  ];
  const evidence = new Map<string, EvidenceItem>();
  for (const c of requirement.implementedByConnection.edges) for (const e of c.node.evidence) evidence.set(e.id, e);
  return h(
    'aside',
    { class: 'side', id: 'neighbourhood-list' },
    h('h3', {}, `${requirement.frameworkId} ${requirement.ref}`),
    h('p', {}, requirement.title),
    requirement.summary ? h('p', { class: 'muted' }, requirement.summary) : null,
    explanation(explain),
    requirement.parent.length
      ? h(
          'p',
          {},
          'Part of ',
          requirement.parent.map((p) => h('span', { 'data-node-id': p.uid }, requirementLink(p, open), ` ${p.title}`)),
        )
      : null,
    h('h4', {}, `Mappings (${maps.length})`),
    h(
      'ul',
      { 'data-section': 'mappings' },
      maps.map(({ m, arrow }) =>
        h(
          'li',
          { 'data-node-id': m.node.uid },
          `${arrow} `,
          requirementLink(m.node, open),
          ` ${m.properties.relationship}, strength ${m.properties.strength}${m.properties.status && m.properties.status !== 'approved' ? `, ${m.properties.status}` : ''}`,
          h('div', { class: 'muted' }, m.node.title),
        ),
      ),
    ),
    h('h4', {}, `Controls (${requirement.implementedByConnection.edges.length})`),
    h(
      'ul',
      { 'data-section': 'controls' },
      requirement.implementedByConnection.edges.map(({ node, properties }) =>
        h(
          'li',
          { 'data-node-id': controlId(node.id) },
          h('strong', {}, node.id),
          ` ${node.name} — ${node.status}, ${properties.coverage} coverage`,
        ),
      ),
    ),
    h('h4', {}, `Evidence (${evidence.size})`),
    h(
      'ul',
      { 'data-section': 'evidence' },
      [...evidence.values()].map((e) =>
        h(
          'li',
          { 'data-node-id': evidenceId(e.id) },
          h('strong', {}, e.id),
          ` ${e.title} — ${e.kind}, ${e.status}${e.validUntil ? `, valid until ${e.validUntil}${isExpired(e, explain.today) ? ' (expired)' : ''}` : ''}`,
        ),
      ),
    ),
  );
}

let current: NVL | undefined;

/** Stops the drawing (its layout and render loop) when the page moves elsewhere. */
export function closeNeighbourhood(): void {
  current?.destroy();
  current = undefined;
}

export async function renderNeighbourhood(root: HTMLElement, uid: string, openRequirement: (uid: string) => void): Promise<void> {
  closeNeighbourhood();
  fill(root, h('h2', {}, 'Neighbourhood'), h('p', { class: 'muted' }, `Loading ${uid}…`));
  const data = await gql<{
    requirements: Omit<Neighbourhood, 'implementedByConnection'>[];
    implementers: Implementer[];
    explain: ExplainResult;
  }>(NEIGHBOURHOOD, {
    uid,
    requirement: uid,
    today: today(),
  });
  if (!root.isConnected) return; // the user moved on meanwhile
  const found = data.requirements[0];
  if (!found) {
    fill(root, h('h2', {}, 'Neighbourhood'), h('p', { class: 'error' }, `No requirement ${uid}.`));
    return;
  }
  const requirement: Neighbourhood = {
    ...found,
    implementedByConnection: {
      edges: data.implementers.map(({ implementsConnection, ...node }) => ({
        properties: { coverage: implementsConnection.edges[0]?.properties.coverage ?? 'partial' },
        node,
      })),
    },
  };
  const graph = toGraph(requirement, data.explain);
  const container = h('div', { class: 'graph', id: 'graph', 'data-layout': 'running' });
  fill(
    root,
    h('h2', {}, 'Neighbourhood of ', h('span', { id: 'neighbourhood-of' }, uid)),
    h(
      'p',
      { class: 'legend' },
      "Nodes: this requirement (coloured by its status), the requirements it maps to and from (coloured by framework), the part it belongs to, the organization's controls implementing it (dark) and their evidence (brown; orange = expired). Click a requirement to move there.",
    ),
    h(
      'div',
      { class: 'neighbourhood' },
      h('div', { class: 'graph-box' }, container),
      sideList(requirement, data.explain, openRequirement),
    ),
  );
  const nvl = new NVL(
    container,
    graph.nodes,
    graph.rels,
    {
      layout: 'd3Force',
      renderer: 'canvas',
      disableWebGL: true,
      disableWebWorkers: true,
      disableTelemetry: true,
      initialZoom: 1,
    },
    {
      onLayoutDone: () => {
        nvl.fit(
          graph.nodes.map((n) => n.id),
          { animated: false },
        );
        container.dataset.layout = 'done';
      },
    },
  );
  current = nvl;
  // What NVL actually holds, for readers and the browser tests.
  container.dataset.nodes = String(nvl.getNodes().length);
  container.dataset.rels = String(nvl.getRelationships().length);
  container.addEventListener('click', (event) => {
    const hit = nvl.getHits(event, ['node']).nvlTargets.nodes[0]?.data.id;
    if (hit && hit !== uid && !/^(control|evidence):/.test(hit)) openRequirement(hit);
  });
}
