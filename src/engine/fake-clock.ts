/**
 * A clock for tests of run loops: time only moves when everything is waiting on the clock.
 *
 * Each pending `sleepUntil` is a timer. After the current macrotask (and all its microtasks)
 * finished, the earliest timer fires: `now()` jumps to its time and its promise resolves. Code
 * under test must therefore wait only on this clock (a fake Odoo client sleeps on it too);
 * waiting on real I/O would let fake time run ahead. Timers due at the same time fire in the
 * order they were set.
 */
import type { Clock } from './clock.js';

interface Timer {
  at: number;
  seq: number;
  fire: () => void;
}

export class FakeClock implements Clock {
  private current: number;
  private readonly timers: Timer[] = [];
  private seq = 0;
  private scheduled = false;

  /** @param startMs initial epoch ms; the default is aligned to whole seconds (2023-11-14T22:13:20Z). */
  constructor(startMs = 1_700_000_000_000) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  sleepUntil(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const timer: Timer = {
        at: Math.max(ms, this.current),
        seq: this.seq++,
        fire: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        const i = this.timers.indexOf(timer);
        if (i !== -1) this.timers.splice(i, 1);
        resolve();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      // Keep `timers` sorted by (at, seq): insert after every timer due at or before `at`.
      let i = this.timers.length;
      while (i > 0 && (this.timers[i - 1] as Timer).at > timer.at) i -= 1;
      this.timers.splice(i, 0, timer);
      this.schedule();
    });
  }

  /** Number of pending timers (for tests asserting that nothing is left waiting). */
  get pending(): number {
    return this.timers.length;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.fireNext());
  }

  private fireNext(): void {
    this.scheduled = false;
    const timer = this.timers.shift();
    if (!timer) return;
    this.current = Math.max(this.current, timer.at);
    timer.fire();
    if (this.timers.length > 0) this.schedule();
  }
}
