import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { forbidden, layerOf, parseLayerTable } from '../../../eslint/layers.js';

const root = path.resolve(import.meta.dirname, '../../..');
const { layers } = parseLayerTable(readFileSync(path.join(root, 'docs/ARCHITECTURE.md'), 'utf8'));
const layer = (key: string) => {
  const found = layers.find((l) => l.key === key);
  if (found === undefined) throw new Error(`no layer ${key}`);
  return found;
};

describe('the layer table of docs/ARCHITECTURE.md', () => {
  it('has a row for every folder of src/, scenarios/ and models/ (a new folder needs one)', () => {
    const folders = ['src', 'scenarios'].flatMap((top) =>
      readdirSync(path.join(root, top), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => `${top}/${e.name}/x.ts`),
    );
    const missing = [...folders, 'models/x.ts', 'src/x.ts', 'scenarios/x.ts'].filter((f) => layerOf(layers, f) === undefined);
    expect(missing).toEqual([]);
  });

  it('puts a file in its longest folder, and src/*.ts only directly in src/', () => {
    expect(layerOf(layers, 'src/plan/executors/constant-vus.ts')?.key).toBe('src/plan');
    expect(layerOf(layers, 'src/errors.ts')?.key).toBe('src/*.ts');
    expect(layerOf(layers, 'scenarios/journeys/web-client/web.ts')?.key).toBe('scenarios/journeys');
    expect(layerOf(layers, 'test/unit/x.test.ts')).toBeUndefined();
  });

  it('reads "types", "—", "everything" and "every folder above except"', () => {
    expect(forbidden(layer('src/engine'), layer('src/odoo'), true)).toBeUndefined();
    expect(forbidden(layer('src/engine'), layer('src/odoo'), false)).toBe(
      'src/engine may not import src/odoo values (types only): docs/ARCHITECTURE.md § Layers lets it import scenarios, src/plan, src/run, src/odoo types, src/*.ts',
    );
    expect(forbidden(layer('src/*.ts'), layer('src/plan'), true)).toMatch(/^src\/\*\.ts may not import src\/plan: .* lets it import nothing of ours$/);
    expect(forbidden(layer('src/cli'), layer('src/lab'), false)).toBeUndefined();
    expect(forbidden(layer('src/pipeline'), layer('src/report'), false)).toBeUndefined();
    expect(forbidden(layer('src/pipeline'), layer('src/cli'), false)).toMatch(/^src\/pipeline may not import src\/cli:/);
  });
});

describe('layers/imports through ESLint (the issue-17 cases)', () => {
  const eslint = new ESLint({ cwd: root });
  const lint = async (file: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
    return (result?.messages ?? []).filter((m) => m.ruleId === 'layers/imports').map((m) => m.message);
  };

  it('refuses models importing the engine, the collector importing analysis, the pipeline importing the CLI', async () => {
    expect(await lint('models/x.ts', "import { runPlan } from '../src/engine/run-plan.js';\nexport const x = runPlan;\n")).toEqual([
      'models may not import src/engine: docs/ARCHITECTURE.md § Layers lets it import src/plan, src/*.ts',
    ]);
    expect(await lint('src/collect/x.ts', "import { classifySession } from '../analyze/wait-class.js';\nexport const x = classifySession;\n")).toEqual([
      'src/collect may not import src/analyze: docs/ARCHITECTURE.md § Layers lets it import src/run, src/*.ts',
    ]);
    expect(await lint('src/pipeline/x.ts', "export { main } from '../cli/main.js';\n")).toHaveLength(1);
    expect(await lint('src/run/x.ts', "const m = await import('../engine/run-plan.js');\nexport const x = m;\n")).toHaveLength(1);
  });

  it('lets type-only imports through where the table says types, and not values', async () => {
    expect(await lint('src/run/x.ts', "import type { OdooErrorKind } from '../odoo/types.js';\nexport type X = OdooErrorKind;\n")).toEqual([]);
    expect(await lint('src/run/x.ts', "import { type OdooErrorKind } from '../odoo/types.js';\nexport type X = OdooErrorKind;\n")).toEqual([]);
    expect(await lint('src/run/x.ts', "import { OdooError } from '../odoo/errors.js';\nexport const x = OdooError;\n")).toHaveLength(1);
  });
});
