import { describe, expect, it } from 'vitest';
import { probabilityOfBlocking } from '../../../models/erlang-b.js';

// Expected values: Erlang B table values, each checked independently of the recursion with the
// direct formula in log space (Python 3 + SciPy 1.17):
//   import numpy as np, math; from scipy.special import gammaln, logsumexp
//   B = lambda c, A: math.exp(c*math.log(A) - gammaln(c+1) - logsumexp(np.arange(c+1)*math.log(A) - gammaln(np.arange(c+1)+1)))
describe('probabilityOfBlocking (Erlang B)', () => {
  it('matches the hand recursion for 2 Erlangs on 3 servers: 4/19', () => {
    // B1 = 2/3, B2 = (4/3)/(10/3) = 0.4, B3 = 0.8/3.8 = 4/19
    expect(probabilityOfBlocking(3, 2)).toBeCloseTo(4 / 19, 14);
  });

  it('matches Erlang B tables: 10 Erlangs on 10 circuits block 21.46 %, 3 Erlangs on 5 block 11.01 %', () => {
    expect(probabilityOfBlocking(10, 10)).toBeCloseTo(0.21458234310734756, 12); // B(10, 10)
    expect(probabilityOfBlocking(5, 3)).toBeCloseTo(0.11005434782608704, 12); // B(5, 3)
  });

  it('stays finite and exact for c = 1000 where A^c / c! overflows a double', () => {
    expect(probabilityOfBlocking(1000, 950)).toBeCloseTo(0.0036492936889388466, 12);
  });

  it('is 1 with no servers and 0 with no load', () => {
    expect(probabilityOfBlocking(0, 5)).toBe(1);
    expect(probabilityOfBlocking(4, 0)).toBe(0);
  });

  it('rejects fractional servers with the MODEL_INPUT code and a message naming the input', () => {
    expect(() => probabilityOfBlocking(2.5, 1)).toThrow('probabilityOfBlocking: servers must be an integer ≥ 0, got 2.5');
    expect(() => probabilityOfBlocking(1, -1)).toThrow(expect.objectContaining({ code: 'MODEL_INPUT' }));
  });
});
