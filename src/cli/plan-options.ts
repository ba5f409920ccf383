/**
 * The plan a command compiles from `<profile>` and the plan flags (--scale, --duration, --keep,
 * --seed, --phase): `run`, `export` and `ingest` must compile the same plan from the same flags
 * (a distributed run's parts are only comparable when they do). No yargs here.
 */
import { loadProfile } from '../../scenarios/profiles/load.js';
import { compileProfile } from '../engine/compile.js';
import type { LoadPlan } from '../plan/plan.js';
import { UsageError } from '../errors.js';
import { checkNumberFlag, SCALE_RULE } from './flag-checks.js';
import type { PlanOptions } from './options.js';

/** @throws UsageError for a flag out of range; ProfileError for a profile that cannot be loaded. */
export async function planFromOptions(profile: string, options: PlanOptions): Promise<LoadPlan> {
  checkNumberFlag('--scale', options.scale, SCALE_RULE);
  if (options.duration !== undefined && !(options.duration > 0)) throw new UsageError(`--duration: expected seconds above 0, got ${options.duration}.`);
  return compileProfile(await loadProfile(profile), {
    scale: options.scale,
    compress: { durationS: options.duration, keep: options.keep },
    seed: options.seed,
    phase: options.phase,
  });
}

/** The plan flags that differ from their defaults, as argv words: another machine compiles the same plan from them. */
export function planFlags(options: PlanOptions): string[] {
  return [
    ...(options.scale !== 1 ? ['--scale', String(options.scale)] : []),
    ...(options.duration !== undefined ? ['--duration', String(options.duration)] : []),
    ...(options.keep !== 'peak-rates' ? ['--keep', options.keep] : []),
    ...(options.seed !== 1 ? ['--seed', String(options.seed)] : []),
    ...(options.phase !== undefined ? ['--phase', options.phase] : []),
  ];
}
