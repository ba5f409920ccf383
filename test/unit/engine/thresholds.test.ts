import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/engine/fake-clock.js';
import { runPlan } from '../../../src/engine/run-plan.js';
import { summarizeEngineHealth } from '../../../src/run/engine-health.js';
import { parseThreshold, thresholdMessages, thresholdsFailure, thresholdsFromSlos, ThresholdTracker } from '../../../src/run/thresholds.js';
import { ThresholdsFailedError } from '../../../src/errors.js';
import { encodeHistogram, newHistogram } from '../../../src/run/histogram.js';
import type { EngineHealthRecord, MetricWindow } from '../../../src/run/records.js';
import { fakeClient, MemorySink, planOf, searchJourney } from './fake-odoo.js';

const START = 1_700_000_000_000;

function window(journey: string, step: string | null, latenciesMs: number[], failed = 0): MetricWindow {
  const h = newHistogram();
  for (const ms of latenciesMs) h.recordValue(ms * 1000);
  const record: MetricWindow = { v: 1, type: 'window', t: START, journey, step, ok: latenciesMs.length - failed, errors: failed ? { timeout: failed } : {}, latency: encodeHistogram(h) };
  h.destroy();
  return record;
}

describe('thresholds', () => {
  it('parses k6 expressions with an optional journey/step selector', () => {
    expect(parseThreshold('order-entry:p(95)<800')).toMatchObject({ journey: 'order-entry', step: null, metric: { name: 'p', percentile: 95 }, op: '<', value: 800 });
    expect(parseThreshold('order-entry/confirm-order: avg <= 300')).toMatchObject({ journey: 'order-entry', step: 'confirm-order', metric: { name: 'avg' }, op: '<=', value: 300 });
    expect(parseThreshold('rate<0.01')).toMatchObject({ journey: null, step: null, metric: { name: 'rate' }, value: 0.01 });
    expect(parseThreshold('barcode-pick:count>100').metric).toEqual({ name: 'count' });
  });

  it('rejects a bad expression with one line naming it', () => {
    expect(() => parseThreshold('order-entry:p95<800')).toThrow(thresholdMessages.invalid('order-entry:p95<800', "cannot read 'p95<800'"));
    expect(() => parseThreshold('order-entry:p(95)<800')).not.toThrow();
    expect(() => parseThreshold('p(101)<5')).toThrow(/percentile must be in \(0, 100\]/);
  });

  it('derives p95 and error-rate thresholds from the SLOs', () => {
    expect(thresholdsFromSlos({ 'order-entry': { p95Ms: 800 }, receipt: { p95Ms: 2000, maxErrorRate: 0.05 } }).map((t) => t.source)).toEqual([
      'order-entry:p(95)<=800',
      'order-entry:rate<=0.01',
      'receipt:p(95)<=2000',
      'receipt:rate<=0.05',
    ]);
  });

  it('evaluates on all windows so far: 100 iterations, 94 at 100 ms and 6 at 900 ms → p(95) = 900 ms fails < 800', () => {
    const tracker = new ThresholdTracker(['j:p(95)<800', 'j:avg<200', 'j:rate<0.05', 'j:count>=100', 'j/s:max<50', 'p(50)<101'].map((t) => parseThreshold(t)));
    tracker.addWindow(window('j', null, Array(50).fill(100)));
    tracker.addWindow(window('j', null, [...Array(44).fill(100), ...Array(6).fill(900)], 6));
    tracker.addWindow(window('j', 's', [40, 45]));
    const results = tracker.evaluate();
    expect(results.map((r) => r.pass)).toEqual([false, true, false, true, true, true]);
    expect(results[0]?.value).toBeCloseTo(900, -1); // HDR: 3 significant digits
    expect(results[1]?.value).toBeCloseTo(148, 0); // (94 × 100 + 6 × 900) / 100
    expect(results[2]?.value).toBe(0.06);
    const failure = thresholdsFailure(results);
    expect(failure).toBeInstanceOf(ThresholdsFailedError);
    expect(failure?.message).toMatch(/^thresholds crossed: j:p\(95\)<800 \(900\.\d\), j:rate<0\.05 \(0\.0600\)$/);
    expect(thresholdsFailure(results.filter((r) => r.pass))).toBeUndefined();
  });

  it('aborts the run with abortOnFail once the delay passed, and reports every verdict', async () => {
    const clock = new FakeClock(START);
    const sink = new MemorySink();
    const result = await runPlan({
      plan: planOf({ startRate: 10, stages: [{ durationS: 30, target: 10 }], preAllocatedVUs: 5, maxVUs: 20 }, 30),
      journeys: { 'stock-inquiry': searchJourney },
      createClient: () => fakeClient(clock, { serviceMs: 1000 }, { logins: 0, calls: 0 }),
      sink,
      clock,
      thresholds: [parseThreshold('stock-inquiry:p(95)<500', { abortOnFail: true, delayAbortEvalS: 5 }), parseThreshold('stock-inquiry:rate<0.01')],
    });
    expect(result.status).toBe('aborted');
    expect(result.reason).toMatch(/^threshold stock-inquiry:p\(95\)<500 crossed \(1000\.\d\) with abortOnFail$/);
    expect(result.scheduled).toBeGreaterThanOrEqual(50);
    expect(result.scheduled).toBeLessThan(70); // stopped at ≈ 5 s, not 30 s
    expect(result.thresholds.map((r) => r.pass)).toEqual([false, true]);
    expect(sink.events.some((e) => e.type === 'warning' && e.message === 'thresholds crossed: stock-inquiry:p(95)<500')).toBe(true);
  });
});

describe('engine self-monitoring summary', () => {
  const rec = (o: Partial<EngineHealthRecord>): EngineHealthRecord => ({
    v: 1, type: 'engine', t: START, windowMs: 1000, loopLagP99Ms: 5, loopLagMaxMs: 8, cpuShare: 0.3, startLagP99Ms: 2, arrivals: 10, rssBytes: 1e8, heapUsedBytes: 5e7, ...o,
  });

  it('is not a bottleneck for a relaxed generator', () => {
    expect(summarizeEngineHealth(Array.from({ length: 20 }, () => rec({})))).toMatchObject({ bottleneck: false, reasons: [], maxCpuShare: 0.3 });
  });

  it('flags event-loop lag > 100 ms, CPU > 90 % in > 10 % of windows, or start lag p99 > 50 ms', () => {
    const busy = [...Array.from({ length: 8 }, () => rec({})), rec({ cpuShare: 0.95 }), rec({ cpuShare: 0.97 })];
    expect(summarizeEngineHealth(busy).reasons).toEqual([
      'the load generator used more than 90 % of a CPU core in 20 % of the windows (limit 10 %)',
    ]);
    expect(summarizeEngineHealth([rec({ loopLagP99Ms: 180 }), rec({ startLagP99Ms: 75 })]).reasons).toEqual([
      "the load generator's event loop was delayed up to 180 ms (p99 in a window; limit 100 ms)",
      'iterations started up to 75 ms late (p99 in a window; limit 50 ms)',
    ]);
  });
});
