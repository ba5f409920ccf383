/**
 * loadProfile: a shipped profile by name, or a profile file of the user's own (I/O here only).
 *
 *   name (no `/`, no extension)   → the shipped profile (./index.ts)
 *   *.yaml, *.yml, *.json         → parsed with `yaml` (JSON is YAML), then validated
 *   *.ts, *.mts, *.js, *.mjs      → bundled by esbuild into one ESM file in a temp directory and
 *                                   imported; its default export (or its only exported profile)
 *                                   is validated. `odoo-capacity/profiles` and `odoo-capacity`
 *                                   resolve to ./define.ts (defineProfile, overlay …).
 *
 * Every failure is a ProfileError whose message is one line per problem, naming the file.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { ProfileError } from './errors.js';
import { profiles } from './index.js';
import { validateProfile } from './schema.js';
import type { Profile } from './types.js';

const YAML_EXTENSIONS = ['.yaml', '.yml', '.json'];
const CODE_EXTENSIONS = ['.ts', '.mts', '.js', '.mjs'];

/** Is `nameOrPath` meant as a file (a path separator or a profile file extension)? */
export function isProfilePath(nameOrPath: string): boolean {
  const ext = path.extname(nameOrPath).toLowerCase();
  return nameOrPath.includes('/') || nameOrPath.includes('\\') || YAML_EXTENSIONS.includes(ext) || CODE_EXTENSIONS.includes(ext);
}

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
  if (YAML_EXTENSIONS.includes(ext)) return validateProfile(readYaml(file, nameOrPath), nameOrPath);
  if (CODE_EXTENSIONS.includes(ext)) return validateProfile(pickExport(await importBundled(file, nameOrPath), nameOrPath), nameOrPath);
  throw new ProfileError('PROFILE_UNREADABLE', [
    `${nameOrPath}: expected a profile file ending in ${[...CODE_EXTENSIONS, ...YAML_EXTENSIONS].join(', ')}`,
  ]);
}

/** Parsed YAML; a syntax error becomes `<file>:<line>:<col>: <what yaml says>`. */
function readYaml(file: string, shown: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'is not readable (permission denied)' : 'cannot be read';
    throw new ProfileError('PROFILE_UNREADABLE', [`${shown}: ${why}; give a profile file (.ts, .js, .yaml)`]);
  }
  try {
    // maxAliasCount bounds "billion laughs" documents (aliases expanding into millions of nodes).
    return parseYaml(text, { maxAliasCount: 100 });
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const where = error.linePos?.[0];
      const at = where ? `:${where.line}:${where.col}` : '';
      throw new ProfileError('PROFILE_UNREADABLE', [
        `${shown}${at}: not valid YAML: ${firstLine(error.message).replace(/ at line \d+, column \d+:?$/, '')}`,
      ]);
    }
    // The yaml package throws a ReferenceError for alias bombs ("Excessive alias count …").
    throw new ProfileError('PROFILE_UNREADABLE', [`${shown}: not valid YAML: ${firstLine(error instanceof Error ? error.message : String(error))}`]);
  }
}

/** ./define.ts next to this module (source) or ./define.js (built). */
function defineModule(): string {
  const here = fileURLToPath(import.meta.url);
  const ext = path.extname(here);
  return path.join(path.dirname(here), `define${ext}`);
}

/** esbuild plugin: `odoo-capacity/profiles` and `odoo-capacity` → ./define. */
const toolImports: Plugin = {
  name: 'odoo-capacity-profiles',
  setup(b) {
    b.onResolve({ filter: /^odoo-capacity(\/profiles)?$/ }, () => ({ path: defineModule() }));
  },
};

/** Bundle the file into one ESM module in a temp directory and import it. */
async function importBundled(file: string, shown: string): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'odoo-capacity-profile-'));
  const out = path.join(dir, 'profile.mjs');
  try {
    try {
      await build({
        entryPoints: [file],
        outfile: out,
        bundle: true,
        format: 'esm',
        platform: 'node',
        target: 'node20',
        logLevel: 'silent',
        plugins: [toolImports],
      });
    } catch (error) {
      const first = (error as { errors?: Array<{ text: string; location?: { line: number; column: number } | null }> }).errors?.[0];
      const at = first?.location ? `:${first.location.line}:${first.location.column + 1}` : '';
      throw new ProfileError('PROFILE_UNREADABLE', [`${shown}${at}: cannot be compiled: ${first?.text ?? firstLine(String(error))}`]);
    }
    try {
      return (await import(pathToFileURL(out).href)) as Record<string, unknown>;
    } catch (error) {
      throw new ProfileError('PROFILE_UNREADABLE', [`${shown}: failed while loading: ${firstLine(error instanceof Error ? error.message : String(error))}`]);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
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

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}
