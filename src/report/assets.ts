/**
 * Files the report is built from: the vega-lite specs and shared chart config in reports/charts/
 * and the stylesheet reports/report.css. They ship in the package's `reports/` folder, found by
 * walking up from this module (src/report/ when run from source, dist/src/report/ when built).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A report asset is missing or unreadable: the installation is incomplete. */
export class ReportAssetError extends Error {
  readonly code = 'REPORT_ASSET_MISSING' as const;
  constructor(readonly path: string, cause?: unknown) {
    super(`${path}: report asset not found or unreadable; reinstall odoo-capacity (the package's reports/ folder is missing)`, { cause });
    this.name = 'ReportAssetError';
  }
}

let cachedDir: string | undefined;

/** Absolute path of the package's `reports/` folder (the nearest ancestor holding reports/charts). */
export function reportsDir(): string {
  if (cachedDir !== undefined) return cachedDir;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'reports');
    if (existsSync(join(candidate, 'charts'))) return (cachedDir = candidate);
    const parent = dirname(dir);
    if (parent === dir) throw new ReportAssetError(join(dirname(fileURLToPath(import.meta.url)), 'reports'));
    dir = parent;
  }
}

/** Read a UTF-8 asset by its path relative to `reports/`. */
export async function readAsset(relativePath: string): Promise<string> {
  const path = join(reportsDir(), relativePath);
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new ReportAssetError(path, err);
  }
}

/** Read and parse a JSON asset by its path relative to `reports/`. */
export async function readJsonAsset(relativePath: string): Promise<unknown> {
  const text = await readAsset(relativePath);
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new ReportAssetError(join(reportsDir(), relativePath), err);
  }
}
