import { describe, expect, it } from 'vitest';
import { odooEvidence, thresholdVerdicts, workerUtilisation } from '../../../src/analyze/evidence.js';
import type { OdooLogRecord } from '../../../src/run/records.js';
import { buildSummary } from '../report/fixtures/summary.js';

const req = (t: number, pid: number, sqlS: number | null, otherS: number | null): OdooLogRecord => ({
  v: 1,
  type: 'odoo_request',
  t,
  pid,
  db: 'd',
  method: 'POST',
  path: '/web/dataset/call_kw/sale.order/create',
  status: 200,
  queries: sqlS === null ? null : 5,
  sqlS,
  otherS,
  model: 'sale.order',
  rpcMethod: 'create',
});

describe('workerUtilisation', () => {
  it('is Σ (SQL + other) seconds per pid over the wall time; requests without figures count 0 s', () => {
    expect(workerUtilisation([req(0, 7, 0.5, 1.5), req(1, 7, 1, 2), req(2, 9, null, null), req(3, 9, 0.25, 0.25)], 10)).toEqual([
      { pid: 7, requests: 2, busyS: 5, utilization: 0.5 },
      { pid: 9, requests: 2, busyS: 0.5, utilization: 0.05 },
    ]);
  });
});

describe('odooEvidence', () => {
  it('keeps only records inside the run (plus one second after it) and is undefined without any', () => {
    const start = 1_000_000;
    const records = [req(start - 5, 1, 1, 1), req(start + 1000, 1, 1, 1), req(start + 10_500, 2, 1, 1), req(start + 12_000, 3, 1, 1)];
    const evidence = odooEvidence(records, start, 10);
    expect(evidence?.summary.requests.count).toBe(2);
    expect(evidence?.workers.map((w) => w.pid)).toEqual([1, 2]);
    expect(evidence?.spanS).toBe(9.5);
    expect(odooEvidence([req(start - 5, 1, 1, 1)], start, 10)).toBeUndefined();
  });
});

describe('thresholdVerdicts', () => {
  it('judges the SLO thresholds on the whole run, as the engine does at the end', () => {
    const summary = buildSummary({ waveFactor: 1.7 });
    const verdicts = thresholdVerdicts({ 'order-to-delivery': { p95Ms: 2500 }, 'stock-inquiry': { p95Ms: 300, maxErrorRate: 0.05 } }, summary.overall);
    const p95 = summary.overall.stats.find((s) => s.journey === 'order-to-delivery' && s.step === null)?.p95Ms ?? 0;
    expect(verdicts).toEqual([
      { source: 'order-to-delivery:p(95)<=2500', value: p95, pass: p95 <= 2500 },
      { source: 'order-to-delivery:rate<=0.01', value: expect.closeTo(0.004, 3), pass: true },
      // No data for a journey the run did not exercise: passes, as in k6.
      { source: 'stock-inquiry:p(95)<=300', value: null, pass: true },
      { source: 'stock-inquiry:rate<=0.05', value: null, pass: true },
    ]);
  });
});
