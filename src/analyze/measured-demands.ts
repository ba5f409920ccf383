/**
 * Service demands per journey measured by a run, in the shape the models use (CalibratedJourney),
 * for `plan --run`. From the RunSummary's whole-run statistics:
 *   - workerS: the journey's mean service time (timed from the iteration's actual start, so without
 *     queueing in front of the load generator; it still includes Odoo's worker queue, network and
 *     retry back-off — conservative);
 *   - scv: the measured service-time SCV;
 *   - callsPerIteration: recorded step calls / iterations;
 *   - cpuS, dbS: the calibration's CPU shares applied to the measured worker time (the run's
 *     client-side timings do not split CPU from waiting; Odoo's log will).
 * Journeys the run did not exercise keep their calibration figures.
 */
import type { CalibratedJourney } from '../../models/calibration-defaults.js';
import { CALIBRATION_DEFAULTS } from '../../models/calibration-defaults.js';
import type { RunSummary } from './types.js';

export interface MeasuredDemands {
  demands: Record<string, CalibratedJourney>;
  measured: Set<string>;
  notes: string[];
}

export function measuredDemands(summary: RunSummary, calibration: Readonly<Record<string, CalibratedJourney>> = CALIBRATION_DEFAULTS): MeasuredDemands {
  const demands: Record<string, CalibratedJourney> = { ...calibration };
  const measured = new Set<string>();
  const notes: string[] = [];
  for (const stats of summary.overall.stats) {
    if (stats.step !== null || stats.count - stats.errors <= 0) continue;
    const base = calibration[stats.journey] ?? calibration['order-entry'];
    if (base === undefined) continue;
    const meanMs = stats.serviceMeanMs ?? stats.meanMs;
    const workerS = meanMs / 1000;
    const steps = summary.overall.stats.filter((s) => s.journey === stats.journey && s.step !== null).reduce((sum, s) => sum + s.count, 0);
    const ratio = workerS / base.workerS;
    demands[stats.journey] = {
      ...base,
      workerS,
      cpuS: base.cpuS * ratio,
      dbS: base.dbS * ratio,
      scv: stats.serviceScv ?? base.scv,
      callsPerIteration: steps > 0 ? steps / stats.count : base.callsPerIteration,
      origin: `measured in run ${summary.runId}: ${stats.count} iterations, mean service ${meanMs.toFixed(0)} ms; CPU split from the calibration`,
    };
    measured.add(stats.journey);
  }
  if (measured.size === 0) notes.push(`run ${summary.runId}: no journey completed an iteration; calibration defaults used throughout`);
  return { demands, measured, notes };
}
