/** Order-statistic confidence intervals of a quantile against exact binomial sums and published tables. */
import { describe, expect, it } from 'vitest';
import { quantileRanks } from '../../../models/quantile-ci.js';

describe('quantileRanks', () => {
  it('gives the ranks of the distribution-free 95 % interval of a p95', () => {
    // n = 100: P(B ≤ 89) = 0.0115 ≤ 0.025 < P(B ≤ 90) = 0.0282, P(B ≤ 98) = 0.963 < 0.975 ≤ P(B ≤ 99) = 0.994.
    expect(quantileRanks(100, 0.95)).toEqual({ lower: 90, upper: 100 });
    // n = 1000: the normal approximation 950 ± 1.96·√(1000·0.95·0.05) = 936.5…963.5.
    const big = quantileRanks(1000, 0.95);
    expect(big.lower).toBeGreaterThanOrEqual(935);
    expect(big.lower).toBeLessThanOrEqual(937);
    expect(big.upper).toBeGreaterThanOrEqual(963);
    expect(big.upper).toBeLessThanOrEqual(965);
  });

  it('has no upper bound for a p95 below 73 samples (0.95^72 = 2.5 %)', () => {
    expect(quantileRanks(72, 0.95).upper).toBe(72);
    expect(quantileRanks(71, 0.95).upper).toBeNull();
    expect(quantileRanks(20, 0.95).upper).toBeNull();
  });

  it('gives the classic median interval: n = 10 → 2nd to 9th (coverage 97.9 %)', () => {
    expect(quantileRanks(10, 0.5)).toEqual({ lower: 2, upper: 9 });
  });
});
