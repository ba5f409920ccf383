/** Hand-built RunSummary objects for the tests of what is computed from a summary (tests only). */
import type { LatencyStats, PhaseSummary, RunSummary } from '../../../src/analyze/types.js';

/** Stats of one order-entry step over `seconds`, with mean = p50 unless `extra` says otherwise. */
export function stats(step: string | null, count: number, seconds: number, p50Ms: number, extra: Partial<LatencyStats> = {}): LatencyStats {
  return {
    journey: 'order-entry',
    step,
    count,
    errors: 0,
    errorsByKind: {},
    errorRate: 0,
    throughputPerS: count / seconds,
    meanMs: p50Ms,
    p50Ms,
    p95Ms: p50Ms * 3,
    p99Ms: p50Ms * 4,
    maxMs: p50Ms * 5,
    ...extra,
  };
}

export function summaryWith(phases: PhaseSummary[], overall: PhaseSummary = { name: 'all', startS: 0, endS: 60, stats: phases.flatMap((p) => p.stats) }): RunSummary {
  return {
    v: 1,
    runId: 'run-1',
    profile: 'p',
    status: 'completed',
    target: { url: 'http://127.0.0.1:8069', db: 'staging' },
    startedAt: '2026-03-02T08:00:00.000Z',
    durationS: 60,
    scale: 1,
    compress: { factor: 1, keep: 'peak-rates' },
    phases,
    overall,
    timeline: [],
    slos: [],
    notes: [],
  };
}
