/**
 * loadProfile: a shipped profile by name, or a profile file of the user's own (I/O here only).
 *
 *   name (no `/`, no extension)   → the shipped profile (./index.ts)
 *   *.yaml, *.yml, *.json         → parsed with `yaml` (JSON is YAML), then validated
 *   *.ts, *.mts, *.js, *.mjs      → bundled by esbuild and imported (../files.ts); its default
 *                                   export (or its only exported profile) is validated.
 *                                   `odoo-capacity/profiles` and `odoo-capacity` resolve to
 *                                   ./define.ts (defineProfile, overlay …).
 *
 * Every failure is a ProfileError whose message is one line per problem, naming the file.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { CODE_EXTENSIONS, importCodeFile, isProfilePath, readYamlFile, YAML_EXTENSIONS } from '../files.js';
import { ProfileError } from './errors.js';
import { profiles } from './index.js';
import { validateProfile } from './schema.js';
import type { Profile } from './types.js';

const unreadable = (line: string): never => {
  throw new ProfileError('PROFILE_UNREADABLE', [line]);
};


/**
 * The profile called `nameOrPath` (shipped) or in the file at that path (relative to `cwd`).
 * @param cwd directory relative paths start from. Default: process.cwd().
 * @throws ProfileError PROFILE_UNKNOWN (no such shipped profile), PROFILE_NOT_FOUND (no such
 *   file), PROFILE_UNREADABLE (syntax error, bundling or import failed), PROFILE_INVALID.
 */
export async function loadProfile(nameOrPath: string, cwd: string = process.cwd()): Promise<Profile> {
  if (!isProfilePath(nameOrPath)) {
    const profile = Object.hasOwn(profiles, nameOrPath) ? profiles[nameOrPath] : undefined;
    if (profile !== undefined) return profile;
    const known = Object.keys(profiles).join(', ');
    throw new ProfileError('PROFILE_UNKNOWN', [
      `profile: expected one of ${known} or a profile file (.ts, .js, .yaml), got ${JSON.stringify(nameOrPath)}`,
    ]);
  }
  const file = path.resolve(cwd, nameOrPath);
  if (!existsSync(file)) {
    throw new ProfileError('PROFILE_NOT_FOUND', [`${nameOrPath}: no such file (give a path to a .ts, .js or .yaml profile)`]);
  }
  if (statSync(file).isDirectory()) {
    throw new ProfileError('PROFILE_UNREADABLE', [`${nameOrPath}: is a directory; give a profile file (.ts, .js, .yaml)`]);
  }
  const ext = path.extname(file).toLowerCase();
  if (YAML_EXTENSIONS.includes(ext)) return validateProfile(readYamlFile(file, nameOrPath, unreadable, 'profile'), nameOrPath);
  if (CODE_EXTENSIONS.includes(ext)) return validateProfile(pickExport(await importCodeFile(file, nameOrPath, unreadable), nameOrPath), nameOrPath);
  throw new ProfileError('PROFILE_UNREADABLE', [
    `${nameOrPath}: expected a profile file ending in ${[...CODE_EXTENSIONS, ...YAML_EXTENSIONS].join(', ')}`,
  ]);
}

/** The default export, else the only export that looks like a profile (has `phases`). */
function pickExport(module: Record<string, unknown>, shown: string): unknown {
  if (module.default !== undefined) return module.default;
  const candidates = Object.entries(module).filter(([, v]) => v !== null && typeof v === 'object' && 'phases' in v);
  if (candidates.length === 1) return candidates[0]?.[1];
  const names = candidates.map(([k]) => k).join(', ');
  throw new ProfileError('PROFILE_INVALID', [
    candidates.length === 0
      ? `${shown}: expected a default export of a profile (export default defineProfile({ … })), got none`
      : `${shown}: expected one exported profile or a default export, got ${candidates.length} (${names})`,
  ]);
}
