/**
 * LoadPlan: a compiled profile — concrete arrival-rate stages per journey in plan seconds,
 * already scaled and time-compressed. Plain JSON: the CLI prints it, the run manifest stores it,
 * the k6 export turns it into `options.scenarios`.
 */
import type { Slo } from '../../scenarios/profiles/types.js';

export interface LoadPlan {
  version: 1;
  profile: string;
  /** Seed for every random choice in the run (data picks, line counts). */
  seed: number;
  /** Volume multiplier applied to every business rate. */
  scale: number;
  /**
   * Time compression. `factor` = business seconds per plan second.
   * `keep: 'peak-rates'` keeps the business arrival rates (totals shrink by `factor`);
   * `keep: 'totals'` multiplies rates by `factor` so the day's totals are kept.
   */
  compress: { factor: number; keep: 'peak-rates' | 'totals' };
  /** Total plan duration in seconds. */
  durationS: number;
  /** Phases mapped to plan time, for analysis and report bands. */
  phases: PlanPhase[];
  /**
   * The scenarios: per journey, one ramping-arrival-rate for its `rates`, one for its `bursts`
   * (named `<journey>-bursts`), one constant-vus / ramping-vus for its `users`
   * (named `<journey>-users`). A journey may have several; metrics are per journey.
   */
  scenarios: AnyPlanScenario[];
  slos: Record<string, Slo>;
  /**
   * Set when this plan is one execution segment of a larger plan (`run --segment 2/4`, see
   * ./segment.ts): the scenarios then run only their share of arrivals and VUs.
   */
  segment?: ExecutionSegment;
}

/**
 * One of `count` equal execution segments, `index` 1-based (k6's `--execution-segment`
 * `(index−1)/count:index/count`). Arrivals and VUs are striped: segment i takes the global
 * 0-based numbers k with k mod count = i − 1.
 */
export interface ExecutionSegment {
  index: number;
  count: number;
}

export interface PlanPhase {
  name: string;
  /** Plan seconds from the run start. */
  startS: number;
  endS: number;
  /** Business clock times of the profile, e.g. `06:00`. */
  businessStart: string;
  businessEnd: string;
}

/**
 * Every executor a plan may use (a discriminated union on `executor`, k6's executor names and
 * option names in seconds). `PlanScenario` keeps its name for the ramping-arrival-rate one.
 */
export type AnyPlanScenario = PlanScenario | ConstantArrivalRateScenario | ConstantVusScenario | RampingVusScenario;

/** What every scenario has. */
export interface PlanScenarioBase {
  journey: string;
  /**
   * Unique scenario name (k6 `options.scenarios` key, `[0-9A-Za-z_-]+`). Absent in older plans:
   * use the journey name then.
   */
  name?: string;
  /** Business parameters handed to each iteration as `JourneyContext.params` (profile `params[journey]`). */
  params?: Record<string, unknown>;
  /** Seconds in-flight iterations get after the last stage before they are abandoned. Default 30. */
  gracefulStopS: number;
  /** The execution segment this scenario runs (copied from `LoadPlan.segment`); absent: all of it. */
  segment?: ExecutionSegment;
}

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

/** k6's constant-arrival-rate executor, in seconds. */
export interface ConstantArrivalRateScenario extends PlanScenarioBase {
  executor: 'constant-arrival-rate';
  /** Iterations per second. */
  rate: number;
  durationS: number;
  preAllocatedVUs: number;
  maxVUs: number;
}

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
