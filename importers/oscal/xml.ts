/**
 * OSCAL XML into the shape of OSCAL JSON, so one reader serves both (the mapping NIST's own XML-to-JSON
 * converters follow): attributes become keys, repeated child elements become arrays under their JSON
 * group name (`<control>` -> `controls`, `<prop>` -> `props`, `<with-id>` -> `with-ids`), markup-multiline
 * content (`<p>`, `<ol>`, `<ul>`, ... inside a part, guideline or remarks) becomes the `prose` Markdown-ish
 * string, and `<insert type="param" id-ref="x"/>` becomes `{{ insert: param, x }}`. Parsing is
 * fast-xml-parser's (MIT), never ours.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Position, Problems } from '../problems.ts';
import type { Json, JsonObject } from './json.ts';

/** Element name -> JSON key of the array it belongs to. */
const GROUPED: Record<string, string> = {
  group: 'groups',
  control: 'controls',
  part: 'parts',
  prop: 'props',
  link: 'links',
  param: 'params',
  guideline: 'guidelines',
  value: 'values',
  choice: 'choice',
  resource: 'resources',
  rlink: 'rlinks',
  mapping: 'mappings',
  map: 'maps',
  source: 'sources',
  target: 'targets',
  import: 'imports',
  'with-id': 'with-ids',
  'set-parameter': 'set-parameters',
  alter: 'alters',
  add: 'adds',
  remove: 'removes',
  'include-controls': 'include-controls',
  'exclude-controls': 'exclude-controls',
  matching: 'matching',
  role: 'roles',
  party: 'parties',
  'responsible-party': 'responsible-parties',
  'responsible-role': 'responsible-roles',
  revision: 'revisions',
  'document-id': 'document-ids',
  constraint: 'constraints',
  test: 'tests',
  hash: 'hashes',
  location: 'locations',
  'party-uuid': 'party-uuids',
  'email-address': 'email-addresses',
  'addr-line': 'addr-lines',
  qualifier: 'qualifiers',
};
/** Wrapper elements whose children form the array itself (`<revisions><revision/>...</revisions>`). */
const WRAPPERS = new Set(['revisions']);
/** Elements whose block markup children are the prose (key `prose`), the rest being ordinary children. */
const PROSE_HOLDERS = new Set(['part', 'guideline']);
/** Markup-multiline fields that are a string in JSON. */
const MULTILINE_FIELDS = new Set(['remarks', 'description', 'mapping-description', 'usage']);
/** Markup-line and plain fields: always a string, inline markup flattened. */
const LINE_FIELDS = new Set(['title', 'label', 'choice', 'value', 'with-id', 'text', 'relationship', 'version']);
const BLOCKS = new Set(['p', 'ol', 'ul', 'table', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'blockquote']);

type XNode = Record<string, unknown>;

const local = (name: string) => name.replace(/^[^:]+:/, '');
const nameOf = (node: XNode): string | undefined => Object.keys(node).find((k) => k !== ':@');
const attrsOf = (node: XNode): Record<string, string> => (node[':@'] as Record<string, string> | undefined) ?? {};
const childrenOf = (node: XNode, name: string): XNode[] => (Array.isArray(node[name]) ? (node[name] as XNode[]) : []);

/** Inline text: text nodes, `<insert>` as the OSCAL placeholder, other inline elements by their text. */
function inline(nodes: XNode[]): string {
  return nodes
    .map((n) => {
      const name = nameOf(n);
      if (!name) return '';
      if (name === '#text') return String(n['#text']);
      if (local(name) === 'insert') {
        const a = attrsOf(n);
        return `{{ insert: ${a.type ?? 'param'}, ${a['id-ref'] ?? ''} }}`;
      }
      return inline(childrenOf(n, name));
    })
    .join('')
    .replace(/\s+/g, ' ');
}

/** Block markup as Markdown-ish text: paragraphs apart, list items as "- ". */
function blocks(nodes: XNode[]): string {
  const out: string[] = [];
  for (const n of nodes) {
    const name = nameOf(n);
    if (!name || name === '#text') continue;
    const tag = local(name);
    const kids = childrenOf(n, name);
    if (tag === 'ol' || tag === 'ul') {
      out.push(
        kids
          .filter((k) => nameOf(k) && local(nameOf(k)!) === 'li')
          .map((li) => `- ${inline(childrenOf(li, nameOf(li)!)).trim()}`)
          .join('\n'),
      );
    } else if (tag === 'table') {
      out.push(inline(kids).trim());
    } else {
      out.push(inline(kids).trim());
    }
  }
  return out.filter(Boolean).join('\n\n');
}

function element(node: XNode, name: string): Json {
  const tag = local(name);
  const kids = childrenOf(node, name);
  if (tag === 'include-all') return {};
  if (LINE_FIELDS.has(tag)) return inline(kids).trim();
  if (MULTILINE_FIELDS.has(tag)) return blocks(kids) || inline(kids).trim();
  const obj: JsonObject = {};
  for (const [k, v] of Object.entries(attrsOf(node))) if (!k.startsWith('xmlns')) obj[local(k)] = v;
  const proseNodes: XNode[] = [];
  let text = '';
  for (const kid of kids) {
    const kidName = nameOf(kid);
    if (!kidName) continue;
    if (kidName === '#text') {
      text += String(kid['#text']);
      continue;
    }
    const kidTag = local(kidName);
    if (PROSE_HOLDERS.has(tag) && BLOCKS.has(kidTag)) {
      proseNodes.push(kid);
      continue;
    }
    if (WRAPPERS.has(kidTag)) {
      obj[kidTag] = childrenOf(kid, kidName)
        .filter((k) => nameOf(k) && nameOf(k) !== '#text')
        .map((k) => element(k, nameOf(k)!));
      continue;
    }
    const value = element(kid, kidName);
    const key = GROUPED[kidTag];
    if (key) {
      const arr = (Array.isArray(obj[key]) ? obj[key] : (obj[key] = [])) as Json[];
      arr.push(value);
    } else {
      obj[kidTag] = value;
    }
  }
  if (proseNodes.length) obj.prose = blocks(proseNodes);
  // An element with text and nothing else (oscal-version, published, href-less fields) is a string.
  if (Object.keys(obj).length === 0) return text.trim();
  return obj;
}

/** Parses OSCAL XML text into the JSON shape; a syntax error is a problem with its line and column. */
export function oscalXmlToJson(text: string, file: string, problems: Problems): Json | undefined {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const at: Position = { file, line: valid.err.line, column: valid.err.col };
    problems.add('XML_SYNTAX', at, undefined, `not readable as XML: ${valid.err.msg}`);
    return undefined;
  }
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    trimValues: false,
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
  });
  const roots = (parser.parse(text) as XNode[]).filter((n) => {
    const name = nameOf(n);
    return name && name !== '#text' && !name.startsWith('?') && name !== '#comment';
  });
  const root = roots[0];
  const rootName = root ? nameOf(root) : undefined;
  if (!root || !rootName) {
    problems.add('FILE_EMPTY', { file }, undefined, 'the XML document has no root element');
    return undefined;
  }
  return { [local(rootName)]: element(root, rootName) };
}
