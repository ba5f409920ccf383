/**
 * Student's t distribution: the CDF through the regularised incomplete beta function and the
 * quantile by bisection. Used for confidence intervals of fitted parameters (models/usl.ts).
 * (Hand-written: simple-statistics has the t statistic — `tTest` — but no t CDF or quantile.)
 *
 * Sources:
 * - CDF: Abramowitz & Stegun, *Handbook of Mathematical Functions* (1964), 26.7.1:
 *   for t ≥ 0, P(T ≤ t) = 1 − ½·I_x(ν/2, ½) with x = ν / (ν + t²).
 * - I_x(a, b) by the continued fraction of A&S 26.5.8, evaluated with the modified Lentz method
 *   (Press et al., *Numerical Recipes* 3rd ed. 2007, §6.4 `betacf`).
 */
import { logGamma } from './gamma-distribution.js';
import { requireOpenUnit, requirePositive } from './model-input.js';

/**
 * Regularised incomplete beta function I_x(a, b) = B(x; a, b) / B(a, b).
 *
 * @param x in [0, 1]; a, b > 0.
 * @example regularizedIncompleteBeta(0.5, 2, 2) // → 0.5
 */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const logFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x);
  // The continued fraction converges fast for x < (a + 1)/(a + b + 2); use the symmetry otherwise.
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(logFront) * betaContinuedFraction(x, a, b)) / a;
  return 1 - (Math.exp(logFront) * betaContinuedFraction(1 - x, b, a)) / b;
}

function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-15) break;
  }
  return h;
}

/**
 * P(T ≤ t) for T ~ Student's t with ν degrees of freedom (A&S 26.7.1).
 *
 * @example studentTCdf(2.776445, 4) // → 0.975
 */
export function studentTCdf(t: number, degreesOfFreedom: number): number {
  requirePositive('studentTCdf', 'degreesOfFreedom', degreesOfFreedom);
  const tail = 0.5 * regularizedIncompleteBeta(degreesOfFreedom / (degreesOfFreedom + t * t), degreesOfFreedom / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/**
 * The p-quantile of Student's t with ν degrees of freedom, by bisection on the CDF to 1e-12.
 *
 * @param p probability, 0 < p < 1 (0.975 for a two-sided 95 % interval).
 * @example studentTQuantile(0.975, 4) // → 2.776445 (R: qt(0.975, 4))
 */
export function studentTQuantile(p: number, degreesOfFreedom: number): number {
  requireOpenUnit('studentTQuantile', 'p', p);
  requirePositive('studentTQuantile', 'degreesOfFreedom', degreesOfFreedom);
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, degreesOfFreedom);
  let lo = 0;
  let hi = 1;
  while (studentTCdf(hi, degreesOfFreedom) < p) {
    lo = hi;
    hi *= 2;
  }
  while (hi - lo > 1e-12 * Math.max(1, hi)) {
    const mid = (lo + hi) / 2;
    if (studentTCdf(mid, degreesOfFreedom) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
