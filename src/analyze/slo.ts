/**
 * SLO verdicts: each journey's objectives (LoadPlan `slos`) checked against its whole-iteration
 * stats in every phase and over the whole run (phase `all`).
 *
 * - latency: p95 of iteration latency (from the intended start) ≤ `p95Ms`;
 * - errors: error rate (errors / completed iterations) ≤ `maxErrorRate` (default 0.01).
 *
 * A phase in which the journey completed no iteration gets no verdict (nothing to judge).
 */
import type { Slo } from '../plan/plan.js';
import type { PhaseSummary, SloVerdict } from './types.js';

/** Default largest acceptable error rate when an SLO does not set one (Slo.maxErrorRate). */
export const DEFAULT_MAX_ERROR_RATE = 0.01;

/**
 * A p95 decides its objective only when its whole confidence interval lies on one side: above the
 * threshold (a miss even at the interval's low end) or at or below it (met even at the high end).
 */
export function latencyConclusive(ci: { lowMs: number | null; highMs: number | null }, thresholdMs: number): boolean {
  if (ci.lowMs !== null && ci.lowMs > thresholdMs) return true;
  return ci.highMs !== null && ci.highMs <= thresholdMs;
}

/** Verdicts for every journey with an SLO, in `phases` order. */
export function sloVerdicts(slos: Record<string, Slo>, phases: PhaseSummary[]): SloVerdict[] {
  const verdicts: SloVerdict[] = [];
  for (const [journey, slo] of Object.entries(slos)) {
    for (const phase of phases) {
      const stats = phase.stats.find((s) => s.journey === journey && s.step === null);
      if (stats === undefined || stats.count === 0) continue;
      const ci = stats.p95CiMs;
      verdicts.push({
        journey,
        phase: phase.name,
        objective: `p95 ≤ ${slo.p95Ms} ms`,
        measured: stats.p95Ms,
        threshold: slo.p95Ms,
        unit: 'ms',
        pass: stats.p95Ms <= slo.p95Ms,
        ...(ci === undefined ? {} : { conclusive: latencyConclusive(ci, slo.p95Ms), ci: { low: ci.lowMs, high: ci.highMs } }),
      });
      const maxErrorRate = slo.maxErrorRate ?? DEFAULT_MAX_ERROR_RATE;
      verdicts.push({
        journey,
        phase: phase.name,
        objective: `error rate ≤ ${Number((maxErrorRate * 100).toPrecision(6))} %`,
        measured: stats.errorRate,
        threshold: maxErrorRate,
        unit: 'ratio',
        pass: stats.errorRate <= maxErrorRate,
      });
    }
  }
  return verdicts;
}
