/**
 * One requirement's neighbourhood, drawn with Cytoscape.js (MIT): its mappings in both stored directions,
 * the part it belongs to, the organization's controls implementing it and their evidence; next to it the
 * same elements as a list and the `explain` question's account of the requirement's status.
 *
 * Cytoscape draws on a canvas in the page (no workers, no WebGL, no network). Labels are set in CSS pixels
 * large enough to read (node 13 px, edge 11 px on a white halo), the layout is in rings (the requirement
 * in the middle, mapped requirements and controls around it, evidence outside), and a legend sits on the
 * canvas. The element counts Cytoscape holds are written to the container for readers and the browser tests.
 */
import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import type { ExplainAnswer as ExplainResult } from '../../results.ts';
import { gql, today } from './api.ts';
import { SELECTIONS } from './selections.ts';
import { fill, h } from './dom.ts';
import { CONTROL_COLOR, EVIDENCE_COLORS, EXPIRED_COLOR, frameworkColor, STATUS_COLORS, STATUS_LABELS } from './status.ts';

const NEIGHBOURHOOD = `query Neighbourhood($uid: ID!, $requirement: String!, $today: Date) {
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
  explain(requirement: $requirement, today: $today) ${SELECTIONS.explain}
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

const controlId = (id: string) => `control:${id}`;
const evidenceId = (id: string) => `evidence:${id}`;

function isExpired(evidence: EvidenceItem, day: string): boolean {
  return evidence.validUntil !== null && evidence.validUntil < day;
}

/** Kind of element, for readers (the layout rings follow the graph's distances). */
const LEVEL = { focus: 4, requirement: 3, control: 2, evidence: 1 } as const;

/** Cytoscape elements; node ids are requirement uids, control:<id> and evidence:<id>. */
function toElements(requirement: Neighbourhood, explain: ExplainResult): ElementDefinition[] {
  const nodes = new Map<string, ElementDefinition>();
  const edges: ElementDefinition[] = [];
  const node = (id: string, label: string, color: string, kind: string, level: number, size: number) => {
    if (!nodes.has(id)) nodes.set(id, { group: 'nodes', data: { id, label, color, kind, level, size } });
  };
  const edge = (id: string, source: string, target: string, label: string, color: string, kind: string) =>
    edges.push({ group: 'edges', data: { id, source, target, label, color, kind } });
  const status = explain.status;
  node(
    requirement.uid,
    `${requirement.frameworkId} ${requirement.ref}`,
    status ? STATUS_COLORS[status] : frameworkColor(requirement.frameworkId),
    'focus',
    LEVEL.focus,
    56,
  );
  const addRequirement = (r: RequirementRef, size: number) =>
    node(r.uid, `${r.frameworkId} ${r.ref}`, frameworkColor(r.frameworkId), 'requirement', LEVEL.requirement, size);
  for (const parent of requirement.parent) {
    addRequirement(parent, 30);
    edge(`part:${requirement.uid}`, requirement.uid, parent.uid, 'part of', '#b0bec5', 'part');
  }
  const mapping = (from: string, to: string, m: Mapping) =>
    edge(
      `maps:${from}>${to}`,
      from,
      to,
      `${m.properties.relationship.replace(/_/g, ' ')} · ${m.properties.strength}`,
      m.properties.status === 'approved' || m.properties.status === null ? '#607d8b' : '#cfd8dc',
      'mapping',
    );
  for (const m of requirement.mapsToConnection.edges) {
    addRequirement(m.node, 36);
    mapping(requirement.uid, m.node.uid, m);
  }
  for (const m of requirement.mappedFromConnection.edges) {
    addRequirement(m.node, 36);
    mapping(m.node.uid, requirement.uid, m);
  }
  for (const { node: control, properties } of requirement.implementedByConnection.edges) {
    node(controlId(control.id), `${control.id}\n${truncate(control.name, 28)}`, CONTROL_COLOR, 'control', LEVEL.control, 36);
    edge(
      `implements:${control.id}`,
      controlId(control.id),
      requirement.uid,
      `implements (${properties.coverage})`,
      '#455a64',
      'implements',
    );
    for (const evidence of control.evidence) {
      const expired = isExpired(evidence, explain.today);
      node(
        evidenceId(evidence.id),
        `${evidence.id}${expired ? ' (expired)' : evidence.status !== 'approved' ? ` (${evidence.status})` : ''}`,
        expired ? EXPIRED_COLOR : (EVIDENCE_COLORS[evidence.status] ?? '#bcaaa4'),
        'evidence',
        LEVEL.evidence,
        28,
      );
      edge(
        `supports:${evidence.id}>${control.id}`,
        evidenceId(evidence.id),
        controlId(control.id),
        'supports',
        '#a1887f',
        'supports',
      );
    }
  }
  return [...nodes.values(), ...edges];
}

const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The legend drawn over the canvas: what each colour and line means. */
function canvasLegend(status: ExplainResult['status']): HTMLElement {
  const item = (color: string, label: string, shape = 'dot') =>
    h('li', {}, h('span', { class: `key ${shape}`, style: `background:${color}` }), label);
  return h(
    'div',
    { class: 'canvas-legend', id: 'canvas-legend', 'aria-label': 'legend' },
    h(
      'ul',
      {},
      item(status ? STATUS_COLORS[status] : '#546e7a', `this requirement${status ? ` (${STATUS_LABELS[status]})` : ''}`),
      item(frameworkColor('iso42001'), 'mapped requirement (colour = framework)'),
      item(CONTROL_COLOR, 'control', 'square'),
      item(EVIDENCE_COLORS.approved ?? '#a1887f', 'evidence'),
      item(EXPIRED_COLOR, 'expired evidence'),
      item('#607d8b', 'approved mapping: relationship · strength', 'line'),
      item('#cfd8dc', 'mapping not approved', 'line'),
    ),
  );
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
    const hops = chosen.hops.map((r) => `${r.from} ${r.read} ${r.to}`).join('; ');
    lines.push(
      h(
        'div',
        { class: 'muted' },
        `Met by inheritance (best path): from ${chosen.mapping.source} (met directly), ${hops}; strength ${chosen.mapping.strength}, ${chosen.mapping.hops} hop(s).`,
      ),
    );
  }
  const indications = explain.paths
    .filter((p) => p.reading === 'indication' && p.mapping.target === explain.requirement.uid)
    .map((p) => p.mapping);
  if (indications.length)
    lines.push(
      h(
        'div',
        { class: 'muted', id: 'indications' },
        `Related work (not coverage): ${indications.map((p) => `${p.source} (${p.sourceStatus.replace('_', ' ')}, ${p.relationships.join(' → ')}, strength ${p.strength})`).join('; ')}.`,
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

let current: Core | undefined;

/** Stops the drawing (its renderer and listeners) when the page moves elsewhere. */
export function closeNeighbourhood(): void {
  current?.destroy();
  current = undefined;
}

const STYLE: cytoscape.StylesheetJson = [
  {
    selector: 'node',
    style: {
      'background-color': 'data(color)',
      width: 'data(size)',
      height: 'data(size)',
      label: 'data(label)',
      'font-size': 13,
      'font-family': 'system-ui, sans-serif',
      color: '#102a43',
      'text-valign': 'bottom',
      'text-margin-y': 4,
      'text-wrap': 'wrap',
      'text-max-width': '160px',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.85,
      'text-background-padding': '2px',
      'border-width': 1,
      'border-color': '#ffffff',
    },
  },
  {
    selector: 'node[kind = "focus"]',
    style: { 'font-size': 15, 'font-weight': 'bold', 'border-width': 4, 'border-color': '#102a43' },
  },
  { selector: 'node[kind = "control"]', style: { shape: 'round-rectangle' } },
  {
    selector: 'edge',
    style: {
      width: 2,
      'line-color': 'data(color)',
      'target-arrow-color': 'data(color)',
      'target-arrow-shape': 'triangle',
      'curve-style': 'bezier',
      label: 'data(label)',
      'font-size': 11,
      color: '#334e68',
      'text-rotation': 'autorotate',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.9,
      'text-background-padding': '2px',
    },
  },
  { selector: 'edge[kind = "part"]', style: { 'line-style': 'dashed' } },
];

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
  const elements = toElements(requirement, data.explain);
  const container = h('div', { class: 'graph', id: 'graph', 'data-layout': 'running' });
  fill(
    root,
    h('h2', {}, 'Neighbourhood of ', h('span', { id: 'neighbourhood-of' }, uid)),
    h(
      'div',
      { class: 'neighbourhood' },
      h('div', { class: 'graph-box' }, container, canvasLegend(data.explain.status)),
      sideList(requirement, data.explain, openRequirement),
    ),
  );
  const cy = cytoscape({
    container,
    elements,
    style: STYLE,
    layout: { name: 'preset' },
    wheelSensitivity: 0.3,
    minZoom: 0.2,
    maxZoom: 3,
  });
  current = cy;
  // Rings by distance from the requirement: its mappings, part and controls around it, each control's
  // evidence further out next to it (breadth-first from the requirement, drawn as circles).
  const layout = cy.layout({
    name: 'breadthfirst',
    roots: [uid],
    circle: true,
    directed: false,
    spacingFactor: 2.2,
    avoidOverlap: true,
    animate: false,
    padding: 30,
  });
  // Labels keep their size on screen whatever the zoom (Cytoscape sizes text in graph units): 13 px
  // for nodes, 11 px for edges, however far the fit had to zoom out.
  const readableLabels = () => {
    const zoom = cy.zoom();
    cy.batch(() => {
      cy.nodes().style({ 'font-size': 13 / zoom, 'text-max-width': `${170 / zoom}px`, 'text-margin-y': 4 / zoom });
      cy.nodes('[kind = "focus"]').style('font-size', 15 / zoom);
      cy.edges().style('font-size', 11 / zoom);
    });
  };
  layout.one('layoutstop', () => {
    cy.fit(undefined, 40);
    // A small neighbourhood is not blown up beyond 1.2x.
    if (cy.zoom() > 1.2) {
      cy.zoom(1.2);
      cy.center();
    }
    readableLabels();
    container.dataset.layout = 'done';
  });
  cy.on('zoom', readableLabels);
  layout.run();
  // What Cytoscape actually holds, for readers and the browser tests.
  container.dataset.nodes = String(cy.nodes().length);
  container.dataset.rels = String(cy.edges().length);
  cy.on('tap', 'node', (event) => {
    const id = String(event.target.id());
    if (id !== uid && !/^(control|evidence):/.test(id)) openRequirement(id);
  });
}
