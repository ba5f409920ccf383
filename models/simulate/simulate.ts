/**
 * Discrete-event simulation of an Odoo deployment under a LoadPlan — for the transients that
 * steady-state formulas miss (how long an EDI burst's queue takes to drain, what it does to
 * scanner latency meanwhile, what a separate integration pool changes) and for what the tested
 * server would have done with another worker count.
 *
 * The model (types.ts has the inputs):
 *
 *   iterations: open model (NHPP per arrival-rate scenario, arrivals.ts) or closed model (VUs that
 *        │      loop: iteration, think time, next iteration — the scanners and receivers)
 *        ▼
 *   an iteration is K RPC calls in sequence, separated by the client's gap; each call is a request:
 *        │ FCFS queue per pool: http | integration (when isolated) | cron
 *        ▼
 *   worker ── attempt: CPU phase (Odoo's Python + PostgreSQL's SQL, processor sharing on the cores
 *        │            left after the background load), then off-CPU phase (I/O, locks, network)
 *        │   writer? serialization failure (p = 1 − (1 − c)^w, or α·N as measured)  ──► sleep
 *        │            U(0, 2^try) s holding the worker but no core, try again (≤ 5 tries)
 *        ▼
 *   call done: the worker is free; the next call leaves the client after the gap
 *   iteration done: latency = last call's end − arrival (from the intended start: no coordinated omission)
 *
 * Why calls, not iterations: Odoo's workers serve one request at a time, so an order flow of eight
 * calls queues eight times for a worker, and under processor sharing a 10 ms search is not held
 * behind a 700 ms confirm. With 2 workers on 2 cores the flow pays the worker queue per call; with
 * 4 workers on the same cores it pays CPU sharing instead — which is why real Odoo gets faster
 * from 2 to 4 workers on 2 cores, and no faster beyond (docs/MODEL.md).
 *
 * Processor sharing: n jobs in their CPU phase each progress at min(1, C/n), C = cores − background,
 * tracked with a virtual clock V (dV/dt = min(1, C/n)); a job with CPU demand d entering at V₀ leaves
 * when V = V₀ + d. With cores ≥ workers the CPU never slows a job and each pool is an M/G/c queue,
 * which is how the test checks the simulator against Erlang C.
 *
 * Pure and seeded (mulberry32 from src/plan/random.ts), with common random numbers: every
 * iteration draws its calls, gaps and back-offs from its own stream (seed, scenario, index), so two
 * deployments compared under the same plan see the same work. Percentiles are nearest-rank.
 */
import { mixSeed, mulberry32 } from '../../src/plan/random.js';
import { executorOf } from '../../src/plan/executors/index.js';
import { levelCurve } from '../../src/plan/shape.js';
import type { AnyPlanScenario } from '../../src/plan/plan.js';
import { arrivalTimes, isOpenModel, scheduledArrivals } from './arrivals.js';
import { EventQueue } from './event-queue.js';
import { serviceFactor, type Uniform } from './sampling.js';
import type { CallCost, JourneyDemand, JourneyResult, LatencySummary, PoolResult, SimulationConfig, SimulationResult } from './types.js';
import { mean as meanOf } from 'simple-statistics';

/** One iteration of a journey: K calls in sequence. */
interface Iteration {
  scenario: number;
  arrivalS: number;
  /** The calls still to send, in order. */
  calls: CallCost[];
  next: number;
  uniform: Uniform;
  /** Seconds queued for a worker, over its calls. */
  waitS: number;
  waited: boolean;
  /** The closed-model user that runs it, if any. */
  user?: User;
}

/** One call (request) of an iteration, while it holds or waits for a worker. */
interface Call {
  iteration: Iteration;
  pool: Pool;
  queuedS: number;
  tryNo: number;
  cpuS: number;
  offCpuS: number;
  writer: boolean;
}

interface User {
  scenario: number;
  index: number;
  /** Plan second after which the user starts no new iteration. */
  stopS: number;
  iterations: number;
}

interface Pool {
  name: string;
  workers: number;
  busy: number;
  queue: Call[];
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
  | { kind: 'user-start'; user: User }
  | { kind: 'next-call'; iteration: Iteration }
  | { kind: 'cpu'; generation: number }
  | { kind: 'offcpu-done'; call: Call }
  | { kind: 'sleep-done'; call: Call };

const DEFAULT_WINDOW_S = 60;
const DEFAULT_MAX_TRIES = 5;
/** A serialization failure is never certain: Odoo's retries would not end otherwise. */
const MAX_FAILURE_PROBABILITY = 0.9;
/** The requests always get at least this much of a core (a background above the cores is a measurement error, not a stopped server). */
const MIN_EFFECTIVE_CORES = 0.05;

/** Per-journey accumulators over every replication. */
interface JourneyAcc {
  latencies: number[];
  arrivals: number[];
  waitTotal: number;
  waited: number;
  count: number;
  failed: number;
  retries: number;
  dropped: number;
}

/** Runs the simulation (see the file comment). */
export function simulate(config: SimulationConfig): SimulationResult {
  const { plan, deployment } = config;
  const seed = config.seed ?? plan.seed;
  const windowS = config.windowS ?? DEFAULT_WINDOW_S;
  const warmupS = config.warmupS ?? 0;
  const replications = Math.max(1, Math.floor(config.replications ?? 1));
  const journeyNames = plan.scenarios.map((s) => s.journey);
  const demands: JourneyDemand[] = journeyNames.map((name) => {
    const demand = config.demands[name];
    if (demand === undefined) throw new Error(`simulate: no service demand for journey ${name}`);
    return demand;
  });
  const accs: JourneyAcc[] = journeyNames.map(() => ({ latencies: [], arrivals: [], waitTotal: 0, waited: 0, count: 0, failed: 0, retries: 0, dropped: 0 }));
  const pools = newPools(deployment);
  let cpuBusyArea = 0;
  let endS = plan.durationS;
  let processed = 0;
  for (let rep = 0; rep < replications; rep++) {
    for (const pool of pools) resetPool(pool);
    const once = replicate(config, demands, pools, accs, replications === 1 ? seed : mixSeed(seed, rep), warmupS, windowS);
    cpuBusyArea += once.cpuBusyArea;
    endS = Math.max(endS, once.endS);
    processed += once.events;
  }
  const countedS = Math.max(1e-9, endS - warmupS) * replications;
  const effectiveCores = effectiveCoresOf(deployment);
  const notes = (deployment.backgroundCores ?? 0) > 0 ? [`${round2(deployment.backgroundCores ?? 0)} of ${deployment.cores} cores taken by load outside the simulated requests`] : [];
  const poolOfJourney = (i: number): string => poolFor(demands[i] as JourneyDemand, pools).name;
  return {
    durationS: endS,
    notes,
    journeys: journeyNames.map((journey, i) => journeyResult(journey, poolOfJourney(i), accs[i] as JourneyAcc, windowS, replications)),
    pools: pools.map((pool) => poolResult(pool, countedS, windowS, replications)),
    cpu: { cores: deployment.cores, utilization: Number.isFinite(effectiveCores) ? cpuBusyArea / (deployment.cores * countedS) : 0 },
    events: processed,
  };
}

function newPool(name: string, workers: number): Pool {
  return { name, workers, busy: 0, queue: [], head: 0, busyArea: [], queueArea: [], queueMax: [], backlogStart: -1, longestBacklog: 0, longestBacklogStart: 0 };
}

function newPools(deployment: SimulationConfig['deployment']): Pool[] {
  const integration = (deployment.integrationWorkers ?? 0) > 0 ? [newPool('integration', deployment.integrationWorkers ?? 0)] : [];
  return [newPool('http', deployment.httpWorkers), ...integration, newPool('cron', deployment.cronWorkers ?? 1)];
}

/** A new replication keeps the areas (they accumulate) and forgets the state. */
function resetPool(pool: Pool): void {
  pool.busy = 0;
  pool.queue = [];
  pool.head = 0;
  pool.backlogStart = -1;
}

function poolFor(demand: JourneyDemand, pools: readonly Pool[]): Pool {
  const named = (name: string): Pool | undefined => pools.find((p) => p.name === name);
  if (demand.cron) return named('cron') as Pool;
  if (demand.integration) return named('integration') ?? (named('http') as Pool);
  return named('http') as Pool;
}

function effectiveCoresOf(deployment: SimulationConfig['deployment']): number {
  return Math.max(MIN_EFFECTIVE_CORES, deployment.cores - (deployment.backgroundCores ?? 0));
}

/** ⌊m⌋ or ⌈m⌉ with mean m. */
function drawCount(mean: number, uniform: Uniform): number {
  const whole = Math.floor(mean);
  return whole + (uniform() < mean - whole ? 1 : 0);
}

/**
 * The calls of one iteration, drawn when it arrives (common random numbers): per measured call kind,
 * its count and each call's cost; else K̄ calls each costing the iteration's demand / K̄.
 */
function drawIterationCalls(demand: JourneyDemand, uniform: Uniform): CallCost[] {
  if (demand.calls !== undefined && demand.calls.length > 0) {
    const calls: CallCost[] = [];
    for (const kind of demand.calls) {
      const n = drawCount(kind.perIteration, uniform);
      for (let i = 0; i < n && kind.costs.length > 0; i++) {
        const c = kind.costs[Math.min(kind.costs.length - 1, Math.floor(uniform() * kind.costs.length))] as CallCost;
        calls.push({ cpuS: c.cpuS, offCpuS: c.offCpuS });
      }
    }
    if (calls.length > 0) return calls;
  }
  const k = Math.max(1, demand.callsPerIteration ?? 1);
  return Array.from({ length: Math.max(1, drawCount(k, uniform)) }, () => {
    const factor = serviceFactor(uniform, demand.scv ?? 1);
    return { cpuS: (factor * (demand.cpuS + demand.dbS)) / k, offCpuS: (factor * Math.max(0, demand.workerS - demand.cpuS - demand.dbS)) / k };
  });
}

/** One replication of the plan; adds to the pools' areas and the journeys' accumulators. */
function replicate(
  config: SimulationConfig,
  demands: readonly JourneyDemand[],
  pools: Pool[],
  accs: JourneyAcc[],
  seed: number,
  warmupS: number,
  windowS: number,
): { cpuBusyArea: number; endS: number; events: number } {
  return new Replication(config, demands, pools, accs, seed, warmupS, windowS).run();
}

/**
 * The state of one replication and its event handlers:
 *
 *   arrivals (open model) and users (closed model) ──► calls queue at their pool's workers
 *   ──► an attempt on the CPU (processor sharing over the cores) ──► its off-CPU time
 *   ──► a writer may fail and retry after a back-off ──► the next call, or the iteration ends
 */
class Replication {
  private readonly events = new EventQueue<Event>();
  private readonly iterationCounts: number[];
  private readonly generators: Array<Generator<number> | undefined>;
  private readonly inFlight: number[];
  /** Per scenario: most iterations in flight before an arrival is dropped (a replay's maxVUs), and a user's think time. */
  private readonly caps: number[];
  private readonly thinkTimesS: number[];
  private readonly maxTries: number;
  private readonly conflict: number;
  private readonly alpha: number;
  private readonly cores: number;
  // time-weighted statistics
  private lastT = 0;
  private cpuBusyArea = 0;
  // processor sharing: jobs keyed by their finishing virtual time
  private readonly cpuJobs = new EventQueue<Call>();
  private virtual = 0;
  private lastCpuT = 0;
  private cpuGeneration = 0;
  private writersInService = 0;

  constructor(
    private readonly config: SimulationConfig,
    private readonly demands: readonly JourneyDemand[],
    private readonly pools: Pool[],
    private readonly accs: JourneyAcc[],
    private readonly seed: number,
    private readonly warmupS: number,
    private readonly windowS: number,
  ) {
    const { plan } = config;
    this.maxTries = config.contention?.maxTries ?? DEFAULT_MAX_TRIES;
    this.conflict = config.contention?.conflictPerWriter ?? 0;
    this.alpha = config.contention?.retriesPerConcurrency ?? 0;
    this.cores = effectiveCoresOf(config.deployment);
    this.iterationCounts = plan.scenarios.map(() => 0);
    this.inFlight = plan.scenarios.map(() => 0);
    const executors = plan.scenarios.map((s) => executorOf(s));
    this.caps = executors.map((e) => (config.arrivals === 'scheduled' && e.model === 'open' ? e.requirements().maxVUs : Infinity));
    this.thinkTimesS = executors.map((e) => e.thinkTimeS());
    const scale = config.scale ?? 1;
    // arrivals: open-model scenarios
    this.generators = plan.scenarios.map((s, i) => {
      if (!isOpenModel(s)) return undefined;
      return config.arrivals === 'scheduled' ? scheduledArrivals(s, scale) : arrivalTimes(s, mulberry32(mixSeed(seed, i, -1)), scale);
    });
    this.generators.forEach((_, i) => this.nextArrival(i));
    // closed-model users
    plan.scenarios.forEach((s, i) => {
      if (isOpenModel(s)) return;
      for (const user of closedUsers(s, i, scale)) this.events.push(user.startS, { kind: 'user-start', user: user.user });
    });
  }

  /** The event loop. */
  run(): { cpuBusyArea: number; endS: number; events: number } {
    let processed = 0;
    for (let event = this.events.pop(); event !== undefined; event = this.events.pop()) {
      processed++;
      this.advance(event.t);
      this.handle(event.item, event.t);
    }
    return { cpuBusyArea: this.cpuBusyArea, endS: Math.max(this.config.plan.durationS, this.lastT), events: processed };
  }

  private handle(item: Event, t: number): void {
    switch (item.kind) {
      case 'arrival':
        this.onArrival(item.scenario, t);
        break;
      case 'user-start':
        item.user.iterations++;
        this.issueCall(this.newIteration(item.user.scenario, t, item.user), t);
        break;
      case 'next-call':
        this.issueCall(item.iteration, t);
        break;
      case 'cpu':
        if (item.generation === this.cpuGeneration) this.onCpu(t);
        break;
      case 'offcpu-done':
        this.finishAttempt(item.call, t);
        break;
      case 'sleep-done':
        this.startAttempt(item.call, t);
        break;
    }
  }

  private nextArrival(scenario: number): void {
    const next = this.generators[scenario]?.next();
    if (next !== undefined && !next.done) this.events.push(next.value, { kind: 'arrival', scenario });
  }

  private newIteration(scenario: number, t: number, user?: User): Iteration {
    const index = this.iterationCounts[scenario] ?? 0;
    this.iterationCounts[scenario] = index + 1;
    const uniform = mulberry32(mixSeed(this.seed, scenario, index));
    const demand = this.demands[scenario] as JourneyDemand;
    return { scenario, arrivalS: t, calls: drawIterationCalls(demand, uniform), next: 0, uniform, waitS: 0, waited: false, ...(user ? { user } : {}) };
  }

  /**
   * The load generator's arrival-rate executors drop an iteration when all of the scenario's
   * maxVUs are busy (k6 and the embedded engine): a replay of a test drops it too.
   */
  private onArrival(scenario: number, t: number): void {
    if ((this.inFlight[scenario] ?? 0) >= (this.caps[scenario] ?? Infinity)) {
      if (t >= this.warmupS) (this.accs[scenario] as JourneyAcc).dropped++;
    } else {
      this.inFlight[scenario] = (this.inFlight[scenario] ?? 0) + 1;
      this.issueCall(this.newIteration(scenario, t), t);
    }
    this.nextArrival(scenario);
  }

  /** Time-weighted statistics up to `t`: CPU busy area, the pools' areas (after the warm-up). */
  private advance(t: number): void {
    if (t <= this.lastT) return;
    const from = Math.max(this.lastT, this.warmupS);
    if (t > from) {
      this.cpuBusyArea += Math.min(this.cpuJobs.size, this.cores) * (t - from);
      for (const pool of this.pools) addArea(pool, from, t, this.windowS);
    }
    this.lastT = t;
  }

  // --- processor sharing ---------------------------------------------------------------------
  private cpuRate(): number {
    return this.cpuJobs.size <= this.cores ? 1 : this.cores / this.cpuJobs.size;
  }

  private advanceCpu(t: number): void {
    this.virtual += this.cpuRate() * (t - this.lastCpuT);
    this.lastCpuT = t;
  }

  private rescheduleCpu(t: number): void {
    this.cpuGeneration++;
    const top = this.cpuJobs.peek();
    if (top !== undefined) this.events.push(t + Math.max(0, top.t - this.virtual) / this.cpuRate(), { kind: 'cpu', generation: this.cpuGeneration });
  }

  private onCpu(t: number): void {
    this.advanceCpu(t);
    const done: Call[] = [];
    // A relative tolerance: over a day of plan time the virtual clock's rounding exceeds any fixed
    // epsilon, and a job left a rounding error short of done would be rescheduled at the same instant forever.
    const tolerance = 1e-9 * Math.max(1, Math.abs(this.virtual));
    for (let top = this.cpuJobs.peek(); top !== undefined && top.t <= this.virtual + tolerance; top = this.cpuJobs.peek()) {
      this.cpuJobs.pop();
      done.push(top.item);
    }
    this.rescheduleCpu(t);
    for (const call of done) {
      if (call.offCpuS > 0) this.events.push(t + call.offCpuS, { kind: 'offcpu-done', call });
      else this.finishAttempt(call, t);
    }
  }

  // --- calls ---------------------------------------------------------------------------------
  private startAttempt(call: Call, t: number): void {
    if (call.writer) this.writersInService++;
    this.advanceCpu(t);
    this.cpuJobs.push(this.virtual + call.cpuS, call);
    this.rescheduleCpu(t);
  }

  private startCall(call: Call, t: number): void {
    call.pool.busy++;
    const wait = t - call.queuedS;
    call.iteration.waitS += wait;
    if (wait > 0) call.iteration.waited = true;
    this.startAttempt(call, t);
  }

  private issueCall(iteration: Iteration, t: number): void {
    const demand = this.demands[iteration.scenario] as JourneyDemand;
    const pool = poolFor(demand, this.pools);
    const cost = iteration.calls[iteration.next++] as CallCost;
    const call: Call = { iteration, pool, queuedS: t, tryNo: 1, cpuS: cost.cpuS, offCpuS: cost.offCpuS, writer: demand.writes === true };
    if (pool.busy < pool.workers) this.startCall(call, t);
    else {
      pool.queue.push(call);
      noteBacklog(pool, t);
    }
  }

  /** A worker is free: the next queued call takes it. */
  private release(pool: Pool, t: number): void {
    pool.busy--;
    if (pool.head < pool.queue.length) {
      const next = pool.queue[pool.head] as Call;
      pool.queue[pool.head] = undefined as unknown as Call;
      pool.head++;
      if (pool.head > 1024 && pool.head * 2 > pool.queue.length) {
        pool.queue = pool.queue.slice(pool.head);
        pool.head = 0;
      }
      noteBacklog(pool, t);
      this.startCall(next, t);
    }
  }

  private counted(iteration: Iteration): boolean {
    return iteration.arrivalS >= this.warmupS;
  }

  private failureProbability(): number {
    if (this.alpha > 0) return Math.min(MAX_FAILURE_PROBABILITY, this.alpha * this.pools.reduce((n, p) => n + p.busy, 0));
    if (this.conflict > 0) return 1 - Math.pow(1 - this.conflict, this.writersInService); // the other writing attempts in service at this commit
    return 0;
  }

  /** An attempt's end: a writer may fail and sleep before retrying (Odoo's back-off), or give up. */
  private finishAttempt(call: Call, t: number): void {
    if (call.writer) this.writersInService--;
    const acc = this.accs[call.iteration.scenario] as JourneyAcc;
    if (call.writer && call.iteration.uniform() < this.failureProbability()) {
      if (call.tryNo < this.maxTries) {
        if (this.counted(call.iteration)) acc.retries++;
        const sleep = call.iteration.uniform() * 2 ** call.tryNo;
        call.tryNo++;
        this.events.push(t + sleep, { kind: 'sleep-done', call });
        return;
      }
      if (this.counted(call.iteration)) acc.failed++;
      call.iteration.next = call.iteration.calls.length; // the client sees the error and abandons the iteration
    }
    this.finishCall(call, t);
  }

  /** A call's end: the iteration's next call, or its end (recorded), and a user's next iteration after its think time. */
  private finishCall(call: Call, t: number): void {
    this.release(call.pool, t);
    const iteration = call.iteration;
    if (iteration.next < iteration.calls.length) {
      const demand = this.demands[iteration.scenario] as JourneyDemand;
      this.events.push(t + (demand.clientGapS ?? 0), { kind: 'next-call', iteration });
      return;
    }
    if (iteration.user === undefined) this.inFlight[iteration.scenario] = (this.inFlight[iteration.scenario] ?? 1) - 1;
    if (this.counted(iteration)) {
      const acc = this.accs[iteration.scenario] as JourneyAcc;
      acc.latencies.push((t - iteration.arrivalS) * 1000);
      acc.arrivals.push(iteration.arrivalS);
      acc.waitTotal += iteration.waitS;
      acc.count++;
      if (iteration.waited) acc.waited++;
    }
    const user = iteration.user;
    if (user !== undefined) {
      const next = t + (this.thinkTimesS[user.scenario] ?? 0);
      if (next < user.stopS) this.events.push(next, { kind: 'user-start', user });
    }
  }
}

/**
 * The users of a closed-model scenario: user i exists while the VU level is above i (k6 starts VUs
 * in index order and stops the highest first); it starts when the level first exceeds i and starts
 * no new iteration once the level falls to i or the scenario ends. The level is piecewise linear, so
 * each crossing of i is solved on its stage.
 */
function closedUsers(scenario: AnyPlanScenario, scenarioIndex: number, scale: number): Array<{ startS: number; user: User }> {
  const curve = levelCurve(scenario);
  const points: Array<{ t: number; level: number }> = [{ t: 0, level: curve.start * scale }];
  let t = 0;
  for (const stage of curve.stages) {
    t += stage.durationS;
    points.push({ t, level: stage.target * scale });
  }
  const endS = t;
  const maxLevel = Math.ceil(Math.max(...points.map((p) => p.level)) - 1e-9);
  const users: Array<{ startS: number; user: User }> = [];
  for (let i = 0; i < maxLevel; i++) {
    let startS = (points[0]?.level ?? 0) > i ? 0 : -1;
    for (let k = 1; k < points.length; k++) {
      const a = points[k - 1] as { t: number; level: number };
      const b = points[k] as { t: number; level: number };
      const crossing = b.level === a.level ? a.t : a.t + ((i - a.level) * (b.t - a.t)) / (b.level - a.level);
      if (startS < 0 && b.level > i) startS = a.level > i ? a.t : crossing;
      else if (startS >= 0 && b.level <= i) {
        const stopS = a.level <= i ? a.t : crossing;
        if (stopS > startS) users.push({ startS, user: { scenario: scenarioIndex, index: i, stopS, iterations: 0 } });
        startS = -1;
      }
    }
    if (startS >= 0 && startS < endS) users.push({ startS, user: { scenario: scenarioIndex, index: i, stopS: endS, iterations: 0 } });
  }
  return users;
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

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Per-journey figures; counts are per replication (means over the replications). */
function journeyResult(journey: string, pool: string, acc: JourneyAcc, windowS: number, replications: number): JourneyResult {
  const byWindow: number[][] = [];
  acc.arrivals.forEach((t, i) => {
    const w = Math.floor(t / windowS);
    (byWindow[w] ??= []).push(acc.latencies[i] ?? 0);
  });
  const timeline: JourneyResult['timeline'] = [];
  for (let w = 0; w < byWindow.length; w++) {
    const values = byWindow[w];
    if (values === undefined) continue;
    const s = summarizeLatencies(values);
    timeline.push({ t: w * windowS, count: Math.round(s.count / replications), p50Ms: s.p50Ms, p95Ms: s.p95Ms, p99Ms: s.p99Ms });
  }
  const summary = summarizeLatencies(acc.latencies);
  return {
    journey,
    pool,
    ...summary,
    count: Math.round(summary.count / replications),
    failed: Math.round(acc.failed / replications),
    retries: Math.round(acc.retries / replications),
    dropped: Math.round(acc.dropped / replications),
    meanWaitS: acc.count > 0 ? acc.waitTotal / acc.count : 0,
    waitedShare: acc.count > 0 ? acc.waited / acc.count : 0,
    timeline,
  };
}

function poolResult(pool: Pool, countedS: number, windowS: number, replications: number): PoolResult {
  const busy = pool.busyArea.reduce((a, b) => a + (b ?? 0), 0);
  const queue = pool.queueArea.reduce((a, b) => a + (b ?? 0), 0);
  const timeline: PoolResult['timeline'] = [];
  const spanS = windowS * replications;
  for (let w = 0; w < pool.busyArea.length; w++) {
    if (pool.busyArea[w] === undefined) continue;
    timeline.push({ t: w * windowS, meanQueue: (pool.queueArea[w] ?? 0) / spanS, maxQueue: pool.queueMax[w] ?? 0, meanBusy: (pool.busyArea[w] ?? 0) / spanS });
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
