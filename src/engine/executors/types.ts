/**
 * What every executor exports (STYLE.md §3, after k6's lib/executor/): its config type,
 * `validate`, `requirements`, `describe`, `rateAt` and `run(config, ctx, samples)`.
 */
import type { Clock } from '../clock.js';
import type { IterationRunner } from '../iteration.js';
import type { SampleSink } from '../samples.js';
import type { VuPool } from '../vu-pool.js';

/** Known before the run (k6's GetExecutionRequirements). */
export interface ExecutionRequirements {
  preAllocatedVUs: number;
  maxVUs: number;
  /** Seconds of scheduling, graceful stop excluded. */
  durationS: number;
  gracefulStopS: number;
  /** ∫ rate dt: iterations the executor will schedule (⌊this⌋ arrivals, dropped ones included). */
  expectedIterations: number;
}

export interface ExecutorContext {
  clock: Clock;
  /** Plan t = 0, epoch ms. */
  startMs: number;
  /** Aborted when the run stops early: stop scheduling, abandon in-flight iterations. */
  signal: AbortSignal;
  /** This scenario's VUs (pre-allocated VUs already logged in). */
  pool: VuPool;
  iterations: IterationRunner;
}

export interface ExecutorResult {
  /** Arrivals that were due (started + dropped). */
  scheduled: number;
  started: number;
  /** Arrivals that found the pool at maxVUs. */
  dropped: number;
  /** Still running when the graceful stop ran out or the run was stopped: not waited for. */
  abandoned: number;
}

export interface Executor<C> {
  readonly type: string;
  /** Every problem, each naming its field (`stages[1].durationS: expected …`); empty when valid. */
  validate(config: C): string[];
  requirements(config: C): ExecutionRequirements;
  /** One line for humans, e.g. `Up to 20.00 iterations/s for 30s over 2 stages (maxVUs: 5-50, gracefulStop: 30s)`. */
  describe(config: C): string;
  /** Target arrival rate at `tS` seconds, iterations/s. */
  rateAt(config: C, tS: number): number;
  run(config: C, ctx: ExecutorContext, samples: SampleSink): Promise<ExecutorResult>;
}
