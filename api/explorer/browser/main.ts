/**
 * The explorer's shell: the token (fragment, paste field, sessionStorage), the organization (its name,
 * adopted frameworks, controls and systems, so views show names instead of ids), the export buttons, and
 * the views behind hash routes: #heatmap, #coverage/<framework>[?filters], #evidence/<a>/<b>,
 * #gaps/<framework>, #readiness/<framework>, #search?q=, #expiring/<days>, #requirement/<uid>.
 */
import { ApiError, forgetToken, getToken, gql, setToken, takeTokenFromFragment, tokenClaims } from './api.ts';
import { type Context } from './context.ts';
import { renderCoverage } from './coverage.ts';
import { fill, h } from './dom.ts';
import { renderEvidence } from './evidence.ts';
import { renderExpiring } from './expiring.ts';
import { exportButtons, setExport } from './export.ts';
import { renderGaps } from './gaps.ts';
import { renderHeatmap, type Framework } from './heatmap.ts';
import { closeNeighbourhood, renderNeighbourhood } from './neighbourhood.ts';
import { renderReadiness } from './readiness.ts';
import { renderSearch } from './search.ts';

const CONTEXT = `query Context {
  frameworks(sort: [{ id: ASC }]) { id name }
  organizations { id name adopts(sort: [{ id: ASC }]) { id name } }
  controls(sort: [{ id: ASC }], limit: 500) { id name owner status }
  systems(sort: [{ id: ASC }], limit: 500) { id name }
}`;

const main = document.getElementById('main') as HTMLElement;
const header = document.getElementById('context') as HTMLElement;
let context: Context | undefined;
/** The token the context was loaded with: a new token (a link with #token=) names another organization. */
let contextToken: string | undefined;

async function loadContext(): Promise<Context> {
  const data = await gql<{
    frameworks: Framework[];
    organizations: { id: string; name: string; adopts: Framework[] }[];
    controls: Context['controls'];
    systems: Context['systems'];
  }>(CONTEXT);
  const organization = data.organizations[0] ?? null;
  return {
    organization,
    frameworks: organization?.adopts.length ? organization.adopts : data.frameworks,
    allFrameworks: data.frameworks,
    controls: data.controls,
    systems: data.systems,
    controlName: (id) => data.controls.find((c) => c.id === id)?.name ?? id,
  };
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

function searchBox(view: string): HTMLElement {
  const current = view === 'search' ? (new URLSearchParams(location.hash.split('?')[1] ?? '').get('q') ?? '') : '';
  const input = h('input', {
    type: 'search',
    id: 'search-input',
    name: 'q',
    value: current,
    placeholder: 'Search requirements, controls, evidence',
    'aria-label': 'search',
  });
  const form = h('form', { class: 'search', id: 'search-form', role: 'search' }, input);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (input.value.trim()) navigate(`#search?q=${encodeURIComponent(input.value.trim())}`);
  });
  return form;
}

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
      link(`#gaps/${ctx.frameworks[0]?.id ?? ''}`, 'Gaps', 'gaps'),
      link('#readiness', 'Readiness', 'readiness'),
      link(`#evidence/${ctx.frameworks[0]?.id ?? ''}/${ctx.frameworks[1]?.id ?? ''}`, 'Evidence', 'evidence'),
      link('#expiring/30', 'Expiring soon', 'expiring'),
      h('span', { class: view === 'requirement' ? 'active' : 'muted' }, 'Neighbourhood'),
    ),
    searchBox(view),
    exportButtons(),
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
  const [path = '', query = ''] = location.hash.replace(/^#/, '').split('?');
  const [view = 'heatmap', argument, second] = path.split('/').map(decodeURIComponent);
  const params = new URLSearchParams(query);
  // Each navigation renders into its own element: a slower view still loading writes into a detached one.
  const root = h('div', { class: 'view' });
  closeNeighbourhood();
  setExport(undefined);
  fill(main, root);
  try {
    if (contextToken !== token) context = undefined;
    context ??= await loadContext();
    contextToken = token;
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
    const framework = argument || context.frameworks[0]?.id || '';
    if (view === 'coverage') {
      await renderCoverage(root, context, framework, params, navigate, openRequirement);
    } else if (view === 'gaps') {
      await renderGaps(root, context, framework, params, navigate, openRequirement);
    } else if (view === 'readiness') {
      await renderReadiness(root, context, argument, navigate, openRequirement);
    } else if (view === 'evidence') {
      await renderEvidence(root, context, framework, second || context.frameworks[1]?.id || '', navigate, openRequirement);
    } else if (view === 'expiring') {
      await renderExpiring(root, context, Number(argument) || 30, navigate, openRequirement);
    } else if (view === 'search') {
      await renderSearch(root, context, params.get('q') ?? '', Number(params.get('page')) || 1, navigate, openRequirement);
    } else if (view === 'requirement' && argument) {
      await renderNeighbourhood(root, argument, openRequirement);
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
