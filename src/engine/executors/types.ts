/**
 * What the engine hands a running scenario and what it gets back. What the scenario is (config,
 * validation, level curve, requirements) is its executor's, in src/plan/executors/.
 */
import type { Clock } from '../clock.js';
import type { IterationRunner } from '../iteration.js';
import type { VuPool } from '../vu-pool.js';

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
