/**
 * constant-arrival-rate: a fixed arrival rate for a duration (k6's executor of the same name). Its
 * level curve is one flat stage, so it shares the ramping executor's scheduling: the first arrival
 * at 1/rate, not at t = 0 as in k6's own constant-arrival-rate (see ../arrivals.ts).
 */
import type { PlanScenarioBase } from '../plan.js';
import { checkJourney, checkVuPool, got, isNonNegative, isPositive } from './checks.js';
import { k6Duration, perUnit, timeUnitFor } from './k6-units.js';
import { DEFAULT_GRACEFUL_STOP_S, openModel, openRequirements, vuRange } from './ramping-arrival-rate.js';
import type { ExecutorDefinition, LevelCurve } from './types.js';

/** k6's constant-arrival-rate executor, in seconds. */
export interface ConstantArrivalRateScenario extends PlanScenarioBase {
  executor: 'constant-arrival-rate';
  /** Iterations per second. */
  rate: number;
  durationS: number;
  preAllocatedVUs: number;
  maxVUs: number;
}

/** A constant-arrival-rate scenario with k6's graceful stop unless given. */
export function constantArrivalRateScenario(
  fields: Omit<ConstantArrivalRateScenario, 'executor' | 'gracefulStopS'> & Partial<Pick<ConstantArrivalRateScenario, 'gracefulStopS'>>,
): ConstantArrivalRateScenario {
  return { ...fields, executor: 'constant-arrival-rate', gracefulStopS: fields.gracefulStopS ?? DEFAULT_GRACEFUL_STOP_S };
}

const level = (c: ConstantArrivalRateScenario): LevelCurve => ({ start: c.rate, stages: [{ durationS: c.durationS, target: c.rate }] });

export const constantArrivalRate: ExecutorDefinition<ConstantArrivalRateScenario> = {
  type: 'constant-arrival-rate',
  ...openModel(level),
  validate: (c) => [
    ...checkJourney(c.journey),
    ...(isNonNegative(c.rate) ? [] : [`rate: expected iterations/s ≥ 0, ${got(c.rate)}`]),
    ...(isPositive(c.durationS) ? [] : [`durationS: expected seconds > 0, ${got(c.durationS)}`]),
    ...checkVuPool(c),
  ],
  describe(c) {
    const r = openRequirements(c, level(c));
    return `${c.journey}: ${c.rate.toFixed(2)} iterations/s for ${r.durationS}s (maxVUs: ${vuRange(r)}, gracefulStop: ${r.gracefulStopS}s)`;
  },
  k6(c) {
    const unit = timeUnitFor([c.rate]);
    return { rate: perUnit(c.rate, unit), timeUnit: `${unit}s`, duration: k6Duration(c.durationS), preAllocatedVUs: c.preAllocatedVUs, maxVUs: c.maxVUs };
  },
  cut: (c, seconds) => ({ ...c, durationS: Math.min(c.durationS, seconds) }),
};
