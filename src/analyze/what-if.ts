/**
 * The what-if table: the run's own plan replayed by the discrete-event simulator
 * (models/simulate/simulate.ts) with the demands the run measured, for several HTTP worker counts —
 * what p95 and worker utilisation each count would have given. Pure and seeded (the plan's seed).
 */
import type { CalibratedJourney } from '../../models/calibration-defaults.js';
import { CALIBRATION_DEFAULTS } from '../../models/calibration-defaults.js';
import { simulate } from '../../models/simulate/simulate.js';
import type { LoadPlan } from '../engine/plan.js';

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
      const result = simulate({ plan, demands: planDemands, deployment: { httpWorkers: workers, cores: options.cores } });
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
      'with the service demands measured in the run (calibration defaults for journeys it did not exercise).',
  };
}
