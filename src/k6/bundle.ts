/**
 * Bundles the journeys and the k6 runtime (./runtime) into one k6 script with esbuild, as
 * xk6-ts / k6pack do: ES2017 CommonJS, `k6` and `k6/*` left external, so k6 ≥ 0.43 runs it —
 * k6 ≤ 0.52 compiles ES modules with Babel 6 and rejects `?.`, `??`, object spread, class
 * fields; lowering to ES2017 removes all of them (async/await stays: k6's runtime runs it, and
 * `http.asyncRequest` exists since 0.43). See test/fixtures/k6-0.48-odoo17/README.md.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { toolImports } from '../../scenarios/files.js';
import type { JourneySource } from '../../scenarios/journeys/load.js';
import { InputError } from '../errors.js';
import { executorOf } from '../plan/executors/index.js';
import type { LoadPlan } from '../plan/plan.js';
import type { Threshold } from '../run/thresholds.js';
import { execName, k6Options, type K6Options } from './options.js';
import type { K6ScenarioConfig } from './runtime/main.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Works from src/ (vitest, tsx) and from dist/src/ (the built CLI): esbuild tries .ts, then .js. */
function moduleBase(relative: string): string {
  const base = path.resolve(here, relative);
  if (!existsSync(`${base}.ts`) && !existsSync(`${base}.js`)) throw new Error(`k6 bundle: ${base}.ts/.js not found`);
  return base;
}

export interface K6BundleOptions {
  plan: LoadPlan;
  thresholds: readonly Threshold[];
  /** JourneyContext.tag default inside k6. */
  tag?: string;
  /** The profile's own journey files (scenarios/journeys/load.ts), bundled beside the shipped ones. */
  journeySources?: readonly JourneySource[];
}

export interface K6Bundle {
  /** The script: ES2017 CommonJS. */
  code: string;
  options: K6Options;
  /** Thresholds k6 cannot express, one line each. */
  skipped: string[];
}

/**
 * The bundle entry, generated (TypeScript, resolved from src/k6/runtime). The profile's own
 * journeys join the registry: a module's default export, or a YAML/JSON definition embedded as
 * JSON and interpreted by scenarios/journeys/declarative.ts inside k6.
 */
export function entrySource(plan: LoadPlan, options: K6Options, tag: string, sources: readonly JourneySource[] = []): string {
  const journeysIndex = JSON.stringify(moduleBase('../../scenarios/journeys/index'));
  const declarative = JSON.stringify(moduleBase('../../scenarios/journeys/declarative'));
  const runtime = JSON.stringify(moduleBase('./runtime/main'));
  const own = sources.map((source, i) => {
    const value = source.kind === 'module' ? `userJourney${i}` : `journeyFromDefinition(${JSON.stringify(source.definition)})`;
    return { name: source.name, value, import: source.kind === 'module' ? `import userJourney${i} from ${JSON.stringify(source.file)};` : undefined };
  });
  const lines = [
    `import { journeys as shipped } from ${journeysIndex};`,
    ...(own.some((o) => o.import === undefined) ? [`import { journeyFromDefinition } from ${declarative};`] : []),
    ...own.flatMap((o) => (o.import ? [o.import] : [])),
    `import { scenarioExec } from ${runtime};`,
    `const journeys = Object.assign({}, shipped, {${own.map((o) => `${JSON.stringify(o.name)}: ${o.value}`).join(', ')}});`,
    `const script = ${JSON.stringify({ seed: plan.seed, tag })};`,
    `export const options = ${JSON.stringify(options, null, 2)};`,
  ];
  plan.scenarios.forEach((s, index) => {
    const config: K6ScenarioConfig = { journey: s.journey, index };
    if (s.params !== undefined) config.params = s.params;
    const thinkTimeS = executorOf(s).thinkTimeS();
    if (thinkTimeS > 0) config.thinkTimeS = thinkTimeS;
    lines.push(`export const ${execName(s)} = scenarioExec(journeys, script, ${JSON.stringify(config)});`);
  });
  return lines.join('\n') + '\n';
}

/**
 * Bundles the script for `plan`.
 * @throws InputError `K6_BUNDLE_FAILED` when a journey uses something k6 cannot run (a Node module).
 */
export async function bundleK6Script(o: K6BundleOptions): Promise<K6Bundle> {
  const { options, skipped } = k6Options(o.plan, o.thresholds);
  const contents = entrySource(o.plan, options, o.tag ?? `k6-${o.plan.profile}-${o.plan.seed}`, o.journeySources);
  try {
    const result = await build({
      stdin: { contents, resolveDir: here, sourcefile: 'odoo-capacity-k6-entry.ts', loader: 'ts' },
      bundle: true,
      write: false,
      format: 'cjs',
      target: 'es2017',
      platform: 'neutral',
      external: ['k6', 'k6/*'],
      plugins: [toolImports],
      mainFields: ['module', 'main'],
      legalComments: 'none',
      logLevel: 'silent',
      banner: { js: `// odoo-capacity k6 script for profile ${o.plan.profile} (seed ${o.plan.seed}); generated, do not edit.` },
    });
    const file = result.outputFiles[0];
    if (!file) throw new Error('esbuild produced no output');
    return { code: file.text, options, skipped };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n').slice(0, 3).join(' ') : String(error);
    throw new InputError('K6_BUNDLE_FAILED', `k6 export: bundling the journeys failed (a journey may import a Node module k6 does not have): ${message}`);
  }
}
