/**
 * Counts drawn per iteration from a profile's `Count` (lines per order, scans per line …).
 * Pure and ES2017 (no Node APIs), so journeys bundled for k6 can use it too.
 */

/**
 * A count drawn per iteration (lines per order, lines per picking …): a distribution, not a
 * constant, because real orders are not all the same size. A plain number is a constant.
 *
 * - `poisson`: mean λ; draws below `min` (default 1) are raised to `min`.
 * - `lognormal`: `median` (= e^μ) and `sigma` (σ of the log); rounded, at least 1, at most `max`.
 * - `empirical`: `values[i]` with probability `weights[i] / Σ weights`.
 *
 * Sampled by `sampleCount` below (pure, ES2017: bundles for k6).
 */
export type Count =
  | number
  | { distribution: 'poisson'; mean: number; min?: number }
  | { distribution: 'lognormal'; median: number; sigma: number; max?: number }
  | { distribution: 'empirical'; values: number[]; weights: number[] };

/**
 * Draw one count.
 * @param count the profile's value; a number is returned rounded (at least 0); `undefined` gives `fallback`.
 * @param random uniform in [0, 1), e.g. `ctx.random` (deterministic per iteration).
 * @param fallback the journey's own default when the profile gives nothing.
 * @example sampleCount({ distribution: 'empirical', values: [1, 5], weights: [3, 1] }, () => 0.8, 1) // 5
 */
export function sampleCount(count: Count | undefined, random: () => number, fallback: number): number {
  if (count === undefined) return fallback;
  if (typeof count === 'number') return Math.max(0, Math.round(count));
  switch (count.distribution) {
    case 'poisson':
      return Math.max(count.min ?? 1, poisson(count.mean, random));
    case 'lognormal': {
      const drawn = Math.max(1, Math.round(count.median * Math.exp(count.sigma * standardNormal(random))));
      return count.max === undefined ? drawn : Math.min(count.max, drawn);
    }
    case 'empirical':
      return empirical(count.values, count.weights, random);
  }
}

/**
 * Mean of a count before rounding and clamping (for headers and expected totals):
 * Poisson λ; lognormal median × e^(σ²/2); empirical Σ wᵢvᵢ / Σ wᵢ.
 * @example meanCount({ distribution: 'lognormal', median: 6, sigma: 0.5 }) // 6.7989 (6 × e^0.125)
 */
export function meanCount(count: Count): number {
  if (typeof count === 'number') return count;
  switch (count.distribution) {
    case 'poisson':
      return count.mean;
    case 'lognormal':
      return count.median * Math.exp((count.sigma * count.sigma) / 2);
    case 'empirical': {
      const total = count.weights.reduce((a, b) => a + b, 0);
      return count.values.reduce((sum, v, i) => sum + v * (count.weights[i] ?? 0), 0) / total;
    }
  }
}

/** Standard normal by Box–Muller (two uniforms; 1 − u keeps the log finite). */
function standardNormal(random: () => number): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * Poisson(λ) by inversion of the CDF (Devroye 1986, §X.3.3) for λ ≤ 30; above that the normal
 * approximation N(λ, λ) rounded, whose error is below 1 % of the mean there.
 */
function poisson(mean: number, random: () => number): number {
  if (mean <= 0) return 0;
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * standardNormal(random)));
  const u = random();
  let k = 0;
  let p = Math.exp(-mean);
  let cumulative = p;
  while (u > cumulative && k < 1000) {
    k += 1;
    p *= mean / k;
    cumulative += p;
  }
  return k;
}

function empirical(values: readonly number[], weights: readonly number[], random: () => number): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let u = random() * total;
  for (let i = 0; i < values.length; i += 1) {
    u -= weights[i] ?? 0;
    if (u < 0) return values[i] ?? 0;
  }
  return values[values.length - 1] ?? 0;
}
