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
  /** One arrival-rate scenario per journey. */
  scenarios: PlanScenario[];
  slos: Record<string, Slo>;
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

/** k6's ramping-arrival-rate executor, in seconds. */
export interface PlanScenario {
  journey: string;
  executor: 'ramping-arrival-rate';
  /** Iterations per second at t = 0. */
  startRate: number;
  /** Each stage ramps linearly from the previous target to `target` (iterations/s) over `durationS`. */
  stages: Array<{ durationS: number; target: number }>;
  /** Virtual users created before the start. */
  preAllocatedVUs: number;
  /** Upper bound; an arrival with no free VU and the pool at `maxVUs` is a dropped iteration. */
  maxVUs: number;
  /** Seconds in-flight iterations get after the last stage before they are abandoned. Default 30. */
  gracefulStopS: number;
}
