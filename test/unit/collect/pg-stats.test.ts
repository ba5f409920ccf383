/** Pure helpers of the stats collector: counters from to_jsonb() rows, statement rows. */
import { describe, expect, it } from 'vitest';
import { countersOf, toStatementRows } from '../../../src/collect/pg-stats.js';

describe('countersOf', () => {
  it('keeps numeric columns only (names, timestamps and datid dropped)', () => {
    expect(countersOf({ datid: 16384, datname: 'distri', xact_commit: 12, blk_read_time: 0.5, stats_reset: '2026-11-23T08:00:00+00', conflicts: null })).toEqual({
      xact_commit: 12,
      blk_read_time: 0.5,
    });
    expect(countersOf(null)).toBeNull();
  });
});

describe('toStatementRows', () => {
  it('derives the mean and rounds times to µs', () => {
    expect(
      toStatementRows([{ query_id: '-42', query: 'SELECT $1', calls: 3, total_exec_time: 1.00049, rows: 3, shared_blks_hit: 9, shared_blks_read: 1 }]),
    ).toEqual([{ queryId: '-42', query: 'SELECT $1', calls: 3, totalExecTimeMs: 1, meanExecTimeMs: 0.333, rows: 3, sharedBlksHit: 9, sharedBlksRead: 1 }]);
    expect(toStatementRows([{ query_id: '1', query: null, calls: 0, total_exec_time: 0, rows: 0, shared_blks_hit: 0, shared_blks_read: 0 }])[0]).toMatchObject({
      query: '',
      meanExecTimeMs: 0,
    });
  });
});
