import { describe, expect, it } from 'vitest';
import { backoffDelay, firstTickAtOrAfter, nextTick, tickDue } from '../../../src/collect/cadence.js';
import { Sleeper, type CollectorClock } from '../../../src/collect/clock.js';

describe('fixed cadence', () => {
  it('keeps ticks on the t0 + k × interval grid', () => {
    expect(tickDue(1_000, 100, 0)).toBe(1_000);
    expect(tickDue(1_000, 100, 7)).toBe(1_700);
    expect(firstTickAtOrAfter(1_000, 100, 900)).toBe(0);
    expect(firstTickAtOrAfter(1_000, 100, 1_000)).toBe(0);
    expect(firstTickAtOrAfter(1_000, 100, 1_001)).toBe(1);
    expect(firstTickAtOrAfter(1_000, 100, 1_300)).toBe(3);
  });

  it('runs the next tick on time after a fast query, without drift', () => {
    // Tick 3 (due 300) took 40 ms: tick 4 is still due at 400, not at 340 + 100.
    expect(nextTick(0, 100, 3, 340)).toEqual({ index: 4, skipped: 0 });
    expect(tickDue(0, 100, 4)).toBe(400);
  });

  it('skips the ticks that came due while a slow query ran', () => {
    expect(nextTick(0, 100, 3, 520)).toEqual({ index: 6, skipped: 2 });
    // Finishing exactly on a due time runs that tick rather than skipping it.
    expect(nextTick(0, 100, 3, 500)).toEqual({ index: 5, skipped: 1 });
  });

  it('backs off 250, 500, 1000 … ms up to the cap', () => {
    expect([0, 1, 2, 3, 6, 7, 50].map((n) => backoffDelay(n, 250, 30_000))).toEqual([250, 500, 1000, 2000, 16_000, 30_000, 30_000]);
  });
});

/** A manual clock: timers fire when advance() passes their due time. */
function fakeClock(start = 0): CollectorClock & { advance(ms: number): void } {
  let now = start;
  let timers: Array<{ due: number; callback: () => void; id: number }> = [];
  let nextId = 0;
  return {
    now: () => now,
    setTimeout(callback, ms) {
      const id = nextId++;
      timers.push({ due: now + ms, callback, id });
      return id;
    },
    clearTimeout(handle) {
      timers = timers.filter((timer) => timer.id !== handle);
    },
    advance(ms) {
      now += ms;
      const due = timers.filter((timer) => timer.due <= now);
      timers = timers.filter((timer) => timer.due > now);
      for (const timer of due) timer.callback();
    },
  };
}

describe('Sleeper', () => {
  it('resolves false when the time runs out and true when cancelled, for good', async () => {
    const clock = fakeClock();
    const sleeper = new Sleeper(clock);
    const first = sleeper.sleep(100);
    clock.advance(99);
    clock.advance(1);
    await expect(first).resolves.toBe(false);
    const second = sleeper.sleep(1_000);
    sleeper.cancel();
    await expect(second).resolves.toBe(true);
    await expect(sleeper.sleep(1_000)).resolves.toBe(true);
  });
});
