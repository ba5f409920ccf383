import { describe, expect, it } from 'vitest';
import { throughputAtConcurrency } from '../../../models/usl.js';
import { scalability, uslCurve } from '../../../src/analyze/scalability.js';
import type { RunSummary, TimelinePoint } from '../../../src/analyze/types.js';
import { buildSummary } from '../report/fixtures/summary.js';

const TRUE = { sigma: 0.05, kappa: 0.002, gamma: 10 };

/** One-second windows at concurrency 1..n, each with X(N) completions and mean latency N / X(N) (Little's law). */
function uslSummary(levels: number[]): RunSummary {
  const summary = buildSummary({ durationS: levels.length });
  summary.timeline = levels.map((n, t): TimelinePoint => {
    const x = throughputAtConcurrency(TRUE, n);
    return { t, journey: 'j', step: null, count: x, errors: 0, p50Ms: 1, p95Ms: 1, p99Ms: 1, dropped: 0, scheduled: x, meanMs: (n / x) * 1000 };
  });
  return summary;
}

describe('scalability', () => {
  it('turns each window into (N = X·R, X) by Little’s law and recovers the USL coefficients', () => {
    const analysis = scalability(uslSummary([1, 2, 4, 6, 8, 12, 16, 24]));
    expect(analysis.bucketS).toBe(1);
    expect(analysis.points[2]?.concurrency).toBeCloseTo(4, 9);
    expect(analysis.points[2]?.throughputPerS).toBeCloseTo(throughputAtConcurrency(TRUE, 4), 9);
    const fit = analysis.fit;
    expect(fit).not.toBeNull();
    expect(fit?.sigma).toBeCloseTo(0.05, 4);
    expect(fit?.kappa).toBeCloseTo(0.002, 5);
    expect(fit?.gamma).toBeCloseTo(10, 3);
    // N* = √((1 − σ)/κ) = √475 = 21.79 (Gunther 2007, eq. 4.33).
    expect(fit?.peakConcurrency).toBeCloseTo(Math.sqrt(475), 2);
    expect(analysis.reason).toMatch(/^USL fit \(R² 1\.00 over 8 points \(8 concurrency levels\)\): throughput peaks at 21\.8 concurrent iterations/);
  });

  it('refuses to fit fewer than six distinct concurrency levels, and says why', () => {
    const analysis = scalability(uslSummary([1, 2, 2, 4, 4, 8]));
    expect(analysis.fit).toBeNull();
    expect(analysis.distinctConcurrencyLevels).toBe(4);
    expect(analysis.reason).toBe(
      'No USL fit: it needs at least 6 distinct concurrency levels and the run gave 4; a run that steps its load through several levels (a ramp) gives the curve.',
    );
  });

  it('refuses a flat throughput (all windows alike)', () => {
    const summary = uslSummary([1, 2, 3, 4, 5, 6]);
    summary.timeline = summary.timeline.map((p, i) => ({ ...p, count: 1, meanMs: (i + 1) * 1000 }));
    const analysis = scalability(summary);
    expect(analysis.fit).toBeNull();
    expect(analysis.reason).toMatch(/^No USL fit: throughput took only 1 distinct value/);
  });

  it('merges windows into buckets for long runs', () => {
    const analysis = scalability(uslSummary(Array.from({ length: 100 }, (_, i) => 1 + (i % 10))), 25);
    expect(analysis.bucketS).toBe(4);
    expect(analysis.points).toHaveLength(25);
  });

  it('uslCurve gives X(N) and R(N) = N / X(N) in ms', () => {
    const [first] = uslCurve({ ...TRUE, rSquared: 1, peakConcurrency: 21.8, peakThroughputPerS: 1, converged: true }, 10, 10);
    expect(first?.concurrency).toBe(1);
    expect(first?.throughputPerS).toBeCloseTo(10, 9);
    expect(first?.latencyMs).toBeCloseTo(100, 9);
  });
});
