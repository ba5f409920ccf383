import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../src/analyze/types.js';
import { bucketWidth, latencyRows, phaseBandRows, waitClassRows, waitTimelineRows } from '../../../src/report/chart-data.js';
import { buildSummary } from './fixtures/summary.js';

/** 10 s run: ramp-up [0,2), order-wave [2,8), cool-down [8,10); latency doubles in the wave. */
const small = (): RunSummary => buildSummary({ durationS: 10 });

describe('latencyRows', () => {
  it('has one row per (t, journey, percentile) for whole iterations only', () => {
    const { rows, bucketS } = latencyRows(small());
    expect(bucketS).toBe(1);
    expect(rows).toHaveLength(10 * 3 * 3); // 10 windows × 3 journeys × 3 percentiles; step rows left out
    const keys = new Set(rows.map((r) => `${r.t}/${r.journey}/${r.percentile}`));
    expect(keys.size).toBe(rows.length);
  });

  it('carries the window percentiles unchanged', () => {
    // order-to-delivery at t = 3 (wave): p50 = round(420 × 2 × 1.03) = 865, p95 = round(865 × 2.4) = 2076, p99 = round(865 × 3.9) = 3374.
    const at3 = latencyRows(small()).rows.filter((r) => r.t === 3 && r.journey === 'order-to-delivery');
    expect(at3).toEqual([
      { t: 3, journey: 'order-to-delivery', percentile: 'p50', ms: 865 },
      { t: 3, journey: 'order-to-delivery', percentile: 'p95', ms: 2076 },
      { t: 3, journey: 'order-to-delivery', percentile: 'p99', ms: 3374 },
    ]);
  });

  it('leaves out empty windows, which have no latency', () => {
    const summary = small();
    for (const p of summary.timeline) if (p.t === 5) p.count = 0;
    expect(latencyRows(summary).rows.some((r) => r.t === 5)).toBe(false);
  });

  it('merges windows into buckets keeping the worst window when there are too many points', () => {
    // maxPoints 5 over 10 one-second windows → 2 s buckets; bucket 2 holds t = 2 (p50 857) and t = 3 (p50 865).
    const { rows, bucketS } = latencyRows(small(), 5);
    expect(bucketS).toBe(2);
    expect(new Set(rows.map((r) => r.t))).toEqual(new Set([0, 2, 4, 6, 8]));
    expect(rows.find((r) => r.t === 2 && r.journey === 'order-to-delivery' && r.percentile === 'p50')?.ms).toBe(865);
  });

  it('keeps a one-hour run of eight journeys within the point budget', () => {
    const journeys = ['order-to-delivery', 'barcode-pick', 'edi-import', 'stock-inquiry', 'receipt', 'invoicing', 'replenishment', 'month-end-reports'];
    const { rows, bucketS } = latencyRows(buildSummary({ durationS: 3600, journeys, withWaits: false }));
    expect(bucketS).toBe(15); // ceil(3600 / 240)
    expect(rows).toHaveLength(240 * 8 * 3);
  });
});

describe('bucketWidth', () => {
  it('is the smallest multiple of the window step giving at most maxPoints buckets', () => {
    expect(bucketWidth(600, 1, 240)).toBe(3);
    expect(bucketWidth(240, 1, 240)).toBe(1);
    expect(bucketWidth(600, 5, 240)).toBe(5);
    expect(bucketWidth(6000, 5, 240)).toBe(25);
  });
});

describe('phaseBandRows', () => {
  it('has one band per phase with alternating shade', () => {
    expect(phaseBandRows(small())).toEqual([
      { phase: 'ramp-up', startS: 0, endS: 2, band: 0 },
      { phase: 'order-wave', startS: 2, endS: 8, band: 1 },
      { phase: 'cool-down', startS: 8, endS: 10, band: 0 },
    ]);
  });
});

describe('waitTimelineRows', () => {
  it('fills classes missing at some seconds with zero, in the fixed class order', () => {
    const { rows, bucketS } = waitTimelineRows(small());
    expect(bucketS).toBe(1);
    expect(rows).toHaveLength(10 * 5);
    expect(rows.filter((r) => r.t === 0).map((r) => [r.waitClass, r.aas])).toEqual([
      ['cpu', 1.2],
      ['odoo-python', 2.1],
      ['lock', 0],
      ['io', 0.4],
      ['client', 0.1],
    ]);
    expect(rows.find((r) => r.t === 3 && r.waitClass === 'lock')?.aas).toBeCloseTo(0.6, 12);
    expect(rows.find((r) => r.waitClass === 'lock')?.waitClassOrder).toBe(2);
  });

  it('averages over the sampled seconds of a bucket', () => {
    const summary = small();
    (summary.waits as NonNullable<RunSummary['waits']>).timeline = [
      { t: 0, waitClass: 'cpu', aas: 1 },
      { t: 1, waitClass: 'cpu', aas: 3 },
      { t: 1, waitClass: 'lock', aas: 2 },
    ];
    const { rows, bucketS } = waitTimelineRows(summary, 1);
    expect(bucketS).toBe(2);
    expect(rows).toEqual([
      { t: 0, waitClass: 'cpu', waitClassOrder: 0, aas: 2 },
      { t: 0, waitClass: 'lock', waitClassOrder: 2, aas: 1 },
    ]);
  });

  it('is empty without wait evidence', () => {
    expect(waitTimelineRows(buildSummary({ durationS: 10, withWaits: false }))).toEqual({ rows: [], bucketS: 0 });
  });
});

describe('waitClassRows', () => {
  it('lists classes by AAS, largest first', () => {
    expect(waitClassRows(small()).map((r) => r.waitClass)).toEqual(['odoo-python', 'cpu', 'io', 'lock', 'client']);
  });
});
