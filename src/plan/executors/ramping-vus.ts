/**
 * ramping-vus: a closed model whose number of looping virtual users follows linear stages (k6's
 * executor of the same name, in seconds). Each VU loops iteration → think time, so throughput
 * follows Odoo's speed; the engine's loop is src/engine/closed-model.ts.
 */
import { levelArea, levelDurationS } from '../level.js';
import type { PlanScenarioBase } from '../plan.js';
import { maxVus, segmentVus, vuSteps } from '../vu-steps.js';
import { checkJourney, checkOptionalSeconds, cutStages, checkStages, got, isCount } from './checks.js';
import { k6Duration } from './k6-units.js';
import { DEFAULT_GRACEFUL_STOP_S } from './ramping-arrival-rate.js';
import type { ExecutorDefinition, ExecutionRequirements, LevelCurve } from './types.js';

/** k6's default `startVUs`. */
export const DEFAULT_START_VUS = 1;

/**
 * k6's ramping-vus executor (closed model): the number of looping VUs ramps linearly from
 * `startVUs` through each stage's `target` (VUs) over its `durationS`; each VU waits `thinkTimeS`
 * after every iteration. VUs ramped down finish their iteration within `gracefulRampDownS`.
 */
export interface RampingVusScenario extends PlanScenarioBase {
  executor: 'ramping-vus';
  startVUs: number;
  stages: Array<{ durationS: number; target: number }>;
  /** Seconds a VU waits after each iteration. */
  thinkTimeS: number;
  /** k6 gracefulRampDown, seconds. Default: the embedded engine lets a VU finish its iteration (k6: 30). */
  gracefulRampDownS?: number;
  /** Seconds one iteration is expected to take without Odoo's latency (for expected totals only). */
  expectedIterationS?: number;
}

/** What both VU executors have: think time and an expected iteration time. */
type Cycle = Pick<RampingVusScenario, 'thinkTimeS' | 'expectedIterationS'>;

/** A ramping-vus scenario: k6's `startVUs` (1), no think time and k6's graceful stop unless given. */
export function rampingVusScenario(
  fields: Omit<RampingVusScenario, 'executor' | 'startVUs' | 'thinkTimeS' | 'gracefulStopS'> & Partial<Pick<RampingVusScenario, 'startVUs' | 'thinkTimeS' | 'gracefulStopS'>>,
): RampingVusScenario {
  return {
    ...fields,
    executor: 'ramping-vus',
    startVUs: fields.startVUs ?? DEFAULT_START_VUS,
    thinkTimeS: fields.thinkTimeS ?? 0,
    gracefulStopS: fields.gracefulStopS ?? DEFAULT_GRACEFUL_STOP_S,
  };
}

/** Seconds of one VU cycle (expected iteration + think time); `null` when it is 0 (no expectation possible). */
export function cycleS(c: Cycle): number | null {
  const cycle = (c.expectedIterationS ?? 0) + (c.thinkTimeS ?? 0);
  return cycle > 0 ? cycle : null;
}

/** Problems with the fields both VU executors share. */
export function checkClosed(c: { journey: unknown; thinkTimeS?: unknown; gracefulStopS?: unknown }): string[] {
  return [...checkJourney(c.journey), ...checkOptionalSeconds('thinkTimeS', c.thinkTimeS), ...checkOptionalSeconds('gracefulStopS', c.gracefulStopS)];
}

/** What a closed-model scenario requires, given its VU curve. */
export function closedRequirements(c: Cycle & Pick<RampingVusScenario, 'gracefulStopS' | 'segment'>, vus: LevelCurve): ExecutionRequirements {
  const peak = segmentVus(vuSteps(vus.start, vus.stages), c.segment);
  const cycle = cycleS(c);
  return {
    preAllocatedVUs: peak,
    maxVUs: peak,
    durationS: levelDurationS(vus),
    gracefulStopS: c.gracefulStopS ?? DEFAULT_GRACEFUL_STOP_S,
    expectedIterations: cycle === null ? null : levelArea(vus) / cycle,
  };
}

const level = (c: RampingVusScenario): LevelCurve => ({ start: c.startVUs ?? DEFAULT_START_VUS, stages: c.stages });
const think = (c: Cycle): string => (c.thinkTimeS ? `, think time ${c.thinkTimeS}s` : '');
const perLevel = (c: Cycle): number | null => {
  const cycle = cycleS(c);
  return cycle === null ? null : 1 / cycle;
};

export const rampingVus: ExecutorDefinition<RampingVusScenario> = {
  type: 'ramping-vus',
  model: 'closed',
  validate(c) {
    const problems = [
      ...checkClosed(c),
      ...(c.startVUs === undefined || isCount(c.startVUs) ? [] : [`startVUs: expected a whole number ≥ 0, ${got(c.startVUs)}`]),
      ...checkStages(c.stages, isCount, 'a whole number of VUs ≥ 0'),
    ];
    if (problems.length === 0 && maxVus(vuSteps(level(c).start, c.stages)) < 1) problems.push('stages: expected at least one VU at some point');
    return problems;
  },
  level,
  thinkTimeS: (c) => c.thinkTimeS ?? 0,
  iterationsPerLevel: perLevel,
  requirements: (c) => closedRequirements(c, level(c)),
  describe(c) {
    const r = closedRequirements(c, level(c));
    return `${c.journey}: up to ${maxVus(vuSteps(level(c).start, c.stages))} looping VUs for ${r.durationS}s over ${c.stages.length} stages${think(c)} (gracefulStop: ${r.gracefulStopS}s)`;
  },
  k6: (c) => ({
    startVUs: c.startVUs,
    stages: c.stages.map((st) => ({ duration: k6Duration(st.durationS), target: st.target })),
    gracefulRampDown: k6Duration(c.gracefulRampDownS ?? c.gracefulStopS),
  }),
  cut: (c, seconds) => ({ ...c, stages: cutStages(c.stages, seconds) }),
};

export { think as thinkTimeText, perLevel as vuIterationsPerLevel };
