import { describe, expect, it } from 'vitest';
import { WindowAggregator } from '../../../src/engine/windows.js';
import { decodeHistogram } from '../../../src/run/histogram.js';
import type { MetricWindow } from '../../../src/run/records.js';

describe('WindowAggregator', () => {
  it('puts completions in the window of their end and arrivals in the window of their intended time', () => {
    const out: MetricWindow[] = [];
    const w = new WindowAggregator(1000, (r) => out.push(r));
    w.push({ type: 'arrival', journey: 'j', t: 900, dropped: false });
    w.push({ type: 'arrival', journey: 'j', t: 950, dropped: true });
    w.push({ type: 'iteration', journey: 'j', t: 1200, intendedT: 900, latencyUs: 300_000, serviceUs: 250_000, error: null });
    w.push({ type: 'step', journey: 'j', step: 'a', t: 1100, durationUs: 200_000, error: 'timeout' });
    const summaries = w.closeUntil(1000);
    expect(summaries).toEqual([{ t: 0, scheduled: 2, dropped: 1, completed: 0, failed: 0, p95Us: null, p95UsByJourney: {} }]);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ t: 0, journey: 'j', step: null, ok: 0, scheduled: 2, dropped: 1 });
    expect(decodeHistogram(out[0]?.latency ?? '').totalCount).toBe(0);

    const [second] = w.closeAll();
    expect(second).toMatchObject({ t: 1000, completed: 1, failed: 0 });
    expect(second?.p95Us).toBeGreaterThanOrEqual(300_000);
    expect(out.slice(1).map((r) => [r.step, r.ok, r.errors])).toEqual([
      [null, 1, {}],
      ['a', 0, { timeout: 1 }],
    ]);
    const latency = decodeHistogram(out[1]?.latency ?? '');
    const service = decodeHistogram(out[1]?.service ?? '');
    // HDR with 3 significant digits: a value reads back within 0.1 %
    expect(latency.totalCount).toBe(1);
    expect(Math.abs(latency.maxValue - 300_000) / 300_000).toBeLessThanOrEqual(0.001);
    expect(Math.abs(service.maxValue - 250_000) / 250_000).toBeLessThanOrEqual(0.001);
    expect(out[2]?.service).toBeUndefined();
  });

  it('reopens a closed window for a late sample and emits it again at the next close', () => {
    const out: MetricWindow[] = [];
    const w = new WindowAggregator(1000, (r) => out.push(r));
    w.push({ type: 'arrival', journey: 'j', t: 500, dropped: false });
    w.closeUntil(1000);
    w.push({ type: 'arrival', journey: 'j', t: 990, dropped: false });
    w.closeUntil(2000);
    expect(out.map((r) => [r.t, r.scheduled])).toEqual([
      [0, 1],
      [0, 1],
    ]);
  });
});
