/**
 * LoadPlan: a compiled profile — concrete arrival-rate stages per journey in plan seconds,
 * already scaled and time-compressed. Plain JSON: the CLI prints it, the run manifest stores it,
 * the k6 export turns it into `options.scenarios`.
 */
import type { ConstantArrivalRateScenario } from './executors/constant-arrival-rate.js';
import type { ConstantVusScenario } from './executors/constant-vus.js';
import type { PlanScenario } from './executors/ramping-arrival-rate.js';
import type { RampingVusScenario } from './executors/ramping-vus.js';

export type { ConstantArrivalRateScenario, ConstantVusScenario, PlanScenario, RampingVusScenario };

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
 * option names in seconds), each declared by its module in ./executors/. `PlanScenario` keeps its
 * name for the ramping-arrival-rate one.
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

/** A journey's service level objective (a profile's `slos`). */
export interface Slo {
  /** 95th percentile of iteration latency (from the intended start), milliseconds. */
  p95Ms: number;
  /** Largest acceptable share of failed iterations, 0–1. Default 0.01. */
  maxErrorRate?: number;
}
