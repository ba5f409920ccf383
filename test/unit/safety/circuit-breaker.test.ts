import { describe, expect, it } from 'vitest';
import { breakerFromOptions, breakerVerdict, CircuitBreaker, DEFAULT_BREAKER } from '../../../src/safety/circuit-breaker.js';
import { encodeHistogram, newHistogram } from '../../../src/run/histogram.js';
import type { MetricWindow } from '../../../src/run/records.js';
import { UsageError } from '../../../src/errors.js';

const T0 = 1_700_000_000_000;

function iterations(second: number, ok: number, failed: number): MetricWindow {
  const h = newHistogram();
  const latency = encodeHistogram(h);
  h.destroy();
  return { v: 1, type: 'window', t: T0 + second * 1000, journey: 'order-entry', step: null, ok, errors: failed ? { connection_refused: failed } : {}, latency };
}

function steps(second: number, latenciesMs: number[]): MetricWindow {
  const h = newHistogram();
  for (const ms of latenciesMs) h.recordValue(ms * 1000);
  const latency = encodeHistogram(h);
  h.destroy();
  return { v: 1, type: 'window', t: T0 + second * 1000, journey: 'order-entry', step: 'create-order', ok: latenciesMs.length, errors: {}, latency };
}

describe('breakerVerdict', () => {
  it('trips above the error-rate limit once the window has enough iterations and span', () => {
    expect(breakerVerdict({ completed: 40, failed: 30, p95Ms: 900, spanS: 30 }, DEFAULT_BREAKER)).toMatchObject({ trip: true, errorRate: 0.75 });
    expect(breakerVerdict({ completed: 40, failed: 20, p95Ms: 900, spanS: 30 }, DEFAULT_BREAKER).trip).toBe(false); // 50 % is not above 50 %
    expect(breakerVerdict({ completed: 10, failed: 10, p95Ms: 900, spanS: 30 }, DEFAULT_BREAKER).trip).toBe(false); // < 20 iterations
    expect(breakerVerdict({ completed: 40, failed: 40, p95Ms: 900, spanS: 5 }, DEFAULT_BREAKER).trip).toBe(false); // < 10 s of data
  });

  it('trips above the p95 limit and names the flags in its one-line reason', () => {
    const v = breakerVerdict({ completed: 5, failed: 0, p95Ms: 31_000, spanS: 30 }, DEFAULT_BREAKER);
    expect(v.reason).toBe(
      'circuit breaker: p95 step latency 31000 ms over the last 30 s, above the safety limit of 30000 ms — the target looks overloaded (--breaker-p95-ms, --no-breaker)',
    );
    const e = breakerVerdict({ completed: 40, failed: 30, p95Ms: 900, spanS: 12 }, DEFAULT_BREAKER);
    expect(e.reason).toBe(
      'circuit breaker: 75 % of iterations failed over the last 12 s (30 of 40), above the safety limit of 50 % — the target looks overloaded or down (--breaker-error-rate, --no-breaker)',
    );
  });
});

describe('CircuitBreaker', () => {
  it('stays closed through a short outage and trips on a sustained one, once', () => {
    const trips: string[] = [];
    const breaker = new CircuitBreaker(DEFAULT_BREAKER, (r) => trips.push(r));
    // 20 s healthy at 4 it/s, then 3 s down (all failed): 12 of 92 failed
    for (let s = 0; s < 20; s++) breaker.addWindow(iterations(s, 4, 0));
    for (let s = 20; s < 23; s++) breaker.addWindow(iterations(s, 0, 4));
    expect(trips).toEqual([]);
    // down for good: after the sliding 30 s window holds more failures than successes it trips
    for (let s = 23; s < 60; s++) breaker.addWindow(iterations(s, 0, 4));
    expect(trips).toHaveLength(1);
    expect(breaker.reason).toBe(trips[0]);
    expect(trips[0]).toMatch(/^circuit breaker: \d+ % of iterations failed over the last 30 s/);
  });

  it('forgets windows older than the sliding window', () => {
    const trips: string[] = [];
    const config = { ...DEFAULT_BREAKER, windowS: 10, minSpanS: 5, minIterations: 30 };
    const breaker = new CircuitBreaker(config, (r) => trips.push(r));
    for (let s = 0; s < 4; s++) breaker.addWindow(iterations(s, 0, 5)); // 20 failed: too few to judge
    // 1 ok per second: at s = 13 the window holds 30 completions; with the first 4 s kept it
    // would be 20 failed of 30 (67 %), but they slid out: 0 of 10.
    for (let s = 4; s < 20; s++) breaker.addWindow(iterations(s, 1, 0));
    expect(trips).toEqual([]);
  });

  it('trips on the p95 of step latency merged over the window', () => {
    const trips: string[] = [];
    const breaker = new CircuitBreaker({ ...DEFAULT_BREAKER, p95Ms: 2000 }, (r) => trips.push(r));
    for (let s = 0; s < 12; s++) breaker.addWindow(steps(s, [100, 200, 300]));
    expect(trips).toEqual([]);
    for (let s = 12; s < 24; s++) breaker.addWindow(steps(s, [5000, 5000, 5000, 5000]));
    expect(trips).toHaveLength(1);
    expect(trips[0]).toMatch(/^circuit breaker: p95 step latency 50\d\d ms/);
  });
});

describe('breakerFromOptions', () => {
  it('is off with --no-breaker, the defaults otherwise, and rejects bad limits naming the flag', () => {
    expect(breakerFromOptions({ breaker: false })).toBe(false);
    expect(breakerFromOptions({ breaker: true })).toEqual(DEFAULT_BREAKER);
    expect(breakerFromOptions({ 'breaker-error-rate': 0.2, 'breaker-p95-ms': 5000 })).toMatchObject({ errorRate: 0.2, p95Ms: 5000 });
    expect(() => breakerFromOptions({ 'breaker-error-rate': 50 })).toThrow(new UsageError('--breaker-error-rate: expected a share in (0, 1], e.g. 0.5, got 50'));
    expect(() => breakerFromOptions({ 'breaker-p95-ms': -1 })).toThrow(/^--breaker-p95-ms: expected milliseconds above 0, got -1$/);
  });
});
