/**
 * Users (closed model: scanners, clerks) → one VU scenario per journey (`<journey>-users`):
 * constant-vus when the count is the same over the whole plan, else ramping-vus whose stages step
 * from phase to phase (centred ramps, ./compile-steps.ts). Think time is human time and is never
 * compressed; keep 'totals' multiplies the people instead (see compile.ts).
 *
 *   VUs
 *    40 │      ┌──────────┐
 *    12 │──────┘          └────     phase A: 12 scanners, phase B: 40, phase C: 12
 *       └──────┴──────────┴────►
 */
import type { Pacing } from '../../scenarios/profiles/types.js';
import { segmentStages, sumLevels, type Level, type ShapeContext } from './compile-steps.js';
import { constantVusScenario } from '../plan/executors/constant-vus.js';
import { rampingVusScenario } from '../plan/executors/ramping-vus.js';
import type { ConstantVusScenario, RampingVusScenario } from '../plan/plan.js';

/**
 * VUs for `users` people of a phase: users × scale (× factor under keep 'totals'), rounded to
 * the nearest whole VU (people are whole).
 */
export function usersToVus(users: number, shape: Pick<ShapeContext, 'scale' | 'keep' | 'factor'>): number {
  return Math.round(users * shape.scale * (shape.keep === 'totals' ? shape.factor : 1));
}

/** The `<journey>-users` scenario over the selected phases. */
export function usersScenario(journey: string, shape: ShapeContext, pacing: Pacing): ConstantVusScenario | RampingVusScenario {
  const durationS = shape.phases[shape.phases.length - 1]?.endS ?? 0;
  const levels: Level[] = shape.selected.flatMap((phase, i) => {
    const planPhase = shape.phases[i];
    const users = phase.users?.[journey];
    if (planPhase === undefined || users === undefined) return [];
    return [{ startS: planPhase.startS, endS: planPhase.endS, value: usersToVus(users, shape) }];
  });
  const segments = sumLevels(levels, durationS);
  const common = {
    journey,
    name: `${journey}-users`,
    thinkTimeS: pacing.thinkTimeS,
    expectedIterationS: pacing.iterationS,
    gracefulStopS: shape.gracefulStopS,
  };
  const only = segments.length === 1 ? segments[0] : undefined;
  if (only !== undefined) return constantVusScenario({ ...common, vus: only.value, durationS });
  const { start, stages } = segmentStages(segments);
  return rampingVusScenario({ ...common, startVUs: start, stages, gracefulRampDownS: shape.gracefulStopS });
}
