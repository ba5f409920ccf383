/**
 * Ingesting real k6 v0.48 output (test/fixtures/k6-0.48-odoo17: a web-session login and a
 * stock.quant search_read against a real Odoo 17, ramping-arrival-rate 2 → 10/s, maxVUs 4) and
 * checking the windows against k6's own end-of-test summary (summary.json).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { K6Ingest, parseK6Time } from '../../../src/k6/ingest.js';
import { mergeEncoded } from '../../../src/run/histogram.js';
import type { MetricWindow } from '../../../src/run/records.js';

const FIXTURE = new URL('../../fixtures/k6-0.48-odoo17', import.meta.url).pathname;
const ndjson = readFileSync(path.join(FIXTURE, 'out.ndjson'), 'utf8');
const summary = JSON.parse(readFileSync(path.join(FIXTURE, 'summary.json'), 'utf8')) as {
  metrics: Record<string, Record<string, number>>;
};
const metric = (name: string, stat: string) => summary.metrics[name]?.[stat] as number;

/** k6's percentile (lib/metrics: sorted values, linear interpolation at p·(n − 1)). */
function k6Percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const i = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(i);
  return (sorted[lo] as number) + ((sorted[Math.min(lo + 1, sorted.length - 1)] as number) - (sorted[lo] as number)) * (i - lo);
}

function ingest(chunkSize: number) {
  const windows: MetricWindow[] = [];
  const k6 = new K6Ingest({ emit: (w) => windows.push(w), keepRaw: true });
  for (let i = 0; i < ndjson.length; i += chunkSize) k6.write(ndjson.slice(i, i + chunkSize)); // as if tailing a growing file
  k6.end();
  return { windows, totals: k6.totals };
}

describe('k6 NDJSON ingestion', () => {
  it('keeps nanosecond times to the sub-millisecond', () => {
    expect(parseK6Time('2026-11-23T08:38:10.26003134Z') - Date.parse('2026-11-23T08:38:10Z')).toBeCloseTo(260.03134, 3); // epoch ms in a double: ~0.2 µs resolution
  });

  it('counts what k6 counted: 82 requests, 79 iterations, 1 dropped, 79 checks passed', () => {
    const { totals } = ingest(4096);
    expect(totals.httpReqs).toBe(metric('http_reqs', 'count'));
    expect(totals.iterations).toBe(metric('iterations', 'count'));
    expect(totals.droppedIterations).toBe(metric('dropped_iterations', 'count'));
    expect(totals.checks).toEqual({ passes: metric('checks', 'passes'), fails: metric('checks', 'fails') });
    expect(totals.httpReqFailed).toBe(metric('http_req_failed', 'passes'));
    expect(totals.badLines).toBe(0);
  });

  it('reads the request durations exactly (k6 p(95) recomputed) and its HDR percentiles within 0.1 %', () => {
    const { totals } = ingest(1000);
    expect(k6Percentile(totals.rawHttpReqDurationMs, 95)).toBeCloseTo(metric('http_req_duration', 'p(95)'), 6);
    expect(k6Percentile(totals.rawHttpReqDurationMs, 50)).toBeCloseTo(metric('http_req_duration', 'med'), 6);
    // HDR's percentile is a rank (the 78th of 82 for p95), k6 interpolates between the 77th and 78th.
    const sorted = [...totals.rawHttpReqDurationMs].sort((a, b) => a - b);
    expect(totals.httpReqDuration.getValueAtPercentile(95) / 1000).toBeCloseTo(sorted[Math.ceil(0.95 * 82) - 1] as number, 0);
    expect(Math.abs(totals.httpReqDuration.maxValue / 1000 - metric('http_req_duration', 'max')) / metric('http_req_duration', 'max')).toBeLessThan(0.001);
    expect(totals.httpReqDuration.mean / 1000).toBeCloseTo(metric('http_req_duration', 'avg'), 0);
  });

  it('writes per-second windows that add up to the run: 79 iterations + 1 dropped scheduled, steps per k6 group', () => {
    const { windows } = ingest(333);
    const iterations = windows.filter((w) => w.step === null);
    expect(new Set(windows.map((w) => w.journey))).toEqual(new Set(['stock-inquiry']));
    expect(iterations.every((w) => w.t % 1000 === 0)).toBe(true);
    expect(iterations.reduce((s, w) => s + w.ok + Object.values(w.errors).reduce((a, b) => a + (b ?? 0), 0), 0)).toBe(79);
    expect(iterations.reduce((s, w) => s + (w.dropped ?? 0), 0)).toBe(1);
    expect(iterations.reduce((s, w) => s + (w.scheduled ?? 0), 0)).toBe(80);
    const latency = mergeEncoded(iterations.map((w) => w.latency));
    expect(latency.totalCount).toBe(79);
    expect(Math.abs(latency.maxValue / 1000 - metric('journey_duration', 'max')) / metric('journey_duration', 'max')).toBeLessThan(0.001);
    const steps = new Map<string, number>();
    for (const w of windows) if (w.step !== null) steps.set(w.step, (steps.get(w.step) ?? 0) + w.ok);
    expect(Object.fromEntries(steps)).toEqual({ login: 3, 'stock-inquiry': 79 }); // 3 VUs logged in; 82 requests in all
  });
});
