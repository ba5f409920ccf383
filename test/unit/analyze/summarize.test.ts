import { describe, expect, it } from 'vitest';
import { NO_DATABASE_EVIDENCE, droppedIterationsNote, partialRunNote, sloWithoutDataNote } from '../../../src/analyze/messages.js';
import { summarizeRun } from '../../../src/analyze/summarize.js';
import type { LatencyStats, RunSummary } from '../../../src/analyze/types.js';
import type { MetricWindow } from '../../../src/run/records.js';
import { START_MS, activity, deal, manifest, range, session, window } from './run-fixture.js';

/**
 * The known data set:
 * - ramp (0–10 s): windows at 0..4 s, order-entry iterations of 1..100 ms dealt over the 5 windows;
 * - peak (10–20 s): windows at 10..19 s, iterations of 1..1000 ms dealt over the 10 windows, with
 *   10 timeouts + 5 server errors, 2 dropped and 102 scheduled per window, service times alternating
 *   100 and 300 ms; the step `create` has the same 1..1000 ms.
 *
 * Exact nearest-rank percentiles (the ⌈p·N⌉-th smallest value) of 1..N are p·N: 1..1000 → p50 500,
 * p95 950, p99 990, max 1000, mean 500.5; 1..100 → p50 50, p95 95, p99 99. HdrHistogram at 3
 * significant digits reports the highest value equivalent to the recorded one: at most 0.1 % high.
 */
function knownWindows(): MetricWindow[] {
  const ramp = deal(range(1, 100), 5).map((latencyMs, i) => window({ atS: i, journey: 'order-entry', latencyMs, dropped: 0, scheduled: 20 }));
  const peakValues = deal(range(1, 1000), 10);
  const peak = peakValues.map((latencyMs, i) =>
    window({
      atS: 10 + i,
      journey: 'order-entry',
      latencyMs,
      serviceMs: latencyMs.map((_, j) => (j % 2 === 0 ? 100 : 300)),
      errors: i === 0 ? { timeout: 10, server_error: 5 } : {},
      dropped: 2,
      scheduled: 102,
    }),
  );
  const steps = peakValues.map((latencyMs, i) => window({ atS: 10 + i, journey: 'order-entry', step: 'create', latencyMs }));
  return [...ramp, ...peak, ...steps];
}

function summarize(overrides: Parameters<typeof manifest>[0] = {}, windows = knownWindows()): RunSummary {
  return summarizeRun({ manifest: manifest(overrides), windows, events: [], pgActivity: [] });
}

function statsOf(summary: RunSummary, phase: string, step: string | null = null): LatencyStats {
  const p = phase === 'all' ? summary.overall : summary.phases.find((x) => x.name === phase);
  const stats = p?.stats.find((s) => s.journey === 'order-entry' && s.step === step);
  if (stats === undefined) throw new Error(`no stats for ${phase}/${String(step)}`);
  return stats;
}

/** Within HdrHistogram's 3-significant-digit resolution: at or up to 0.1 % above the exact value. */
function expectHdr(measured: number, exact: number): void {
  expect(measured).toBeGreaterThanOrEqual(exact * (1 - 1e-9));
  expect(measured).toBeLessThanOrEqual(exact * 1.001);
}

describe('summarizeRun latency percentiles', () => {
  const summary = summarize();

  it('merges the windows of a phase before taking percentiles: 1..1000 ms → p50 500, p95 950, p99 990', () => {
    const peak = statsOf(summary, 'peak');
    expect(peak.count).toBe(1000);
    expectHdr(peak.p50Ms, 500);
    expectHdr(peak.p95Ms, 950);
    expectHdr(peak.p99Ms, 990);
    expectHdr(peak.maxMs, 1000);
    expect(peak.meanMs).toBeCloseTo(500.5, -0.5); // mean of bucket midpoints: within 0.1 %
    expect(Math.abs(peak.meanMs - 500.5) / 500.5).toBeLessThan(0.001);
  });

  it('keeps phases apart: the ramp has 1..100 ms → p50 50, p95 95, p99 99', () => {
    const ramp = statsOf(summary, 'ramp');
    expect(ramp.count).toBe(100);
    expectHdr(ramp.p50Ms, 50);
    expectHdr(ramp.p95Ms, 95);
    expectHdr(ramp.p99Ms, 99);
  });

  it('summarises the whole run as phase `all` over all 1100 iterations', () => {
    const all = statsOf(summary, 'all');
    expect(summary.overall.name).toBe('all');
    expect(all.count).toBe(1100);
    // Sorted: 1,1,2,2,…,100,100 (200 values), then 101..1000; the ⌈0.95·1100⌉ = 1045th is 101 + (1045 − 201) = 945.
    expectHdr(all.p95Ms, 945);
  });

  it('reports per-step stats with the step name and service mean/SCV from the step latency', () => {
    const step = statsOf(summary, 'peak', 'create');
    expect(step.count).toBe(1000);
    expectHdr(step.p95Ms, 950);
    expect(step.dropped).toBeUndefined();
    // Uniform 1..1000: variance (n² − 1)/12 = 83333.25, mean² = 250500.25 → SCV 0.33267
    expect(step.serviceScv).toBeCloseTo(83333.25 / 250500.25, 2);
    expect(Math.abs((step.serviceMeanMs ?? 0) - 500.5) / 500.5).toBeLessThan(0.001);
  });

  it('orders stats journey first, then its steps', () => {
    expect(summary.phases[1]?.stats.map((s) => s.step)).toEqual([null, 'create']);
  });
});

describe('summarizeRun counts, rates and service time', () => {
  const summary = summarize();

  it('computes throughput as count / phase seconds covered', () => {
    expect(statsOf(summary, 'peak').throughputPerS).toBeCloseTo(100, 12); // 1000 / 10 s
    expect(statsOf(summary, 'ramp').throughputPerS).toBeCloseTo(10, 12); // 100 / 10 s
    expect(statsOf(summary, 'all').throughputPerS).toBeCloseTo(55, 12); // 1100 / 20 s
    expect(summary.durationS).toBe(20);
  });

  it('counts errors by kind and the error rate over completed iterations', () => {
    const peak = statsOf(summary, 'peak');
    expect(peak.errors).toBe(15);
    expect(peak.errorsByKind).toEqual({ timeout: 10, server_error: 5 });
    expect(peak.errorRate).toBeCloseTo(0.015, 12);
    expect(statsOf(summary, 'ramp').errorRate).toBe(0);
  });

  it('sums dropped and scheduled iterations', () => {
    expect(statsOf(summary, 'peak').dropped).toBe(20);
    expect(statsOf(summary, 'peak').scheduled).toBe(1020);
    expect(statsOf(summary, 'all').scheduled).toBe(1120);
  });

  it('takes the service mean and SCV from the service histograms: 100/300 ms → 200 ms, SCV 0.25', () => {
    const peak = statsOf(summary, 'peak');
    expect(Math.abs((peak.serviceMeanMs ?? 0) - 200) / 200).toBeLessThan(0.001);
    expect(peak.serviceScv).toBeCloseTo(0.25, 2); // σ = 100 ms, mean 200 ms
    expect(statsOf(summary, 'ramp').serviceMeanMs).toBeUndefined();
  });

  it('shortens throughput denominators for a run that stopped early', () => {
    const early = summarize({ status: 'interrupted', endedAt: new Date(START_MS + 15_000).toISOString() });
    expect(statsOf(early, 'peak').throughputPerS).toBeCloseTo(1000 / 5, 12);
    expect(early.durationS).toBe(15);
  });

  it('ends a run without endedAt at its last window', () => {
    const crashed = summarize({ status: 'running', endedAt: undefined });
    expect(crashed.durationS).toBe(20); // last window starts at 19 s, 1 s long
  });
});

describe('summarizeRun timeline', () => {
  it('has one point per window and journey/step, with t in seconds since the start', () => {
    const summary = summarize();
    expect(summary.timeline).toHaveLength(25);
    const first = summary.timeline.find((p) => p.t === 10 && p.step === null);
    expect(first).toMatchObject({ journey: 'order-entry', count: 100, errors: 15, dropped: 2, scheduled: 102 });
    expectHdr(first?.p95Ms ?? 0, 941); // window 10 s holds 1, 11, …, 991: the 95th of 100 values is 1 + 94·10
  });

  it('merges records of the same window from several shards', () => {
    const shards = deal(range(1, 100), 2).map((latencyMs) => window({ atS: 0, journey: 'order-entry', latencyMs, scheduled: 50 }));
    const summary = summarize({}, shards);
    expect(summary.timeline).toHaveLength(1);
    expect(summary.timeline[0]?.count).toBe(100);
    expect(summary.timeline[0]?.scheduled).toBe(100);
    expectHdr(summary.timeline[0]?.p50Ms ?? 0, 50);
  });

  it('assigns a window to the phase holding its midpoint when the start is not on a window edge', () => {
    // Start 400 ms after a window edge: the window at edge + 10 s spans 9.6–10.6 s (midpoint 10.1 s → peak).
    const summary = summarizeRun({
      manifest: manifest({ startedAt: new Date(START_MS + 400).toISOString() }),
      windows: [window({ atS: 10, journey: 'order-entry', latencyMs: [5] })],
      events: [],
      pgActivity: [],
    });
    expect(summary.phases.map((p) => p.stats.length)).toEqual([0, 1]);
    expect(summary.timeline[0]?.t).toBeCloseTo(9.6, 9);
  });
});

describe('summarizeRun SLO verdicts and notes', () => {
  it('judges p95 and error rate per phase and overall', () => {
    const summary = summarize();
    const verdict = (phase: string, unit: 'ms' | 'ratio') => summary.slos.find((v) => v.phase === phase && v.unit === unit);
    expect(verdict('peak', 'ms')).toMatchObject({ journey: 'order-entry', objective: 'p95 ≤ 1000 ms', threshold: 1000, pass: true });
    expect(verdict('peak', 'ratio')).toMatchObject({ objective: 'error rate ≤ 1 %', measured: 0.015, threshold: 0.01, pass: false });
    expect(verdict('ramp', 'ratio')?.pass).toBe(true);
    expect(verdict('all', 'ratio')?.measured).toBeCloseTo(15 / 1100, 12);
    expect(verdict('all', 'ratio')?.pass).toBe(false);
    expect(summary.slos).toHaveLength(6);
  });

  it('fails a p95 objective tighter than the measured p95', () => {
    const summary = summarize({ plan: { ...manifest().plan, slos: { 'order-entry': { p95Ms: 900, maxErrorRate: 0.02 } } } });
    const peak = summary.slos.filter((v) => v.phase === 'peak');
    expect(peak.map((v) => v.pass)).toEqual([false, true]);
    expect(peak[1]?.objective).toBe('error rate ≤ 2 %');
  });

  it('notes missing database evidence, a partial run, dropped iterations and SLOs without data', () => {
    const summary = summarize({
      status: 'aborted',
      statusReason: 'Ctrl-C',
      plan: { ...manifest().plan, slos: { 'order-entry': { p95Ms: 1000 }, 'edi-import': { p95Ms: 5000 } } },
    });
    expect(summary.notes).toEqual([
      partialRunNote('aborted', 'Ctrl-C'),
      NO_DATABASE_EVIDENCE,
      sloWithoutDataNote('edi-import'),
      droppedIterationsNote('order-entry', 20, 1120),
    ]);
    expect(summary.notes[0]).toBe('run was interrupted — partial (status aborted: Ctrl-C)');
    expect(summary.statusReason).toBe('Ctrl-C');
  });

  it('adds the wait profile when pg samples exist, with its timeline from the run start', () => {
    const summary = summarizeRun({
      manifest: manifest(),
      windows: [],
      events: [],
      pgActivity: [activity(2_500, [session('active')])],
    });
    expect(summary.notes).not.toContain(NO_DATABASE_EVIDENCE);
    expect(summary.waits?.timeline).toEqual([{ t: 2, waitClass: 'cpu', aas: 1 }]);
  });
});

describe('summarizeRun: saturation', () => {
  it('places the saturation point at the first window with dropped iterations (10 s, peak phase)', () => {
    const s = summarize();
    expect(s.saturation).toMatchObject({ atS: 10, reason: 'dropped-iterations', dropped: 2, offeredRatePerS: 102, achievedRatePerS: 100 });
  });
});
