/**
 * Reading the user's own files — profiles and journeys — as data (YAML, JSON) or code (TypeScript,
 * JavaScript). Failures become one line naming the file (and line:column when known), handed to
 * `fail` so each kind of file raises its own typed error.
 *
 * Code is bundled by esbuild into one ESM file in a temporary directory and imported; the imports
 * `odoo-capacity`, `odoo-capacity/profiles` and `odoo-capacity/journeys` resolve to this package's
 * profiles/define and journeys/define modules, wherever the file lives.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { parse as parseYaml, YAMLParseError } from 'yaml';

export const YAML_EXTENSIONS = ['.yaml', '.yml', '.json'];
export const CODE_EXTENSIONS = ['.ts', '.mts', '.js', '.mjs'];

/** Raises the caller's error for a problem line. */
export type Fail = (line: string) => never;

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}

/** Parsed YAML (JSON is YAML); a syntax error becomes `<file>:<line>:<col>: not valid YAML: …`. */
export function readYamlFile(file: string, shown: string, fail: Fail, kind: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'is not readable (permission denied)' : 'cannot be read';
    return fail(`${shown}: ${why}; give a ${kind} file (.ts, .js, .yaml)`);
  }
  try {
    // maxAliasCount bounds "billion laughs" documents (aliases expanding into millions of nodes).
    return parseYaml(text, { maxAliasCount: 100 });
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const where = error.linePos?.[0];
      const at = where ? `:${where.line}:${where.col}` : '';
      return fail(`${shown}${at}: not valid YAML: ${firstLine(error.message).replace(/ at line \d+, column \d+:?$/, '')}`);
    }
    // The yaml package throws a ReferenceError for alias bombs ("Excessive alias count …").
    return fail(`${shown}: not valid YAML: ${firstLine(error instanceof Error ? error.message : String(error))}`);
  }
}

/** A sibling module of this one (`.ts` from source, `.js` when built). */
function sibling(relative: string): string {
  const here = fileURLToPath(import.meta.url);
  return path.join(path.dirname(here), `${relative}${path.extname(here)}`);
}

/** esbuild plugin: `odoo-capacity`, `odoo-capacity/profiles` → profiles/define; `odoo-capacity/journeys` → journeys/define. */
export const toolImports: Plugin = {
  name: 'odoo-capacity-imports',
  setup(b) {
    b.onResolve({ filter: /^odoo-capacity(\/profiles)?$/ }, () => ({ path: sibling('profiles/define') }));
    b.onResolve({ filter: /^odoo-capacity\/journeys$/ }, () => ({ path: sibling('journeys/define') }));
  },
};

/** The module at `file`, bundled and imported. */
export async function importCodeFile(file: string, shown: string, fail: Fail): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'odoo-capacity-file-'));
  const out = path.join(dir, 'module.mjs');
  try {
    try {
      await build({ entryPoints: [file], outfile: out, bundle: true, format: 'esm', platform: 'node', target: 'node20', logLevel: 'silent', plugins: [toolImports] });
    } catch (error) {
      const first = (error as { errors?: Array<{ text: string; location?: { line: number; column: number } | null }> }).errors?.[0];
      const at = first?.location ? `:${first.location.line}:${first.location.column + 1}` : '';
      return fail(`${shown}${at}: cannot be compiled: ${first?.text ?? firstLine(String(error))}`);
    }
    try {
      return (await import(pathToFileURL(out).href)) as Record<string, unknown>;
    } catch (error) {
      return fail(`${shown}: failed while loading: ${firstLine(error instanceof Error ? error.message : String(error))}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Is `nameOrPath` meant as a file (a path separator or a profile file extension)? */
export function isProfilePath(nameOrPath: string): boolean {
  const ext = path.extname(nameOrPath).toLowerCase();
  return nameOrPath.includes('/') || nameOrPath.includes('\\') || YAML_EXTENSIONS.includes(ext) || CODE_EXTENSIONS.includes(ext);
}
