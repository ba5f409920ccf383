import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The package version, read from package.json (works from src/ under vitest and from dist/). */
export function toolVersion(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'odoo-capacity' && pkg.version) return pkg.version;
    } catch {
      // not here: look one level up
    }
    dir = path.dirname(dir);
  }
  return '0.0.0';
}
