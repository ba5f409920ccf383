/**
 * Random variates for the simulator, all from one seeded uniform source (mulberry32).
 */

/** Uniform source in [0, 1). */
export type Uniform = () => number;

/** Exp(rate): −ln(1 − U)/rate. */
export function exponential(uniform: Uniform, rate: number): number {
  return -Math.log(1 - uniform()) / rate;
}

/** Standard normal by Box–Muller. */
function standardNormal(uniform: Uniform): number {
  const u = 1 - uniform();
  const v = uniform();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * Gamma(shape k, scale 1) by Marsaglia & Tsang, "A simple method for generating gamma variables",
 * ACM TOMS 26(3), 2000; for k < 1, Gamma(k + 1)·U^{1/k} (their §6).
 */
export function gamma(uniform: Uniform, shape: number): number {
  if (shape < 1) return gamma(uniform, shape + 1) * Math.pow(1 - uniform(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x = 0;
    let v = 0;
    do {
      x = standardNormal(uniform);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - uniform();
    if (u < 1 - 0.0331 * x ** 4) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/**
 * A service-time multiplier with mean 1 and squared coefficient of variation `scv`:
 * 1 for scv ≈ 0 (constant), Exp(1) for scv = 1, Gamma(1/scv, scv) otherwise.
 */
export function serviceFactor(uniform: Uniform, scv: number): number {
  if (scv < 1e-6) return 1;
  if (scv === 1) return exponential(uniform, 1);
  return gamma(uniform, 1 / scv) * scv;
}
