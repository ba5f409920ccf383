/**
 * ramping-arrival-rate: the arrival rate follows linear stages (k6's executor of the same name, in
 * seconds). Open model: arrivals do not wait for Odoo (../arrivals.ts says when they happen).
 */
import { levelArea, levelDurationS, levelPeak } from '../level.js';
import type { PlanScenarioBase } from '../plan.js';
import { checkJourney, cutStages, checkStages, checkVuPool, got, isNonNegative } from './checks.js';
import { k6Duration, perUnit, timeUnitFor } from './k6-units.js';
import type { ExecutorDefinition, ExecutionRequirements, LevelCurve } from './types.js';

/** Seconds in-flight iterations get after the last stage (k6: 30 s). */
export const DEFAULT_GRACEFUL_STOP_S = 30;

/** k6's ramping-arrival-rate executor, in seconds. */
export interface PlanScenario extends PlanScenarioBase {
  executor: 'ramping-arrival-rate';
  /** Iterations per second at t = 0. */
  startRate: number;
  /** Each stage ramps linearly from the previous target to `target` (iterations/s) over `durationS`. */
  stages: Array<{ durationS: number; target: number }>;
  /** Virtual users created before the start. */
  preAllocatedVUs: number;
  /** Upper bound; an arrival with no free VU and the pool at `maxVUs` is a dropped iteration. */
  maxVUs: number;
}

/** A ramping-arrival-rate scenario: `startRate` 0 and k6's graceful stop unless given. */
export function rampingArrivalRateScenario(
  fields: Omit<PlanScenario, 'executor' | 'startRate' | 'gracefulStopS'> & Partial<Pick<PlanScenario, 'startRate' | 'gracefulStopS'>>,
): PlanScenario {
  return { ...fields, executor: 'ramping-arrival-rate', startRate: fields.startRate ?? 0, gracefulStopS: fields.gracefulStopS ?? DEFAULT_GRACEFUL_STOP_S };
}

/** What an open-model scenario requires, given its rate curve. */
export function openRequirements(config: Pick<PlanScenario, 'preAllocatedVUs' | 'maxVUs' | 'gracefulStopS'>, rate: LevelCurve): ExecutionRequirements {
  return {
    preAllocatedVUs: config.preAllocatedVUs,
    maxVUs: config.maxVUs,
    durationS: levelDurationS(rate),
    gracefulStopS: config.gracefulStopS ?? DEFAULT_GRACEFUL_STOP_S,
    expectedIterations: levelArea(rate),
  };
}

/** What every open-model (arrival-rate) executor answers the same way, given its rate curve. */
export function openModel<C extends Pick<PlanScenario, 'preAllocatedVUs' | 'maxVUs' | 'gracefulStopS'>>(level: (c: C) => LevelCurve) {
  return {
    model: 'open' as const,
    level,
    thinkTimeS: () => 0,
    iterationsPerLevel: () => 1,
    requirements: (c: C) => openRequirements(c, level(c)),
  };
}

/** `5-50` for a pool that grows, `50` for a fixed one. */
export const vuRange = (r: ExecutionRequirements): string => (r.maxVUs > r.preAllocatedVUs ? `${r.preAllocatedVUs}-${r.maxVUs}` : `${r.maxVUs}`);

const level = (c: PlanScenario): LevelCurve => ({ start: c.startRate, stages: c.stages });

export const rampingArrivalRate: ExecutorDefinition<PlanScenario> = {
  type: 'ramping-arrival-rate',
  ...openModel(level),
  validate: (c) => [
    ...checkJourney(c.journey),
    ...(isNonNegative(c.startRate) ? [] : [`startRate: expected iterations/s ≥ 0, ${got(c.startRate)}`]),
    ...checkStages(c.stages, isNonNegative, 'iterations/s ≥ 0'),
    ...checkVuPool(c),
  ],
  describe(c) {
    const r = openRequirements(c, level(c));
    const stages = c.stages.length === 1 ? '1 stage' : `${c.stages.length} stages`;
    return `${c.journey}: up to ${levelPeak(level(c)).toFixed(2)} iterations/s for ${r.durationS}s over ${stages} (maxVUs: ${vuRange(r)}, gracefulStop: ${r.gracefulStopS}s)`;
  },
  k6(c) {
    const unit = timeUnitFor([c.startRate, ...c.stages.map((st) => st.target)]);
    return {
      startRate: perUnit(c.startRate, unit),
      timeUnit: `${unit}s`,
      preAllocatedVUs: c.preAllocatedVUs,
      maxVUs: c.maxVUs,
      stages: c.stages.map((st) => ({ duration: k6Duration(st.durationS), target: perUnit(st.target, unit) })),
    };
  },
  cut: (c, seconds) => ({ ...c, stages: cutStages(c.stages, seconds) }),
};
