/**
 * Latency against throughput, and the Universal Scalability Law fitted to the run (models/usl.ts). Pure.
 *
 * Points: the run's time is cut into buckets (one metrics window each, merged into wider buckets only
 * when there are more than `maxPoints`). Per bucket, over every journey's whole iterations:
 *   throughput X = completions / bucket seconds
 *   concurrency N = Σ completions × mean latency / bucket seconds   (Little's law, L = λ·W)
 *   latency = Σ completions × mean latency / Σ completions          (the completion-weighted mean)
 * Buckets without a completion are left out.
 *
 * Fit: only with at least USL_MIN_POINTS (6) distinct concurrency levels (N rounded to 0.01), as usl4j,
 * and at least 3 distinct throughputs. A run at one steady rate gives one cloud of points, not a curve;
 * the reason then says so. A fit with σ > 1 (less throughput at any N > 1 than at N = 1: the serial
 * share cannot exceed the whole) means the points trace no scalability curve and is refused.
 */
import { fitUsl, isLimitless, maxThroughput, peakConcurrencyExact, throughputAtConcurrency, USL_MIN_POINTS, type UslModel } from '../../models/usl.js';
import type { RunSummary } from './types.js';

export interface ScalabilityPoint {
  /** Bucket start, seconds since run start. */
  t: number;
  concurrency: number;
  throughputPerS: number;
  latencyMs: number;
}

export interface UslFitSummary {
  sigma: number;
  kappa: number;
  gamma: number;
  rSquared: number;
  /** N* (unrounded), null when κ = 0 (no peak: throughput never falls). */
  peakConcurrency: number | null;
  /** X(N*), or the Amdahl asymptote γ/σ when κ = 0 (null when σ = κ = 0). */
  peakThroughputPerS: number | null;
  converged: boolean;
}

export interface ScalabilityAnalysis {
  bucketS: number;
  points: ScalabilityPoint[];
  distinctConcurrencyLevels: number;
  fit: UslFitSummary | null;
  /** Why there is a fit and what it says, or why there is none. */
  reason: string;
}

/** Plot points at most (longer runs merge windows into buckets). */
export const MAX_SCALABILITY_POINTS = 240;

/** The points and the USL fit of a run (see the file comment). */
export function scalability(summary: RunSummary, maxPoints = MAX_SCALABILITY_POINTS): ScalabilityAnalysis {
  const windowS = (summary.meta?.windowMs ?? 1000) / 1000;
  const whole = summary.timeline.filter((p) => p.step === null && p.count > 0);
  const span = Math.max(summary.durationS, ...whole.map((p) => p.t + windowS), windowS);
  const bucketS = windowS * Math.max(1, Math.ceil(Math.ceil(span / windowS) / maxPoints));
  const buckets = new Map<number, { count: number; busyMs: number }>();
  for (const p of whole) {
    const t = Math.floor(p.t / bucketS) * bucketS;
    const b = buckets.get(t) ?? { count: 0, busyMs: 0 };
    b.count += p.count;
    // Without a window mean (summaries before issue 9) the median stands in.
    b.busyMs += p.count * (p.meanMs ?? p.p50Ms);
    buckets.set(t, b);
  }
  const points = [...buckets.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([t, b]) => ({ t, concurrency: b.busyMs / 1000 / bucketS, throughputPerS: b.count / bucketS, latencyMs: b.busyMs / b.count }))
    .filter((p) => p.concurrency > 0);
  const distinct = new Set(points.map((p) => Math.round(p.concurrency * 100))).size;
  if (distinct < USL_MIN_POINTS) {
    return {
      bucketS,
      points,
      distinctConcurrencyLevels: distinct,
      fit: null,
      reason: `No USL fit: it needs at least ${USL_MIN_POINTS} distinct concurrency levels and the run gave ${distinct}; a run that steps its load through several levels (a ramp) gives the curve.`,
    };
  }
  const distinctThroughputs = new Set(points.map((p) => Math.round(p.throughputPerS * 1000))).size;
  if (distinctThroughputs < 3) {
    return {
      bucketS,
      points,
      distinctConcurrencyLevels: distinct,
      fit: null,
      reason: `No USL fit: throughput took only ${distinctThroughputs} distinct value${distinctThroughputs === 1 ? '' : 's'} across the buckets, so it did not vary with concurrency; a longer run, or one that steps its load through several levels, gives the curve.`,
    };
  }
  let model: UslModel;
  try {
    model = fitUsl(points.map((p) => ({ concurrency: p.concurrency, throughput: p.throughputPerS })));
  } catch (error) {
    return { bucketS, points, distinctConcurrencyLevels: distinct, fit: null, reason: `No USL fit: ${(error as Error).message}` };
  }
  if (model.sigma > 1 || !(model.gamma > 0)) {
    return {
      bucketS,
      points,
      distinctConcurrencyLevels: distinct,
      fit: null,
      reason: `No USL fit: the points trace no scalability curve (the fit gives σ = ${model.sigma.toPrecision(3)} > 1); a run that steps its load through several levels gives one.`,
    };
  }
  const peakN = peakConcurrencyExact(model);
  const peakX = maxThroughput(model);
  const fit: UslFitSummary = {
    sigma: model.sigma,
    kappa: model.kappa,
    gamma: model.gamma,
    rSquared: model.rSquared,
    peakConcurrency: Number.isFinite(peakN) ? peakN : null,
    peakThroughputPerS: Number.isFinite(peakX) ? peakX : null,
    converged: model.converged,
  };
  const quality = `R² ${model.rSquared.toFixed(2)} over ${points.length} points (${distinct} concurrency levels)`;
  const maxMeasured = Math.max(...points.map((p) => p.concurrency));
  let reason: string;
  if (isLimitless(model)) {
    reason = `USL fit (${quality}): no coherency cost measured (κ = 0), so the model predicts no peak${fit.peakThroughputPerS === null ? '' : `; throughput approaches ${fit.peakThroughputPerS.toPrecision(3)}/s`}.`;
  } else {
    const beyond = peakN > maxMeasured * 2 ? ` — far beyond the ${maxMeasured.toFixed(1)} measured, so treat it as a rough extrapolation` : '';
    reason = `USL fit (${quality}): throughput peaks at ${peakN.toFixed(1)} concurrent iterations, ${peakX.toPrecision(3)}/s${beyond}.`;
  }
  if (!model.converged) reason += ' The fit did not converge fully.';
  return { bucketS, points, distinctConcurrencyLevels: distinct, fit, reason };
}

/** The fitted curve for plotting: (N, X(N), R(N) = N / X(N) in ms) at `steps` concurrencies up to `maxN`. */
export function uslCurve(fit: UslFitSummary, maxN: number, steps = 60): Array<{ concurrency: number; throughputPerS: number; latencyMs: number }> {
  const rows: Array<{ concurrency: number; throughputPerS: number; latencyMs: number }> = [];
  for (let i = 1; i <= steps; i++) {
    const n = (maxN * i) / steps;
    const x = throughputAtConcurrency(fit, n);
    if (x > 0) rows.push({ concurrency: n, throughputPerS: x, latencyMs: (n / x) * 1000 });
  }
  return rows;
}
