/**
 * Percentiles of a continuous non-negative random variable from its tail function, by bisection.
 * Used where the distribution (a waiting time plus a service time) has no closed-form inverse.
 */

/**
 * The p-quantile t of a random variable T ≥ 0: the t with P(T > t) = 1 − p, found by bracketing
 * (doubling from `scale`) and then bisection to a relative width of 1e-9.
 *
 * @param tail t ↦ P(T > t); must be non-increasing, tail(∞) = 0.
 * @param p percentile as a fraction, 0 < p < 1.
 * @param scale a typical magnitude of T (the mean service time), only to start the bracket.
 * @returns t in the unit of `scale`; 0 when P(T > 0) ≤ 1 − p.
 * @example quantileFromTail((t) => Math.exp(-t), 0.95, 1) // → 2.9957… (= ln 20)
 */
export function quantileFromTail(tail: (t: number) => number, p: number, scale: number): number {
  const exceed = 1 - p;
  if (tail(0) <= exceed) return 0;
  let lo = 0;
  let hi = scale > 0 ? scale : 1;
  // Bracket: the tail of every distribution used here decays at least exponentially,
  // so at most a few dozen doublings are needed; 2000 is a guard against a bad tail.
  for (let i = 0; tail(hi) > exceed; i++) {
    if (i > 2000) return Number.POSITIVE_INFINITY;
    lo = hi;
    hi *= 2;
  }
  while (hi - lo > 1e-9 * hi) {
    const mid = (lo + hi) / 2;
    if (tail(mid) > exceed) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
