import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isStable,
  meanWait,
  offeredLoad,
  probabilityOfWaiting,
  responseTimePercentile,
  responseTimeTail,
  utilization,
  waitPercentile,
} from '../../../models/erlang-c.js';

// Expected Erlang C values are computed independently of the Erlang B recursion, from the textbook
// form (Gross et al., Fundamentals of Queueing Theory, 4th ed., §2.3) in log space (Python 3 + SciPy 1.17):
//   import numpy as np, math; from scipy.special import gammaln, logsumexp
//   def C(c, A):
//       top = c*math.log(A) - gammaln(c+1) + math.log(c/(c-A))
//       return math.exp(top - logsumexp(np.append(np.arange(c)*math.log(A) - gammaln(np.arange(c)+1), top)))
describe('offeredLoad and utilization', () => {
  it('offered load is λ·S in Erlangs and utilisation divides it by the servers', () => {
    expect(offeredLoad(2.4, 0.31)).toBeCloseTo(0.744, 12);
    expect(utilization(2.4, 0.31, 5)).toBeCloseTo(0.1488, 12);
  });

  it('calls a queue unstable at ρ = 1', () => {
    expect(isStable({ ratePerS: 10, serviceS: 0.5, servers: 5 })).toBe(false);
    expect(isStable({ ratePerS: 9.9, serviceS: 0.5, servers: 5 })).toBe(true);
  });
});

describe('probabilityOfWaiting (Erlang C)', () => {
  it('is 4/9 for 2 Erlangs on 3 servers', () => {
    expect(probabilityOfWaiting(3, 2)).toBeCloseTo(4 / 9, 14); // C(3, 2) = 0.44444…
  });

  it('is 0.6821 for 10 Erlangs on 11 servers (Erlang C tables)', () => {
    expect(probabilityOfWaiting(11, 10)).toBeCloseTo(0.6821182046893319, 12); // C(11, 10)
  });

  it('is 0.5094 for M/M/4 at λ = 3, μ = 1', () => {
    expect(probabilityOfWaiting(4, 3)).toBeCloseTo(0.5094339622641509, 12); // C(4, 3) = 27/53
  });

  it('stays exact for c = 1000 (A = 950)', () => {
    expect(probabilityOfWaiting(1000, 950)).toBeCloseTo(0.0682534153770795, 12); // C(1000, 950)
  });

  it('is ρ for one server (M/M/1) and 1 once the load reaches the servers', () => {
    expect(probabilityOfWaiting(1, 0.5)).toBeCloseTo(0.5, 14);
    expect(probabilityOfWaiting(1, 0.9)).toBeCloseTo(0.9, 14);
    expect(probabilityOfWaiting(3, 3)).toBe(1);
  });
});

describe('M/M/1 special case (c = 1)', () => {
  // λ = 0.5/s, μ = 1/s: ρ = 0.5, Wq = ρ/(μ − λ) = 1 s, P(Wq > t) = ρ·e^{−(μ−λ)t}, T ~ Exp(μ − λ).
  const queue = { ratePerS: 0.5, serviceS: 1, servers: 1 };

  it('mean wait is ρ/(μ − λ)', () => {
    expect(meanWait(queue)).toBeCloseTo(1, 12);
    expect(meanWait({ ratePerS: 8, serviceS: 0.1, servers: 1 })).toBeCloseTo(0.8 / (10 - 8), 12);
  });

  it('wait p95 is ln(ρ/0.05)/(μ − λ) = 2·ln 10', () => {
    expect(waitPercentile(queue, 0.95)).toBeCloseTo(2 * Math.log(10), 12);
  });

  it('response time is exponential with rate μ − λ: p95 = ln 20 / 0.5', () => {
    expect(responseTimePercentile(queue, 0.95)).toBeCloseTo(Math.log(20) / 0.5, 7);
    expect(responseTimeTail(queue, 3)).toBeCloseTo(Math.exp(-1.5), 12);
  });
});

describe('M/M/c waits and response times', () => {
  const queue = { ratePerS: 3, serviceS: 1, servers: 4 }; // C = 27/53, cμ − λ = 1

  it('mean wait is C/(cμ − λ)', () => {
    expect(meanWait(queue)).toBeCloseTo(27 / 53, 12);
  });

  it('wait p95 is ln(C/0.05)/(cμ − λ), and 0 when fewer than 5 % wait', () => {
    expect(waitPercentile(queue, 0.95)).toBeCloseTo(Math.log(27 / 53 / 0.05), 12); // 2.3213 s
    expect(waitPercentile({ ratePerS: 0.1, serviceS: 1, servers: 4 }, 0.95)).toBe(0);
  });

  it('response-time p95 inverts the wait + service mixture (4.1281 s)', () => {
    // Independent check: SciPy quad of the convolution, brentq for P(T > t) = 0.05:
    //   tail = lambda t: math.exp(-t)*(1-C) + C*(quad(lambda w: th*math.exp(-th*w)*math.exp(-(t-w)), 0, t)[0] + math.exp(-th*t))
    expect(responseTimePercentile(queue, 0.95)).toBeCloseTo(4.128099802417632, 6);
    // c = 10, λ = 8/s, S = 0.2 s (θ = cμ − λ = 42 ≠ μ = 5)
    expect(responseTimePercentile({ ratePerS: 8, serviceS: 0.2, servers: 10 }, 0.95)).toBeCloseTo(0.5991466515376463, 6);
  });

  it('uses the Erlang-2 limit when cμ − λ equals μ (M/M/2 at λ = μ)', () => {
    // θ = 2 − 1 = 1 = μ: P(T > t) = (1 − C)e^{−t} + C(1 + t)e^{−t}, C(2, 1) = 1/3
    const tail = responseTimeTail({ ratePerS: 1, serviceS: 1, servers: 2 }, 2);
    expect(tail).toBeCloseTo((2 / 3) * Math.exp(-2) + (1 / 3) * 3 * Math.exp(-2), 7);
  });

  it('is infinite when the queue is unstable', () => {
    const overloaded = { ratePerS: 5, serviceS: 1, servers: 4 };
    expect(meanWait(overloaded)).toBe(Number.POSITIVE_INFINITY);
    expect(waitPercentile(overloaded, 0.95)).toBe(Number.POSITIVE_INFINITY);
    expect(responseTimePercentile(overloaded, 0.95)).toBe(Number.POSITIVE_INFINITY);
  });

  it('rejects a percentile given in percent', () => {
    expect(() => waitPercentile(queue, 95)).toThrow('waitPercentile: p must be a fraction strictly between 0 and 1 (0.95 for p95), got 95');
  });
});

describe('properties', () => {
  const stableQueue = fc
    .record({
      servers: fc.integer({ min: 1, max: 60 }),
      serviceS: fc.double({ min: 0.01, max: 5, noNaN: true }),
      rho: fc.double({ min: 0.01, max: 0.98, noNaN: true }),
    })
    .map(({ servers, serviceS, rho }) => ({ servers, serviceS, ratePerS: (rho * servers) / serviceS }));

  it('P(wait) is a probability', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.double({ min: 0, max: 1000, noNaN: true }), (servers, load) => {
        const c = probabilityOfWaiting(servers, load);
        return c >= 0 && c <= 1;
      }),
    );
  });

  it('adding a server never raises P(wait), the mean wait, the wait p95 or the response p95', () => {
    fc.assert(
      fc.property(stableQueue, (queue) => {
        const more = { ...queue, servers: queue.servers + 1 };
        const load = offeredLoad(queue.ratePerS, queue.serviceS);
        const tolerance = 1e-9;
        return (
          probabilityOfWaiting(more.servers, load) <= probabilityOfWaiting(queue.servers, load) + tolerance &&
          meanWait(more) <= meanWait(queue) + tolerance &&
          waitPercentile(more, 0.95) <= waitPercentile(queue, 0.95) + tolerance &&
          responseTimePercentile(more, 0.95) <= responseTimePercentile(queue, 0.95) * (1 + 1e-8)
        );
      }),
      { numRuns: 200 },
    );
  });
});
