/**
 * constant-vus: a fixed number of virtual users loop iteration → think time for a duration (k6's
 * executor of the same name): a ramping-vus with one flat stage.
 */
import type { PlanScenarioBase } from '../plan.js';
import { got, isPositive } from './checks.js';
import { k6Duration } from './k6-units.js';
import { DEFAULT_GRACEFUL_STOP_S } from './ramping-arrival-rate.js';
import { checkClosed, closedRequirements, thinkTimeText, vuIterationsPerLevel } from './ramping-vus.js';
import type { ExecutorDefinition, LevelCurve } from './types.js';

/**
 * k6's constant-vus executor (closed model): `vus` VUs loop for `durationS`, each waiting
 * `thinkTimeS` after every iteration (k6: a `sleep(thinkTimeS)` at the end of the iteration).
 */
export interface ConstantVusScenario extends PlanScenarioBase {
  executor: 'constant-vus';
  vus: number;
  durationS: number;
  /** Seconds a VU waits after each iteration. */
  thinkTimeS: number;
  /** Seconds one iteration is expected to take without Odoo's latency (for expected totals only). */
  expectedIterationS?: number;
}

/** A constant-vus scenario: no think time and k6's graceful stop unless given. */
export function constantVusScenario(
  fields: Omit<ConstantVusScenario, 'executor' | 'thinkTimeS' | 'gracefulStopS'> & Partial<Pick<ConstantVusScenario, 'thinkTimeS' | 'gracefulStopS'>>,
): ConstantVusScenario {
  return { ...fields, executor: 'constant-vus', thinkTimeS: fields.thinkTimeS ?? 0, gracefulStopS: fields.gracefulStopS ?? DEFAULT_GRACEFUL_STOP_S };
}

const level = (c: ConstantVusScenario): LevelCurve => ({ start: c.vus, stages: [{ durationS: c.durationS, target: c.vus }] });

export const constantVus: ExecutorDefinition<ConstantVusScenario> = {
  type: 'constant-vus',
  model: 'closed',
  validate: (c) => [
    ...checkClosed(c),
    ...(Number.isInteger(c.vus) && c.vus >= 1 ? [] : [`vus: expected a whole number ≥ 1, ${got(c.vus)}`]),
    ...(isPositive(c.durationS) ? [] : [`durationS: expected seconds > 0, ${got(c.durationS)}`]),
  ],
  level,
  thinkTimeS: (c) => c.thinkTimeS ?? 0,
  iterationsPerLevel: vuIterationsPerLevel,
  requirements: (c) => closedRequirements(c, level(c)),
  describe: (c) => `${c.journey}: ${c.vus} looping VUs for ${c.durationS}s${thinkTimeText(c)} (gracefulStop: ${closedRequirements(c, level(c)).gracefulStopS}s)`,
  k6: (c) => ({ vus: c.vus, duration: k6Duration(c.durationS) }),
  cut: (c, seconds) => ({ ...c, durationS: Math.min(c.durationS, seconds) }),
};
