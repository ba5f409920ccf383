/**
 * Backtesting: each run's server model predicts every run (itself included: the replay) — the plan
 * that run drove (the part it ran, when it stopped early), on the worker count and cores it was tested with — and the prediction is compared
 * with what that run measured, per journey (whole-run p95 and throughput). Pure apart from CPU time.
 */
import type { LoadPlan } from '../plan/plan.js';
import { compareWithRun, planAsRun, predict, type ReplayJourney } from './replay.js';
import type { ServerModel } from './server-model.js';
import type { RunSummary } from './types.js';

export interface BacktestRun {
  runId: string;
  plan: LoadPlan;
  summary: RunSummary;
  model: ServerModel;
}

/** One run's model predicting one run (from = to: the replay), per journey. */
export interface BacktestRow extends ReplayJourney {
  from: string;
  to: string;
  workers: number;
}

/** Every ordered pair of runs whose target's tested worker count is known; runs without one are named in `skipped`. */
export function backtest(runs: readonly BacktestRun[]): { rows: BacktestRow[]; skipped: string[] } {
  const rows: BacktestRow[] = [];
  const skipped = runs.filter((r) => r.model.testedWorkers === undefined).map((r) => `${r.runId}: the tested worker count is unknown (no Odoo log; give --odoo-workers)`);
  for (const from of runs) {
    for (const to of runs) {
      const workers = to.model.testedWorkers;
      if (workers === undefined) continue;
      // As the report's replay does: a run that stopped early is predicted for the part it ran.
      const plan = planAsRun(to.plan, to.summary.durationS);
      const prediction = predict(from.model, plan, workers, { cores: to.model.cores });
      for (const j of compareWithRun(prediction, plan, to.summary)) rows.push({ from: from.runId, to: to.runId, workers, ...j });
    }
  }
  return { rows, skipped };
}
