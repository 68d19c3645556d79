/**
 * OSCAL catalogs (JSON, models 1.0 to 1.1.x): `catalog.metadata` becomes the Framework, groups (nested)
 * and controls (with sub-controls) become Requirements with PART_OF links. A requirement's ref is the
 * control's or group's `id` (what OSCAL mappings and profiles reference), its title the `label` prop
 * (when given) and title, its summary the prose of the `statement` part.
 */
import { requirementUid } from '../../graph/model.ts';
import type { Position, Problems } from '../problems.ts';
import { emptyBatch, type ImportBatch } from '../records.ts';
import { child, isObject, list, slug, str, type Json, type JsonObject } from './json.ts';

export interface OscalCatalogOptions {
  /** Framework id; default: a slug of metadata.title. */
  frameworkId?: string;
}

/** All prose of a part and its sub-parts, in document order. */
function prose(part: JsonObject): string[] {
  const own = typeof part.prose === 'string' ? [part.prose.trim()] : [];
  const parts = Array.isArray(part.parts) ? part.parts.filter(isObject) : [];
  return [...own, ...parts.flatMap(prose)].filter(Boolean);
}

function label(node: JsonObject): string | null {
  const props = Array.isArray(node.props) ? node.props.filter(isObject) : [];
  const found = props.find((p) => p.name === 'label' && typeof p.value === 'string');
  return found ? String(found.value) : null;
}

/**
 * OSCAL's `published` is a date-time with time zone (2025-06-30T00:00:00Z); we keep its calendar date.
 * Anything else ("31/12/2025", month 13) is a problem at its path rather than a date the driver refuses.
 */
function publishedDate(raw: string | null, file: string, problems: Problems): string | null {
  if (!raw) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))?$/.exec(raw);
  const [y, m, d] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  const day = new Date(Date.UTC(y, m - 1, d));
  const valid = match && day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d;
  const date = match ? `${match[1]}-${match[2]}-${match[3]}` : '';
  if (!valid) {
    problems.add(
      'VALUE_DATE',
      { file, path: '$.catalog.metadata.published' },
      'published',
      `'${raw.length > 40 ? `${raw.slice(0, 40)}...` : raw}' is not an OSCAL date-time (YYYY-MM-DDThh:mm:ssZ)`,
    );
    return null;
  }
  return date;
}

export function oscalCatalog(doc: Json, file: string, problems: Problems, options: OscalCatalogOptions = {}): ImportBatch {
  const batch = emptyBatch();
  const root: Position = { file, path: '$' };
  if (!isObject(doc) || !isObject(doc.catalog)) {
    problems.add('DOCUMENT_WRONG_KIND', root, 'catalog', 'not an OSCAL catalog: expected a top-level "catalog" object');
    return batch;
  }
  const catalog = doc.catalog;
  const catalogAt: Position = { file, path: '$.catalog' };
  const metadata = isObject(catalog.metadata) ? catalog.metadata : undefined;
  if (!metadata) {
    problems.add('VALUE_REQUIRED', catalogAt, 'metadata', 'is required but missing');
    return batch;
  }
  const metaAt: Position = { file, path: '$.catalog.metadata' };
  const title = str(metadata, 'title', metaAt, problems, true) ?? '';
  const frameworkId = options.frameworkId ?? slug(title);
  batch.frameworks.push({
    at: metaAt,
    id: frameworkId,
    name: title,
    version: str(metadata, 'version', metaAt, problems),
    publisher: null,
    kind: 'standard',
    url: null,
    publishedOn: publishedDate(str(metadata, 'published', metaAt, problems), file, problems),
  });

  let order = 0;
  const visit = (node: Json, path: string, kind: 'group' | 'control', parentUid: string | null): void => {
    const at: Position = { file, path };
    if (!isObject(node)) {
      problems.add('VALUE_TYPE', at, undefined, `expected a ${kind} object`);
      return;
    }
    // OSCAL groups may omit their id; then the title's slug stands in.
    const nodeTitle = str(node, 'title', at, problems, true) ?? '';
    const id = str(node, 'id', at, problems, kind === 'control') ?? (nodeTitle ? slug(nodeTitle) : '');
    const uid = requirementUid(frameworkId, id);
    const statement = (Array.isArray(node.parts) ? node.parts.filter(isObject) : [])
      .filter((p) => p.name === 'statement')
      .flatMap(prose);
    const nodeLabel = label(node);
    batch.requirements.push({
      at,
      uid,
      frameworkId,
      ref: id,
      parentUid,
      kind,
      order: order++,
      normative: kind === 'control',
      title: nodeLabel && nodeLabel !== id ? `${nodeLabel} ${nodeTitle}` : nodeTitle,
      summary: statement.length ? statement.join(' ') : null,
      url: null,
    });
    list(node, 'groups', at, problems).forEach((g, i) => visit(g, child(child(path, 'groups'), i), 'group', uid));
    list(node, 'controls', at, problems).forEach((c, i) => visit(c, child(child(path, 'controls'), i), 'control', uid));
  };
  list(catalog, 'groups', catalogAt, problems).forEach((g, i) => visit(g, `$.catalog.groups[${i}]`, 'group', null));
  list(catalog, 'controls', catalogAt, problems).forEach((c, i) => visit(c, `$.catalog.controls[${i}]`, 'control', null));
  if (batch.requirements.length === 0)
    problems.add('DOCUMENT_EMPTY', catalogAt, 'groups', 'the catalog has no groups or controls');
  return batch;
}
