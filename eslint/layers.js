/**
 * The lint rule `layers/imports`: which folder may import which, read from the layer table of
 * docs/ARCHITECTURE.md (section "Layers"), so the page and the check cannot drift apart.
 *
 * A row's first cell names its folders (`src/run/`, or `src/*.ts` for the files directly in src/),
 * its last cell what they may import: folders, `types` after one for `import type` only, `—` for
 * nothing, `everything`, or `every folder above except …`. Relative imports are resolved to the
 * folder they land in; packages are not this rule's business.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const ticked = (cell) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1].replace(/\/$/, ''));

/**
 * Parses the layer table.
 * @returns {{ layers: Array<{ key: string, allow: 'all' | Array<{ key: string, typesOnly: boolean }> }> }}
 */
export function parseLayerTable(markdown) {
  const section = markdown.split(/^## /m).find((s) => s.startsWith('Layers'));
  if (section === undefined) throw new Error('docs/ARCHITECTURE.md: no "## Layers" section (the layer table the lint rule reads)');
  const layers = [];
  for (const line of section.split('\n')) {
    if (!line.startsWith('| `')) continue;
    const cells = line.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim());
    const keys = ticked(cells[0]);
    const may = cells[cells.length - 1];
    let allow;
    if (may === 'everything') allow = 'all';
    else if (may.startsWith('every folder above')) {
      const except = new Set(ticked(may));
      allow = layers.flatMap((l) => (except.has(l.key) ? [] : [{ key: l.key, typesOnly: false }]));
    } else if (may === '—') allow = [];
    else {
      allow = may.split(',').map((item) => {
        const [key] = ticked(item);
        if (key === undefined) throw new Error(`docs/ARCHITECTURE.md: layer ${keys.join(', ')}: cannot read "${item.trim()}" (expected \`folder\` or \`folder\` types)`);
        return { key, typesOnly: /\btypes\s*$/.test(item.trim()) };
      });
    }
    for (const key of keys) layers.push({ key, allow });
  }
  return { layers };
}

/** The layer a repository-relative path belongs to (the longest matching key), or undefined. */
export function layerOf(layers, relative) {
  const file = relative.split(path.sep).join('/');
  let best;
  for (const layer of layers) {
    const { key } = layer;
    const inside = key.endsWith('/*.ts') ? path.posix.dirname(file) === key.slice(0, -'/*.ts'.length) : file.startsWith(`${key}/`);
    if (inside && (best === undefined || key.length > best.key.length)) best = layer;
  }
  return best;
}

/** Whether an allowance entry covers a layer key (`scenarios` covers `scenarios/journeys` and `scenarios/*.ts`). */
const covers = (entry, key) => key === entry || key.startsWith(`${entry}/`);

/** Why `from` may not import `to` (value or type import), or undefined when it may. */
export function forbidden(from, to, typeOnly) {
  if (from.key === to.key || from.allow === 'all') return undefined;
  const entries = from.allow.filter((a) => covers(a.key, to.key));
  if (entries.some((a) => !a.typesOnly || typeOnly)) return undefined;
  const allowed = from.allow.length === 0 ? 'nothing of ours' : from.allow.map((a) => a.key + (a.typesOnly ? ' types' : '')).join(', ');
  const what = entries.length > 0 ? `${to.key} values (types only)` : to.key;
  return `${from.key} may not import ${what}: docs/ARCHITECTURE.md § Layers lets it import ${allowed}`;
}

function isTypeOnly(node) {
  if (node.type === 'ImportDeclaration') {
    return node.importKind === 'type' || (node.specifiers.length > 0 && node.specifiers.every((s) => s.importKind === 'type'));
  }
  if (node.type === 'ExportNamedDeclaration') {
    return node.exportKind === 'type' || (node.specifiers.length > 0 && node.specifiers.every((s) => s.exportKind === 'type'));
  }
  if (node.type === 'ExportAllDeclaration') return node.exportKind === 'type';
  return false; // import(): a value
}

/** The ESLint plugin for the table of `architecturePath`, paths relative to `root`. */
export function layersPlugin(root, architecturePath = path.join(root, 'docs', 'ARCHITECTURE.md')) {
  const { layers } = parseLayerTable(readFileSync(architecturePath, 'utf8'));
  const imports = {
    meta: { type: 'problem', docs: { description: 'imports follow the layer table of docs/ARCHITECTURE.md' }, schema: [] },
    create(context) {
      const file = context.filename;
      const from = layerOf(layers, path.relative(root, file));
      if (from === undefined) return {};
      const check = (node) => {
        const spec = node.source?.value;
        if (typeof spec !== 'string' || !spec.startsWith('.')) return;
        const to = layerOf(layers, path.relative(root, path.resolve(path.dirname(file), spec)));
        if (to === undefined) return;
        const problem = forbidden(from, to, isTypeOnly(node));
        if (problem !== undefined) context.report({ node: node.source, message: problem });
      };
      return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
    },
  };
  return { rules: { imports } };
}
