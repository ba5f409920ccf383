import { describe, expect, it } from 'vitest';
import { runState, STALE_AFTER_MS } from '../../../src/safety/run-liveness.js';

describe('runState', () => {
  it('calls a running run killed once it stopped writing for a minute', () => {
    expect(runState('running', 1000, 1000 + STALE_AFTER_MS)).toBe('running');
    expect(runState('running', 1000, 1001 + STALE_AFTER_MS)).toBe('killed');
    expect(runState('completed', 0, 10 * STALE_AFTER_MS)).toBe('completed');
    expect(runState('running', null, 10 * STALE_AFTER_MS)).toBe('running');
  });
});
