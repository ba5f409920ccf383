import { describe, expect, it } from 'vitest';
import { meanWait, responseTimePercentile, waitPercentile } from '../../../models/erlang-c.js';
import {
  approximateMeanWait,
  approximateResponseTimePercentile,
  approximateResponseTimeTail,
  approximateWaitPercentile,
  servicePercentile,
} from '../../../models/mgc.js';

describe('approximateMeanWait (Allen–Cunneen)', () => {
  it('is exact for M/D/1: Wq = ρS / (2(1 − ρ)) (Pollaczek–Khinchine)', () => {
    expect(approximateMeanWait({ ratePerS: 0.5, serviceS: 1, servers: 1, serviceScv: 0 })).toBeCloseTo(0.5, 12);
    // M/G/1 with Cs² = 3: Wq = λE[S²]/(2(1−ρ)) = 0.5·(1+3)/(2·0.5) = 2
    expect(approximateMeanWait({ ratePerS: 0.5, serviceS: 1, servers: 1, serviceScv: 3 })).toBeCloseTo(2, 12);
  });

  it('scales the M/M/c mean wait by (1 + Cs²)/2', () => {
    const queue = { ratePerS: 3, serviceS: 1, servers: 4 };
    expect(approximateMeanWait({ ...queue, serviceScv: 0.5 })).toBeCloseTo(meanWait(queue) * 0.75, 12);
  });
});

describe('approximateWaitPercentile', () => {
  it('scales the M/M/c wait percentile by (1 + Cs²)/2', () => {
    const queue = { ratePerS: 3, serviceS: 1, servers: 4 };
    expect(approximateWaitPercentile({ ...queue, serviceScv: 2 }, 0.95)).toBeCloseTo(waitPercentile(queue, 0.95) * 1.5, 12);
  });
});

describe('approximateResponseTimePercentile', () => {
  const queue = { ratePerS: 3, serviceS: 1, servers: 4 };

  it('equals the exact M/M/c mixture inversion at Cs² = 1, also through the gamma route', () => {
    expect(approximateResponseTimePercentile({ ...queue, serviceScv: 1 }, 0.95)).toBe(responseTimePercentile(queue, 0.95));
    // Cs² = 1 ± 1e-9 goes through the gamma convolution (both closed-form branches): same value.
    expect(approximateResponseTimePercentile({ ...queue, serviceScv: 1 + 1e-9 }, 0.95)).toBeCloseTo(4.128099802417632, 6);
    expect(approximateResponseTimePercentile({ ...queue, serviceScv: 1 - 1e-9 }, 0.95)).toBeCloseTo(4.128099802417632, 6);
  });

  it('matches numerical integration of the stated model for Cs² = 0.5 and 2.5', () => {
    // Independent check (SciPy 1.17): g = stats.gamma(a=1/scv, scale=S*scv), th = (c/S − λ)·2/(1+scv),
    // tail(t) = g.sf(t) + C·quad(lambda s: g.pdf(s)*exp(−th*(t−s)), 0, t)[0]; brentq(tail − 0.05).
    expect(approximateResponseTimePercentile({ ...queue, serviceScv: 0.5 }, 0.95)).toBeCloseTo(3.243741129581801, 6);
    expect(approximateResponseTimePercentile({ ...queue, serviceScv: 2.5 }, 0.95)).toBeCloseTo(6.3080515692389545, 6);
  });

  it('for constant service is S plus the approximate wait percentile', () => {
    const constant = { ...queue, serviceScv: 0 };
    expect(approximateResponseTimePercentile(constant, 0.95)).toBeCloseTo(1 + approximateWaitPercentile(constant, 0.95), 7);
    expect(approximateResponseTimeTail(constant, 0.99)).toBe(1);
  });

  it('without arrivals is the service time percentile alone', () => {
    expect(approximateResponseTimePercentile({ ratePerS: 0, serviceS: 0.31, servers: 1, serviceScv: 0.5 }, 0.95)).toBeCloseTo(
      servicePercentile(0.31, 0.5, 0.95),
      7,
    );
    expect(servicePercentile(1, 1, 0.95)).toBeCloseTo(Math.log(20), 7);
  });
});
