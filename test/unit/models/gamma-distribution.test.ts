import { describe, expect, it } from 'vitest';
import { gammaCdfByMoments, logGamma, regularizedLowerGamma } from '../../../models/gamma-distribution.js';

// Expected values from SciPy 1.17: scipy.special.gammaln(x), scipy.special.gammainc(a, x).
describe('logGamma', () => {
  it('matches ln((n−1)!) and SciPy below 0.5', () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.3)).toBeCloseTo(1.0957979948180756, 12); // gammaln(0.3)
  });
});

describe('regularizedLowerGamma', () => {
  it.each([
    [1, 1, 0.6321205588285577],
    [0.25, 0.1, 0.608338845728966],
    [100, 95, 0.3173568111698001],
    [2.5, 10, 0.9987502694369687],
    [10000, 10100, 0.8413487504471796],
  ])('P(%d, %d) = %d (gammainc)', (a, x, expected) => {
    expect(regularizedLowerGamma(a, x)).toBeCloseTo(expected, 10);
  });
});

describe('gammaCdfByMoments', () => {
  it('is the exponential CDF at SCV 1', () => {
    expect(gammaCdfByMoments(0.5, 0.31, 1)).toBeCloseTo(1 - Math.exp(-0.5 / 0.31), 12);
  });
});
