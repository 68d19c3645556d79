/**
 * The coverage explorer at /explorer: a static page (index.html, styles.css) and its browser code
 * (api/explorer/browser/*.ts) bundled by esbuild at build time (dist/explorer/app.js, api/explorer/bundle.ts);
 * run from the TypeScript sources (tsx) it is bundled on the first request and kept in memory. Nothing here reads the graph: the page asks POST /graphql with the user's token, so
 * the page itself is served without one. Everything it loads comes from this origin (no CDN), and the
 * Content-Security-Policy holds the browser to that.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { Router, type Response } from 'express';
import { bundleExplorer, EXPLORER_BUNDLE, EXPLORER_DIR } from './bundle.ts';

const HERE = EXPLORER_DIR;
/** Compiled (dist/): the bundle was built with the rest; from sources: bundle them, they may have changed. */
const COMPILED = import.meta.url.endsWith('.js');

/**
 * Same origin only. Cytoscape sets inline styles on its canvas elements ('unsafe-inline' for styles) and
 * lays out in the page, so no worker source is needed; exports are saved through blob: URLs (downloads).
 */
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

interface Asset {
  body: string | Uint8Array;
  type: string;
}

/** The prebuilt bundle, or the sources bundled once per process; a failed build is retried on the next request. */
function bundler(): () => Promise<Asset> {
  let pending: Promise<Asset> | undefined;
  return () => {
    pending ??= (COMPILED ? fs.readFile(EXPLORER_BUNDLE) : bundleExplorer()).then(
      (body) => ({ body, type: 'text/javascript; charset=utf-8' }),
      (error: unknown) => {
        pending = undefined;
        throw error;
      },
    );
    return pending;
  };
}

function readOnce(file: string, type: string): () => Promise<Asset> {
  let pending: Promise<Asset> | undefined;
  return () => (pending ??= fs.readFile(path.join(HERE, file), 'utf8').then((body) => ({ body, type })));
}

function send(res: Response, asset: Asset): void {
  res
    .status(200)
    .set({
      'Content-Type': asset.type,
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-cache',
    })
    .send(typeof asset.body === 'string' ? asset.body : Buffer.from(asset.body));
}

/** Mounted at /explorer: GET / (the page), /styles.css, /app.js. */
export function explorerRouter(): Router {
  const assets: Record<string, () => Promise<Asset>> = {
    '/': readOnce('index.html', 'text/html; charset=utf-8'),
    '/styles.css': readOnce('styles.css', 'text/css; charset=utf-8'),
    '/app.js': bundler(),
  };
  const router = Router();
  for (const [route, load] of Object.entries(assets)) {
    router.get(route, async (_req, res, next) => {
      try {
        send(res, await load());
      } catch (error) {
        next(error);
      }
    });
  }
  return router;
}
