import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arrivalTimes } from '../../../src/plan/arrivals.js';
import type { LevelCurve } from '../../../src/plan/executors/index.js';
import { levelArea, levelAt } from '../../../src/plan/level.js';

/** ∫₀ᵗ r dt of a piecewise-linear rate, written independently of the implementation (trapezoids). */
function areaUntil(shape: LevelCurve, t: number): number {
  let from = shape.start;
  let start = 0;
  let area = 0;
  for (const { durationS: d, target: to } of shape.stages) {
    const x = Math.min(Math.max(t - start, 0), d);
    area += from * x + ((to - from) * x * x) / (2 * d);
    from = to;
    start += d;
  }
  return area;
}

describe('arrivalTimes', () => {
  it('ramps 0 → 10/s over 10 s: 50 arrivals (the area), the k-th at √(2k) s', () => {
    const times = [...arrivalTimes({ start: 0, stages: [{ durationS: 10, target: 10 }] })];
    expect(times).toHaveLength(50);
    times.forEach((t, i) => expect(t).toBeCloseTo(Math.sqrt(2 * (i + 1)), 9));
    // the ramp: 5 arrivals in the first half (area 12.5 → 12), 38 in the second
    expect(times.filter((t) => t <= 5)).toHaveLength(12);
  });

  it('follows k6: at a flat 20/s for 30 s the arrivals are 0.05 s … 30.00 s, exactly 600', () => {
    const times = [...arrivalTimes({ start: 20, stages: [{ durationS: 30, target: 20 }] })];
    expect(times).toHaveLength(600);
    expect(times[0]).toBeCloseTo(0.05, 12);
    expect(times.at(-1)).toBeCloseTo(30, 12);
  });

  it('carries a fractional area into the next stage (k6 example: 2/s for 5 s, then 2 → 3/s over 5 s)', () => {
    const shape = { start: 2, stages: [{ durationS: 5, target: 2 }, { durationS: 5, target: 3 }] };
    const times = [...arrivalTimes(shape)];
    expect(times).toHaveLength(22); // area 10 + 12.5
    expect(times[9]).toBeCloseTo(5, 12);
    // arrival 11: 2x + x²/10 = 1 → x = −10 + √110
    expect(times[10]).toBeCloseTo(5 + (-10 + Math.sqrt(110)), 9);
  });

  it('has no arrivals while the rate is 0, and continues after', () => {
    const times = [...arrivalTimes({ start: 0, stages: [{ durationS: 5, target: 0 }, { durationS: 1, target: 4 }] })];
    expect(times).toEqual([5 + Math.sqrt(0.5), 6]);
  });

  it('property: count = ⌊∫r⌋, ascending, inside the stages, and the area up to the k-th arrival is k', () => {
    const stage = fc.record({ durationS: fc.double({ min: 0.5, max: 20, noNaN: true }), target: fc.double({ min: 0, max: 40, noNaN: true }) });
    fc.assert(
      fc.property(fc.double({ min: 0, max: 40, noNaN: true }), fc.array(stage, { minLength: 1, maxLength: 4 }), (startRate, stages) => {
        const shape = { start: startRate, stages };
        const times = [...arrivalTimes(shape)];
        const total = levelArea(shape);
        expect(times.length).toBe(Math.floor(total + 1e-9 * Math.max(1, total)));
        const duration = stages.reduce((s, x) => s + x.durationS, 0);
        times.forEach((t, i) => {
          if (i > 0) expect(t).toBeGreaterThanOrEqual(times[i - 1] as number);
          expect(t).toBeGreaterThanOrEqual(0);
          expect(t).toBeLessThanOrEqual(duration + 1e-9);
          expect(Math.abs(areaUntil(shape, t) - (i + 1))).toBeLessThan(1e-6 * (i + 1));
        });
      }),
      { numRuns: 200 },
    );
  });
});

describe('levelAt', () => {
  it('interpolates within a stage and is 0 after the last', () => {
    const shape = { start: 2, stages: [{ durationS: 10, target: 12 }, { durationS: 5, target: 12 }] };
    expect(levelAt(shape, 0)).toBe(2);
    expect(levelAt(shape, 5)).toBe(7);
    expect(levelAt(shape, 12)).toBe(12);
    expect(levelAt(shape, 15)).toBe(0);
  });

  it('levelArea between two times is the trapezoid under the curve there', () => {
    const shape = { start: 2, stages: [{ durationS: 10, target: 12 }, { durationS: 5, target: 12 }] };
    expect(levelArea(shape)).toBe(70 + 60);
    expect(levelArea(shape, 0, 5)).toBe(((2 + 7) / 2) * 5);
    expect(levelArea(shape, 8, 12)).toBeCloseTo(((10 + 12) / 2) * 2 + 12 * 2, 12);
  });
});
