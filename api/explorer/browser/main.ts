/**
 * The explorer's shell: the token (fragment, paste field, sessionStorage), the organization's adopted
 * frameworks, and the three views behind hash routes: #heatmap, #coverage/<framework>,
 * #requirement/<uid>.
 */
import { ApiError, forgetToken, getToken, gql, setToken, takeTokenFromFragment, tokenClaims } from './api.ts';
import { renderCoverage } from './coverage.ts';
import { fill, h } from './dom.ts';
import { renderHeatmap, type Framework } from './heatmap.ts';
import { closeNeighbourhood, renderNeighbourhood } from './neighbourhood.ts';

const FRAMEWORKS = `query Frameworks {
  frameworks(sort: [{ id: ASC }]) { id name }
  organizations { id name adopts(sort: [{ id: ASC }]) { id name } }
}`;

interface Context {
  organization: { id: string; name: string } | null;
  /** The organization's adopted frameworks, or all when it adopted none. */
  frameworks: Framework[];
}

const main = document.getElementById('main') as HTMLElement;
const header = document.getElementById('context') as HTMLElement;
let context: Context | undefined;

async function loadContext(): Promise<Context> {
  const data = await gql<{ frameworks: Framework[]; organizations: { id: string; name: string; adopts: Framework[] }[] }>(
    FRAMEWORKS,
  );
  const organization = data.organizations[0] ?? null;
  return { organization, frameworks: organization?.adopts.length ? organization.adopts : data.frameworks };
}

function tokenForm(message?: string): void {
  const input = h('textarea', {
    id: 'token-input',
    rows: 3,
    placeholder: 'eyJhbGciOi…',
    autocomplete: 'off',
    spellcheck: 'false',
  });
  const form = h(
    'form',
    { class: 'token-form', id: 'token-form' },
    h('h2', {}, 'Sign in with a token'),
    message ? h('p', { class: 'error' }, message) : null,
    h(
      'p',
      {},
      'Paste a bearer token for your organization (',
      h('code', {}, 'npx crosswalk token --role viewer --org demo'),
      " in development). It stays in this browser tab (sessionStorage) and is sent only to this server's /graphql.",
    ),
    input,
    h('button', { type: 'submit' }, 'Open the explorer'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!input.value.trim()) return;
    setToken(input.value);
    context = undefined;
    void route();
  });
  fill(header);
  fill(main, form);
}

function navigate(hash: string): void {
  if (location.hash === hash) void route();
  else location.hash = hash;
}

const openRequirement = (uid: string) => navigate(`#requirement/${encodeURIComponent(uid)}`);
const openFramework = (id: string) => navigate(`#coverage/${encodeURIComponent(id)}`);

function renderHeader(ctx: Context, token: string, view: string): void {
  const claims = tokenClaims(token);
  const link = (hash: string, label: string, name: string) => h('a', { href: hash, class: view === name ? 'active' : '' }, label);
  fill(
    header,
    h(
      'nav',
      { class: 'views' },
      link('#heatmap', 'Reuse heatmap', 'heatmap'),
      link(`#coverage/${ctx.frameworks[0]?.id ?? ''}`, 'Coverage', 'coverage'),
      h('span', { class: view === 'requirement' ? 'active' : 'muted' }, 'Neighbourhood'),
    ),
    h(
      'span',
      { class: 'who' },
      ctx.organization
        ? ctx.organization.name.includes(ctx.organization.id)
          ? ctx.organization.name
          : `${ctx.organization.name} (${ctx.organization.id})`
        : 'no organization in this token',
      claims.roles ? ` · ${claims.roles.join(', ')}` : '',
      ' ',
      h(
        'button',
        {
          type: 'button',
          onclick: () => {
            forgetToken();
            context = undefined;
            tokenForm();
          },
        },
        'Forget token',
      ),
    ),
  );
}

async function route(): Promise<void> {
  takeTokenFromFragment();
  const token = getToken();
  if (!token) return tokenForm();
  const [view = 'heatmap', argument] = location.hash.replace(/^#/, '').split('/');
  // Each navigation renders into its own element: a slower view still loading writes into a detached one.
  const root = h('div', { class: 'view' });
  closeNeighbourhood();
  fill(main, root);
  try {
    context ??= await loadContext();
    renderHeader(context, token, view);
    if (!context.organization) {
      fill(
        root,
        h(
          'p',
          { class: 'error' },
          'This token names no organization (its "org" claim): the reuse questions answer for an organization. Ask for a token with --org.',
        ),
      );
      return;
    }
    if (view === 'coverage') {
      const framework = argument ? decodeURIComponent(argument) : context.frameworks[0]?.id;
      if (framework) await renderCoverage(root, context.frameworks, framework, openRequirement, openFramework);
    } else if (view === 'requirement' && argument) {
      await renderNeighbourhood(root, decodeURIComponent(argument), openRequirement);
    } else {
      await renderHeatmap(root, context.frameworks, openRequirement);
    }
  } catch (error) {
    if (error instanceof ApiError && error.unauthenticated) {
      forgetToken();
      context = undefined;
      return tokenForm(`${error.message}${error.hint ? ` — ${error.hint}` : ''}`);
    }
    const message = error instanceof Error ? error.message : String(error);
    const hint = error instanceof ApiError && error.hint ? ` (${error.hint})` : '';
    root.append(h('p', { class: 'error', role: 'alert' }, `${message}${hint}`));
  }
}

window.addEventListener('hashchange', () => void route());
void route();
