/**
 * How the explorer's browser code (api/explorer/browser/main.ts) is bundled: at build time into
 * dist/explorer/app.js (bin/build.ts), or in memory when the sources run through tsx (development, tests).
 */
import path from 'node:path';
import type { BuildOptions } from 'esbuild';
import { PROJECT_ROOT } from '../../graph/config.ts';

export const EXPLORER_DIR = path.join(PROJECT_ROOT, 'api', 'explorer');
export const EXPLORER_BUNDLE = path.join(PROJECT_ROOT, 'dist', 'explorer', 'app.js');

export const explorerBuildOptions: BuildOptions = {
  entryPoints: [path.join(EXPLORER_DIR, 'browser', 'main.ts')],
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2020',
  minify: true,
  logLevel: 'silent',
  legalComments: 'none',
  define: { 'process.env.NODE_ENV': '"production"' },
};

/** The bundle, built now (development). */
export async function bundleExplorer(): Promise<Uint8Array> {
  const { build } = await import('esbuild');
  const result = await build({ ...explorerBuildOptions, write: false });
  return result.outputFiles?.[0]?.contents ?? new Uint8Array();
}
