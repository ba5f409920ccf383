/**
 * Where the worker entry point is, in both ways the lab runs:
 * - compiled (`dist/src/lab/server/*.js`, the CLI): fork `worker.js` beside this module;
 * - from TypeScript source (vitest): Node 20 cannot run `.ts`, so the worker and its relative
 *   imports are bundled once per process with esbuild (a dependency) into
 *   `node_modules/.cache/odoo-capacity/lab-worker-<pid>.mjs`, npm packages left external so they
 *   resolve from the project's node_modules.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let bundled: string | undefined;

function projectRoot(from: string): string {
  let dir = from;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return from;
    dir = parent;
  }
  return dir;
}

/** Absolute path of a runnable worker script (bundling it first when running from source). */
export async function workerScript(moduleUrl: string = import.meta.url): Promise<string> {
  const here = fileURLToPath(moduleUrl);
  const dir = path.dirname(here);
  if (here.endsWith('.js')) return path.join(dir, 'worker.js');
  if (bundled && existsSync(bundled)) return bundled;
  const { build } = await import('esbuild');
  const cacheDir = path.join(projectRoot(dir), 'node_modules', '.cache', 'odoo-capacity');
  mkdirSync(cacheDir, { recursive: true });
  const outfile = path.join(cacheDir, `lab-worker-${process.pid}.mjs`);
  await build({
    entryPoints: [path.join(dir, 'worker.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'silent',
  });
  bundled = outfile;
  return outfile;
}
