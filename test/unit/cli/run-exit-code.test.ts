/** One function decides how every run ends for the shell (issue 13 item 5). */
import { describe, expect, it } from 'vitest';
import { runExitCode } from '../../../src/cli/run-exit-code.js';
import type { ThresholdResult } from '../../../src/run/thresholds.js';

const held = { source: 'order-entry:p(95)<5000', pass: true, value: 1200 } as unknown as ThresholdResult;
const crossed = { source: 'order-entry:p(95)<800', pass: false, value: 1200, metric: 'latency', journey: 'order-entry' } as unknown as ThresholdResult;

describe('runExitCode', () => {
  it('is 0 only for a completed run whose thresholds held', () => {
    expect(runExitCode({ status: 'completed', thresholds: [held] })).toEqual({ code: 0 });
    expect(runExitCode({ status: 'completed' })).toEqual({ code: 0 });
  });

  it('is 99 when a threshold was crossed, whether the run completed or aborted on it', () => {
    expect(runExitCode({ status: 'completed', thresholds: [held, crossed] }).code).toBe(99);
    expect(runExitCode({ status: 'aborted', reason: 'threshold crossed with abortOnFail', thresholds: [crossed] }).code).toBe(99);
  });

  it('is 1 for a run the circuit breaker aborted or that failed, with the reason', () => {
    expect(runExitCode({ status: 'aborted', reason: 'more than 50 % of iterations failed over 30 s', thresholds: [held] })).toEqual({
      code: 1,
      message: 'run aborted: more than 50 % of iterations failed over 30 s.',
    });
    expect(runExitCode({ status: 'failed' }).code).toBe(1);
  });

  it('is 130 for an interrupted run, whatever its thresholds', () => {
    expect(runExitCode({ status: 'interrupted', thresholds: [crossed] }).code).toBe(130);
  });
});
