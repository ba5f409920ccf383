import { describe, expect, it } from 'vitest';
import { onlyJourneys, overlay, scaleJourneys } from '../../../scenarios/profiles/compose.js';
import { meanCount, sampleCount } from '../../../scenarios/distributions.js';
import { batchCount, businessTotals } from '../../../scenarios/profiles/totals.js';
import type { Profile } from '../../../scenarios/profiles/types.js';
import { mulberry32 } from '../../../src/plan/random.js';

const wave: Profile = {
  name: 'wave',
  description: 'd',
  phases: [{ name: 'wave', start: '06:00', end: '10:00', rates: { order: { from: 0, to: 400 } } }],
  slos: { order: { p95Ms: 1000 } },
};
const shift: Profile = {
  name: 'shift',
  description: 'd',
  phases: [{ name: 'shift', start: '08:00', end: '12:00', users: { pick: 10 }, bursts: { edi: [{ everyMin: 30, size: 50, spreadMin: 10 }] } }],
  slos: {},
  pacing: { pick: { thinkTimeS: 60, iterationS: 60 } },
};

describe('overlay', () => {
  it('cuts at every boundary, interpolates ramps at the cut and keeps every total', () => {
    const both = overlay({ name: 'both', description: 'd' }, [wave, shift]);
    expect(both.phases.map((p) => [p.name, p.start, p.end, p.rates, p.users])).toEqual([
      ['wave', '06:00', '08:00', { order: { from: 0, to: 200 } }, undefined],
      ['wave-shift', '08:00', '10:00', { order: { from: 200, to: 400 } }, { pick: 10 }],
      ['shift', '10:00', '12:00', undefined, { pick: 10 }],
    ]);
    expect(businessTotals(both)).toEqual({ order: 800, pick: 1200, edi: 400 }); // 8 batches of 50
    expect(both.pacing).toEqual(shift.pacing);
  });

  it('refuses a cut that splits a batch', () => {
    const cutter: Profile = { ...wave, phases: [{ ...wave.phases[0]!, end: '08:05' }] };
    expect(() => overlay({ name: 'x', description: 'd' }, [cutter, shift])).toThrow(
      "overlay: a phase boundary splits a burst's batch (8 batches before, 7 after)",
    );
  });

  it('keeps and scales journeys', () => {
    expect(businessTotals(onlyJourneys(shift, ['edi']))).toEqual({ edi: 400 });
    expect(businessTotals(scaleJourneys(shift, { pick: 1.5, edi: 3 }))).toEqual({ pick: 1800, edi: 1200 });
  });
});

describe('batchCount', () => {
  it('counts clock-anchored batches that fit in the phase', () => {
    expect(batchCount({ start: '08:00', end: '16:00' }, { everyMin: 30, size: 1, spreadMin: 10 })).toBe(16);
    expect(batchCount({ start: '08:05', end: '09:00' }, { everyMin: 30, size: 1, spreadMin: 10 })).toBe(1); // 08:30 only
    expect(batchCount({ start: '08:00', end: '09:00' }, { everyMin: 30, size: 1, spreadMin: 10, offsetMin: 25 })).toBe(1); // 08:25; 08:55 ends 09:05
  });
});

describe('sampleCount', () => {
  const draws = (count: Parameters<typeof sampleCount>[0], n = 20_000) => {
    const random = mulberry32(42);
    return Array.from({ length: n }, () => sampleCount(count, random, 1));
  };
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

  it('draws Poisson counts with the mean asked', () => {
    expect(mean(draws({ distribution: 'poisson', mean: 12 }))).toBeCloseTo(12, 1);
  });

  it('draws lognormal counts around median × e^(σ²/2), rounded', () => {
    const xs = draws({ distribution: 'lognormal', median: 6, sigma: 0.5 });
    expect(meanCount({ distribution: 'lognormal', median: 6, sigma: 0.5 })).toBeCloseTo(6.7989, 4); // 6 × e^0.125;
    expect(Math.abs(mean(xs) - 6.8) / 6.8).toBeLessThan(0.02);
    expect([...xs].sort((a, b) => a - b)[10_000]).toBe(6);
  });

  it('draws empirical counts with their weights, constants as given, the fallback for nothing', () => {
    const xs = draws({ distribution: 'empirical', values: [1, 2, 3, 4], weights: [40, 30, 20, 10] });
    expect(xs.filter((x) => x === 1).length / xs.length).toBeCloseTo(0.4, 1);
    expect(mean(xs)).toBeCloseTo(2, 1);
    expect(sampleCount(2, Math.random, 9)).toBe(2);
    expect(sampleCount(undefined, Math.random, 9)).toBe(9);
  });
});
