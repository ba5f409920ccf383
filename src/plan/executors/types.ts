/**
 * What every executor module of the plan owns (STYLE.md §3, after k6's lib/executor/): its config
 * type with a defaults constructor, validation, level curve, requirements, description and k6
 * options. The embedded engine (src/engine/executors/index.ts), the simulator (models/simulate), the
 * safety caps and the k6 export ask these; none of them switches on `executor` itself.
 */

/** Linear stages from a start level: iterations/s for open-model executors, looping VUs for closed-model ones. */
export interface LevelCurve {
  start: number;
  stages: ReadonlyArray<{ durationS: number; target: number }>;
}

/** Known before the run (k6's GetExecutionRequirements). */
export interface ExecutionRequirements {
  preAllocatedVUs: number;
  maxVUs: number;
  /** Seconds of scheduling, graceful stop excluded. */
  durationS: number;
  gracefulStopS: number;
  /**
   * Iterations the scenario is expected to run. Arrival rates: ∫ rate dt, exact (⌊this⌋ arrivals,
   * dropped ones included). VUs: ∫ VUs dt / (expectedIterationS + thinkTimeS), at the business pace
   * with Odoo's latency not included; `null` when the scenario states no cycle to divide by.
   */
  expectedIterations: number | null;
}

/** One scenario of k6's `options.scenarios`, k6's option names exactly (durations as k6 strings). */
export interface K6ScenarioOptions {
  executor: string;
  exec: string;
  tags: { journey: string };
  gracefulStop: string;
  startRate?: number;
  rate?: number;
  timeUnit?: string;
  duration?: string;
  preAllocatedVUs?: number;
  maxVUs?: number;
  vus?: number;
  startVUs?: number;
  stages?: Array<{ duration: string; target: number }>;
  gracefulRampDown?: string;
}

/** The executor-specific part of a k6 scenario (the registry adds executor, exec, tags, gracefulStop). */
export type K6ExecutorFields = Omit<K6ScenarioOptions, 'executor' | 'exec' | 'tags' | 'gracefulStop'>;

export interface ExecutorDefinition<C extends { executor: string; journey: string }> {
  readonly type: C['executor'];
  /** `open`: arrivals follow the level whether or not Odoo keeps up; `closed`: the level is VUs that wait for Odoo. */
  readonly model: 'open' | 'closed';
  /** Every problem, each naming its field (`stages[1].durationS: expected …`); empty when valid. */
  validate(config: C): string[];
  level(config: C): LevelCurve;
  /** Seconds a VU waits after each iteration (closed models; 0 for arrival rates). */
  thinkTimeS(config: C): number;
  /** Iterations/s per unit of level: 1 for arrival rates, 1 / cycle for VUs; `null` when no cycle is known. */
  iterationsPerLevel(config: C): number | null;
  requirements(config: C): ExecutionRequirements;
  /** One line for humans, e.g. `order-entry: up to 20.00 iterations/s for 30s over 2 stages (maxVUs: 5-50, gracefulStop: 30s)`. */
  describe(config: C): string;
  k6(config: C): K6ExecutorFields;
  /** The scenario cut to its first `seconds` (what a run stopped early drove). */
  cut(config: C, seconds: number): C;
}
