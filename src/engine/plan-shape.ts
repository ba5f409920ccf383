/**
 * What a compiled scenario will do, known before the run: expected iterations, peak rate and the
 * rate at a time. Arrival-rate scenarios are exact (the integral of the rate). VU scenarios are an
 * expectation at the business pace: iterations = ∫ VUs dt / (expectedIterationS + thinkTimeS),
 * Odoo's latency not included (a slow Odoo makes a closed model run fewer iterations).
 */
import type { AnyPlanScenario } from './plan.js';

export interface JourneyPlanTotals {
  /** Expected iterations: the integral of the arrival rate over the plan (trapezoids). */
  iterations: number;
  /** Highest arrival rate of the plan, iterations per second. */
  peakRatePerS: number;
}

/** Linear stages as (start value, stages). */
interface Ramp {
  start: number;
  stages: ReadonlyArray<{ durationS: number; target: number }>;
}

/** The level curve of a scenario: arrivals/s for arrival-rate executors, VUs for VU executors. */
export function levelCurve(scenario: AnyPlanScenario): Ramp {
  switch (scenario.executor) {
    case 'ramping-arrival-rate':
      return { start: scenario.startRate, stages: scenario.stages };
    case 'constant-arrival-rate':
      return { start: scenario.rate, stages: [{ durationS: scenario.durationS, target: scenario.rate }] };
    case 'constant-vus':
      return { start: scenario.vus, stages: [{ durationS: scenario.durationS, target: scenario.vus }] };
    case 'ramping-vus':
      return { start: scenario.startVUs, stages: scenario.stages };
  }
}

/**
 * Seconds of one VU cycle (expected iteration + think time) of a VU scenario; `undefined` for
 * arrival-rate scenarios, or when it is 0 (no expectation possible).
 */
export function cycleS(scenario: AnyPlanScenario): number | undefined {
  if (scenario.executor !== 'constant-vus' && scenario.executor !== 'ramping-vus') return undefined;
  const cycle = (scenario.expectedIterationS ?? 0) + scenario.thinkTimeS;
  return cycle > 0 ? cycle : undefined;
}

/** Iterations per second per unit of level: 1 for arrival rates, 1 / cycle for VUs (0 if unknown). */
function perLevel(scenario: AnyPlanScenario): number {
  if (scenario.executor === 'ramping-arrival-rate' || scenario.executor === 'constant-arrival-rate') return 1;
  const cycle = cycleS(scenario);
  return cycle === undefined ? 0 : 1 / cycle;
}

/** Expected iterations and peak iterations/s of one scenario. */
export function scenarioTotals(scenario: AnyPlanScenario): JourneyPlanTotals {
  const { start, stages } = levelCurve(scenario);
  let level = start;
  let area = 0;
  let peak = level;
  for (const stage of stages) {
    area += ((level + stage.target) / 2) * stage.durationS;
    level = stage.target;
    peak = Math.max(peak, level);
  }
  const k = perLevel(scenario);
  return { iterations: area * k, peakRatePerS: peak * k };
}

/** Highest level of a scenario: arrivals/s or VUs. */
export function peakLevel(scenario: AnyPlanScenario): number {
  const { start, stages } = levelCurve(scenario);
  return Math.max(start, ...stages.map((s) => s.target));
}

/**
 * Expected iterations between plan seconds `fromS` and `toS` (for timelines).
 * @example iterationsBetween({ executor: 'constant-arrival-rate', rate: 2, durationS: 10, … }, 0, 5) // 10
 */
export function iterationsBetween(scenario: AnyPlanScenario, fromS: number, toS: number): number {
  const { start, stages } = levelCurve(scenario);
  let t = 0;
  let level = start;
  let area = 0;
  for (const { durationS: d, target } of stages) {
    const a = Math.max(fromS, t);
    const b = Math.min(toS, t + d);
    if (b > a && d > 0) {
      const at = (x: number) => level + ((target - level) * (x - t)) / d;
      area += ((at(a) + at(b)) / 2) * (b - a);
    }
    t += d;
    level = target;
  }
  return area * perLevel(scenario);
}
