/** Which records `cleanup` selects: a run exactly, prepare's data by its own prefix, never a prefix of run ids. */
import { describe, expect, it } from 'vitest';
import { cleanupMessages, tagPattern } from '../../../src/cleanup/cleanup.js';

describe('tagPattern', () => {
  it('matches one run exactly (no wildcard), with or without the oc- prefix', () => {
    expect(tagPattern({ run: '20261123-103512-morning-order-wave-ab12' })).toBe('oc-20261123-103512-morning-order-wave-ab12');
    expect(tagPattern({ run: 'oc-20261123-103512-morning-order-wave-ab12' })).toBe('oc-20261123-103512-morning-order-wave-ab12');
  });

  it("matches prepare's records by oc-data- and everything tagged with --all-tagged", () => {
    expect(tagPattern({ run: 'data' })).toBe('oc-data-%');
    expect(tagPattern({ allTagged: true })).toBe('oc-%');
  });

  it.each(['2', 'd', '2026', 'oc-', '20261123-103512-morning', '%', 'x_y'])('refuses "%s", which is not a run id', (run) => {
    expect(() => tagPattern({ run })).toThrow(cleanupMessages.notARunId(run));
  });
});
