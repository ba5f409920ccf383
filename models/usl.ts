/**
 * Universal Scalability Law (USL): throughput X at concurrency N
 *
 *     X(N) = γ·N / (1 + σ·(N − 1) + κ·N·(N − 1))
 *
 * σ (contention: the serial share of the work), κ (coherency: the pairwise cost of keeping shared
 * state consistent), γ (throughput of one unit of concurrency with no overhead).
 * Gunther, *Guerrilla Capacity Planning* (Springer 2007), eq. 4.31 for the relative capacity
 * C(N) = N / (1 + σ(N − 1) + κN(N − 1)); X(N) = γ·C(N) as in the R `usl` package (Möding,
 * https://github.com/smoeding/usl, methods `nls`/`nlxb`, which fit γ with σ and κ).
 *
 * Fit: σ, κ, γ by non-linear least squares on X (models/least-squares.ts, Levenberg–Marquardt,
 * σ, κ ≥ 0, γ > 0), started from the linearised form N/C(N) − 1 = σ(N − 1) + κN(N − 1) with
 * γ₀ = the largest X/N measured. As usl4j (`Model.build`) the fit refuses fewer than six points.
 * Confidence intervals: the asymptotic covariance s²(JᵀJ)⁻¹ and Student's t with n − 3 degrees of
 * freedom — for the coefficients as R's `confint(usl)`, for predictions by the delta method
 * (var X̂(N) = gᵀ·Cov·g, g = ∂X/∂(σ, κ, γ)).
 *
 * Peak: X is largest at N* = √((1 − σ)/κ) (Gunther 2007, eq. 4.33), returned unrounded as R's
 * `peak.scalability`; `peakConcurrency` floors it to the last whole concurrency before the peak.
 */
import { InputError } from '../src/errors.js';
import { levenbergMarquardt } from './least-squares.js';
import type { Reasoned } from './reasoned.js';
import { studentTQuantile } from './student-t.js';
import { sumNthPowerDeviations } from 'simple-statistics';

export interface UslPoint {
  /** N, concurrency (clients, workers, processors), > 0. */
  concurrency: number;
  /** X, throughput at N (any unit per time, e.g. requests/s), ≥ 0. */
  throughput: number;
}

export interface UslCoefficients {
  sigma: number;
  kappa: number;
  gamma: number;
}

export interface UslModel extends UslCoefficients {
  /** Standard errors of σ, κ, γ (NaN when the covariance is singular). */
  standardErrors: UslCoefficients;
  /** Covariance of (σ, κ, γ), or null when singular. */
  covariance: number[][] | null;
  /** s = √(RSS / (n − 3)), in throughput units. */
  residualStandardError: number;
  degreesOfFreedom: number;
  /** 1 − RSS/TSS. */
  rSquared: number;
  points: UslPoint[];
  converged: boolean;
}

/** Fewest points the fit accepts (usl4j's rule; three parameters leave three degrees of freedom). */
export const USL_MIN_POINTS = 6;
export const USL_TOO_FEW_POINTS = 'USL_TOO_FEW_POINTS';
export const USL_BAD_POINT = 'USL_BAD_POINT';

/** The message when a fit gets too few points. */
export function tooFewPointsMessage(count: number): string {
  return `fitUsl: needs at least ${USL_MIN_POINTS} (concurrency, throughput) points, got ${count} — measure more concurrency levels`;
}

/**
 * X(N) for given coefficients (Gunther 2007, eq. 4.31 scaled by γ).
 * @example throughputAtConcurrency({ sigma: 0.02, kappa: 0.02, gamma: 1 }, 4) // → 3.0769…
 */
export function throughputAtConcurrency(c: UslCoefficients, concurrency: number): number {
  return (c.gamma * concurrency) / (1 + c.sigma * (concurrency - 1) + c.kappa * concurrency * (concurrency - 1));
}

/** ∂X/∂(σ, κ, γ) at N. */
function gradientAt(c: UslCoefficients, n: number): number[] {
  const denominator = 1 + c.sigma * (n - 1) + c.kappa * n * (n - 1);
  const x = (c.gamma * n) / denominator;
  return [(-x * (n - 1)) / denominator, (-x * n * (n - 1)) / denominator, n / denominator];
}

/**
 * Fits the USL to measured points (see the file comment).
 *
 * @throws InputError `USL_TOO_FEW_POINTS` for fewer than 6 points, `USL_BAD_POINT` for N ≤ 0 or X < 0.
 * @example fitUsl(specsdm91).sigma // → 0.0277 (R usl: 0.0277285)
 */
export function fitUsl(points: readonly UslPoint[]): UslModel {
  if (points.length < USL_MIN_POINTS) throw new InputError(USL_TOO_FEW_POINTS, tooFewPointsMessage(points.length));
  points.forEach((p, i) => {
    if (!(Number.isFinite(p.concurrency) && p.concurrency > 0) || !(Number.isFinite(p.throughput) && p.throughput >= 0)) {
      throw new InputError(
        USL_BAD_POINT,
        `fitUsl: point ${i + 1}: expected concurrency > 0 and throughput ≥ 0, got (${p.concurrency}, ${p.throughput})`,
      );
    }
  });
  const xs = points.map((p) => p.concurrency);
  const ys = points.map((p) => p.throughput);
  const fit = levenbergMarquardt({
    xs,
    ys,
    model: (n, [sigma = 0, kappa = 0, gamma = 0]) => throughputAtConcurrency({ sigma, kappa, gamma }, n),
    gradient: (n, [sigma = 0, kappa = 0, gamma = 0]) => gradientAt({ sigma, kappa, gamma }, n),
    initial: initialGuess(points),
    lower: [0, 0, 1e-12],
  });
  const [sigma = 0, kappa = 0, gamma = 0] = fit.params;
  const se = (i: number): number => Math.sqrt(fit.covariance?.[i]?.[i] ?? Number.NaN);
  const tss = sumNthPowerDeviations(ys, 2);
  return {
    sigma,
    kappa,
    gamma,
    standardErrors: { sigma: se(0), kappa: se(1), gamma: se(2) },
    covariance: fit.covariance,
    residualStandardError: Math.sqrt(fit.rss / fit.degreesOfFreedom),
    degreesOfFreedom: fit.degreesOfFreedom,
    rSquared: tss > 0 ? 1 - fit.rss / tss : 1,
    points: points.map((p) => ({ ...p })),
    converged: fit.converged,
  };
}

/** γ₀ = max X/N; σ₀, κ₀ from least squares on N/C(N) − 1 = σ(N − 1) + κN(N − 1), clamped ≥ 0. */
function initialGuess(points: readonly UslPoint[]): number[] {
  const gamma = Math.max(...points.map((p) => p.throughput / p.concurrency));
  let a11 = 0;
  let a12 = 0;
  let a22 = 0;
  let b1 = 0;
  let b2 = 0;
  for (const p of points) {
    if (p.throughput <= 0) continue;
    const u = p.concurrency - 1;
    const v = p.concurrency * (p.concurrency - 1);
    const y = (gamma * p.concurrency) / p.throughput - 1;
    a11 += u * u;
    a12 += u * v;
    a22 += v * v;
    b1 += u * y;
    b2 += v * y;
  }
  const det = a11 * a22 - a12 * a12;
  const sigma = det > 0 ? (b1 * a22 - b2 * a12) / det : 0.1;
  const kappa = det > 0 ? (a11 * b2 - a12 * b1) / det : 0.001;
  return [Math.max(sigma, 1e-6), Math.max(kappa, 1e-9), gamma];
}

/**
 * N* = √((1 − σ)/κ), the concurrency of peak throughput (Gunther 2007, eq. 4.33); Infinity when
 * κ = 0 (Amdahl: throughput approaches γ/σ but never falls). Unrounded, as R's `peak.scalability`.
 * @example peakConcurrencyExact({ sigma: 0.0277285, kappa: 0.0001044, gamma: 90 }) // → 96.5…
 */
export function peakConcurrencyExact(c: UslCoefficients): number {
  if (c.kappa <= 0) return Number.POSITIVE_INFINITY;
  return Math.sqrt(Math.max(0, 1 - c.sigma) / c.kappa);
}

/**
 * The whole concurrency at or below the peak: ⌊√((1 − σ)/κ)⌋ (usl4j's `maxConcurrency` before rounding;
 * floored so the recommendation never sits on the retrograde side of the curve).
 */
export function peakConcurrency(c: UslCoefficients): number {
  const exact = peakConcurrencyExact(c);
  return Number.isFinite(exact) ? Math.max(1, Math.floor(exact)) : Number.POSITIVE_INFINITY;
}

/** X at N*, the highest throughput the system reaches; γ/σ (the Amdahl asymptote) when κ = 0. */
export function maxThroughput(c: UslCoefficients): number {
  const n = peakConcurrencyExact(c);
  if (Number.isFinite(n)) return throughputAtConcurrency(c, n);
  return c.sigma > 0 ? c.gamma / c.sigma : Number.POSITIVE_INFINITY;
}

/** Contention dominates coherency (σ > κ), as usl4j `isContentionConstrained`. */
export function isContentionConstrained(c: UslCoefficients): boolean {
  return c.sigma > c.kappa;
}

/** Coherency dominates contention (σ < κ), as usl4j `isCoherencyConstrained`. */
export function isCoherencyConstrained(c: UslCoefficients): boolean {
  return c.sigma < c.kappa;
}

/** No coherency cost: throughput never goes retrograde (usl4j `isLimitless`). */
export function isLimitless(c: UslCoefficients): boolean {
  return c.kappa === 0;
}

export interface Interval {
  estimate: number;
  lower: number;
  upper: number;
}

/**
 * Confidence intervals of σ, κ, γ: estimate ± t_{(1+level)/2, n−3}·SE (R `confint(usl)`).
 * @param level confidence level, default 0.95.
 */
export function coefficientIntervals(model: UslModel, level = 0.95): Record<keyof UslCoefficients, Interval> {
  const t = studentTQuantile((1 + level) / 2, model.degreesOfFreedom);
  const interval = (estimate: number, se: number): Interval => ({ estimate, lower: estimate - t * se, upper: estimate + t * se });
  return {
    sigma: interval(model.sigma, model.standardErrors.sigma),
    kappa: interval(model.kappa, model.standardErrors.kappa),
    gamma: interval(model.gamma, model.standardErrors.gamma),
  };
}

/**
 * Predicted throughput at N with a confidence interval for the mean response, by the delta method:
 * X̂ ± t_{(1+level)/2, n−3}·√(gᵀ·Cov·g), g = ∂X/∂(σ, κ, γ) at the fit.
 */
export function predictThroughput(model: UslModel, concurrency: number, level = 0.95): Interval {
  const estimate = throughputAtConcurrency(model, concurrency);
  const cov = model.covariance;
  if (cov === null) return { estimate, lower: Number.NaN, upper: Number.NaN };
  const g = gradientAt(model, concurrency);
  let variance = 0;
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) variance += (g[i] ?? 0) * (cov[i]?.[j] ?? 0) * (g[j] ?? 0);
  const half = studentTQuantile((1 + level) / 2, model.degreesOfFreedom) * Math.sqrt(Math.max(0, variance));
  return { estimate, lower: estimate - half, upper: estimate + half };
}

/** The peak concurrency as a Reasoned value, with the fit's evidence. */
export function peakConcurrencyReasoned(model: UslModel): Reasoned<number> {
  const exact = peakConcurrencyExact(model);
  const constraint = isContentionConstrained(model) ? 'contention (σ > κ)' : isCoherencyConstrained(model) ? 'coherency (κ > σ)' : 'neither';
  const value = peakConcurrency(model);
  return {
    value,
    unit: 'concurrent requests',
    reason: Number.isFinite(exact)
      ? `Throughput peaks at ${exact.toFixed(1)} concurrent requests (${maxThroughput(model).toPrecision(4)} per time unit) and falls beyond; ` +
        `the fit (R² ${model.rSquared.toFixed(3)}, ${model.points.length} points) is limited mostly by ${constraint}.`
      : `No coherency cost was measured (κ = 0): throughput approaches γ/σ = ${maxThroughput(model).toPrecision(4)} without falling.`,
    formula: 'N* = ⌊√((1 − σ)/κ)⌋, X(N) = γN/(1 + σ(N−1) + κN(N−1)) (Gunther 2007, eqs. 4.31, 4.33)',
    inputs: { sigma: model.sigma, kappa: model.kappa, gamma: model.gamma, peakExact: exact, rSquared: model.rSquared, points: model.points.length },
  };
}
