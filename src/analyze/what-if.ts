/**
 * The what-if table: the run's own plan replayed on a model of the tested server
 * (server-model.ts → replay.ts → models/simulate) for several HTTP worker counts — what p95,
 * worker and CPU utilisation each count would have given — after the replay check of the tested
 * configuration itself. Pure and seeded (the plan's seed).
 *
 * The server is modelled call by call on the cores it has: more workers than cores share the CPU
 * (processor sharing) instead of adding throughput, serialization-failure retries grow with the
 * requests in service as Odoo's log measured them and hold the worker through Odoo's back-off, and
 * the cores' background load is calibrated on the measured worker time (docs/MODEL.md).
 */
import type { LoadPlan } from '../plan/plan.js';
import type { OdooLogRecord } from '../run/records.js';
import { calibrateBackground, planAsRun, predict, replayCheck, type ReplayCheck } from './replay.js';
import { serverModel, type ServerModel, type ServerShape } from './server-model.js';
import type { RunSummary } from './types.js';

/** Worker counts tried by default (the tested and recommended counts are added when known). */
export const DEFAULT_WHAT_IF_WORKERS: readonly number[] = [2, 3, 4, 6, 8];

export interface WhatIfRow {
  workers: number;
  /** Mean busy workers / workers of the HTTP pool, 0–1. */
  utilization: number;
  /** Mean busy cores / cores (the requests' share), 0–1. */
  cpuUtilization: number;
  /** Per journey, simulated whole-iteration p95, ms (the worst scenario of the journey). */
  journeys: Array<{ journey: string; p95Ms: number; count: number }>;
  /** The longest stretch with requests queued for a worker, seconds. */
  longestBacklogS: number;
  /** Marks the row of the tested and of the recommended worker count. */
  tested: boolean;
  recommended: boolean;
}

export interface WhatIfModelFacts {
  evidence: 'odoo-log' | 'client';
  backgroundCores: number;
  clientGapS: number;
  meanCallS: number;
  callsMeasured: number;
  retriesPerConcurrency: number;
}

export interface WhatIfTable {
  cores: number;
  rows: WhatIfRow[];
  /** How the table was made, in one sentence. */
  reason: string;
  /** The tested configuration replayed against what the run measured; absent when the tested worker count is unknown. */
  replay?: ReplayCheck;
  model?: WhatIfModelFacts;
}

export interface WhatIfOptions {
  shape: ServerShape;
  workers?: readonly number[];
  recommendedWorkers?: number;
}

/** The server model of a run, calibrated (see server-model.ts and replay.ts). */
export function calibratedModel(summary: RunSummary, plan: LoadPlan, odooLog: readonly OdooLogRecord[] | undefined, shape: ServerShape): ServerModel {
  // Calibrated on what the run drove: a run that stopped early spent its worker time on part of the plan.
  return calibrateBackground(serverModel(summary, plan, odooLog, shape), planAsRun(plan, summary.durationS));
}

/** Simulated p95 and utilisation per worker count for a calibrated model (see the file comment). */
export function whatIfFromModel(model: ServerModel, plan: LoadPlan, summary: RunSummary, options: Omit<WhatIfOptions, 'shape'> = {}): WhatIfTable {
  const counts = new Set(options.workers ?? DEFAULT_WHAT_IF_WORKERS);
  if (model.testedWorkers !== undefined) counts.add(model.testedWorkers);
  if (options.recommendedWorkers !== undefined && options.recommendedWorkers > 0) counts.add(options.recommendedWorkers);
  const rows = [...counts]
    .sort((a, b) => a - b)
    .map((workers): WhatIfRow => {
      const p = predict(model, plan, workers);
      return {
        workers,
        utilization: p.utilization,
        cpuUtilization: p.cpuUtilization,
        journeys: p.journeys.map((j) => ({ journey: j.journey, p95Ms: j.p95Ms, count: j.count })),
        longestBacklogS: p.longestBacklogS,
        tested: workers === model.testedWorkers,
        recommended: workers === options.recommendedWorkers,
      };
    });
  const replay = replayCheck(model, plan, summary);
  const table: WhatIfTable = {
    cores: model.cores,
    rows,
    reason:
      `The run's plan (${plan.profile}, ${plan.durationS} s, seed ${plan.seed}, the load generator's schedule) replayed call by call on ${model.cores} cores ` +
      (model.evidence === 'odoo-log'
        ? `with the call costs Odoo's log measured (${model.callsMeasured} requests, ${Math.round(model.meanCallS * 1000)} ms each on average), serialization-failure retries growing with the requests in service as measured, and ${Number(model.backgroundCores.toFixed(2))} cores of background load calibrated on the measured worker time.`
        : 'with client-side step timings as call costs (no Odoo log: queueing and network count as work, retries are not modelled).'),
    model: {
      evidence: model.evidence,
      backgroundCores: model.backgroundCores,
      clientGapS: model.clientGapS,
      meanCallS: model.meanCallS,
      callsMeasured: model.callsMeasured,
      retriesPerConcurrency: model.contention.retriesPerConcurrency ?? 0,
    },
  };
  if (replay !== undefined) table.replay = replay;
  return table;
}

/** The what-if table of a run (model built, calibrated and replayed). */
export function whatIfTable(summary: RunSummary, plan: LoadPlan, odooLog: readonly OdooLogRecord[] | undefined, options: WhatIfOptions): WhatIfTable {
  return whatIfFromModel(calibratedModel(summary, plan, odooLog, options.shape), plan, summary, options);
}

/**
 * The fewest workers whose simulated p95 meets every journey's objective, from the table; undefined
 * when no row does (then workers are not what is missing: the cores are, or the calls themselves).
 */
export function fewestWorkersMeeting(table: WhatIfTable, objectivesMs: Readonly<Record<string, number>>): number | undefined {
  const meets = (row: WhatIfRow): boolean => row.journeys.every((j) => objectivesMs[j.journey] === undefined || j.p95Ms <= (objectivesMs[j.journey] as number));
  return table.rows.find(meets)?.workers;
}
