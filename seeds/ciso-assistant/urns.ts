/**
 * The URNs CISO Assistant's framework libraries give the requirements of our built-in catalogs, so that its
 * mapping sets land on the built-in nodes. Derived by rule from our refs, one rule per library, checked
 * against the node URNs of the libraries in CISO Assistant's public repository
 * (backend/library/libraries/: iso27001-2022.yaml, iso42001-2023.yaml, gdpr.yaml, nis2-directive.yaml,
 * ai-act.yaml, annex-implementing-regulation-of-nis2-on-t-m.yaml). Where a library has no node for one of
 * ours (its AI Act articles and GDPR sections are numbered nodes, node535, not named by their article; its
 * NIS2 library covers Article 21 only), there is no alias, and a mapping row naming such a node is reported.
 * `npx tsx seeds/ciso-assistant/generate.ts` writes urn-aliases.csv from the catalogs.
 */

export const REQ_NODE = 'urn:intuitem:risk:req_node:';
export const FRAMEWORK_URN = 'urn:intuitem:risk:framework:';

interface LibraryRule {
  /** The library's framework id, the namespace of its node URNs. */
  library: string;
  /** The URN's last part for one of our refs, or null when the library has no such node. */
  local(ref: string): string | null;
}

/** `1.1.1(a)` -> `1.1.1.a`, `Art.21(2)(b)` -> `21.2.b` (after the article prefix is cut). */
const points = (ref: string) => ref.replace(/\(([0-9a-z]+)\)/gi, '.$1').toLowerCase();

export const LIBRARIES: Record<string, LibraryRule> = {
  iso27001: { library: 'iso27001-2022', local: (ref) => ref.toLowerCase() },
  iso42001: { library: 'iso42001-2023', local: (ref) => ref.toLowerCase() },
  'nis2-ir': { library: 'annex-technical-and-methodological-requirements-nis2', local: points },
  gdpr: {
    library: 'gdpr',
    local(ref) {
      const chapter = /^Ch\.([IVXL]+)$/.exec(ref);
      if (chapter) return `chapter-${chapter[1]!.toLowerCase()}`;
      const article = /^Art\.(\d+)$/.exec(ref);
      if (article) return `article-${article[1]}`;
      return /^Art\.\d+\(/.test(ref) ? points(ref.slice(4)) : null;
    },
  },
  nis2: {
    library: 'nis2-directive',
    local(ref) {
      if (ref === 'Art.21') return 'article-21';
      return /^Art\.21\(/.test(ref) ? points(ref.slice(4)) : null;
    },
  },
  'eu-ai-act': {
    library: 'ai-act',
    // Articles and chapters are numbered nodes in CISO Assistant's AI Act; paragraphs and points are named.
    local: (ref) => (/^Art\.\d+\(/.test(ref) ? points(ref.slice(4)) : null),
  },
};

export function requirementUrn(frameworkId: string, ref: string): string | null {
  const rule = LIBRARIES[frameworkId];
  const local = rule?.local(ref);
  return rule && local ? `${REQ_NODE}${rule.library}:${local}` : null;
}

export function frameworkUrn(frameworkId: string): string | null {
  const rule = LIBRARIES[frameworkId];
  return rule ? `${FRAMEWORK_URN}${rule.library}` : null;
}
