/**
 * The what-if table: the run's own plan replayed by the discrete-event simulator
 * (models/simulate/simulate.ts) with the demands the run measured, for several HTTP worker counts —
 * what p95 and worker utilisation each count would have given. Pure and seeded (the plan's seed).
 *
 * Load-dependent demands (worker-demand.ts), when the Odoo log's model is given: each row's journey
 * demand is the unloaded one plus, per RPC call, the retry cost at the concurrency that row's workers
 * allow — N = min(c, N*), N* the fixed point N = λ·D(N) at the run's peak rate (c workers cannot
 * hold more than c requests in service):
 *     workerS += calls × q(N)·(w̄ + D0),   cpuS += calls × q(N)·D0_odoo,   dbS += calls × q(N)·D0_sql
 * The back-off is off-CPU time (the simulator holds the worker without a core), as in Odoo.
 */
import type { CalibratedJourney } from '../../models/calibration-defaults.js';
import { CALIBRATION_DEFAULTS } from '../../models/calibration-defaults.js';
import { simulate } from '../../models/simulate/simulate.js';
import type { LoadPlan } from '../engine/plan.js';
import { operatingPoint, retriesPerRequest, type WorkerDemandModel } from './worker-demand.js';

/** Worker counts tried by default (the tested and recommended counts are added when known). */
export const DEFAULT_WHAT_IF_WORKERS: readonly number[] = [2, 4, 6, 8];

export interface WhatIfRow {
  workers: number;
  /** Mean busy workers / workers of the HTTP pool, 0–1. */
  utilization: number;
  /** Mean busy cores / cores, 0–1. */
  cpuUtilization: number;
  /** Per journey, simulated whole-iteration p95, ms (the worst scenario of the journey). */
  journeys: Array<{ journey: string; p95Ms: number; count: number }>;
  /** The longest stretch with requests queued for a worker, seconds. */
  longestBacklogS: number;
  /** Marks the row of the tested and of the recommended worker count. */
  tested: boolean;
  recommended: boolean;
}

export interface WhatIfTable {
  cores: number;
  rows: WhatIfRow[];
  /** How the table was made, in one sentence. */
  reason: string;
}

export interface WhatIfOptions {
  cores: number;
  workers?: readonly number[];
  testedWorkers?: number;
  recommendedWorkers?: number;
  /** The Odoo-log model and the peak request rate, for load-dependent demands (see the file comment). */
  workerDemand?: { model: WorkerDemandModel; ratePerS: number };
}

/** The journey demands at `workers` HTTP workers: the unloaded demands plus the retry cost at N = min(c, N*). */
export function demandsAtWorkers(
  demands: Readonly<Record<string, CalibratedJourney>>,
  workers: number,
  workerDemand: WhatIfOptions['workerDemand'],
): Record<string, CalibratedJourney> {
  if (workerDemand === undefined) return { ...demands };
  const { model, ratePerS } = workerDemand;
  const concurrency = Math.min(workers, operatingPoint(model, ratePerS).concurrency);
  const q = retriesPerRequest(model, concurrency);
  return Object.fromEntries(
    Object.entries(demands).map(([journey, d]) => [
      journey,
      {
        ...d,
        workerS: d.workerS + d.callsPerIteration * q * (model.meanBackoffS + model.baseS),
        cpuS: d.cpuS + d.callsPerIteration * q * model.baseOdooCpuS,
        dbS: d.dbS + d.callsPerIteration * q * model.baseSqlS,
      },
    ]),
  );
}

/** Simulated p95 and utilisation per worker count (see the file comment). */
export function whatIfTable(plan: LoadPlan, demands: Readonly<Record<string, CalibratedJourney>>, options: WhatIfOptions): WhatIfTable {
  const fallback = CALIBRATION_DEFAULTS['order-entry'] as CalibratedJourney;
  const planDemands = Object.fromEntries(plan.scenarios.map((s) => [s.journey, demands[s.journey] ?? CALIBRATION_DEFAULTS[s.journey] ?? fallback]));
  const counts = new Set(options.workers ?? DEFAULT_WHAT_IF_WORKERS);
  if (options.testedWorkers !== undefined && options.testedWorkers > 0) counts.add(options.testedWorkers);
  if (options.recommendedWorkers !== undefined && options.recommendedWorkers > 0) counts.add(options.recommendedWorkers);
  const rows = [...counts]
    .sort((a, b) => a - b)
    .map((workers): WhatIfRow => {
      const rowDemands = demandsAtWorkers(planDemands, workers, options.workerDemand);
      const result = simulate({ plan, demands: rowDemands, deployment: { httpWorkers: workers, cores: options.cores } });
      const http = result.pools.find((p) => p.pool === 'http');
      const byJourney = new Map<string, { journey: string; p95Ms: number; count: number }>();
      for (const j of result.journeys) {
        const seen = byJourney.get(j.journey);
        if (seen === undefined) byJourney.set(j.journey, { journey: j.journey, p95Ms: j.p95Ms, count: j.count });
        else byJourney.set(j.journey, { journey: j.journey, p95Ms: Math.max(seen.p95Ms, j.p95Ms), count: seen.count + j.count });
      }
      return {
        workers,
        utilization: http?.utilization ?? 0,
        cpuUtilization: result.cpu.utilization,
        journeys: [...byJourney.values()],
        longestBacklogS: http?.longestBacklogS ?? 0,
        tested: workers === options.testedWorkers,
        recommended: workers === options.recommendedWorkers,
      };
    });
  return {
    cores: options.cores,
    rows,
    reason:
      `The run's plan (${plan.profile}, ${plan.durationS} s, seed ${plan.seed}) replayed by the discrete-event simulator on ${options.cores} cores ` +
      'with the service demands measured in the run (calibration defaults for journeys it did not exercise)' +
      (options.workerDemand === undefined
        ? '.'
        : `, plus the retry back-off Odoo's log showed at each worker count's concurrency (${Number(options.workerDemand.model.retriesPerConcurrency.toPrecision(3))} retries per request in service, ${Number(options.workerDemand.model.meanBackoffS.toPrecision(3))} s each).`),
  };
}
