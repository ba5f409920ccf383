import { describe, expect, it } from 'vitest';
import { newRunId, RUN_ID_PATTERN, slugify } from '../../../src/run/run-id.js';

describe('newRunId', () => {
  it('is local date-time, profile slug and the suffix', () => {
    const id = newRunId('Morning Order Wave', new Date(2026, 10, 23, 10, 35, 12), 'ab12');
    expect(id).toBe('20261123-103512-morning-order-wave-ab12');
    expect(id).toMatch(RUN_ID_PATTERN);
  });

  it('gets a random 4-hex suffix by default', () => {
    const a = newRunId('x', new Date(2026, 0, 1));
    expect(a).toMatch(/^20260101-000000-x-[0-9a-f]{4}$/);
  });

  it('slugifies to lowercase ASCII, never empty, at most 40 characters', () => {
    expect(slugify('  EDI — Burst!! ')).toBe('edi-burst');
    expect(slugify('***')).toBe('run');
    expect(slugify('a'.repeat(60)).length).toBe(40);
  });
});
