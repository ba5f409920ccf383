import { describe, expect, it } from 'vitest';
import { MORNING_ORDER_WAVE_TOTALS, morningOrderWave } from '../../../scenarios/profiles/morning-order-wave.js';
import { businessTotals } from '../../../scenarios/profiles/totals.js';

describe('morning-order-wave', () => {
  it('adds up to the 780 orders its header states (80 + 210 + 300 + 190)', () => {
    expect(businessTotals(morningOrderWave)).toEqual(MORNING_ORDER_WAVE_TOTALS);
    expect(MORNING_ORDER_WAVE_TOTALS['order-to-delivery']).toBe(780);
    expect(businessTotals(morningOrderWave, 'early')).toEqual({ 'order-to-delivery': 80 });
    expect(businessTotals(morningOrderWave, 'ramp')).toEqual({ 'order-to-delivery': 210 });
    expect(businessTotals(morningOrderWave, 'peak')).toEqual({ 'order-to-delivery': 300 });
    expect(businessTotals(morningOrderWave, 'tail')).toEqual({ 'order-to-delivery': 190 });
  });

  it('runs 06:00–10:00 with a 300 orders/h peak and a 5 s p95 SLO', () => {
    expect(morningOrderWave.phases.map((p) => `${p.name} ${p.start}-${p.end}`)).toEqual([
      'early 06:00-07:00',
      'ramp 07:00-08:00',
      'peak 08:00-09:00',
      'tail 09:00-10:00',
    ]);
    // web-client keying: ~1.3 s + 0.65 s per line plus ~0.6 s of delivery, 16 lines at p95 (the profile's comment)
    expect(morningOrderWave.slos['order-to-delivery']).toEqual({ p95Ms: 20_000, maxErrorRate: 0.02 });
  });
});
