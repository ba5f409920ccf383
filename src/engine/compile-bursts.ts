/**
 * Bursts → one ramping-arrival-rate scenario per journey (`<journey>-bursts`): square pulses of
 * `size` iterations spread over `spreadMin`, every `everyMin` on the business clock.
 *
 *   rate (iterations/s)
 *     │  ┌──┐        ┌──┐        ┌──┐      size / spread while a batch arrives,
 *     │  │  │        │  │        │  │      0 between batches (the steady `rates`
 *     └──┘  └────────┘  └────────┘  └──►   are a separate scenario)
 *       08:00       08:30       09:00
 *
 * Batch start times (business seconds since midnight) are offset + k × every inside the phase,
 * with the whole batch inside the phase (see Burst in scenarios/profiles/types.ts).
 */
import { batchStarts } from '../../scenarios/profiles/totals.js';
import { segmentStages, sumLevels, type Level, type ShapeContext } from './compile-steps.js';
import { rampingArrivalRateScenario } from '../plan/executors/ramping-arrival-rate.js';
import type { PlanScenario } from '../plan/plan.js';
import { vuPool } from './vu-pool-size.js';

/** The `<journey>-bursts` scenario over the selected phases. */
export function burstScenario(journey: string, shape: ShapeContext, p95Ms: number): PlanScenario {
  const { selected, originS, factor, scale, keep } = shape;
  const durationS = shape.phases[shape.phases.length - 1]?.endS ?? 0;
  const rateFactor = scale * (keep === 'totals' ? factor : 1);
  const levels: Level[] = [];
  let threads = 0;
  let allThreaded = true;
  for (const phase of selected) {
    const bursts = phase.bursts?.[journey] ?? [];
    let phaseThreads = 0;
    for (const burst of bursts) {
      const perS = (burst.size / (burst.spreadMin * 60)) * rateFactor;
      for (const t of batchStarts(phase, burst)) {
        levels.push({ startS: (t - originS) / factor, endS: (t + burst.spreadMin * 60 - originS) / factor, value: perS });
      }
      if (burst.threads === undefined) allThreaded = false;
      else phaseThreads += burst.threads;
    }
    threads = Math.max(threads, phaseThreads);
  }
  const { start, stages } = segmentStages(sumLevels(levels, durationS));
  const peak = Math.max(start, ...stages.map((s) => s.target));
  // Connector threads are the concurrency of the import: the pool, not Little's law.
  const pool = allThreaded && threads > 0
    ? { preAllocatedVUs: Math.ceil(threads * (keep === 'totals' ? factor : 1)), maxVUs: Math.ceil(threads * (keep === 'totals' ? factor : 1)) }
    : vuPool(peak, p95Ms);
  return rampingArrivalRateScenario({ journey, name: `${journey}-bursts`, startRate: start, stages, ...pool, gracefulStopS: shape.gracefulStopS });
}
