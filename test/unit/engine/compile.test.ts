import { describe, expect, it } from 'vitest';
import { PlanOptionError, compileProfile, planTotals, vuPool } from '../../../src/engine/compile.js';
import { MORNING_ORDER_WAVE_TOTALS, morningOrderWave } from '../../../scenarios/profiles/morning-order-wave.js';
import { businessTotals } from '../../../scenarios/profiles/totals.js';
import type { Profile } from '../../../scenarios/profiles/types.js';

const JOURNEY = 'order-to-delivery';

describe('compileProfile: morning-order-wave in 120 s', () => {
  const plan = compileProfile(morningOrderWave, { compress: { durationS: 120, keep: 'peak-rates' } });

  it('maps the four business hours onto 120 plan seconds, 30 s per phase (factor 120)', () => {
    expect(plan.durationS).toBe(120);
    expect(plan.compress).toEqual({ factor: 120, keep: 'peak-rates' });
    expect(plan.phases.map((p) => [p.name, p.startS, p.endS, p.businessStart, p.businessEnd])).toEqual([
      ['early', 0, 30, '06:00', '07:00'],
      ['ramp', 30, 60, '07:00', '08:00'],
      ['peak', 60, 90, '08:00', '09:00'],
      ['tail', 90, 120, '09:00', '10:00'],
    ]);
    expect(plan).toMatchObject({ version: 1, profile: 'morning-order-wave', seed: 1, scale: 1 });
    expect(plan.slos).toEqual({ [JOURNEY]: { p95Ms: 20_000, maxErrorRate: 0.02 } });
  });

  it('keeps the business rates with keep peak-rates: peak 300/3600 per second, totals shrink by 120', () => {
    expect(plan.scenarios).toHaveLength(1);
    const scenario = plan.scenarios[0]!;
    expect(scenario.journey).toBe(JOURNEY);
    if (scenario.executor !== 'ramping-arrival-rate') throw new Error('expected ramping-arrival-rate');
    expect(scenario.startRate).toBeCloseTo(40 / 3600, 12);
    expect(scenario.stages.map((s) => s.durationS)).toEqual([30, 30, 30, 30]);
    const targets = scenario.stages.map((s) => s.target);
    [120, 300, 300, 80].forEach((perHour, i) => expect(targets[i]).toBeCloseTo(perHour / 3600, 12));
    const totals = planTotals(plan)[JOURNEY]!;
    expect(totals.peakRatePerS).toBeCloseTo(300 / 3600, 12);
    expect(totals.iterations).toBeCloseTo(780 / 120, 9); // 6.5
  });

  it('sizes the VU pool by Little\'s law: ⌈0.0833/s × 20 s × 2⌉ = 4, max 4 × 4 = 16; gracefulStop min(30, 2 × 20 s) = 30 s', () => {
    expect(plan.scenarios[0]).toMatchObject({ preAllocatedVUs: 4, maxVUs: 16, gracefulStopS: 30 });
  });

  it('keeps the header\'s business totals with keep totals (780 orders, peak 10/s)', () => {
    const totalsPlan = compileProfile(morningOrderWave, { compress: { durationS: 120, keep: 'totals' } });
    const totals = planTotals(totalsPlan)[JOURNEY]!;
    const expected = MORNING_ORDER_WAVE_TOTALS[JOURNEY]!;
    expect(Math.abs(totals.iterations - expected) / expected).toBeLessThan(0.01);
    expect(totals.iterations).toBeCloseTo(780, 6);
    expect(totals.peakRatePerS).toBeCloseTo(10, 9); // 300/h × 120 / 3600
    // Little's law at 10/s with a 20 s p95: 10 × 20 × 2 = 400 pre-allocated, 1600 max.
    expect(totalsPlan.scenarios[0]).toMatchObject({ preAllocatedVUs: 400, maxVUs: 1600 });
  });

  it('without compression equals the integral of the phases\' rates, in business time', () => {
    const raw = compileProfile(morningOrderWave);
    expect(raw.durationS).toBe(4 * 3600);
    expect(raw.compress).toEqual({ factor: 1, keep: 'peak-rates' });
    expect(raw.scenarios[0]!.gracefulStopS).toBe(30);
    expect(planTotals(raw)[JOURNEY]!.iterations).toBeCloseTo(businessTotals(morningOrderWave)[JOURNEY]!, 6);
  });

  it('multiplies rates and totals by scale', () => {
    const tripled = compileProfile(morningOrderWave, { scale: 3, compress: { factor: 60, keep: 'totals' }, seed: 7 });
    expect(tripled.durationS).toBe(240);
    expect(tripled.seed).toBe(7);
    expect(planTotals(tripled)[JOURNEY]!.iterations).toBeCloseTo(3 * 780, 6);
    expect(planTotals(tripled)[JOURNEY]!.peakRatePerS).toBeCloseTo((3 * 300 * 60) / 3600, 9); // 15/s
  });
});

describe('compileProfile --phase', () => {
  it('keeps only the peak hour, starting at 0 and compressed to the duration asked', () => {
    const plan = compileProfile(morningOrderWave, { phase: 'peak', compress: { durationS: 120, keep: 'totals' } });
    expect(plan.phases).toEqual([{ name: 'peak', startS: 0, endS: 120, businessStart: '08:00', businessEnd: '09:00' }]);
    expect(plan.durationS).toBe(120);
    expect(plan.compress.factor).toBe(30); // 3600 business s / 120 plan s
    const scenario = plan.scenarios[0]!;
    if (scenario.executor !== 'ramping-arrival-rate') throw new Error('expected ramping-arrival-rate');
    expect(scenario.startRate).toBeCloseTo(2.5, 12); // 300/h × 30 / 3600
    expect(scenario.stages).toEqual([{ durationS: 120, target: scenario.startRate }]);
    expect(planTotals(plan)[JOURNEY]!.iterations).toBeCloseTo(300, 6);
  });

  it('with a factor, lasts the phase\'s business length divided by the factor', () => {
    const plan = compileProfile(morningOrderWave, { phase: 'tail', compress: { factor: 10, keep: 'peak-rates' } });
    expect(plan.durationS).toBe(360);
    expect(planTotals(plan)[JOURNEY]!.iterations).toBeCloseTo(19, 9); // 190 / 10
  });
});

describe('compileProfile stage shapes', () => {
  const jumpy: Profile = {
    name: 'jumpy',
    description: 'A jump between phases, a gap, and a journey missing from a phase.',
    phases: [
      { name: 'a', start: '06:00', end: '07:00', rates: { pick: { from: 3600, to: 3600 }, edi: { from: 360, to: 360 } } },
      { name: 'b', start: '07:00', end: '08:00', rates: { pick: { from: 7200, to: 7200 } } },
      { name: 'c', start: '09:00', end: '10:00', rates: { pick: { from: 0, to: 3600 }, edi: { from: 720, to: 0 } } },
    ],
    slos: { pick: { p95Ms: 1000 } },
  };
  const plan = compileProfile(jumpy);

  it('ramps over a jump in ±0.5 s centred on the boundary and keeps the phase boundaries exact', () => {
    const pick = plan.scenarios.find((s) => s.journey === 'pick')!;
    expect(pick).toMatchObject({ executor: 'ramping-arrival-rate', name: 'pick', startRate: 1 });
    if (pick.executor !== 'ramping-arrival-rate') throw new Error('unreachable');
    expect(pick.stages).toEqual([
      { durationS: 3599.5, target: 1 },
      { durationS: 1, target: 2 }, // 1 → 2 /s from 3599.5 s to 3600.5 s
      { durationS: 3599, target: 2 },
      { durationS: 1, target: 0 }, // into the 08:00–09:00 gap
      { durationS: 3599.5, target: 0 }, // phase c starts at 0: no jump
      { durationS: 3600, target: 1 },
    ]);
    expect(plan.phases.map((p) => [p.startS, p.endS])).toEqual([[0, 3600], [3600, 7200], [10800, 14400]]);
  });

  it('gives a journey absent from a phase rate 0 there', () => {
    const edi = plan.scenarios.find((s) => s.journey === 'edi')!;
    if (edi.executor !== 'ramping-arrival-rate') throw new Error('unreachable');
    expect(edi.stages).toEqual([
      { durationS: 3599.5, target: 0.1 },
      { durationS: 1, target: 0 },
      { durationS: 3599.5, target: 0 }, // phase b, then the gap: no jump between them
      { durationS: 3599.5, target: 0 },
      { durationS: 1, target: 0.2 - 0.2 * (0.5 / 3600) }, // 0 → the falling ramp of phase c, 0.5 s in
      { durationS: 3599.5, target: 0 },
    ]);
    // A journey without an SLO is sized with the assumed 5 s.
    expect(edi).toMatchObject({ preAllocatedVUs: 2, maxVUs: 10 });
  });

  it('keeps the totals: a centred ramp adds as much after the jump as it takes before it', () => {
    const totals = planTotals(plan);
    const exact = businessTotals(jumpy);
    expect(exact).toEqual({ pick: 3600 + 7200 + 1800, edi: 360 + 360 });
    expect(totals.pick!.iterations).toBeCloseTo(exact.pick!, 6);
    // edi: the jump 0 → 0.2 /s lands on a falling ramp (slope −0.2/3600 per s): error h²/2 × slope ≈ 0.
    expect(totals.edi!.iterations).toBeCloseTo(exact.edi!, 3);
    expect(totals.pick!.peakRatePerS).toBe(2);
  });

  it('keeps stage durations summing to the plan duration', () => {
    for (const scenario of plan.scenarios) {
      if (scenario.executor !== 'ramping-arrival-rate') throw new Error('unreachable');
      expect(scenario.stages.reduce((sum, s) => sum + s.durationS, 0)).toBeCloseTo(plan.durationS, 9);
    }
  });
});

describe('compileProfile options', () => {
  it('rejects bad options, naming the option', () => {
    expect(() => compileProfile(morningOrderWave, { phase: 'lunch' })).toThrow(
      'phase: expected one of early, ramp, peak, tail, got "lunch"',
    );
    expect(() => compileProfile(morningOrderWave, { scale: 0 })).toThrow('scale: expected a finite number > 0, got 0');
    expect(() => compileProfile(morningOrderWave, { compress: { durationS: -5, keep: 'totals' } })).toThrow(
      'compress.durationS: expected seconds > 0, got -5',
    );
    expect(() => compileProfile(morningOrderWave, { compress: { durationS: 60, factor: 2, keep: 'totals' } })).toThrow(PlanOptionError);
    try {
      compileProfile(morningOrderWave, { compress: { factor: Number.NaN, keep: 'totals' } });
    } catch (error) {
      expect(error).toMatchObject({ code: 'PLAN_OPTION_INVALID', field: 'compress.factor' });
    }
  });
});

describe('vuPool', () => {
  it('is 2 × rate × p95 rounded up, at least 2, with 4× (at least 10) as the maximum', () => {
    expect(vuPool(0, 5000)).toEqual({ preAllocatedVUs: 2, maxVUs: 10 });
    expect(vuPool(2.5, 5000)).toEqual({ preAllocatedVUs: 25, maxVUs: 100 });
    expect(vuPool(3.01, 1000)).toEqual({ preAllocatedVUs: 7, maxVUs: 28 });
  });
});
