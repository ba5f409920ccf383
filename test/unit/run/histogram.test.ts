/** The one-pass mean and deviation agree with hdr-histogram-js's own getters on any recorded data. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { meanAndDeviation, newHistogram } from '../../../src/run/histogram.js';

describe('meanAndDeviation', () => {
  it('equals the library mean and stdDeviation (property, 100 random histograms up to 30 s)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 30_000_000 }), { minLength: 1, maxLength: 300 }), (values) => {
        const h = newHistogram();
        for (const v of values) h.recordValue(v);
        const { mean, stdDeviation } = meanAndDeviation(h);
        expect(mean).toBeCloseTo(h.mean, 6);
        expect(Math.abs(stdDeviation - h.stdDeviation)).toBeLessThanOrEqual(1e-6 * Math.max(1, h.stdDeviation) + 1e-3);
      }),
      { seed: 42, numRuns: 100 },
    );
  });

  it('is 0 and 0 for an empty histogram, and exact for values below 2048 µs (unit buckets)', () => {
    expect(meanAndDeviation(newHistogram())).toEqual({ mean: 0, stdDeviation: 0 });
    const h = newHistogram();
    for (const v of [100, 200, 300, 400]) h.recordValue(v);
    const { mean, stdDeviation } = meanAndDeviation(h);
    expect(mean).toBe(250);
    expect(stdDeviation).toBeCloseTo(Math.sqrt(12_500), 9); // population SD of 100..400
  });
});
