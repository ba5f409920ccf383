/**
 * Journey files of the user's (I/O here only): a profile's `journeys: { name: path }` entries.
 *
 *   *.yaml, *.yml, *.json       a journey definition (./declarative.ts), validated by ./definition-schema.ts
 *   *.ts, *.mts, *.js, *.mjs    a module whose default export (or only exported journey) is a Journey,
 *                               written with `defineJourney` from `odoo-capacity/journeys` (./define.ts)
 *
 * Paths are relative to the profile file. Every problem is one line naming the file (and the field).
 * The sources are kept so the k6 bundle can include the same journeys (src/k6/bundle.ts).
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { CODE_EXTENSIONS, importCodeFile, isProfilePath, readYamlFile, YAML_EXTENSIONS } from '../files.js';
import { fieldPath, problemLine, showValue } from '../problems.js';
import type { Profile } from '../profiles/types.js';
import { journeyFromDefinition, type JourneyDefinition } from './declarative.js';
import { validateJourneyDefinition } from './definition-schema.js';
import { JourneyFileError } from './file-errors.js';
import { journeys as registered } from './index.js';
import type { Journey } from './types.js';

export interface JourneySource {
  name: string;
  /** Absolute path of the file. */
  file: string;
  kind: 'module' | 'definition';
  /** The validated definition of a YAML/JSON journey. */
  definition?: JourneyDefinition;
}

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const TRANSPORTS = ['web', 'xmlrpc', 'jsonrpc', 'json2'];

const fail = (line: string): never => {
  throw new JourneyFileError([line]);
};

/** The Journey a module exports (default, else its only export with a `run` function). */
function pickJourney(module: Record<string, unknown>, shown: string): unknown {
  if (module.default !== undefined) return module.default;
  const candidates = Object.entries(module).filter(([, v]) => v !== null && typeof v === 'object' && typeof (v as { run?: unknown }).run === 'function');
  if (candidates.length === 1) return candidates[0]?.[1];
  return fail(
    candidates.length === 0
      ? `${shown}: expected a default export of a journey (export default defineJourney({ … })), got none`
      : `${shown}: expected one exported journey or a default export, got ${candidates.length} (${candidates.map(([k]) => k).join(', ')})`,
  );
}

/** Checks the shape a module's journey must have; one line naming the file and field. */
export function checkJourneyModule(value: unknown, shown: string): Journey {
  if (value === null || typeof value !== 'object') return fail(`${shown}: expected a journey object (defineJourney({ name, steps, run … })), got ${showValue(value)}`);
  const j = value as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof j.name !== 'string' || !KEBAB.test(j.name)) problems.push(problemLine(shown, 'name', 'expected a kebab-case name', j.name));
  if (typeof j.description !== 'string') problems.push(problemLine(shown, 'description', 'expected a text', j.description));
  if (typeof j.transport !== 'string' || !TRANSPORTS.includes(j.transport)) problems.push(problemLine(shown, 'transport', `expected one of ${TRANSPORTS.join(', ')}`, j.transport));
  if (!Array.isArray(j.steps) || !j.steps.every((s) => typeof s === 'string')) problems.push(problemLine(shown, 'steps', 'expected a list of step names', j.steps));
  if (!Array.isArray(j.modules) || !j.modules.every((s) => typeof s === 'string')) problems.push(problemLine(shown, 'modules', 'expected a list of module names', j.modules));
  if (typeof j.run !== 'function') problems.push(problemLine(shown, 'run', 'expected an async function run(ctx)', j.run));
  if (j.setup !== undefined && typeof j.setup !== 'function') problems.push(problemLine(shown, 'setup', 'expected an async function setup(client)', j.setup));
  if (problems.length > 0) throw new JourneyFileError(problems);
  return value as Journey;
}

/** The journey in `file` (absolute), shown as `shown` in messages. */
export async function loadJourneyFile(file: string, shown: string): Promise<{ journey: Journey; source: Omit<JourneySource, 'name'> }> {
  if (!existsSync(file)) return fail(`${shown}: no such file (give a path to a .ts, .js or .yaml journey)`);
  if (statSync(file).isDirectory()) return fail(`${shown}: is a directory; give a journey file (.ts, .js, .yaml)`);
  const ext = path.extname(file).toLowerCase();
  if (YAML_EXTENSIONS.includes(ext)) {
    const definition = validateJourneyDefinition(readYamlFile(file, shown, fail, 'journey'), shown);
    return { journey: journeyFromDefinition(definition) as Journey, source: { file, kind: 'definition', definition } };
  }
  if (CODE_EXTENSIONS.includes(ext)) {
    const journey = checkJourneyModule(pickJourney(await importCodeFile(file, shown, fail), shown), shown);
    return { journey, source: { file, kind: 'module' } };
  }
  return fail(`${shown}: expected a journey file ending in ${[...CODE_EXTENSIONS, ...YAML_EXTENSIONS].join(', ')}`);
}

export interface ProfileJourneys {
  /** The shipped journeys and the profile's own (which take precedence for the same name). */
  journeys: Record<string, Journey>;
  /** The profile's journey files, for the k6 bundle. */
  sources: JourneySource[];
}

/**
 * The journeys a profile runs: the registry plus its `journeys` files.
 * @param profileRef the name or path the profile was loaded from (paths in it are relative to its directory).
 */
export async function journeysForProfile(profile: Profile, profileRef: string, cwd: string = process.cwd()): Promise<ProfileJourneys> {
  const journeys: Record<string, Journey> = { ...registered };
  const sources: JourneySource[] = [];
  const base = isProfilePath(profileRef) ? path.dirname(path.resolve(cwd, profileRef)) : cwd;
  for (const [name, ref] of Object.entries(profile.journeys ?? {})) {
    const file = path.resolve(base, ref);
    const { journey, source } = await loadJourneyFile(file, ref);
    if (journey.name !== name) {
      fail(problemLine(profileRef, `journeys.${name}`, `expected the file to define journey "${name}"`, journey.name));
    }
    checkParamsRead(profile, profileRef, name, journey);
    journeys[name] = journey;
    sources.push({ ...source, name });
  }
  return { journeys, sources };
}

/**
 * A profile may give a journey of your own only the params it reads (a journey file: its `params:`
 * and its `${params.name}` references; a TypeScript journey: its `params`, when it declares them).
 */
function checkParamsRead(profile: Profile, profileRef: string, name: string, journey: Journey): void {
  const declared = journey.params;
  const given = profile.params?.[name];
  if (declared === undefined || given === undefined) return;
  const reads = Object.keys(declared);
  for (const [key, value] of Object.entries(given)) {
    if (reads.includes(key)) continue;
    fail(problemLine(profileRef, fieldPath(['params', name, key]), reads.length === 0 ? `expected none: ${name} reads no params` : `expected a param ${name} reads (${reads.join(', ')})`, value));
  }
}
