/**
 * Inputs and outputs of the discrete-event simulation of an Odoo deployment (simulate.ts).
 * Times in seconds unless a name says otherwise.
 */
import type { LoadPlan } from '../../src/plan/plan.js';

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
  /**
   * RPC calls one iteration makes, each its own request for a worker (Odoo's workers serve one
   * request at a time, not one iteration). Fractional means are drawn as ⌊K⌋ or ⌈K⌉. Default 1:
   * the iteration is one request.
   */
  callsPerIteration?: number;
  /**
   * The calls of one iteration as measured (Odoo's log: one kind per model and method, in the order
   * an iteration sends them), each kind sent `perIteration` times on average with a cost drawn from
   * its measured calls. Keeps an iteration's composition — one confirm, one validate, three line
   * writes — instead of drawing every call from one pool, which would invent iterations of three
   * confirms and a tail that was never there. Absent: `callsPerIteration` calls, each costing the
   * iteration's demand / K with the iteration's SCV.
   */
  calls?: readonly CallKind[];
  /** Seconds the client spends between two calls of an iteration (network, client work, think time inside the journey). */
  clientGapS?: number;
}

/** One kind of call of an iteration (e.g. `sale.order/action_confirm`) with its measured costs. */
export interface CallKind {
  name: string;
  /** Mean calls of this kind per iteration; ⌊m⌋ or ⌈m⌉ are sent. */
  perIteration: number;
  costs: readonly CallCost[];
}

/** One request's cost: seconds on a CPU (Odoo's Python and PostgreSQL's SQL) and seconds holding the worker off the CPU. */
export interface CallCost {
  cpuS: number;
  offCpuS: number;
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
  /**
   * Cores kept busy by work outside the simulated requests (a load generator on the same host, cron,
   * other tenants, the OS), as measured; the requests share what is left. Default 0.
   */
  backgroundCores?: number;
}

/**
 * Serialization failures: an attempt of a writing journey fails with probability
 * p = 1 − (1 − c)^w, w = the other writing attempts in service when it commits, c = the chance one
 * concurrent writer touches the same product rows (for random picks of L lines from P hot products,
 * c ≈ 1 − (1 − L/P)^L). Odoo then sleeps uniform(0, 2^try) s inside the worker and retries, up to
 * 5 tries (odoo/service/model.py `retrying`, MAX_TRIES_ON_CONCURRENCY_FAILURE = 5).
 */
export interface Contention {
  conflictPerWriter?: number;
  /**
   * Measured alternative (Odoo's log, analyze/worker-demand.ts): an attempt of a writing journey fails
   * with probability α·N, N = the requests holding a worker when it commits.
   */
  retriesPerConcurrency?: number;
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
  /**
   * `poisson` (default): business traffic, a non-homogeneous Poisson process at the plan's rates;
   * `scheduled`: the load generator's evenly spaced schedule (k6 and the embedded engine) — for
   * replaying a test run, whose queueing came from that schedule.
   */
  arrivals?: 'poisson' | 'scheduled';
  /** Extra multiplier on every arrival rate (what-if). Default 1. */
  scale?: number;
  /** Timeline window, seconds. Default 60. */
  windowS?: number;
  /** Arrivals before this time are simulated but not counted in the statistics. Default 0. */
  warmupS?: number;
  /**
   * Independent replications of the plan (seeds mixed from `seed`), pooled: a p95 of one 3-minute
   * replay rests on a handful of tail samples. Default 1.
   */
  replications?: number;
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
  /** Iterations a replay dropped because all of the scenario's maxVUs were busy (`arrivals: 'scheduled'` only). */
  dropped: number;
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
  /** What the simulation left out or assumed. */
  notes: string[];
  /** Events processed (for the benchmark). */
  events: number;
}
