/**
 * USL fit against the R usl package (Möding): data(specsdm91) and its committed test output
 * tests/usl-nlxb.Rout.save (github.com/smoeding/usl @ 0c22191b922e23377433cefc71a4ee1fc1d39e9a):
 *
 *   alpha 0.0277285 (SE 0.0091217)   beta 0.0001044 (SE 0.0000199)   gamma 89.9952330 (SE 14.2134894)
 *   Residual standard error: 82.8 on 4 degrees of freedom; Multiple R-squared: 0.99
 *
 * and tests/peak-scalability.Rout.save: signif(peak.scalability(u), 2) → 97.
 * (The R package calls σ/κ alpha/beta in its printed summary.)
 */
import { describe, expect, it } from 'vitest';
import {
  coefficientIntervals,
  fitUsl,
  isCoherencyConstrained,
  isContentionConstrained,
  maxThroughput,
  peakConcurrency,
  peakConcurrencyExact,
  predictThroughput,
  throughputAtConcurrency,
  tooFewPointsMessage,
} from '../../../models/usl.js';

const specsdm91 = [
  [1, 64.9],
  [18, 995.9],
  [36, 1652.4],
  [72, 1853.2],
  [108, 1828.9],
  [144, 1775.0],
  [216, 1702.2],
].map(([concurrency = 0, throughput = 0]) => ({ concurrency, throughput }));

describe('fitUsl on SPEC SDM91 (R usl package)', () => {
  const model = fitUsl(specsdm91);

  it('reproduces σ, κ and γ to 0.1 %', () => {
    expect(model.converged).toBe(true);
    expect(model.sigma).toBeCloseTo(0.0277285, 6);
    expect(Math.abs(model.sigma / 0.0277285 - 1)).toBeLessThan(1e-3);
    expect(Math.abs(model.kappa / 0.0001044 - 1)).toBeLessThan(1e-3);
    expect(Math.abs(model.gamma / 89.995233 - 1)).toBeLessThan(1e-3);
  });

  it('reproduces the standard errors, residual standard error and R²', () => {
    expect(Math.abs(model.standardErrors.sigma / 0.0091217 - 1)).toBeLessThan(5e-3);
    expect(Math.abs(model.standardErrors.kappa / 0.0000199 - 1)).toBeLessThan(5e-3);
    expect(Math.abs(model.standardErrors.gamma / 14.2134894 - 1)).toBeLessThan(5e-3);
    expect(model.residualStandardError).toBeCloseTo(82.85, 1);
    expect(model.degreesOfFreedom).toBe(4);
    expect(model.rSquared).toBeCloseTo(0.9896, 3);
  });

  it('puts the peak at N* ≈ 96.5 (R: signif(peak.scalability, 2) = 97) and floors it to 96', () => {
    expect(Number(peakConcurrencyExact(model).toPrecision(2))).toBe(97);
    expect(peakConcurrency(model)).toBe(96);
    expect(maxThroughput(model)).toBeCloseTo(throughputAtConcurrency(model, peakConcurrencyExact(model)), 9);
    expect(maxThroughput(model)).toBeGreaterThan(1853);
  });

  it('classifies SDM91 as contention-constrained (σ > κ), as usl4j would', () => {
    expect(isContentionConstrained(model)).toBe(true);
    expect(isCoherencyConstrained(model)).toBe(false);
  });

  it('gives t-based coefficient intervals (t(0.975, 4) = 2.776445)', () => {
    const ci = coefficientIntervals(model);
    expect(ci.sigma.upper - ci.sigma.estimate).toBeCloseTo(2.776445 * model.standardErrors.sigma, 7);
  });

  it('predicts with a confidence interval that contains the estimate and widens away from the data', () => {
    const inside = predictThroughput(model, 72);
    const far = predictThroughput(model, 400);
    expect(inside.lower).toBeLessThan(inside.estimate);
    expect(inside.upper).toBeGreaterThan(inside.estimate);
    expect(far.upper - far.lower).toBeGreaterThan(inside.upper - inside.lower);
  });
});

describe('fitUsl', () => {
  it('recovers exact coefficients from noise-free data (R tests/coef.R: σ = κ = 0.02, γ = 1)', () => {
    const points = [1, 2, 4, 6, 8, 10].map((n) => ({ concurrency: n, throughput: throughputAtConcurrency({ sigma: 0.02, kappa: 0.02, gamma: 1 }, n) }));
    const model = fitUsl(points);
    expect(model.sigma).toBeCloseTo(0.02, 6);
    expect(model.kappa).toBeCloseTo(0.02, 6);
    expect(model.gamma).toBeCloseTo(1, 6);
  });

  it('refuses fewer than six points with a message that says what to do', () => {
    expect(() => fitUsl(specsdm91.slice(0, 5))).toThrow(tooFewPointsMessage(5));
  });
});
