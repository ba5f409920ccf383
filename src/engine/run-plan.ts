/**
 * runPlan: runs a LoadPlan with the embedded engine.
 *
 *   1. check    every scenario validated by its executor, every journey known (InputError)
 *   2. setup    per journey, one client logs in and runs `journey.setup` → ctx.shared
 *               (sequential: a wrong password fails once, never five times — Odoo then blocks the IP)
 *   3. VUs      pre-allocated VUs are created and logged in
 *   4. load     all scenarios run their executors from the same t = 0; a ticker closes each
 *               window, emits phase edges and progress
 *   5. stop     after the plan (plus graceful stop), on the caller's signal (`interrupted`) or on
 *               a refused login (`aborted`); open windows are flushed, clients closed
 *
 * Records go to `sink` only (RunWriter); the engine never prints.
 */
import type { Journey } from '../../scenarios/journeys/types.js';
import { InputError } from '../errors.js';
import type { OdooClient } from '../odoo/types.js';
import { RUN_FORMAT_VERSION, type RunEvent, type RunStatus } from '../run/records.js';
import { realClock, type Clock } from './clock.js';
import { errorKindOf, errorMessageOf } from './error-kind.js';
import { ErrorLog } from './error-log.js';
import { bindExecutor, type BoundExecutor, type ExecutorResult } from './executors/index.js';
import { createIterationRunner } from './iteration.js';
import type { LoadPlan } from '../plan/plan.js';
import { buildProgress, RunTotals, type Progress } from './progress.js';
import { fanOut, type RunSink, type Sample, type SampleSink } from './samples.js';
import { engineWarning, summarizeEngineHealth, type EngineHealthSummary } from '../run/engine-health.js';
import { SelfMonitor } from './self-monitor.js';
import { ThresholdTracker, thresholdsFromSlos, type Threshold, type ThresholdResult } from '../run/thresholds.js';
import { VuPool, type Vu } from './vu-pool.js';
import { WindowAggregator, type WindowSummary } from './windows.js';

export type { Progress } from './progress.js';

/** Which client is wanted: `vu` null for the setup client of a journey. */
export interface ClientRequest {
  vu: number | null;
  journey: string;
}

export interface RunPlanOptions {
  plan: LoadPlan;
  journeys: Record<string, Journey>;
  /** A new, not yet authenticated client (one per VU, one per journey setup). */
  createClient: (request: ClientRequest) => OdooClient;
  sink: RunSink;
  /** Default: the real clock. */
  clock?: Clock;
  /** Aborting it stops the run early with status `interrupted` (reason: the abort reason's text). */
  signal?: AbortSignal;
  /** Called once per window (every second) and once at the end. */
  onProgress?: (progress: Progress) => void;
  /** Every raw sample (optional per-request data; tests). */
  onSample?: (sample: Sample) => void;
  /** JourneyContext.tag: the run id, so cleanup finds the records the run created. Default `<profile>-<seed>`. */
  tag?: string;
  /** Window length, ms. Default 1000. */
  windowMs?: number;
  /** Error events per (journey, kind). Default 20. */
  errorEventLimit?: number;
  /** A window is closed this long after its end, so arrivals the engine got to a little late still land in it. Default 100 ms. */
  closeLagMs?: number;
  /**
   * Evaluated after every window on all windows so far (./thresholds.ts); an abortOnFail one that
   * fails ends the run `aborted`. Default: the plan's SLOs (`thresholdsFromSlos`).
   */
  thresholds?: Threshold[];
  /** Record the engine's own health per window (./self-monitor.ts). Default: on with the real clock only. */
  selfMonitor?: boolean;
  /**
   * Epoch ms at which the load starts, once setup and the VUs' logins are done: the segments of a
   * distributed run then share plan time 0 and their setups do not overlap anyone's load. Setup
   * that ends later starts the load at once, with a warning event.
   */
  startAt?: number;
  /** JourneyContext.serverMajor: the target's major version, so interactive journeys speak its web client. */
  serverMajor?: number;
}

export interface RunPlanResult {
  status: RunStatus;
  reason?: string;
  /** Iterations that ended, failed ones included. */
  iterations: number;
  /** Iterations that failed. */
  errors: number;
  dropped: number;
  scheduled: number;
  started: number;
  /** Iterations still running when the run stopped waiting for them. */
  abandoned: number;
  /** VUs created. */
  vus: number;
  /** Every threshold's final verdict (exit code 99 when one failed: `thresholdsFailure`). */
  thresholds: ThresholdResult[];
  /** Whether the load generator was the bottleneck; absent when self-monitoring was off. */
  engineHealth?: EngineHealthSummary;
}

export async function runPlan(o: RunPlanOptions): Promise<RunPlanResult> {
  const run = openRun(o);
  try {
    const shared = await setupJourneys(run);
    await createPools(run);
    if (run.stop.signal.aborted || !(await waitForStartAt(run))) return resultOf(run, []);
    return resultOf(run, await driveLoad(run, shared));
  } finally {
    await closeRun(run);
  }
}

/** What the steps of one run share: its options, clock, stop signal and running totals. */
interface Run {
  o: RunPlanOptions;
  clock: Clock;
  bound: BoundExecutor[];
  tracker: ThresholdTracker;
  monitor: SelfMonitor | undefined;
  windowMs: number;
  closeLagMs: number;
  /** Aborted when the run ends early, whatever the reason. */
  stop: AbortController;
  /** How the run ends: the first reason wins. */
  outcome: { status: RunStatus; reason: string } | undefined;
  end(status: RunStatus, reason: string): void;
  /** A login refused: the run aborts at once (Odoo blocks an IP after 5 failed logins). */
  accessDenied(journey: string, error: unknown): void;
  emit(event: RunEvent): void;
  totals: RunTotals;
  pools: VuPool[];
  onExternalAbort(): void;
}

/** 1. check, and the run's shared state. */
function openRun(o: RunPlanOptions): Run {
  const clock = o.clock ?? realClock;
  const run: Run = {
    o,
    clock,
    bound: checkPlan(o.plan, o.journeys),
    tracker: new ThresholdTracker(o.thresholds ?? thresholdsFromSlos(o.plan.slos ?? {})),
    monitor: (o.selfMonitor ?? clock === realClock) ? new SelfMonitor(clock.now()) : undefined,
    windowMs: o.windowMs ?? 1000,
    closeLagMs: o.closeLagMs ?? 100,
    stop: new AbortController(),
    outcome: undefined,
    end(status, reason) {
      run.outcome ??= { status, reason };
      run.stop.abort();
    },
    accessDenied: (journey, error) =>
      run.end(
        'aborted',
        `login refused (access_denied) for journey ${journey}: ${errorMessageOf(error)} — check the login and password; ` +
          'not retried, Odoo blocks an IP after 5 failed logins',
      ),
    emit: (event) => o.sink.event(event),
    totals: new RunTotals(),
    pools: [],
    onExternalAbort: () => run.end('interrupted', abortReasonText(o.signal?.reason)),
  };
  if (o.signal?.aborted) run.onExternalAbort();
  else o.signal?.addEventListener('abort', run.onExternalAbort, { once: true });
  return run;
}

async function closeRun(run: Run): Promise<void> {
  run.o.signal?.removeEventListener('abort', run.onExternalAbort);
  run.monitor?.stop();
  await Promise.all(run.pools.map((p) => p.closeAll()));
}

function resultOf(run: Run, results: ExecutorResult[]): RunPlanResult {
  const { outcome, totals, pools, monitor } = run;
  return {
    status: outcome?.status ?? 'completed',
    ...(outcome ? { reason: outcome.reason } : {}),
    iterations: totals.completed,
    errors: totals.failed,
    dropped: totals.dropped,
    scheduled: totals.scheduled,
    started: totals.started,
    abandoned: results.reduce((sum, r) => sum + r.abandoned, 0),
    vus: pools.reduce((sum, p) => sum + p.size, 0),
    thresholds: run.tracker.evaluate(),
    ...(monitor ? { engineHealth: summarizeEngineHealth(monitor.records) } : {}),
  };
}

/** A failed login or setup: an error event, then the run ends (aborted for a refused login, else failed). */
function failStart(run: Run, journey: string, step: string | null, error: unknown, what: string): void {
  const kind = errorKindOf(error);
  run.emit({ v: RUN_FORMAT_VERSION, type: 'error', t: run.clock.now(), journey, step, kind, message: step === null ? `authenticate: ${errorMessageOf(error)}` : errorMessageOf(error) });
  if (kind === 'access_denied') run.accessDenied(journey, error);
  else run.end('failed', `${what} failed (${kind}): ${errorMessageOf(error)}`);
}

/** 2. setup: per journey, one client logs in and runs `journey.setup`; what it returns is ctx.shared. */
async function setupJourneys(run: Run): Promise<Map<string, unknown>> {
  const shared = new Map<string, unknown>();
  for (const name of new Set(run.bound.map((b) => b.journey))) {
    if (run.stop.signal.aborted) break;
    const journey = run.o.journeys[name] as Journey;
    const client = run.o.createClient({ vu: null, journey: name });
    try {
      await client.authenticate();
      shared.set(name, journey.setup ? await journey.setup(client) : undefined);
    } catch (e) {
      failStart(run, name, 'setup', e, `setup of journey ${name}`);
    } finally {
      await client.close().catch(() => undefined);
    }
  }
  return shared;
}

/** 3. VUs: one pool per scenario, its pre-allocated VUs logged in. */
async function createPools(run: Run): Promise<void> {
  let nextVu = 0;
  for (const b of run.bound) {
    const pool = new VuPool(b.journey, b.requirements().maxVUs, (): Vu => {
      const id = nextVu++;
      return { id, client: run.o.createClient({ vu: id, journey: b.journey }), authenticated: false, iterations: 0 };
    });
    run.pools.push(pool);
    if (run.stop.signal.aborted) continue;
    await pool
      .preallocate(b.requirements().preAllocatedVUs, async (vu) => {
        await vu.client.authenticate();
        vu.authenticated = true;
      })
      .catch((e: unknown) => failStart(run, b.journey, null, e, `logging in the pre-allocated VUs of journey ${b.journey}`));
  }
}

/** `startAt`: wait for the shared start, or warn that setup ended after it. False when the run was stopped meanwhile. */
async function waitForStartAt(run: Run): Promise<boolean> {
  const { startAt } = run.o;
  if (startAt === undefined) return true;
  const lateMs = run.clock.now() - startAt;
  if (lateMs > 0) {
    run.emit({ v: RUN_FORMAT_VERSION, type: 'warning', t: run.clock.now(), source: 'engine', message: startLateMessage(lateMs) });
    return true;
  }
  await run.clock.sleepUntil(startAt, run.stop.signal);
  return !run.stop.signal.aborted;
}

/** Where the load's samples go while it runs: windows, error log, totals, self-monitor. */
interface LoadSinks {
  windows: WindowAggregator;
  errorLog: ErrorLog;
  samples: SampleSink;
  /** False once the run is over: samples of abandoned iterations that end later are ignored. */
  accepting: boolean;
  /** The last closed window, for progress. */
  last: WindowSummary | undefined;
}

function loadSinks(run: Run): LoadSinks {
  const { o } = run;
  const windows = new WindowAggregator(run.windowMs, (r) => {
    o.sink.window(r);
    run.tracker.addWindow(r);
  });
  const errorLog = new ErrorLog(run.emit, o.errorEventLimit ?? 20);
  const dropWarned = new Set<string>();
  const fan = run.monitor ? fanOut(windows, errorLog, run.totals, run.monitor) : fanOut(windows, errorLog, run.totals);
  const sinks: LoadSinks = {
    windows,
    errorLog,
    accepting: true,
    last: undefined,
    samples: {
      push(sample) {
        if (!sinks.accepting) return;
        fan.push(sample);
        o.onSample?.(sample);
        if (sample.type === 'arrival' && sample.dropped && !dropWarned.has(sample.journey)) {
          dropWarned.add(sample.journey);
          const max = run.pools.find((p) => p.journey === sample.journey)?.maxVUs;
          run.emit({
            v: RUN_FORMAT_VERSION,
            type: 'warning',
            t: sample.t,
            source: 'engine',
            message: `journey ${sample.journey}: all ${max} VUs busy, arrivals are being dropped — raise maxVUs or lower the rate`,
          });
        }
      },
    },
  };
  return sinks;
}

/** 4. load: every scenario's executor from the same t = 0, a ticker closing windows; then 5. stop. */
async function driveLoad(run: Run, shared: Map<string, unknown>): Promise<ExecutorResult[]> {
  const { o, clock } = run;
  const sinks = loadSinks(run);
  const startMs = clock.now();
  const phases = new PhaseEdges(o.plan, startMs, run.emit);
  const report = (now: number) => o.onProgress?.(progressAt(run, sinks, startMs, now));
  phases.emitUntil(startMs);
  const tickerStop = new AbortController();
  const ticker = tick(run, sinks, phases, startMs, report, tickerStop.signal);
  const results = await Promise.all(
    run.bound.map((b, i) => {
      const iterations = createIterationRunner({
        journey: o.journeys[b.journey] as Journey,
        shared: shared.get(b.journey),
        tag: o.tag ?? `${o.plan.profile}-${o.plan.seed}`,
        seed: o.plan.seed,
        scenarioIndex: i,
        clock,
        samples: sinks.samples,
        signal: run.stop.signal,
        onAccessDenied: (_vu, message) => run.accessDenied(b.journey, message),
        params: o.plan.scenarios[i]?.params,
        serverMajor: o.serverMajor,
      });
      return b.run({ clock, startMs, signal: run.stop.signal, pool: run.pools[i] as VuPool, iterations }, sinks.samples);
    }),
  );
  tickerStop.abort();
  await ticker;
  finishLoad(run, sinks, phases);
  report(clock.now());
  return results;
}

/** Progress at `now`: elapsed, target rate, the last window, VUs in flight. */
function progressAt(run: Run, sinks: LoadSinks, startMs: number, now: number): Progress {
  return buildProgress({
    elapsedS: (now - startMs) / 1000,
    durationS: run.o.plan.durationS,
    rateTarget: run.bound.reduce((sum, b) => sum + b.rateAt((now - startMs) / 1000), 0),
    windowMs: run.windowMs,
    last: sinks.last,
    inFlight: run.pools.reduce((sum, p) => sum + p.busy, 0),
    vus: run.pools.reduce((sum, p) => sum + p.size, 0),
    totals: run.totals,
  });
}

/** Once per window (plus the close lag): phase edges, the window closed, engine health, abortOnFail thresholds, progress. */
async function tick(run: Run, sinks: LoadSinks, phases: PhaseEdges, startMs: number, report: (now: number) => void, signal: AbortSignal): Promise<void> {
  const { clock, windowMs, closeLagMs } = run;
  let next = sinks.windows.windowOf(startMs) + windowMs + closeLagMs;
  for (;;) {
    await clock.sleepUntil(next, signal);
    if (signal.aborted) return;
    const now = clock.now();
    phases.emitUntil(now);
    sinks.last = sinks.windows.closeUntil(now - closeLagMs).at(-1) ?? sinks.last;
    if (run.monitor) run.o.sink.engine?.(run.monitor.sample(sinks.windows.windowOf(now - closeLagMs) - windowMs, now));
    const abort = run.tracker.abortReason((now - startMs) / 1000);
    if (abort !== undefined) run.end('aborted', abort);
    report(now);
    next = sinks.windows.windowOf(now - closeLagMs) + windowMs + closeLagMs;
  }
}

/** 5. stop: phases ended, every window flushed, the crossed thresholds and the engine's health said. */
function finishLoad(run: Run, sinks: LoadSinks, phases: PhaseEdges): void {
  const now = run.clock.now();
  phases.finish(now);
  sinks.accepting = false;
  sinks.last = sinks.windows.closeAll().at(-1) ?? sinks.last;
  sinks.errorLog.finish(now);
  const crossed = run.tracker.evaluate().filter((r) => !r.pass);
  if (crossed.length > 0) {
    run.emit({ v: RUN_FORMAT_VERSION, type: 'warning', t: now, source: 'thresholds', message: `thresholds crossed: ${crossed.map((r) => r.source).join(', ')}` });
  }
  if (run.monitor) {
    run.o.sink.engine?.(run.monitor.sample(sinks.windows.windowOf(now), now));
    const health = summarizeEngineHealth(run.monitor.records);
    if (health.bottleneck) run.emit({ v: RUN_FORMAT_VERSION, type: 'warning', t: now, source: 'engine', message: engineWarning(health) });
  }
}

/** Validates the plan's scenarios and journeys; one InputError listing every problem. */
function checkPlan(plan: LoadPlan, journeys: Record<string, Journey>): BoundExecutor[] {
  const problems: string[] = [];
  const bound: BoundExecutor[] = [];
  if (!Number.isFinite(plan.seed)) problems.push(`seed: expected a number, got ${JSON.stringify(plan.seed)}`);
  if (!Array.isArray(plan.scenarios) || plan.scenarios.length === 0) problems.push('scenarios: expected at least one scenario');
  (plan.scenarios ?? []).forEach((scenario, i) => {
    const b = bindExecutor(scenario);
    if (typeof b === 'string') return void problems.push(`scenarios[${i}].${b}`);
    problems.push(...b.validate().map((p) => `scenarios[${i}].${p}`));
    if (typeof scenario.journey === 'string' && scenario.journey !== '' && !Object.hasOwn(journeys, scenario.journey)) {
      const known = Object.keys(journeys).join(', ') || 'none';
      problems.push(`scenarios[${i}].journey: unknown journey '${scenario.journey}' (known: ${known})`);
    }
    bound.push(b);
  });
  if (problems.length > 0) throw new InputError('PLAN_INVALID', `plan '${plan.profile}': ${problems.join('; ')}`);
  return bound;
}

/** `phase` start/end events at their plan times, emitted once the clock passed them. */
class PhaseEdges {
  private readonly edges: Array<{ t: number; phase: string; edge: 'start' | 'end' }>;
  private next = 0;
  private readonly open = new Set<string>();

  constructor(
    plan: LoadPlan,
    startMs: number,
    private readonly emit: (event: RunEvent) => void,
  ) {
    this.edges = (plan.phases ?? [])
      .flatMap((p) => [
        { t: startMs + p.startS * 1000, phase: p.name, edge: 'start' as const },
        { t: startMs + p.endS * 1000, phase: p.name, edge: 'end' as const },
      ])
      .sort((a, b) => a.t - b.t || (a.edge === b.edge ? 0 : a.edge === 'end' ? -1 : 1)); // an end before a start at the same time
  }

  emitUntil(now: number): void {
    while (this.next < this.edges.length && (this.edges[this.next] as { t: number }).t <= now) {
      const e = this.edges[this.next++] as (typeof this.edges)[number];
      if (e.edge === 'start') this.open.add(e.phase);
      else this.open.delete(e.phase);
      this.emit({ v: RUN_FORMAT_VERSION, type: 'phase', t: e.t, phase: e.phase, edge: e.edge });
    }
  }

  /** Edges up to `now`, then an `end` at `now` for phases cut short. */
  finish(now: number): void {
    this.emitUntil(now);
    for (const phase of this.open) this.emit({ v: RUN_FORMAT_VERSION, type: 'phase', t: now, phase, edge: 'end' });
    this.open.clear();
  }
}

function abortReasonText(reason: unknown): string {
  if (typeof reason === 'string' && reason !== '') return reason;
  if (reason instanceof Error && reason.name !== 'AbortError' && reason.message !== '') return reason.message;
  return 'interrupted before the end of the plan';
}

/** The warning of a run whose setup ended after its --start-at. */
export const startLateMessage = (lateMs: number) =>
  `setup ended ${(lateMs / 1000).toFixed(1)} s after --start-at: the load started at once, out of step with the other segments by that much`;
