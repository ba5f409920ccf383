/**
 * What a compiled scenario will do, known before the run: expected iterations, peak rate and the
 * rate at a time, from its executor's level curve (./executors). Arrival-rate scenarios are exact
 * (the integral of the rate). VU scenarios are an expectation at the business pace:
 * iterations = ∫ VUs dt / (expectedIterationS + thinkTimeS), Odoo's latency not included (a slow
 * Odoo makes a closed model run fewer iterations).
 */
import { executorOf } from './executors/index.js';
import type { LevelCurve } from './executors/types.js';
import { levelArea, levelPeak } from './level.js';
import type { AnyPlanScenario } from './plan.js';

export interface JourneyPlanTotals {
  /** Expected iterations: the integral of the arrival rate over the plan (trapezoids). */
  iterations: number;
  /** Highest arrival rate of the plan, iterations per second. */
  peakRatePerS: number;
}

/** The level curve of a scenario: arrivals/s for arrival-rate executors, VUs for VU executors. */
export function levelCurve(scenario: AnyPlanScenario): LevelCurve {
  return executorOf(scenario).level();
}

/** Iterations per second per unit of level: 1 for arrival rates, 1 / cycle for VUs (0 if unknown). */
function perLevel(scenario: AnyPlanScenario): number {
  return executorOf(scenario).iterationsPerLevel() ?? 0;
}

/** Expected iterations and peak iterations/s of one scenario. */
export function scenarioTotals(scenario: AnyPlanScenario): JourneyPlanTotals {
  const curve = levelCurve(scenario);
  const k = perLevel(scenario);
  return { iterations: levelArea(curve) * k, peakRatePerS: levelPeak(curve) * k };
}

/** Highest level of a scenario: arrivals/s or VUs. */
export function peakLevel(scenario: AnyPlanScenario): number {
  return levelPeak(levelCurve(scenario));
}

/**
 * Expected iterations between plan seconds `fromS` and `toS` (for timelines).
 * @example iterationsBetween({ executor: 'constant-arrival-rate', rate: 2, durationS: 10, … }, 0, 5) // 10
 */
export function iterationsBetween(scenario: AnyPlanScenario, fromS: number, toS: number): number {
  return levelArea(levelCurve(scenario), fromS, toS) * perLevel(scenario);
}
