/**
 * Distribution-free confidence interval of a quantile from order statistics (no assumption on the
 * latency distribution): with n samples, the number B of samples below the true p-quantile is
 * Binomial(n, p), so the interval [X(l), X(u)] between the l-th and u-th smallest samples covers the
 * quantile with probability P(l ≤ B < u) = F(u − 1) − F(l − 1) (F the Binomial(n, p) CDF).
 * l is the largest rank with F(l − 1) ≤ (1 − c)/2 and u the smallest with F(u − 1) ≥ (1 + c)/2.
 * Reference: Conover, "Practical Nonparametric Statistics" (3rd ed., 1999), §3.2; Hahn & Meeker,
 * "Statistical Intervals" (1991), §5.2.
 *
 * A rank outside 1…n is null: with 20 samples, no sample bounds a p95 from above at 95 %
 * confidence (0.95^20 = 36 % of samples sets would lie wholly below it) — the percentile is then
 * not known well enough to judge against an objective.
 *
 * @example quantileRanks(100, 0.95) // → { lower: 90, upper: 100 }
 */
import { gammaln } from 'simple-statistics';

export interface QuantileRanks {
  /** 1-based rank of the lower bound, null when no sample bounds it. */
  lower: number | null;
  /** 1-based rank of the upper bound, null when no sample bounds it. */
  upper: number | null;
}

/** ln of the Binomial(n, p) probability of k. */
function logPmf(n: number, k: number, p: number): number {
  return gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1) + k * Math.log(p) + (n - k) * Math.log1p(-p);
}

/** Ranks of the order statistics bounding the p-quantile with confidence c (see the file comment). */
export function quantileRanks(n: number, p: number, confidence = 0.95): QuantileRanks {
  if (!(n >= 1) || !(p > 0 && p < 1)) return { lower: null, upper: null };
  const lowTail = (1 - confidence) / 2;
  const highTail = (1 + confidence) / 2;
  let lower: number | null = null;
  let upper: number | null = null;
  let cdf = 0; // F(k − 1) at the top of iteration k
  for (let k = 1; k <= n + 1; k++) {
    // Here cdf = F(k − 1) is not yet known: add P(B = k − 1).
    cdf += Math.exp(logPmf(n, k - 1, p));
    if (cdf <= lowTail) lower = k;
    if (upper === null && cdf >= highTail) {
      upper = k <= n ? k : null;
      break;
    }
  }
  return { lower, upper };
}
