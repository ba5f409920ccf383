import { describe, expect, it } from 'vitest';
import { isRunWrite, runState, STALE_AFTER_MS } from '../../../src/safety/run-liveness.js';

describe('runState', () => {
  it('calls a running run killed once it stopped writing for a minute', () => {
    expect(runState('running', 1000, 1000 + STALE_AFTER_MS)).toBe('running');
    expect(runState('running', 1000, 1001 + STALE_AFTER_MS)).toBe('killed');
    expect(runState('completed', 0, 10 * STALE_AFTER_MS)).toBe('completed');
    expect(runState('running', null, 10 * STALE_AFTER_MS)).toBe('running');
  });
});

describe('runState on the host that wrote the run', () => {
  const here = (alive: boolean) => ({ hostname: 'loadgen-1', isAlive: () => alive });

  it('says killed at once when the writing process is gone, whatever the last write', () => {
    expect(runState('running', 1000, 1001, { hostname: 'loadgen-1', pid: 4242 }, here(false))).toBe('killed');
    expect(runState('running', 1000, 1000 + 10 * STALE_AFTER_MS, { hostname: 'loadgen-1', pid: 4242 }, here(true))).toBe('running');
  });

  it('falls back to silence on another host or without a recorded pid', () => {
    expect(runState('running', 1000, 1001, { hostname: 'loadgen-2', pid: 4242 }, here(false))).toBe('running');
    expect(runState('running', 1000, 1001 + STALE_AFTER_MS, { hostname: 'loadgen-1' }, here(true))).toBe('killed');
  });

  it('counts only the run files as writes, not reports', () => {
    expect(['manifest.json', 'metrics.ndjson', 'pg_activity.ndjson'].every(isRunWrite)).toBe(true);
    expect(['report.html', 'summary.json', 'junit.xml', 'manifest.json.123.tmp'].some(isRunWrite)).toBe(false);
  });
});
