/**
 * Every shipped profile against the numbers its header states: business totals and peaks,
 * and the compiled plan's totals and peak rates (uncompressed, and compressed keeping totals).
 */
import { describe, expect, it } from 'vitest';
import { compileProfile, planTotals } from '../../../src/engine/compile.js';
import { barcodeShift } from '../../../scenarios/profiles/barcode-shift.js';
import { distributionDay } from '../../../scenarios/profiles/distribution-day.js';
import { ediBurst } from '../../../scenarios/profiles/edi-burst.js';
import { profiles } from '../../../scenarios/profiles/index.js';
import { monthEndClose } from '../../../scenarios/profiles/month-end-close.js';
import { morningOrderWave, morningOrderWaveFull } from '../../../scenarios/profiles/morning-order-wave.js';
import { normalDay } from '../../../scenarios/profiles/normal-day.js';
import { peakSeason } from '../../../scenarios/profiles/peak-season.js';
import { replenishmentNight } from '../../../scenarios/profiles/replenishment-night.js';
import { validateProfile } from '../../../scenarios/profiles/schema.js';
import { businessPeaks, businessTotals } from '../../../scenarios/profiles/totals.js';
import type { Profile } from '../../../scenarios/profiles/types.js';

/** Header numbers: totals per journey and peak iterations per hour per journey. */
const HEADERS: Array<[Profile, Record<string, number>, Record<string, number>]> = [
  [morningOrderWave, { 'order-to-delivery': 780 }, { 'order-to-delivery': 300 }],
  [morningOrderWaveFull, { 'order-entry': 780, 'stock-inquiry': 1170, 'barcode-pick': 900 }, { 'order-entry': 300, 'stock-inquiry': 450, 'barcode-pick': 360 }],
  [ediBurst, { 'edi-order-import': 8000, 'order-entry': 960 }, { 'edi-order-import': 3000, 'order-entry': 120 }],
  [barcodeShift, { 'barcode-pick': 8850 }, { 'barcode-pick': 1200 }],
  [
    monthEndClose,
    { 'order-entry': 1400, invoicing: 120, 'month-end-reports': 420 },
    { 'order-entry': 150, invoicing: 30, 'month-end-reports': 90 },
  ],
  [
    normalDay,
    { 'order-entry': 1740, 'stock-inquiry': 1170, 'edi-order-import': 8000, 'barcode-pick': 8850 },
    { 'order-entry': 420, 'stock-inquiry': 450, 'edi-order-import': 3000, 'barcode-pick': 1200 },
  ],
  [
    peakSeason,
    { 'order-entry': 5220, 'stock-inquiry': 3510, 'edi-order-import': 24000, 'barcode-pick': 13275 },
    { 'order-entry': 1260, 'stock-inquiry': 1350, 'edi-order-import': 9000, 'barcode-pick': 1800 },
  ],
  [replenishmentNight, { replenishment: 160, receipt: 160 }, { replenishment: 160, receipt: 80 }],
  [
    distributionDay,
    { 'order-entry': 2080, 'stock-inquiry': 1210, 'edi-order-import': 8000, 'barcode-pick': 13650, replenishment: 160, receipt: 160 },
    { 'order-entry': 420, 'stock-inquiry': 450, 'edi-order-import': 3000, 'barcode-pick': 1200, replenishment: 160, receipt: 80 },
  ],
];

const sorted = (r: Record<string, number>) => Object.fromEntries(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)));
const maxPeak = (p: { rates?: number; bursts?: number; users?: number }) => Math.max(p.rates ?? 0, p.bursts ?? 0, p.users ?? 0);

describe('shipped profiles', () => {
  it('are the seven of the issue plus the full morning wave, each valid', () => {
    expect(Object.keys(profiles).sort()).toEqual([
      'barcode-shift', 'distribution-day', 'edi-burst', 'month-end-close', 'morning-order-wave', 'morning-order-wave-full',
      'peak-season', 'replenishment-night',
    ]);
    for (const profile of Object.values(profiles)) expect(() => validateProfile(profile, profile.name)).not.toThrow();
  });

  it.each(HEADERS.map(([p, t, k]) => [p.name, p, t, k] as const))('%s: business totals and peaks are those of its header', (_, profile, totals, peaks) => {
    const business = businessTotals(profile);
    expect(Object.keys(business).sort()).toEqual(Object.keys(totals).sort());
    for (const [journey, n] of Object.entries(totals)) expect(business[journey]).toBeCloseTo(n, 6);
    const businessPeak = Object.fromEntries(Object.entries(businessPeaks(profile)).map(([j, p]) => [j, maxPeak(p)]));
    expect(sorted(businessPeak)).toEqual(sorted(peaks));
  });

  it.each(HEADERS.map(([p, t, k]) => [p.name, p, t, k] as const))('%s: the compiled plan runs those totals at those peak rates', (_, profile, totals, peaks) => {
    const plan = compileProfile(profile);
    const compiled = planTotals(plan);
    for (const [journey, n] of Object.entries(totals)) {
      expect(compiled[journey]!.iterations).toBeCloseTo(n, 1);
      // A jump onto a falling ramp peaks a hair below the header (month-end reports: 89.996/h).
      expect(compiled[journey]!.peakRatePerS * 3600).toBeCloseTo(peaks[journey]!, 1);
    }
    // Compressed into 10 minutes keeping totals: the same totals, rates × factor.
    const short = compileProfile(profile, { compress: { durationS: 600, keep: 'totals' } });
    const factor = short.compress.factor;
    expect(short.durationS).toBe(600);
    for (const [journey, n] of Object.entries(totals)) {
      // Users are rounded to whole VUs after × factor: within half a VU per phase.
      expect(Math.abs(planTotals(short)[journey]!.iterations - n) / n).toBeLessThan(0.01);
      expect(planTotals(short)[journey]!.peakRatePerS / ((peaks[journey]! / 3600) * factor)).toBeCloseTo(1, 2);
    }
  });
});

describe('edi-burst compiled', () => {
  const plan = compileProfile(ediBurst);
  const edi = plan.scenarios.find((s) => s.name === 'edi-order-import-bursts')!;

  it('is a ramping-arrival-rate scenario of 16 square pulses of 0.83/s with 4 connector threads as its pool', () => {
    if (edi.executor !== 'ramping-arrival-rate') throw new Error('expected ramping-arrival-rate');
    expect(edi).toMatchObject({ journey: 'edi-order-import', startRate: 500 / 600, preAllocatedVUs: 4, maxVUs: 4 });
    expect(edi.params).toEqual({ linesPerOrder: { distribution: 'poisson', mean: 12 } });
    // The 08:00 batch starts at t = 0 at its full rate; each edge is a 1 s ramp centred on it.
    expect(edi.stages.slice(0, 5)).toEqual([
      { durationS: 599.5, target: 500 / 600 },
      { durationS: 1, target: 0 }, // 08:10 ± 0.5 s
      { durationS: 1199, target: 0 },
      { durationS: 1, target: 500 / 600 }, // 08:30 ± 0.5 s
      { durationS: 599, target: 500 / 600 },
    ]);
    expect(Math.max(...edi.stages.map((s) => s.target))).toBeCloseTo(500 / 600, 12);
    expect(edi.stages.reduce((t, s) => t + s.durationS, 0)).toBeCloseTo(8 * 3600, 6);
  });

  it('keeps peak rates when compressed with keep peak-rates: 16 batches of 500/factor', () => {
    const short = compileProfile(ediBurst, { compress: { factor: 10, keep: 'peak-rates' } });
    expect(planTotals(short)['edi-order-import']!.iterations).toBeCloseTo(800, 6);
    expect(planTotals(short)['edi-order-import']!.peakRatePerS).toBeCloseTo(500 / 600, 9);
    expect(short.scenarios.find((s) => s.name === 'edi-order-import-bursts')).toMatchObject({ maxVUs: 4 });
    const kept = compileProfile(ediBurst, { compress: { factor: 10, keep: 'totals' } });
    expect(kept.scenarios.find((s) => s.name === 'edi-order-import-bursts')).toMatchObject({ maxVUs: 40 });
  });

  it('runs one batch with --phase and scale 2', () => {
    const plan2 = compileProfile(ediBurst, { scale: 2, seed: 3 });
    expect(plan2.seed).toBe(3);
    expect(planTotals(plan2)['edi-order-import']!.iterations).toBeCloseTo(16_000, 6);
  });
});

describe('barcode-shift compiled', () => {
  it('is a ramping-vus scenario stepping 10 → 40 → 20 → 40 pickers with 80 s think time', () => {
    const plan = compileProfile(barcodeShift);
    const pick = plan.scenarios[0]!;
    if (pick.executor !== 'ramping-vus') throw new Error('expected ramping-vus');
    expect(pick).toMatchObject({ name: 'barcode-pick-users', startVUs: 10, thinkTimeS: 80, expectedIterationS: 40 });
    expect(pick.stages.map((s) => s.target)).toEqual([10, 40, 40, 20, 20, 40, 40]);
    expect(pick.stages.reduce((t, s) => t + s.durationS, 0)).toBe(8 * 3600);
    expect(pick.params).toMatchObject({ scansPerLine: 2, scanIntervalS: 3 });
  });

  it('is a constant-vus scenario for one phase; keep totals multiplies the people, not their pace', () => {
    const plan = compileProfile(barcodeShift, { phase: 'late', compress: { factor: 7, keep: 'totals' } });
    expect(plan.scenarios[0]).toMatchObject({ executor: 'constant-vus', vus: 280, durationS: 1800, thinkTimeS: 80 });
    expect(planTotals(plan)['barcode-pick']!.iterations).toBeCloseTo(4200, 6);
    const paced = compileProfile(barcodeShift, { phase: 'late', compress: { factor: 7, keep: 'peak-rates' } });
    expect(paced.scenarios[0]).toMatchObject({ executor: 'constant-vus', vus: 40, durationS: 1800 });
    expect(planTotals(paced)['barcode-pick']!.iterations).toBeCloseTo(600, 6); // 4 200 / 7
  });
});

describe('morning-order-wave stays runnable with order-to-delivery alone', () => {
  it('compiles to the one scenario the demo and the pipeline test use', () => {
    const plan = compileProfile(morningOrderWave, { scale: 8, compress: { durationS: 12, keep: 'peak-rates' }, seed: 7 });
    expect(plan.scenarios.map((s) => [s.journey, s.executor])).toEqual([['order-to-delivery', 'ramping-arrival-rate']]);
    expect(plan.scenarios[0]!.params).toEqual({ linesPerOrder: { distribution: 'lognormal', median: 6, sigma: 0.6, max: 80 } });
  });
});
