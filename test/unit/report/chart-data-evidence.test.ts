import { describe, expect, it } from 'vitest';
import type { OdooEvidence, RunSummary, TimelinePoint } from '../../../src/analyze/types.js';
import { arrivalRows, distributionRows, odooTimeRows, throughputRows, workerRows } from '../../../src/report/chart-data.js';
import { buildSummary } from './fixtures/summary.js';

const point = (t: number, journey: string, count: number, errors: number, scheduled: number, dropped: number): TimelinePoint => ({
  t,
  journey,
  step: null,
  count,
  errors,
  p50Ms: 100,
  p95Ms: 200,
  p99Ms: 300,
  dropped,
  scheduled,
  meanMs: 120,
});

/** Four seconds of two journeys; a step point that every dataset must ignore. */
function smallSummary(): RunSummary {
  const summary = buildSummary({ durationS: 4 });
  summary.timeline = [
    point(0, 'a', 4, 1, 5, 1),
    point(1, 'a', 6, 0, 6, 0),
    point(2, 'a', 2, 2, 8, 4),
    point(3, 'a', 0, 0, 0, 0),
    point(0, 'b', 1, 0, 1, 0),
    { ...point(0, 'a', 99, 99, 0, 0), step: 'confirm' },
  ];
  return summary;
}

describe('throughputRows', () => {
  it('gives completions and errors per second per journey and window, steps left out', () => {
    const { rows, bucketS } = throughputRows(smallSummary());
    expect(bucketS).toBe(1);
    expect(rows.filter((r) => r.journey === 'a' && r.series === 'completed').map((r) => r.perS)).toEqual([4, 6, 2, 0]);
    expect(rows.filter((r) => r.journey === 'a' && r.series === 'errors').map((r) => r.perS)).toEqual([1, 0, 2, 0]);
    expect(rows.filter((r) => r.journey === 'b')).toEqual([
      { t: 0, journey: 'b', series: 'completed', perS: 1 },
      { t: 0, journey: 'b', series: 'errors', perS: 0 },
    ]);
  });

  it('merges windows into buckets and divides by the bucket width', () => {
    const { rows, bucketS } = throughputRows(smallSummary(), 2);
    expect(bucketS).toBe(2);
    // Journey a: (4 + 6) / 2 s and (2 + 0) / 2 s.
    expect(rows.filter((r) => r.journey === 'a' && r.series === 'completed').map((r) => [r.t, r.perS])).toEqual([
      [0, 5],
      [2, 1],
    ]);
  });
});

describe('arrivalRows', () => {
  it('sums journeys: intended = scheduled, achieved = scheduled − dropped, per second', () => {
    const { rows } = arrivalRows(smallSummary());
    const at = (t: number) => Object.fromEntries(rows.filter((r) => r.t === t).map((r) => [r.series, r.perS]));
    expect(at(0)).toEqual({ intended: 6, achieved: 5, dropped: 1 });
    expect(at(2)).toEqual({ intended: 8, achieved: 4, dropped: 4 });
  });
});

describe('distributionRows', () => {
  it('labels each percentile, the maximum as max, in order; journeys without completions are left out', () => {
    const summary = smallSummary();
    summary.distribution = [
      { journey: 'a', count: 12, points: [{ percentile: 50, ms: 100 }, { percentile: 99.9, ms: 900 }, { percentile: 100, ms: 1200 }] },
      { journey: 'b', count: 0, points: [{ percentile: 50, ms: 0 }] },
    ];
    expect(distributionRows(summary)).toEqual([
      { journey: 'a', label: 'p50', order: 0, percentile: 50, ms: 100 },
      { journey: 'a', label: 'p99.9', order: 1, percentile: 99.9, ms: 900 },
      { journey: 'a', label: 'max', order: 2, percentile: 100, ms: 1200 },
    ]);
  });
});

const group = (key: string, sqlS: number, otherS: number, measured = 1) => ({
  key,
  count: 2,
  serverErrors: 0,
  measured,
  queries: 10,
  sqlS,
  otherS,
  meanQueries: 5,
  meanSqlMs: 1,
  meanOtherMs: 1,
  maxMs: 5,
});

function withOdoo(summary: RunSummary, byModelMethod: OdooEvidence['summary']['requests']['byModelMethod']): RunSummary {
  summary.odoo = {
    spanS: 10,
    summary: {
      requests: { count: 4, byPath: [group('/web/dataset/call_kw', 9, 9)], byModelMethod },
      retries: { total: 0, byCode: {}, gaveUp: 0 },
      workers: {},
      errors: { total: 0, byClass: {} },
      serializationFailures: 0,
    },
    workers: [
      { pid: 11, requests: 3, busyS: 2.5, utilization: 0.25 },
      { pid: 12, requests: 1, busyS: 0.5, utilization: 0.05 },
    ],
  };
  return summary;
}

describe('odooTimeRows and workerRows', () => {
  it('split each model.method into SQL and other seconds, ranked, without unmeasured groups', () => {
    const summary = withOdoo(smallSummary(), [group('sale.order.action_confirm', 0.4, 1.1), group('stock.move.line.write', 0.2, 0.3), group('x.unmeasured', 0, 0, 0)]);
    expect(odooTimeRows(summary)).toEqual([
      { group: 'sale.order.action_confirm', part: 'SQL', seconds: 0.4, rank: 0 },
      { group: 'sale.order.action_confirm', part: 'Python and other', seconds: 1.1, rank: 0 },
      { group: 'stock.move.line.write', part: 'SQL', seconds: 0.2, rank: 1 },
      { group: 'stock.move.line.write', part: 'Python and other', seconds: 0.3, rank: 1 },
    ]);
    expect(workerRows(summary)).toEqual([
      { worker: 'pid 11', utilization: 0.25, requests: 3 },
      { worker: 'pid 12', utilization: 0.05, requests: 1 },
    ]);
  });

  it('fall back to paths when the log names no model, and are empty without an Odoo log', () => {
    expect(odooTimeRows(withOdoo(smallSummary(), [])).map((r) => r.group)).toEqual(['/web/dataset/call_kw', '/web/dataset/call_kw']);
    expect(odooTimeRows(smallSummary())).toEqual([]);
    expect(workerRows(smallSummary())).toEqual([]);
  });
});
