/**
 * Predictions from a server model (server-model.ts): the run's own plan replayed by the simulator
 * with the load generator's schedule, for the tested configuration (the replay check: the model
 * must reproduce the test before it predicts anything else) and for other worker counts (the
 * what-if). Pure apart from CPU time; seeded by the plan.
 */
import { simulate } from '../../models/simulate/simulate.js';
import type { SimulationResult } from '../../models/simulate/types.js';
import type { LoadPlan } from '../plan/plan.js';
import { executorOf } from '../plan/executors/index.js';
import { levelArea } from '../plan/level.js';
import { arrivalRate } from '../../models/simulate/arrivals.js';
import type { ServerModel } from './server-model.js';
import type { RunSummary } from './types.js';

/** Above this relative error of the replay, the recommendation is low confidence. */
export const REPLAY_TOLERANCE = 0.25;
/** Simulated iterations aimed at per prediction (replications of the plan until about this many). */
const TARGET_ITERATIONS = 3000;
const MAX_REPLICATIONS = 20;
/** Fewer completed iterations than this and a p95 is the 3rd slowest or worse: too few to judge a model by. */
export const MIN_ITERATIONS_FOR_P95 = 60;

export interface JourneyPrediction {
  journey: string;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** Completed iterations per replication, and per second of the plan. */
  count: number;
  throughputPerS: number;
}

export interface Prediction {
  workers: number;
  cores: number;
  journeys: JourneyPrediction[];
  /** Mean busy workers / workers. */
  utilization: number;
  /** Mean busy cores / cores (requests only, background excluded). */
  cpuUtilization: number;
  /** Worker-seconds spent per replication (what the log would have measured). */
  busyS: number;
  longestBacklogS: number;
  retries: number;
}

/**
 * The part of `plan` a run actually drove: a run that stopped early (aborted by the circuit breaker,
 * interrupted) is compared with the plan cut at the seconds it ran, not with the whole plan.
 */
export function planAsRun(plan: LoadPlan, ranS: number): LoadPlan {
  if (!(ranS > 0) || ranS >= plan.durationS - 1) return plan;
  const scenarios = plan.scenarios.map((s) => executorOf(s).cut(ranS));
  return { ...plan, durationS: ranS, scenarios };
}

/** Replications so a prediction rests on about TARGET_ITERATIONS iterations. */
export function replicationsFor(plan: LoadPlan): number {
  const expected = plan.scenarios.reduce((n, s) => n + levelArea(arrivalRate(s)), 0);
  return Math.max(1, Math.min(MAX_REPLICATIONS, Math.ceil(TARGET_ITERATIONS / Math.max(1, expected))));
}

/** The plan simulated on the model's server with `workers` HTTP workers (and `cores`, default the tested ones). */
export function predict(model: ServerModel, plan: LoadPlan, workers: number, options: { cores?: number; replications?: number; backgroundCores?: number; scale?: number } = {}): Prediction {
  const cores = options.cores ?? model.cores;
  const result: SimulationResult = simulate({
    plan,
    demands: model.demands,
    deployment: { httpWorkers: workers, cores, backgroundCores: options.backgroundCores ?? model.backgroundCores },
    contention: model.contention,
    arrivals: 'scheduled',
    replications: options.replications ?? replicationsFor(plan),
    ...(options.scale !== undefined ? { scale: options.scale } : {}),
  });
  const http = result.pools.find((p) => p.pool === 'http');
  const byJourney = new Map<string, JourneyPrediction>();
  for (const j of result.journeys) {
    const seen = byJourney.get(j.journey);
    const count = (seen?.count ?? 0) + j.count;
    byJourney.set(j.journey, {
      journey: j.journey,
      p50Ms: Math.max(seen?.p50Ms ?? 0, j.p50Ms),
      p95Ms: Math.max(seen?.p95Ms ?? 0, j.p95Ms),
      p99Ms: Math.max(seen?.p99Ms ?? 0, j.p99Ms),
      count,
      throughputPerS: plan.durationS > 0 ? count / plan.durationS : 0,
    });
  }
  return {
    workers,
    cores,
    journeys: [...byJourney.values()],
    utilization: http?.utilization ?? 0,
    cpuUtilization: result.cpu.utilization,
    busyS: (http?.utilization ?? 0) * workers * result.durationS,
    longestBacklogS: http?.longestBacklogS ?? 0,
    retries: result.journeys.reduce((n, j) => n + j.retries, 0),
  };
}

/**
 * Background cores such that the replay of the tested configuration spends the worker-seconds the
 * Odoo log measured (bisection; busy time grows with the background as CPU sharing stretches every
 * request). Unchanged without the log or the tested worker count.
 */
export function calibrateBackground(model: ServerModel, plan: LoadPlan): ServerModel {
  const workers = model.testedWorkers;
  const measured = model.measuredBusyS;
  if (workers === undefined || measured === undefined || !Number.isFinite(model.cores)) return model;
  const replications = replicationsFor(plan);
  const busyAt = (background: number): number => predict(model, plan, workers, { replications, backgroundCores: background }).busyS;
  let lo = 0;
  let hi = Math.max(0, model.cores - 0.1);
  if (busyAt(lo) >= measured) return { ...model, backgroundCores: 0 };
  if (busyAt(hi) <= measured) return { ...model, backgroundCores: hi, notes: [...model.notes, 'the measured worker time exceeds what the cores could explain: the calibration hit its bound'] };
  for (let i = 0; i < 14; i++) {
    const mid = (lo + hi) / 2;
    if (busyAt(mid) < measured) lo = mid;
    else hi = mid;
  }
  return { ...model, backgroundCores: (lo + hi) / 2 };
}

export interface ReplayJourney {
  journey: string;
  measuredP95Ms: number;
  predictedP95Ms: number;
  /** predicted / measured − 1. */
  p95Error: number;
  measuredPerS: number;
  predictedPerS: number;
  throughputError: number;
  /** Completed iterations the measured p95 rests on. */
  measuredCount: number;
}

export interface ReplayCheck {
  workers: number;
  cores: number;
  backgroundCores: number;
  journeys: ReplayJourney[];
  /** The largest |error| over p95 and throughput, all journeys. */
  worstError: number;
  confidence: 'ok' | 'low';
  /** Why the confidence is low (or what limits it), one sentence each. */
  causes: string[];
}

/**
 * A prediction against what a run measured, per journey that completed iterations: whole-run p95 and
 * throughput, both per second of `plan` (the run's own duration holds the graceful stop after it).
 */
export function compareWithRun(prediction: Prediction, plan: LoadPlan, summary: RunSummary): ReplayJourney[] {
  const journeys: ReplayJourney[] = [];
  for (const p of prediction.journeys) {
    const measured = summary.overall.stats.find((s) => s.journey === p.journey && s.step === null);
    if (measured === undefined || measured.count - measured.errors <= 0) continue;
    const measuredPerS = plan.durationS > 0 ? (measured.count - measured.errors) / plan.durationS : 0;
    journeys.push({
      journey: p.journey,
      measuredP95Ms: measured.p95Ms,
      predictedP95Ms: p.p95Ms,
      p95Error: measured.p95Ms > 0 ? p.p95Ms / measured.p95Ms - 1 : 0,
      measuredPerS,
      predictedPerS: p.throughputPerS,
      throughputError: measuredPerS > 0 ? p.throughputPerS / measuredPerS - 1 : 0,
      measuredCount: measured.count - measured.errors,
    });
  }
  return journeys;
}

/** The tested configuration replayed and compared with what the run measured (undefined when the tested worker count is unknown). */
export function replayCheck(model: ServerModel, fullPlan: LoadPlan, summary: RunSummary): ReplayCheck | undefined {
  const workers = model.testedWorkers;
  if (workers === undefined) return undefined;
  const plan = planAsRun(fullPlan, summary.durationS);
  const prediction = predict(model, plan, workers);
  const journeys = compareWithRun(prediction, plan, summary);
  const worstError = Math.max(0, ...journeys.flatMap((j) => [Math.abs(j.p95Error), Math.abs(j.throughputError)]));
  const confidence = worstError > REPLAY_TOLERANCE || model.evidence === 'client' ? 'low' : 'ok';
  const stopped = summary.status !== 'completed';
  const causes = [
    ...(stopped
      ? [
          `the run did not complete (${summary.status}): the iterations in flight when it stopped never finished` +
            (plan !== fullPlan ? `, and only its first ${Math.round(summary.durationS)} s of ${Math.round(fullPlan.durationS)} were replayed` : ''),
        ]
      : []),
    ...lowConfidenceCauses(model, journeys),
  ];
  if (confidence === 'low' && causes.length === (stopped ? 1 : 0)) {
    causes.push(
      worstError > REPLAY_TOLERANCE && journeys.some((j) => j.p95Error < -REPLAY_TOLERANCE)
        ? "the run's tail was longer than steady load on these cores explains: other work on the server's cores that came and went during the run (another process, a backup, a second test), or a lock the log does not show"
        : 'the evidence shows no cause: repeat the run, with --odoo-log and the server\'s --odoo-cores and --odoo-workers',
    );
  }
  return { workers, cores: model.cores, backgroundCores: model.backgroundCores, journeys, worstError, confidence, causes };
}

/** The likely causes of a poor replay, from what the evidence lacked. */
function lowConfidenceCauses(model: ServerModel, journeys: readonly ReplayJourney[]): string[] {
  const causes: string[] = [];
  if (model.evidence === 'client') causes.push('no Odoo log (--odoo-log): call costs came from client-side timings and retries were not measured');
  if (model.backgroundCores > 0.25 * model.cores) {
    causes.push(`${model.backgroundCores.toFixed(2)} of ${model.cores} cores went to work outside Odoo's requests (a load generator on the server, cron, PostgreSQL maintenance, other tenants)`);
  }
  const thin = journeys.filter((j) => j.measuredCount < MIN_ITERATIONS_FOR_P95);
  if (thin.length > 0) causes.push(`too few samples: ${thin.map((j) => `${j.journey} completed ${j.measuredCount}`).join(', ')} iterations (a p95 needs ${MIN_ITERATIONS_FOR_P95} or more)`);
  for (const note of model.notes) if (note.includes('not given')) causes.push(note);
  return causes;
}

/** Largest load multiple searched for the headroom; beyond it the answer is "more than 15×". */
const MAX_HEADROOM_SCALE = 16;

/**
 * Headroom of `workers` on the modelled server: the largest multiple m of the run's load (every
 * arrival rate × m) at which every simulated p95 still meets its objective, found by doubling then
 * bisection to 2 %; headroom = (m − 1) × 100 %, negative when the tested load already misses one.
 * The same model as the what-if and the worker count, so the verdict, the table and the
 * recommendation cannot disagree. Undefined when no journey of the plan has an objective.
 */
export function simulatedHeadroom(model: ServerModel, plan: LoadPlan, workers: number, objectivesMs: Readonly<Record<string, number>>): { multiple: number; percent: number } | undefined {
  if (!plan.scenarios.some((s) => objectivesMs[s.journey] !== undefined)) return undefined;
  const replications = Math.max(1, Math.ceil(replicationsFor(plan) / 2));
  const meets = (m: number): boolean =>
    predict(model, plan, workers, { scale: m, replications }).journeys.every((j) => objectivesMs[j.journey] === undefined || j.p95Ms <= (objectivesMs[j.journey] as number));
  let lo: number;
  let hi: number;
  if (meets(1)) {
    lo = 1;
    hi = 2;
    while (hi <= MAX_HEADROOM_SCALE && meets(hi)) {
      lo = hi;
      hi *= 2;
    }
    if (hi > MAX_HEADROOM_SCALE) return { multiple: lo, percent: (lo - 1) * 100 };
  } else {
    lo = 0;
    hi = 1;
  }
  while (hi - lo > 0.02 * hi) {
    const mid = (lo + hi) / 2;
    if (meets(mid)) lo = mid;
    else hi = mid;
  }
  return { multiple: lo, percent: Math.round((lo - 1) * 1000) / 10 };
}
