/**
 * OSCAL catalogs (models 1.0 to 1.2; JSON, YAML or XML, already read into the JSON shape): `catalog.metadata`
 * becomes the Framework, groups (nested) and controls (with sub-controls) become Requirements with PART_OF
 * links. A requirement's ref is the control's or group's `id` (what OSCAL mappings and profiles reference),
 * its title the `label` prop (the display label "AC-2", not the zero-padded sort label "AC-02") and the
 * title, its summary the statement prose with its item labels and rendered parameters (importers/oscal/
 * prose.ts). Withdrawn controls (`status` prop "withdrawn") are kept, non-normative, with status withdrawn.
 * Catalogs crosswalk exported carry their ref, kind, order and normative flag as crosswalk props, so they
 * import back unchanged.
 */
import { requirementUid } from '../../graph/model.ts';
import type { Position, Problems } from '../problems.ts';
import { emptyBatch, type ImportBatch } from '../records.ts';
import { child, CROSSWALK_NS, isObject, list, slug, str, type Json, type JsonObject } from './json.ts';
import { collectParams, propValue, statementLines, type Params } from './prose.ts';

export interface OscalCatalogOptions {
  /** Framework id; default: a framework-id prop of the metadata, else a slug of metadata.title when short. */
  frameworkId?: string;
  /** Parameter values set by a profile (importers/oscal/profile.ts), over the catalog's own. */
  setParams?: Params;
}

/** Longest framework id derived from a title; a longer slug would be a truncated, unstable id. */
export const MAX_DERIVED_ID = 40;

/** A prop of crosswalk's namespace. */
function ownProp(node: JsonObject, name: string): string | null {
  const props = Array.isArray(node.props) ? node.props.filter(isObject) : [];
  const found = props.find((p) => p.name === name && p.ns === CROSSWALK_NS && p.value !== undefined && p.value !== null);
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

/** The official source: a link crosswalk exports as rel "canonical" (an absolute http(s) URL). */
function canonicalUrl(node: JsonObject): string | null {
  const links = Array.isArray(node.links) ? node.links.filter(isObject) : [];
  const found = links.find((l) => l.rel === 'canonical' && typeof l.href === 'string' && /^https?:\/\//.test(l.href));
  return found ? String(found.href) : null;
}

/**
 * The framework id: --framework-id, else the catalog's own framework-id prop (crosswalk exports one), else
 * the title's slug when it is short enough to be whole. A long title ("NIST Special Publication 800-53
 * Revision 5.1.1: Low Impact Baseline") would give a truncated slug that changes with every revision of
 * the wording, so then the id must be given.
 */
export function catalogFrameworkId(
  metadata: JsonObject,
  title: string,
  given: string | undefined,
  at: Position,
  problems: Problems,
): string {
  if (given) return given;
  const own = ownProp(metadata, 'framework-id');
  if (own) return own;
  const derived = slug(title);
  const whole = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (whole.length > MAX_DERIVED_ID) {
    problems.add(
      'VALUE_REQUIRED',
      at,
      'framework-id',
      `the title '${title}' is too long for a stable framework id (its slug has ${whole.length} characters, at most ${MAX_DERIVED_ID}): pass --framework-id ID, e.g. --framework-id ${suggestId(title)}`,
    );
  }
  return derived;
}

/** A short id suggestion from the title's distinctive words (digits and acronyms): "nist-800-53-5-1-1-low". */
function suggestId(title: string): string {
  const words = title.split(/[^A-Za-z0-9.-]+/).filter(Boolean);
  const picked = words.filter((w) => /\d/.test(w) || /^[A-Z]{2,}$/.test(w) || /^(low|moderate|high)$/i.test(w));
  return slug(picked.join(' ')) || 'my-catalog';
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
  const frameworkId = catalogFrameworkId(metadata, title, options.frameworkId, metaAt, problems);
  batch.frameworks.push({
    at: metaAt,
    id: frameworkId,
    name: title,
    // Our exports write 'unversioned' where OSCAL requires a version we do not know; the prop is the truth.
    version: ownProp(metadata, 'framework-id') ? ownProp(metadata, 'version') : str(metadata, 'version', metaAt, problems),
    publisher: ownProp(metadata, 'publisher'),
    kind: ownProp(metadata, 'kind') ?? 'standard',
    url: canonicalUrl(metadata),
    publishedOn: publishedDate(str(metadata, 'published', metaAt, problems), file, problems),
  });

  const params = collectParams(catalog);
  for (const [id, p] of options.setParams ?? []) params.set(id, { ...(params.get(id) ?? {}), ...p });

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
    const ref = ownProp(node, 'ref') ?? id;
    const uid = requirementUid(frameworkId, ref);
    const statement = (Array.isArray(node.parts) ? node.parts.filter(isObject) : [])
      .filter((p) => p.name === 'statement')
      .flatMap((p) => statementLines(p, params));
    const withdrawn = propValue(node, 'status') === 'withdrawn';
    const exported = ownProp(node, 'ref') !== null;
    // The display label; NIST catalogs also carry a zero-padded one ("AC-02") for sorting.
    const nodeLabel = propValue(node, 'label', 'zero-padded');
    const ownOrder = Number(ownProp(node, 'order'));
    const ownNormative = ownProp(node, 'normative');
    batch.requirements.push({
      at,
      uid,
      frameworkId,
      ref,
      parentUid,
      kind: ownProp(node, 'kind') ?? kind,
      order: exported && Number.isInteger(ownOrder) ? ownOrder : order,
      normative: ownNormative !== null ? ownNormative === 'true' : kind === 'control' && !withdrawn,
      title:
        !exported && nodeLabel && nodeLabel !== id && !nodeTitle.startsWith(nodeLabel) ? `${nodeLabel} ${nodeTitle}` : nodeTitle,
      summary: statement.length ? statement.join('\n') : null,
      url: canonicalUrl(node),
      status: withdrawn ? 'withdrawn' : null,
    });
    order++;
    list(node, 'groups', at, problems).forEach((g, i) => visit(g, child(child(path, 'groups'), i), 'group', uid));
    list(node, 'controls', at, problems).forEach((c, i) => visit(c, child(child(path, 'controls'), i), 'control', uid));
  };
  list(catalog, 'groups', catalogAt, problems).forEach((g, i) => visit(g, `$.catalog.groups[${i}]`, 'group', null));
  list(catalog, 'controls', catalogAt, problems).forEach((c, i) => visit(c, `$.catalog.controls[${i}]`, 'control', null));
  if (batch.requirements.length === 0)
    problems.add('DOCUMENT_EMPTY', catalogAt, 'groups', 'the catalog has no groups or controls');
  return batch;
}
