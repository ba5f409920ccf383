import { describe, expect, it } from 'vitest';
import { headroom } from '../../../models/headroom.js';

describe('headroom', () => {
  it('finds the load multiplier where the M/M/1 p95 reaches the target (p95 = ln 20 / (μ − mλ))', () => {
    // μ = 1, λ = 0.5, target = ln 20 / 0.25 → μ − mλ = 0.25 → m = 1.5 → +50 %.
    const r = headroom({ ratePerS: 0.5, serviceMeanS: 1, serviceScv: 1, workers: 1, targetP95S: Math.log(20) / 0.25, cpuSecondsPerS: 0, cores: 1, peak: 'the forecast peak' });
    expect(r.value).toBeCloseTo(50, 0);
    expect(r.inputs['limit']).toBe('p95-target');
    expect(r.unit).toBe('% of the forecast peak');
  });

  it('is negative when the CPU is already short', () => {
    const r = headroom({ ratePerS: 0.5, serviceMeanS: 1, serviceScv: 1, workers: 4, targetP95S: 100, cpuSecondsPerS: 4, cores: 2, peak: 'the tested peak' });
    expect(r.value).toBeCloseTo(-50, 0);
    expect(r.inputs['limit']).toBe('cpu');
    expect(r.unit).toBe('% of the tested peak');
    expect(r.reason).toBe('Already 50 % over: at the tested peak the CPU (2 cores) saturates; the configuration holds only 50 % of it.');
  });
});
