/**
 * Inputs and outputs of the discrete-event simulation of an Odoo deployment (simulate.ts).
 * Times in seconds unless a name says otherwise.
 */
import type { LoadPlan } from '../../src/engine/plan.js';

/** What one iteration of a journey costs (service demands, seconds per iteration). */
export interface JourneyDemand {
  /** Worker-seconds one iteration holds an Odoo worker, without queueing or retries. */
  workerS: number;
  /** Odoo (Python) CPU-seconds in it. */
  cpuS: number;
  /** PostgreSQL CPU-seconds in it (on the shared cores). */
  dbS: number;
  /** Squared coefficient of variation of the iteration's demand. Default 1 (exponential). */
  scv?: number;
  /** Writes rows other writers touch (stock quants, valuation layers): subject to serialization failures. */
  writes?: boolean;
  /** Integration traffic (EDI, API): goes to the integration pool when one is configured. */
  integration?: boolean;
  /** Runs on the cron workers, not the HTTP workers. */
  cron?: boolean;
}

export interface Deployment {
  /** Odoo HTTP workers. */
  httpWorkers: number;
  /** Workers reserved for integration traffic (`--isolate-integrations`); 0 or absent = shared pool. */
  integrationWorkers?: number;
  /** max_cron_threads. Default 1. */
  cronWorkers?: number;
  /** CPU cores shared by Odoo workers and PostgreSQL; Infinity = never the bottleneck. */
  cores: number;
}

/**
 * Serialization failures: an attempt of a writing journey fails with probability
 * p = 1 − (1 − c)^w, w = the other writing attempts in service when it commits, c = the chance one
 * concurrent writer touches the same product rows (for random picks of L lines from P hot products,
 * c ≈ 1 − (1 − L/P)^L). Odoo then sleeps uniform(0, 2^try) s inside the worker and retries, up to
 * 5 tries (odoo/service/model.py `retrying`, MAX_TRIES_ON_CONCURRENCY_FAILURE = 5).
 */
export interface Contention {
  conflictPerWriter: number;
  /** Default 5 (Odoo 17). */
  maxTries?: number;
}

export interface SimulationConfig {
  plan: LoadPlan;
  demands: Record<string, JourneyDemand>;
  deployment: Deployment;
  contention?: Contention;
  /** Seed of the run; default plan.seed. */
  seed?: number;
  /** Extra multiplier on every arrival rate (what-if). Default 1. */
  scale?: number;
  /** Timeline window, seconds. Default 60. */
  windowS?: number;
  /** Arrivals before this time are simulated but not counted in the statistics. Default 0. */
  warmupS?: number;
}

export interface LatencySummary {
  count: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface JourneyResult extends LatencySummary {
  journey: string;
  pool: string;
  /** Iterations that failed after the last try. */
  failed: number;
  /** Retries (serialization failures followed by another try). */
  retries: number;
  /** Mean time queued for a worker, seconds. */
  meanWaitS: number;
  /** Share of iterations that had to queue at all. */
  waitedShare: number;
  /** Per window (by arrival time): latency percentiles. */
  timeline: Array<{ t: number; count: number; p50Ms: number; p95Ms: number; p99Ms: number }>;
}

export interface PoolResult {
  pool: string;
  workers: number;
  /** Mean busy workers / workers over the counted span. */
  utilization: number;
  maxQueue: number;
  meanQueue: number;
  /** The longest stretch with requests queued for this pool: how long the worst backlog took to drain. */
  longestBacklogS: number;
  longestBacklogStartS: number;
  timeline: Array<{ t: number; meanQueue: number; maxQueue: number; meanBusy: number }>;
}

export interface SimulationResult {
  durationS: number;
  journeys: JourneyResult[];
  pools: PoolResult[];
  cpu: { cores: number; utilization: number };
  /** What the simulation left out (closed-model scenarios). */
  notes: string[];
  /** Events processed (for the benchmark). */
  events: number;
}
