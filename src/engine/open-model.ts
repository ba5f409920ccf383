/**
 * The arrival loop shared by the arrival-rate executors: wait for each arrival's time, hand it to
 * a free VU or drop it, then give in-flight iterations the graceful stop.
 *
 *   t=0            arrivals …            durationS        durationS + gracefulStopS
 *    |--------------------------------------|---------------------|
 *      schedule: free VU → run, none → new VU,   wait for in-flight;   abandon the rest
 *      pool at maxVUs → dropped (never queued)
 */
import type { ExecutorContext, ExecutorResult } from './executors/types.js';
import type { SampleSink } from './samples.js';
import type { Arrival } from '../plan/segment.js';

export interface OpenModelShape {
  journey: string;
  durationS: number;
  gracefulStopS: number;
}

/**
 * @param times arrival times, seconds from `ctx.startMs`, ascending; plain numbers are numbered
 *   1, 2, 3 …, numbered arrivals (a segment's share, ./segment.ts) keep their plan-wide number
 */
export async function runOpenModel(
  times: Iterable<number | Arrival>,
  shape: OpenModelShape,
  ctx: ExecutorContext,
  samples: SampleSink,
): Promise<ExecutorResult> {
  const { clock, signal, pool } = ctx;
  const inFlight = new Set<Promise<void>>();
  const result: ExecutorResult = { scheduled: 0, started: 0, dropped: 0, abandoned: 0 };

  for (const item of times) {
    const { tS, k } = typeof item === 'number' ? { tS: item, k: result.scheduled + 1 } : item;
    const due = ctx.startMs + tS * 1000;
    if (clock.now() < due) await clock.sleepUntil(due, signal);
    if (signal.aborted) break;
    result.scheduled += 1;
    const vu = pool.acquire();
    // lagMs: how late the engine got to the arrival (self-monitoring; latency already counts from `due`).
    samples.push({ type: 'arrival', journey: shape.journey, t: due, dropped: vu === undefined, lagMs: Math.max(0, clock.now() - due) });
    if (!vu) {
      result.dropped += 1;
      continue;
    }
    result.started += 1;
    const running: Promise<void> = ctx.iterations.run(vu, due, k).finally(() => {
      pool.release(vu);
      inFlight.delete(running);
    });
    inFlight.add(running);
  }

  const endMs = ctx.startMs + shape.durationS * 1000;
  if (!signal.aborted && clock.now() < endMs) await clock.sleepUntil(endMs, signal);
  if (inFlight.size > 0) {
    // In-flight iterations get the graceful stop, also when the run is stopped early (Ctrl-C, an
    // abort): from the plan's end, or from the stop when it came first (issue 10, "Nothing lost").
    const settled = new AbortController();
    void Promise.allSettled([...inFlight]).then(() => settled.abort());
    await clock.sleepUntil(Math.min(endMs, clock.now()) + shape.gracefulStopS * 1000, settled.signal);
  }
  result.abandoned = inFlight.size;
  return result;
}
