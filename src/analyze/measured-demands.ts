/**
 * Service demands per journey measured by a run, in the shape the models use (CalibratedJourney),
 * for `plan --run` and the what-if table. From the RunSummary's statistics:
 *   - workerS: the journey's mean service time (timed from the iteration's actual start) in the
 *     quietest phase (service-demand.ts), where the journey completed at least one iteration — else
 *     over the whole run. The quietest phase holds the least queueing for a worker, CPU contention and
 *     retry back-off: a demand measured under saturation (a collapsed peak) would count the queue
 *     as work and inflate the CPU derived from it; the load-dependent retry cost is added by the
 *     models that know the concurrency (worker-demand.ts, what-if.ts);
 *   - scv: the measured service-time SCV;
 *   - callsPerIteration: recorded step calls / iterations;
 *   - cpuS, dbS: the calibration's CPU shares applied to the measured worker time (the run's
 *     client-side timings do not split CPU from waiting; Odoo's log will).
 * Journeys the run did not exercise keep their calibration figures.
 */
import type { CalibratedJourney } from '../../models/calibration-defaults.js';
import { CALIBRATION_DEFAULTS } from '../../models/calibration-defaults.js';
import { requestServiceTime } from './service-demand.js';
import type { LatencyStats, RunSummary } from './types.js';

export interface MeasuredDemands {
  demands: Record<string, CalibratedJourney>;
  measured: Set<string>;
  notes: string[];
}

export function measuredDemands(summary: RunSummary, calibration: Readonly<Record<string, CalibratedJourney>> = CALIBRATION_DEFAULTS): MeasuredDemands {
  const demands: Record<string, CalibratedJourney> = { ...calibration };
  const measured = new Set<string>();
  const notes: string[] = [];
  const quietName = requestServiceTime(summary).quietestPhase;
  const quiet = summary.phases.find((p) => p.name === quietName);
  const completed = (s: LatencyStats | undefined): s is LatencyStats => s !== undefined && s.count - s.errors > 0;
  for (const whole of summary.overall.stats) {
    if (whole.step !== null || !completed(whole)) continue;
    const inQuiet = quiet?.stats.find((s) => s.journey === whole.journey && s.step === null);
    const stats = completed(inQuiet) ? inQuiet : whole;
    const where = stats === whole ? 'over the whole run' : `in the quietest phase ${quietName}`;
    const base = calibration[stats.journey] ?? calibration['order-entry'];
    if (base === undefined) continue;
    const meanMs = stats.serviceMeanMs ?? stats.meanMs;
    const workerS = meanMs / 1000;
    const steps = summary.overall.stats.filter((s) => s.journey === stats.journey && s.step !== null).reduce((sum, s) => sum + s.count, 0);
    const iterations = whole.count;
    const ratio = workerS / base.workerS;
    demands[stats.journey] = {
      ...base,
      workerS,
      cpuS: base.cpuS * ratio,
      dbS: base.dbS * ratio,
      scv: stats.serviceScv ?? base.scv,
      callsPerIteration: steps > 0 ? steps / iterations : base.callsPerIteration,
      origin: `measured in run ${summary.runId}: ${stats.count} iterations ${where}, mean service ${meanMs.toFixed(0)} ms; CPU split from the calibration`,
    };
    measured.add(stats.journey);
  }
  if (measured.size === 0) notes.push(`run ${summary.runId}: no journey completed an iteration; calibration defaults used throughout`);
  return { demands, measured, notes };
}
