/**
 * Discrete-event simulation of an Odoo deployment under a LoadPlan — for the transients that
 * steady-state formulas miss (how long an EDI burst's queue takes to drain, what it does to
 * scanner latency meanwhile, what a separate integration pool changes).
 *
 * The model (types.ts has the inputs):
 *
 *   arrivals (NHPP per journey, arrivals.ts)
 *        │ FCFS queue per pool: http | integration (when isolated) | cron
 *        ▼
 *   worker ── attempt: CPU phase (Odoo CPU + PostgreSQL CPU, processor sharing on `cores`)
 *        │            then off-CPU phase (worker time not on a CPU: I/O, locks, network)
 *        │   writer? serialization failure with p = 1 − (1 − c)^w  ──► sleep U(0, 2^try) s in the
 *        │                                                             worker, try again (≤ 5 tries)
 *        ▼
 *   done: latency = completion − arrival (from the intended start, no coordinated omission)
 *
 * Processor sharing: n jobs in their CPU phase each progress at min(1, cores/n), tracked with a
 * virtual clock V (dV/dt = min(1, cores/n)); a job with CPU demand d entering at V₀ leaves when
 * V = V₀ + d. With cores ≥ workers the CPU never slows a job and each pool is an M/G/c queue, which is
 * how the test checks the simulator against Erlang C.
 *
 * Pure and seeded (mulberry32 from src/engine/random.ts): the same config gives the same result.
 * Percentiles are nearest-rank: the ⌈p·n⌉-th smallest value.
 */
import { mulberry32 } from '../../src/engine/random.js';
import { arrivalTimes, isOpenModel } from './arrivals.js';
import { EventQueue } from './event-queue.js';
import { serviceFactor, type Uniform } from './sampling.js';
import type { JourneyDemand, JourneyResult, LatencySummary, PoolResult, SimulationConfig, SimulationResult } from './types.js';
import { mean as meanOf } from 'simple-statistics';

interface Job {
  journey: number;
  pool: Pool;
  arrivalS: number;
  startS: number;
  tryNo: number;
  offCpuS: number;
  writer: boolean;
}

interface Pool {
  name: string;
  workers: number;
  busy: number;
  queue: Job[];
  head: number;
  busyArea: number[];
  queueArea: number[];
  queueMax: number[];
  backlogStart: number;
  longestBacklog: number;
  longestBacklogStart: number;
}

type Event =
  | { kind: 'arrival'; scenario: number }
  | { kind: 'cpu'; generation: number }
  | { kind: 'offcpu-done'; job: Job }
  | { kind: 'sleep-done'; job: Job };

const DEFAULT_WINDOW_S = 60;
const DEFAULT_MAX_TRIES = 5;

/** Runs the simulation (see the file comment). */
export function simulate(config: SimulationConfig): SimulationResult {
  const { plan, deployment } = config;
  const uniform: Uniform = mulberry32(config.seed ?? plan.seed);
  const windowS = config.windowS ?? DEFAULT_WINDOW_S;
  const warmupS = config.warmupS ?? 0;
  const maxTries = config.contention?.maxTries ?? DEFAULT_MAX_TRIES;
  const conflict = config.contention?.conflictPerWriter ?? 0;
  const cores = deployment.cores;
  const windows = Math.max(1, Math.ceil(plan.durationS / windowS) + 1);

  const newPool = (name: string, workers: number): Pool => ({
    name,
    workers,
    busy: 0,
    queue: [],
    head: 0,
    busyArea: [],
    queueArea: [],
    queueMax: [],
    backlogStart: -1,
    longestBacklog: 0,
    longestBacklogStart: 0,
  });
  const http = newPool('http', deployment.httpWorkers);
  const isolated = (deployment.integrationWorkers ?? 0) > 0;
  const integration = isolated ? newPool('integration', deployment.integrationWorkers ?? 0) : undefined;
  const cron = newPool('cron', deployment.cronWorkers ?? 1);
  const pools = [http, ...(integration ? [integration] : []), cron];

  const journeyNames = plan.scenarios.map((s) => s.journey);
  const demands: JourneyDemand[] = journeyNames.map((name) => {
    const demand = config.demands[name];
    if (demand === undefined) throw new Error(`simulate: no service demand for journey ${name}`);
    return demand;
  });
  const poolOf = (d: JourneyDemand): Pool => (d.cron ? cron : d.integration && integration ? integration : http);
  const latencies: number[][] = journeyNames.map(() => []);
  const arrivalsAt: number[][] = journeyNames.map(() => []);
  const waits = journeyNames.map(() => ({ total: 0, waited: 0, count: 0 }));
  const failed = journeyNames.map(() => 0);
  const retries = journeyNames.map(() => 0);

  const events = new EventQueue<Event>();
  const generators = plan.scenarios.map((s) => arrivalTimes(s, uniform, config.scale ?? 1));
  const nextArrival = (scenario: number): void => {
    const next = generators[scenario]?.next();
    if (next !== undefined && !next.done) events.push(next.value, { kind: 'arrival', scenario });
  };
  generators.forEach((_, i) => nextArrival(i));

  // --- time-weighted statistics --------------------------------------------------------------
  let lastT = 0;
  let cpuBusyArea = 0;
  const cpuJobs = new EventQueue<Job>(); // keyed by finishing virtual time
  let virtual = 0;
  let lastCpuT = 0;
  let cpuGeneration = 0;
  const cpuRate = (): number => (cpuJobs.size <= cores ? 1 : cores / cpuJobs.size);

  const advance = (t: number): void => {
    if (t <= lastT) return;
    const from = Math.max(lastT, warmupS);
    if (t > from) {
      cpuBusyArea += Math.min(cpuJobs.size, cores) * (t - from);
      for (const pool of pools) addArea(pool, from, t, windowS);
    }
    lastT = t;
  };

  // --- processor sharing ---------------------------------------------------------------------
  const advanceCpu = (t: number): void => {
    virtual += cpuRate() * (t - lastCpuT);
    lastCpuT = t;
  };
  const rescheduleCpu = (t: number): void => {
    cpuGeneration++;
    const top = cpuJobs.peek();
    if (top !== undefined) events.push(t + Math.max(0, top.t - virtual) / cpuRate(), { kind: 'cpu', generation: cpuGeneration });
  };

  let writersInService = 0;
  const startAttempt = (job: Job, t: number): void => {
    const demand = demands[job.journey] as JourneyDemand;
    const factor = serviceFactor(uniform, demand.scv ?? 1);
    const cpuS = factor * (demand.cpuS + demand.dbS);
    job.offCpuS = factor * Math.max(0, demand.workerS - demand.cpuS - demand.dbS);
    if (job.writer) writersInService++;
    advanceCpu(t);
    cpuJobs.push(virtual + cpuS, job);
    rescheduleCpu(t);
  };
  const startJob = (job: Job, t: number): void => {
    job.pool.busy++;
    job.startS = t;
    startAttempt(job, t);
  };
  const release = (pool: Pool, t: number): void => {
    pool.busy--;
    if (pool.head < pool.queue.length) {
      const next = pool.queue[pool.head] as Job;
      pool.queue[pool.head] = undefined as unknown as Job;
      pool.head++;
      if (pool.head > 1024 && pool.head * 2 > pool.queue.length) {
        pool.queue = pool.queue.slice(pool.head);
        pool.head = 0;
      }
      noteBacklog(pool, t);
      startJob(next, t);
    }
  };
  const finishAttempt = (job: Job, t: number): void => {
    if (job.writer) writersInService--;
    if (job.writer && conflict > 0) {
      const others = writersInService; // other writing attempts in service at this commit
      const pFail = 1 - Math.pow(1 - conflict, others);
      if (uniform() < pFail) {
        if (job.tryNo < maxTries) {
          if (job.arrivalS >= warmupS) retries[job.journey] = (retries[job.journey] ?? 0) + 1;
          const sleep = uniform() * 2 ** job.tryNo;
          job.tryNo++;
          events.push(t + sleep, { kind: 'sleep-done', job });
          return;
        }
        if (job.arrivalS >= warmupS) failed[job.journey] = (failed[job.journey] ?? 0) + 1;
        complete(job, t);
        return;
      }
    }
    complete(job, t);
  };
  const complete = (job: Job, t: number): void => {
    if (job.arrivalS >= warmupS) {
      latencies[job.journey]?.push((t - job.arrivalS) * 1000);
      arrivalsAt[job.journey]?.push(job.arrivalS);
      const w = waits[job.journey];
      if (w !== undefined) {
        const wait = job.startS - job.arrivalS;
        w.total += wait;
        w.count++;
        if (wait > 0) w.waited++;
      }
    }
    release(job.pool, t);
  };

  // --- the event loop ------------------------------------------------------------------------
  let processed = 0;
  for (let event = events.pop(); event !== undefined; event = events.pop()) {
    processed++;
    const t = event.t;
    advance(t);
    const item = event.item;
    switch (item.kind) {
      case 'arrival': {
        const journey = item.scenario;
        const demand = demands[journey] as JourneyDemand;
        const pool = poolOf(demand);
        const job: Job = { journey, pool, arrivalS: t, startS: t, tryNo: 1, offCpuS: 0, writer: demand.writes === true };
        if (pool.busy < pool.workers) startJob(job, t);
        else {
          pool.queue.push(job);
          noteBacklog(pool, t);
        }
        nextArrival(journey);
        break;
      }
      case 'cpu': {
        if (item.generation !== cpuGeneration) break;
        advanceCpu(t);
        const done: Job[] = [];
        for (let top = cpuJobs.peek(); top !== undefined && top.t <= virtual + 1e-12; top = cpuJobs.peek()) {
          cpuJobs.pop();
          done.push(top.item);
        }
        rescheduleCpu(t);
        for (const job of done) {
          if (job.offCpuS > 0) events.push(t + job.offCpuS, { kind: 'offcpu-done', job });
          else finishAttempt(job, t);
        }
        break;
      }
      case 'offcpu-done':
        finishAttempt(item.job, t);
        break;
      case 'sleep-done':
        startAttempt(item.job, t);
        break;
    }
  }

  const endS = Math.max(plan.durationS, lastT);
  const countedS = Math.max(1e-9, endS - warmupS);
  const notes = plan.scenarios
    .filter((s) => !isOpenModel(s))
    .map((s) => `scenario ${s.name ?? s.journey} (${s.executor}) is a closed model and was not simulated; the simulator drives arrival-rate scenarios only`);
  return {
    durationS: endS,
    notes,
    journeys: journeyNames.map((journey, i) => journeyResult(journey, poolOf(demands[i] as JourneyDemand).name, latencies[i] ?? [], arrivalsAt[i] ?? [], waits[i], failed[i] ?? 0, retries[i] ?? 0, windowS, windows)),
    pools: pools.map((pool) => poolResult(pool, countedS, windowS)),
    cpu: { cores, utilization: Number.isFinite(cores) ? cpuBusyArea / (cores * countedS) : 0 },
    events: processed,
  };
}

/** Adds busy-worker and queue-length area over [from, to) to the pool's windows. */
function addArea(pool: Pool, from: number, to: number, windowS: number): void {
  const queued = pool.queue.length - pool.head;
  let t = from;
  while (t < to) {
    const w = Math.floor(t / windowS);
    const end = Math.min(to, (w + 1) * windowS);
    pool.busyArea[w] = (pool.busyArea[w] ?? 0) + pool.busy * (end - t);
    pool.queueArea[w] = (pool.queueArea[w] ?? 0) + queued * (end - t);
    pool.queueMax[w] = Math.max(pool.queueMax[w] ?? 0, queued);
    t = end;
  }
}

/** Tracks stretches with a non-empty queue (called after the queue changed). */
function noteBacklog(pool: Pool, t: number): void {
  const queued = pool.queue.length - pool.head;
  if (queued > 0 && pool.backlogStart < 0) pool.backlogStart = t;
  if (queued === 0 && pool.backlogStart >= 0) {
    const length = t - pool.backlogStart;
    if (length > pool.longestBacklog) {
      pool.longestBacklog = length;
      pool.longestBacklogStart = pool.backlogStart;
    }
    pool.backlogStart = -1;
  }
}

/** Nearest-rank percentile of an ascending array. */
/** Nearest-rank percentile (the ⌈p·N⌉-th smallest), as HdrHistogram reports them — not simple-statistics' `quantileSorted`, which averages at integer ranks. */
function nearestRank(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;
}

export function summarizeLatencies(values: readonly number[]): LatencySummary {
  const sorted = Float64Array.from(values).sort();
  const arr = Array.from(sorted);
  const mean = arr.length === 0 ? 0 : meanOf(arr);
  return {
    count: arr.length,
    meanMs: mean,
    p50Ms: nearestRank(arr, 0.5),
    p95Ms: nearestRank(arr, 0.95),
    p99Ms: nearestRank(arr, 0.99),
    maxMs: arr.length === 0 ? 0 : (arr[arr.length - 1] ?? 0),
  };
}

function journeyResult(
  journey: string,
  pool: string,
  latencies: number[],
  arrivals: number[],
  wait: { total: number; waited: number; count: number } | undefined,
  failed: number,
  retries: number,
  windowS: number,
  windows: number,
): JourneyResult {
  const byWindow: number[][] = [];
  arrivals.forEach((t, i) => {
    const w = Math.floor(t / windowS);
    (byWindow[w] ??= []).push(latencies[i] ?? 0);
  });
  const timeline: JourneyResult['timeline'] = [];
  for (let w = 0; w < Math.max(windows, byWindow.length); w++) {
    const values = byWindow[w];
    if (values === undefined) continue;
    const s = summarizeLatencies(values);
    timeline.push({ t: w * windowS, count: s.count, p50Ms: s.p50Ms, p95Ms: s.p95Ms, p99Ms: s.p99Ms });
  }
  return {
    journey,
    pool,
    ...summarizeLatencies(latencies),
    failed,
    retries,
    meanWaitS: wait && wait.count > 0 ? wait.total / wait.count : 0,
    waitedShare: wait && wait.count > 0 ? wait.waited / wait.count : 0,
    timeline,
  };
}

function poolResult(pool: Pool, countedS: number, windowS: number): PoolResult {
  const busy = pool.busyArea.reduce((a, b) => a + (b ?? 0), 0);
  const queue = pool.queueArea.reduce((a, b) => a + (b ?? 0), 0);
  const timeline: PoolResult['timeline'] = [];
  for (let w = 0; w < pool.busyArea.length; w++) {
    if (pool.busyArea[w] === undefined) continue;
    timeline.push({ t: w * windowS, meanQueue: (pool.queueArea[w] ?? 0) / windowS, maxQueue: pool.queueMax[w] ?? 0, meanBusy: (pool.busyArea[w] ?? 0) / windowS });
  }
  return {
    pool: pool.name,
    workers: pool.workers,
    utilization: pool.workers > 0 ? busy / (pool.workers * countedS) : 0,
    maxQueue: pool.queueMax.reduce((a, b) => Math.max(a, b ?? 0), 0),
    meanQueue: queue / countedS,
    longestBacklogS: pool.longestBacklog,
    longestBacklogStartS: pool.longestBacklogStart,
    timeline,
  };
}
