/** Counter deltas, rates and statement tops from hand-made snapshots with known answers. */
import { describe, expect, it } from 'vitest';
import {
  interpretRollbacks,
  longestLockWaits,
  lockWaitsByType,
  normalRollbacksNote,
  phaseWindows,
  summarizePgStats,
} from '../../../src/analyze/pg-stats.js';
import type { PgLockWaits, PgStatementRow, PgStatsSnapshot } from '../../../src/run/records.js';

const T0 = Date.UTC(2026, 10, 23, 8, 0, 0);
const stmt = (queryId: string, calls: number, totalExecTimeMs: number, rows = calls): PgStatementRow => ({
  queryId, query: `q${queryId}`, calls, totalExecTimeMs, meanExecTimeMs: totalExecTimeMs / calls, rows, sharedBlksHit: calls * 10, sharedBlksRead: calls,
});

/** PostgreSQL 15 layout: checkpoints in pg_stat_bgwriter, no pg_stat_checkpointer. */
function pg15(t: number, k: number, extra: Partial<PgStatsSnapshot> = {}): PgStatsSnapshot {
  return {
    v: 1, type: 'pg_stats', t, serverVersionNum: 150018,
    database: { xact_commit: 1000 + 100 * k, xact_rollback: 500 + 300 * k, deadlocks: k >= 2 ? 1 : 0, conflicts: 0, temp_files: 0, temp_bytes: 0, blks_read: 50 * k, blks_hit: 950 * k, tup_fetched: 10 * k },
    bgwriter: { checkpoints_timed: 3, checkpoints_req: k, checkpoint_write_time: 10 * k, checkpoint_sync_time: k, buffers_checkpoint: 20 * k, buffers_clean: 5 * k, buffers_backend: 5 * k, buffers_alloc: 100 },
    checkpointer: null,
    wal: { wal_records: 10 * k, wal_bytes: 8192 * k, wal_fpi: 0 },
    connections: { inUse: 10 + k, database: 8 + k, max: 100, reservedSuperuser: 3 },
    ...extra,
  };
}

describe('summarizePgStats', () => {
  // Snapshots every 10 s: start (k=0), 10 s, 20 s, end at 30 s.
  const snapshots: PgStatsSnapshot[] = [
    pg15(T0, 0, { edge: 'start', statements: [stmt('1', 10, 100), stmt('2', 5, 500)] }),
    pg15(T0 + 10_000, 1, { statements: [stmt('2', 6, 900), stmt('1', 20, 200)] }),
    pg15(T0 + 20_000, 2, { statements: [stmt('2', 8, 1500), stmt('3', 4, 400), stmt('1', 30, 300)] }),
    pg15(T0 + 30_000, 3, { edge: 'end', statements: [stmt('2', 9, 1600), stmt('3', 40, 4000), stmt('1', 40, 400)] }),
  ];

  it('computes run deltas, rates and the rollback note (PostgreSQL 15 names)', () => {
    const { run } = summarizePgStats(snapshots, []);
    expect(run).toMatchObject({
      fromT: T0, toT: T0 + 30_000, seconds: 30,
      commits: 300, rollbacks: 900, deadlocks: 1,
      cacheHitRatio: 0.95, // 2850 / (2850 + 150)
      readIops: 5, // 150 blocks / 30 s
      writeIops: 3, // (60 + 15 + 15) / 30
      walBytes: 24_576, walBytesPerS: 819.2,
      checkpoints: { timed: 0, requested: 3, writeTimeMs: 30, syncTimeMs: 3 },
      connections: { maxInUse: 13, maxDatabase: 11, max: 100 },
      resets: [],
    });
    expect(run!.rollbackNote).toBe(normalRollbacksNote(900));
    expect(run!.rollbackNote).toMatch(/^900 rollbacks: normal Odoo rollbacks/);
    // Statement 3 is new (counts from zero): 40 calls, 4000 ms; 2: 4 calls, 1100 ms; 1: 30 calls, 300 ms.
    expect(run!.topStatements.map((s) => [s.queryId, s.calls, s.totalExecTimeMs, s.meanExecTimeMs])).toEqual([
      ['3', 40, 4000, 100],
      ['2', 4, 1100, 275],
      ['1', 30, 300, 10],
    ]);
    expect(run!.topStatements[0]!.shareOfTime).toBeCloseTo(4000 / 5400, 3);
  });

  it('computes phase deltas from the snapshots around each phase', () => {
    const phases = phaseWindows(T0, [
      { name: 'ramp', startS: 0, endS: 10 },
      { name: 'peak', startS: 12, endS: 20 },
    ]);
    const { phases: out } = summarizePgStats(snapshots, phases);
    expect(out.map((p) => [p.name, p.seconds, p.commits, p.rollbacks, p.deadlocks])).toEqual([
      ['ramp', 10, 100, 300, 0],
      ['peak', 10, 100, 300, 1], // from the 10 s snapshot (last before 12 s) to the 20 s one
    ]);
    expect(out[1]!.topStatements.map((s) => s.queryId)).toEqual(['2', '3', '1']);
  });

  it('handles PostgreSQL 18 names (pg_stat_checkpointer) and counter resets', () => {
    const pg18 = (t: number, k: number, edge?: 'start' | 'end'): PgStatsSnapshot => ({
      ...pg15(t, k),
      ...(edge ? { edge } : {}),
      serverVersionNum: 180000,
      bgwriter: { buffers_clean: 2 * k, maxwritten_clean: 0, buffers_alloc: 10 },
      checkpointer: { num_timed: k, num_requested: 0, num_done: k, write_time: 5 * k, sync_time: k, buffers_written: 8 * k },
    });
    const a = pg18(T0, 1, 'start');
    const b = pg18(T0 + 10_000, 3, 'end');
    b.database = { ...b.database!, xact_commit: 5 }; // restarted server: counter went down
    const { run } = summarizePgStats([a, b], []);
    expect(run!.checkpoints).toEqual({ timed: 2, requested: 0, writeTimeMs: 10, syncTimeMs: 2 });
    expect(run!.writeIops).toBe(2); // (16 + 4) / 10 s
    expect(run!.commits).toBe(5);
    expect(run!.resets).toEqual(['pg_stat_database.xact_commit']);
  });

  it('needs two snapshots', () => {
    expect(summarizePgStats([snapshots[0]!], [])).toEqual({ run: null, phases: [] });
  });
});

describe('lock waits', () => {
  const wait = (pid: number, waitS: number, waitStart: number, lockType = 'transactionid') => ({
    pid, blockingPids: [7], waitS, waitStart, lockType, mode: 'ShareLock', relation: null, queryId: '42', blockingQueryIds: ['43'], applicationName: 'odoo',
  });
  const readings: PgLockWaits[] = [
    { v: 1, type: 'pg_lock_waits', t: T0 + 1000, waits: [wait(1, 0.5, T0 + 500), wait(2, 0.2, T0 + 800)] },
    { v: 1, type: 'pg_lock_waits', t: T0 + 2000, waits: [wait(1, 1.5, T0 + 500)] },
    { v: 1, type: 'pg_lock_waits', t: T0 + 3000, waits: [wait(1, 0.1, T0 + 2900, 'relation')] },
  ];

  it('merges readings of one wait and sorts the longest first', () => {
    const longest = longestLockWaits(readings);
    expect(longest.map((w) => [w.pid, w.waitS, w.firstSeenT - T0, w.lastSeenT - T0])).toEqual([
      [1, 1.5, 1000, 2000],
      [2, 0.2, 1000, 1000],
      [1, 0.1, 3000, 3000],
    ]);
    expect(lockWaitsByType(longest)).toEqual({ transactionid: { count: 2, maxWaitS: 1.5, totalWaitS: 1.7 }, relation: { count: 1, maxWaitS: 0.1, totalWaitS: 0.1 } });
  });
});

describe('interpretRollbacks', () => {
  it('takes serialization failures from the Odoo log, never from rollbacks', () => {
    expect(interpretRollbacks({ rollbacks: 1234, deadlocks: 0, odoo: { serializationErrors: 3, retries: 3, gaveUp: 0 } })).toEqual({
      rollbacks: 1234, note: normalRollbacksNote(1234), serializationFailures: 3, retries: 3, gaveUp: 0, pgLogSerializationFailures: null, deadlocks: 0,
    });
    expect(interpretRollbacks({ rollbacks: 10, deadlocks: 0, odoo: null }).serializationFailures).toBe(0);
  });
});
