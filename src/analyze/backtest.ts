/**
 * Backtesting: each run's server model predicts every run (itself included: the replay) — the plan
 * that run drove, on the worker count and cores it was tested with — and the prediction is compared
 * with what that run measured, per journey (whole-run p95 and throughput). Pure apart from CPU time.
 */
import type { LoadPlan } from '../engine/plan.js';
import { predict } from './replay.js';
import type { ServerModel } from './server-model.js';
import type { RunSummary } from './types.js';

export interface BacktestRun {
  runId: string;
  plan: LoadPlan;
  summary: RunSummary;
  model: ServerModel;
}

export interface BacktestRow {
  from: string;
  to: string;
  journey: string;
  workers: number;
  measuredP95Ms: number;
  predictedP95Ms: number;
  p95Error: number;
  measuredPerS: number;
  predictedPerS: number;
  throughputError: number;
}

/** Every ordered pair of runs whose target's tested worker count is known; runs without one are named in `skipped`. */
export function backtest(runs: readonly BacktestRun[]): { rows: BacktestRow[]; skipped: string[] } {
  const rows: BacktestRow[] = [];
  const skipped = runs.filter((r) => r.model.testedWorkers === undefined).map((r) => `${r.runId}: the tested worker count is unknown (no Odoo log; give --odoo-workers)`);
  for (const from of runs) {
    for (const to of runs) {
      const workers = to.model.testedWorkers;
      if (workers === undefined) continue;
      const prediction = predict(from.model, to.plan, workers, { cores: to.model.cores });
      for (const p of prediction.journeys) {
        const measured = to.summary.overall.stats.find((s) => s.journey === p.journey && s.step === null);
        if (measured === undefined || measured.count - measured.errors <= 0) continue;
        const measuredPerS = to.plan.durationS > 0 ? (measured.count - measured.errors) / to.plan.durationS : 0;
        rows.push({
          from: from.runId,
          to: to.runId,
          journey: p.journey,
          workers,
          measuredP95Ms: measured.p95Ms,
          predictedP95Ms: p.p95Ms,
          p95Error: measured.p95Ms > 0 ? p.p95Ms / measured.p95Ms - 1 : 0,
          measuredPerS,
          predictedPerS: p.throughputPerS,
          throughputError: measuredPerS > 0 ? p.throughputPerS / measuredPerS - 1 : 0,
        });
      }
    }
  }
  return { rows, skipped };
}
