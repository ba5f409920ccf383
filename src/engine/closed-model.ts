/**
 * The VU loop shared by the closed-model executors (constant-vus, ramping-vus): a fixed number of
 * virtual users each run iteration, think, iteration, think … so the arrival rate follows Odoo's
 * speed (k6's constant-vus / ramping-vus). Use it for interactive users who wait for each screen;
 * the arrival-rate executors (./open-model.ts) are the default for load that does not wait.
 *
 *   VUs
 *    3 |          ┌───────┐           VU k (1-based) starts when the ramp reaches k and
 *    2 |      ┌───┘       └───┐       stops (after its current iteration) when it falls to k−1
 *    1 |  ┌───┘               └───┐
 *      +--+-------------------------+--> t      at durationS: no new iterations; in-flight ones
 *         0                      durationS      get gracefulStopS, then are abandoned
 *
 * Latency: in a closed model an iteration starts when its VU is ready, so the intended start is
 * the actual start (after the think time) and latency equals service time — the open model's
 * coordinated-omission correction does not apply here by construction.
 */
import type { ExecutorContext, ExecutorResult } from './executors/types.js';
import { mixSeed } from '../plan/random.js';
import type { SampleSink } from './samples.js';
import { owns, type ExecutionSegment } from '../plan/segment.js';
import type { VuStep } from '../plan/vu-steps.js';

export interface ClosedModelShape {
  journey: string;
  steps: readonly VuStep[];
  durationS: number;
  gracefulStopS: number;
  /** Pause after each iteration, seconds (on the engine clock). */
  thinkTimeS: number;
  segment?: ExecutionSegment;
}

interface Loop {
  done: Promise<void>;
  /** Aborted to end a think time early (ramp-down, end of the scenario). */
  wake: AbortController;
}

export async function runClosedModel(shape: ClosedModelShape, ctx: ExecutorContext, samples: SampleSink): Promise<ExecutorResult> {
  const { clock, signal, pool } = ctx;
  const endMs = ctx.startMs + shape.durationS * 1000;
  const result: ExecutorResult = { scheduled: 0, started: 0, dropped: 0, abandoned: 0 };
  const inFlight = new Set<Promise<void>>();
  const loops = new Map<number, Loop>();
  let active = 0; // plan-wide VU count now
  let stopping = false;

  const vuLoop = async (index: number, loop: Loop): Promise<void> => {
    for (let n = 0; !signal.aborted && !stopping && index < active && clock.now() < endMs; n += 1) {
      const vu = pool.acquire();
      if (!vu) return; // cannot happen: the pool holds every VU this segment owns
      const start = clock.now();
      result.scheduled += 1;
      result.started += 1;
      samples.push({ type: 'arrival', journey: shape.journey, t: start, dropped: false, lagMs: 0 });
      // A stable number per (VU, iteration), so random streams do not depend on the segment.
      const running: Promise<void> = ctx.iterations.run(vu, start, mixSeed(index, n)).finally(() => {
        pool.release(vu);
        inFlight.delete(running);
      });
      inFlight.add(running);
      await running;
      if (shape.thinkTimeS > 0) await clock.sleepUntil(clock.now() + shape.thinkTimeS * 1000, AbortSignal.any([signal, loop.wake.signal]));
      else if (clock.now() === start) await new Promise((resolve) => setImmediate(resolve)); // never spin on an instant iteration
    }
  };

  const apply = (vus: number) => {
    active = vus;
    for (const [index, loop] of loops) if (index >= active) loop.wake.abort();
    for (let index = 0; index < active; index += 1) {
      if (!owns(shape.segment, index)) continue;
      const existing = loops.get(index);
      if (existing) {
        if (existing.wake.signal.aborted) existing.wake = new AbortController();
        continue;
      }
      const loop: Loop = { done: Promise.resolve(), wake: new AbortController() };
      loop.done = vuLoop(index, loop).finally(() => {
        if (loops.get(index) === loop) loops.delete(index);
      });
      loops.set(index, loop);
    }
  };

  for (const step of shape.steps) {
    const at = ctx.startMs + step.tS * 1000;
    if (at >= endMs) break;
    if (clock.now() < at) await clock.sleepUntil(at, signal);
    if (signal.aborted) break;
    apply(step.vus);
  }

  if (!signal.aborted && clock.now() < endMs) await clock.sleepUntil(endMs, signal);
  stopping = true;
  for (const loop of loops.values()) loop.wake.abort();
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
