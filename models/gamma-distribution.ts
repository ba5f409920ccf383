/**
 * The gamma distribution, used as the two-moment model of a service time: given a mean m and a
 * squared coefficient of variation Cs² (variance / mean²), shape k = 1/Cs² and scale θ = m·Cs².
 * Cs² = 1 is the exponential distribution; Cs² → 0 tends to a constant service time.
 *
 * Numerics: log-gamma from simple-statistics; the regularised incomplete gamma P(a, x), which
 * simple-statistics does not have, from Press, Teukolsky, Vetterling & Flannery, *Numerical Recipes*
 * 3rd ed. (2007) §6.2 (series for x < a + 1, Lentz's continued fraction otherwise).
 */
import { gammaln } from 'simple-statistics';

const EPSILON = 1e-15;
const TINY = 1e-300;
const MAX_ITERATIONS = 100_000;

/**
 * ln Γ(x) for x > 0: simple-statistics' `gammaln` (Lanczos approximation; agrees with Numerical
 * Recipes §6.1 to ~1e-15 relative).
 *
 * @example logGamma(5) // → 3.1780… (= ln 24)
 */
export function logGamma(x: number): number {
  return gammaln(x);
}

/**
 * Regularised lower incomplete gamma function P(a, x) = γ(a, x) / Γ(a) (Numerical Recipes §6.2).
 *
 * @param a shape, > 0.
 * @param x ≥ 0.
 * @example regularizedLowerGamma(1, 1) // → 0.6321… (= 1 − e^{−1})
 */
export function regularizedLowerGamma(a: number, x: number): number {
  if (x <= 0) return 0;
  const logPrefix = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    // Series: γ(a,x) = e^{−x} x^a Σ_n x^n / (a (a+1) … (a+n)).
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < MAX_ITERATIONS; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * EPSILON) break;
    }
    return Math.min(1, sum * Math.exp(logPrefix));
  }
  // Continued fraction for Q(a, x) = 1 − P(a, x), modified Lentz.
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return Math.max(0, 1 - Math.exp(logPrefix) * h);
}

/**
 * P(S ≤ x) for a gamma-distributed service time with the given mean and SCV (shape 1/scv, scale mean·scv).
 *
 * @param x seconds (any unit, the same as `mean`).
 * @param mean > 0.
 * @param scv squared coefficient of variation, > 0.
 * @example gammaCdfByMoments(1, 1, 1) // → 0.6321… (exponential with mean 1)
 */
export function gammaCdfByMoments(x: number, mean: number, scv: number): number {
  return regularizedLowerGamma(1 / scv, x / (mean * scv));
}
