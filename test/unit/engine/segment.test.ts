import { describe, expect, it } from 'vitest';
import { arrivalTimes } from '../../../src/plan/arrivals.js';
import { levelCurve } from '../../../src/plan/shape.js';
import { FakeClock } from '../../../src/engine/fake-clock.js';
import type { LoadPlan } from '../../../src/plan/plan.js';
import { runPlan } from '../../../src/engine/run-plan.js';
import { parseSegment, scaleCount, segmentArrivals, segmentMessage, segmentPlan } from '../../../src/plan/segment.js';
import { decodeHistogram } from '../../../src/run/histogram.js';
import { mergeWindows } from '../../../src/run/merge.js';
import type { MetricWindow } from '../../../src/run/records.js';
import { fakeClient, MemorySink, planOf, searchJourney } from './fake-odoo.js';

const START = 1_700_000_000_000;
const rampPlan = (): LoadPlan => planOf({ startRate: 3, stages: [{ durationS: 7, target: 17 }, { durationS: 5, target: 0.5 }], preAllocatedVUs: 7, maxVUs: 50 }, 12);

describe('execution segments', () => {
  it('parses i/n and names the flag for anything else', () => {
    expect(parseSegment('2/4')).toEqual({ index: 2, count: 4 });
    expect(() => parseSegment('5/4')).toThrow(segmentMessage('5/4'));
    expect(() => parseSegment('0/3')).toThrow(segmentMessage('0/3'));
  });

  it('splits VU counts by striping so the segments add up (10 over 4: 3, 3, 2, 2)', () => {
    expect([1, 2, 3, 4].map((index) => scaleCount({ index, count: 4 }, 10))).toEqual([3, 3, 2, 2]);
  });

  it.each([2, 3, 4, 7])('puts every arrival of the plan in exactly one of %i segments', (count) => {
    const scenario = rampPlan().scenarios[0];
    if (scenario?.executor !== 'ramping-arrival-rate') throw new Error('expected a ramping-arrival-rate scenario');
    const all = [...arrivalTimes(levelCurve(scenario))];
    const seen = new Map<number, number>();
    for (let index = 1; index <= count; index += 1) {
      const seg = segmentPlan(rampPlan(), { index, count }).scenarios[0];
      if (seg?.executor !== 'ramping-arrival-rate') throw new Error('expected a ramping-arrival-rate scenario');
      for (const a of segmentArrivals(arrivalTimes(levelCurve(seg)), seg.segment)) {
        expect(a.tS).toBe(all[a.k - 1]);
        seen.set(a.k, (seen.get(a.k) ?? 0) + 1);
      }
    }
    expect(all.length).toBe(Math.floor(3 * 7 + (17 - 3) * 3.5 + 17 * 5 - (17 - 0.5) * 2.5)); // ⌊70 + 43.75⌋ = 113
    expect(seen.size).toBe(all.length);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    const vus = Array.from({ length: count }, (_, i) => segmentPlan(rampPlan(), { index: i + 1, count }).scenarios[0]);
    expect(vus.reduce((s, v) => s + (v && 'preAllocatedVUs' in v ? v.preAllocatedVUs : 0), 0)).toBe(7);
  });

  it('merging the windows of 3 segment runs gives exactly the windows of the unsplit run (fake time)', async () => {
    // Service time depends on the fake time and on the random stream of the arrival: same in every split.
    const run = async (plan: LoadPlan) => {
      const clock = new FakeClock(START);
      const sink = new MemorySink();
      const journey = {
        ...searchJourney,
        async run(ctx: Parameters<typeof searchJourney.run>[0]) {
          const extra = Math.floor(ctx.random() * 400);
          await ctx.step('search', () => ctx.client.call('product.product', 'search_read', [[extra]]));
          await ctx.sleep?.(extra / 1000);
        },
      };
      const counters = { logins: 0, calls: 0 };
      const result = await runPlan({
        plan,
        journeys: { 'stock-inquiry': journey },
        createClient: () => fakeClient(clock, { serviceMs: (now) => 20 + ((now - START) % 97) }, counters),
        sink,
        clock,
      });
      expect(result.status).toBe('completed');
      return sink.windows;
    };
    const normal = (ws: MetricWindow[]) =>
      mergeWindows(ws).map((w) => ({ ...w, latency: histogramKey(w.latency), service: w.service === undefined ? undefined : histogramKey(w.service) }));
    const whole = await run(rampPlan());
    const parts: MetricWindow[] = [];
    for (let index = 1; index <= 3; index += 1) parts.push(...(await run(segmentPlan(rampPlan(), { index, count: 3 }))));
    expect(normal(parts)).toEqual(normal(whole));
    expect(whole.filter((w) => w.step === null).reduce((s, w) => s + (w.scheduled ?? 0), 0)).toBe(113);
  });
});

/** A histogram's full content: count and every recorded value with its count. */
function histogramKey(encoded: string): string {
  const h = decodeHistogram(encoded);
  const out = `${h.totalCount}:${h.minNonZeroValue}:${h.maxValue}:${[1, 10, 25, 50, 75, 90, 95, 99, 100].map((p) => h.getValueAtPercentile(p)).join(',')}:${h.mean}`;
  h.destroy();
  return out;
}
