/**
 * Hard caps on what one run may ask of a staging Odoo (issue 10, "Guards"): the total arrival
 * rate, the duration and the number of virtual users, checked on the compiled plan before any
 * request is sent. Each cap has its own override flag; a plan over a cap stops with one line
 * naming the flag to raise.
 *
 *   rate   Σ over scenarios of the arrival rate at time t, maximised over t (iterations/s; VU
 *          scenarios count VUs / (think time + the fastest iteration, FASTEST_ITERATION_S): what the
 *          engine can start even when Odoo answers faster than expected or pacing is zero)
 *   time   plan.durationS (seconds, graceful stop not included)
 *   VUs    Σ maxVUs of arrival-rate scenarios + Σ peak VUs of VU scenarios: every VU the engine
 *          may create (a segmented plan divides rate and VUs by the segment count)
 *
 * Pure: no I/O.
 */
import type { AnyPlanScenario, LoadPlan } from '../plan/plan.js';
import { executorOf } from '../plan/executors/index.js';
import { levelCurve, peakLevel } from '../plan/shape.js';
import { InputError, UsageError } from '../errors.js';

/** The limits a run must stay under. */
export interface SafetyCaps {
  /** Total iterations started per second, all journeys together. */
  maxRatePerS: number;
  /** Plan duration, seconds. */
  maxDurationS: number;
  /** Virtual users the engine may create, all journeys together. */
  maxVus: number;
}

/**
 * Defaults: 50 iterations/s is about 25 times the morning-order-wave peak of a mid-size
 * distributor and already saturates a 16-worker Odoo with 2 s journeys (Little: 50 × 2 s = 100
 * busy workers); 4 h covers the longest shipped profile compressed or a real-time morning wave;
 * 500 VUs is one Node process's comfortable ceiling for the embedded engine.
 */
export const DEFAULT_CAPS: Readonly<SafetyCaps> = { maxRatePerS: 50, maxDurationS: 4 * 3600, maxVus: 500 };

/** What a plan asks for, in the units of `SafetyCaps`. */
export interface PlanLoad {
  peakRatePerS: number;
  durationS: number;
  peakVus: number;
}

/** The flag that raises each cap (and the messages name). */
export const CAP_FLAGS = { maxRatePerS: '--max-rate', maxDurationS: '--max-duration', maxVus: '--max-vus' } as const;

export interface CapViolation {
  cap: keyof SafetyCaps;
  flag: string;
  /** One line: what the plan asks, the cap, and the flag to raise it. */
  message: string;
}

export class SafetyCapError extends InputError {
  constructor(message: string) {
    super('SAFETY_CAP_EXCEEDED', message);
    this.name = 'SafetyCapError';
  }
}

/**
 * The fastest iteration a closed-model user can loop on: one quick Odoo call (a warm `search_read`
 * answers in 20–50 ms, docs/ODOO-PROTOCOL.md "Timings"). The rate cap bounds what the engine can
 * actually start, so a VU counts as at most 1 / (think time + this) iterations/s — not as its
 * expected iteration time, which a faster server than expected (or zero pacing) would beat.
 */
export const FASTEST_ITERATION_S = 0.05;

/** At most how many iterations per second one unit of level can start: 1 for arrival rates; for VUs 1 / (think + fastest iteration). */
function perLevel(scenario: AnyPlanScenario): number {
  const executor = executorOf(scenario);
  return executor.model === 'open' ? 1 : 1 / (executor.thinkTimeS() + FASTEST_ITERATION_S);
}

/** Stage boundaries of a scenario, plan seconds from 0. */
function breakpoints(scenario: AnyPlanScenario): number[] {
  const { stages } = levelCurve(scenario);
  const times = [0];
  let t = 0;
  for (const stage of stages) times.push((t += stage.durationS));
  return times;
}

/**
 * The level of a scenario at `tS`; at a step (a 0-second stage) the higher side, so the peak of a
 * sum evaluated at breakpoints is never under-estimated. 0 after the last stage.
 */
export function levelAt(scenario: AnyPlanScenario, tS: number): number {
  const { start, stages } = levelCurve(scenario);
  let t = 0;
  let level = start;
  let best: number | undefined = tS === 0 ? start : undefined;
  for (const stage of stages) {
    const end = t + stage.durationS;
    if (tS >= t && tS <= end) {
      const value = stage.durationS === 0 ? Math.max(level, stage.target) : level + ((stage.target - level) * (tS - t)) / stage.durationS;
      best = Math.max(best ?? value, value);
    }
    t = end;
    level = stage.target;
  }
  return best ?? 0;
}

/**
 * Peak total rate, duration and VUs of a plan.
 * @example planLoad(compileProfile(getProfile('morning-order-wave'))) // { peakRatePerS: 0.0833, durationS: 10800, peakVus: 10 }
 */
export function planLoad(plan: Pick<LoadPlan, 'scenarios' | 'durationS' | 'segment'>): PlanLoad {
  const share = plan.segment ? 1 / plan.segment.count : 1;
  const times = [...new Set(plan.scenarios.flatMap(breakpoints))];
  let peakRatePerS = 0;
  for (const t of times) {
    const rate = plan.scenarios.reduce((sum, s) => sum + levelAt(s, t) * perLevel(s), 0);
    peakRatePerS = Math.max(peakRatePerS, rate);
  }
  const peakVus = plan.scenarios.reduce((sum, s) => {
    const executor = executorOf(s);
    return sum + (executor.model === 'open' ? executor.requirements().maxVUs : peakLevel(s));
  }, 0);
  return { peakRatePerS: peakRatePerS * share, durationS: plan.durationS, peakVus: Math.ceil(peakVus * share) };
}

const round = (x: number) => (x >= 10 ? Math.round(x).toString() : x.toFixed(2).replace(/\.?0+$/, ''));

/** Every cap the load exceeds (empty when within all). */
export function capViolations(load: PlanLoad, caps: SafetyCaps): CapViolation[] {
  const out: CapViolation[] = [];
  if (load.peakRatePerS > caps.maxRatePerS) {
    out.push({
      cap: 'maxRatePerS',
      flag: CAP_FLAGS.maxRatePerS,
      message: `the plan peaks at ${round(load.peakRatePerS)} iterations/s, above the safety cap of ${round(caps.maxRatePerS)}/s: lower --scale, or raise the cap with --max-rate ${Math.ceil(load.peakRatePerS)}`,
    });
  }
  if (load.durationS > caps.maxDurationS) {
    out.push({
      cap: 'maxDurationS',
      flag: CAP_FLAGS.maxDurationS,
      message: `the plan lasts ${round(load.durationS)} s, above the safety cap of ${round(caps.maxDurationS)} s: compress it with --duration, or raise the cap with --max-duration ${Math.ceil(load.durationS)}`,
    });
  }
  if (load.peakVus > caps.maxVus) {
    out.push({
      cap: 'maxVus',
      flag: CAP_FLAGS.maxVus,
      message: `the plan may create ${load.peakVus} virtual users, above the safety cap of ${caps.maxVus}: lower --scale, or raise the cap with --max-vus ${load.peakVus}`,
    });
  }
  return out;
}

/**
 * Throws when the plan exceeds a cap (the first one, as one line).
 * @throws SafetyCapError `SAFETY_CAP_EXCEEDED` naming the flag that raises the cap.
 */
export function assertWithinCaps(plan: Pick<LoadPlan, 'scenarios' | 'durationS' | 'segment'>, caps: SafetyCaps): PlanLoad {
  const load = planLoad(plan);
  const first = capViolations(load, caps)[0];
  if (first) throw new SafetyCapError(first.message);
  return load;
}

/**
 * Caps from the command line: each value a positive number, else the default.
 * @throws UsageError naming the flag.
 */
export function capsFromOptions(options: { 'max-rate'?: number; 'max-duration'?: number; 'max-vus'?: number }): SafetyCaps {
  const pick = (value: number | undefined, flag: string, fallback: number): number => {
    if (value === undefined) return fallback;
    if (!(typeof value === 'number' && Number.isFinite(value) && value > 0)) {
      throw new UsageError(`${flag}: expected a number above 0, got ${String(value)}`);
    }
    return value;
  };
  return {
    maxRatePerS: pick(options['max-rate'], CAP_FLAGS.maxRatePerS, DEFAULT_CAPS.maxRatePerS),
    maxDurationS: pick(options['max-duration'], CAP_FLAGS.maxDurationS, DEFAULT_CAPS.maxDurationS),
    maxVus: pick(options['max-vus'], CAP_FLAGS.maxVus, DEFAULT_CAPS.maxVus),
  };
}
