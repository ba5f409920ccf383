/**
 * PostgreSQL counter snapshots (pg_stats.ndjson) → what happened in the database during the run
 * and during each phase. Pure: the caller reads the records.
 *
 * Deltas: a period [from, to] uses the last snapshot at or before `from` (else the first after it)
 * and the first snapshot at or after `to` (else the last before it), so with 5 s snapshots a
 * phase's figures may include up to one snapshot interval of its neighbours; `fromT`/`toT` say
 * which snapshots were used. A counter that went down (server restart, pg_stat_reset) counts its
 * later value as the delta and is listed in `resets`.
 *
 * Definitions (PostgreSQL "Monitoring Database Activity", monitoring-stats.html):
 * - cache hit ratio = Δblks_hit / (Δblks_hit + Δblks_read) — shared buffers only; a blks_read may
 *   still be served by the OS page cache;
 * - read IOPS = Δblks_read / s (8 kB blocks requested from the kernel);
 * - write IOPS = blocks written by the checkpointer, the background writer and backends / s
 *   (PostgreSQL < 17: pg_stat_bgwriter buffers_checkpoint + buffers_clean + buffers_backend;
 *   ≥ 17: pg_stat_checkpointer buffers_written + pg_stat_bgwriter buffers_clean; backend writes
 *   moved to pg_stat_io and are not counted there);
 * - WAL rate = Δpg_stat_wal.wal_bytes / s.
 *
 * Rollbacks: Odoo closes every read-only cursor (each web read, each XML-RPC read call) with a
 * ROLLBACK, so xact_rollback grows with normal traffic. They are reported as normal Odoo rollbacks;
 * serialization failures are counted from the Odoo log (and the PostgreSQL log), never inferred
 * from rollbacks.
 */
import type { PgCounters, PgLockWaitEntry, PgLockWaits, PgStatementRow, PgStatsSnapshot } from '../run/records.js';

/** A named span of the run, epoch ms. */
export interface PeriodWindow {
  name: string;
  startMs: number;
  endMs: number;
}

/** Plan phases as epoch-ms windows (phases are plan seconds from the run start, as in summarize.ts). */
export function phaseWindows(runStartMs: number, phases: ReadonlyArray<{ name: string; startS: number; endS: number }>): PeriodWindow[] {
  return phases.map((p) => ({ name: p.name, startMs: runStartMs + p.startS * 1000, endMs: runStartMs + p.endS * 1000 }));
}

/** A statement's counters over a period (the difference of two PgStatementRow snapshots). */
export interface StatementDelta extends PgStatementRow {
  /** totalExecTimeMs / calls over the period, ms. */
  meanExecTimeMs: number;
  /** Share of the period's total execution time over all listed statements, 0–1. */
  shareOfTime: number;
}

export interface PgStatsPeriod {
  name: string;
  /** Times of the two snapshots used, epoch ms, and the seconds between them. */
  fromT: number;
  toT: number;
  seconds: number;
  /** Δ of every numeric pg_stat_database column (xact_commit, xact_rollback, deadlocks, conflicts, temp_files, temp_bytes, blks_*, tup_*, …). */
  database: PgCounters;
  commits: number;
  /** Rollbacks, all of them: see `rollbackNote`. */
  rollbacks: number;
  rollbackNote: string;
  deadlocks: number;
  conflicts: number;
  tempFiles: number;
  tempBytes: number;
  /** 0–1, null without block reads or hits. */
  cacheHitRatio: number | null;
  readIops: number | null;
  writeIops: number | null;
  walBytes: number | null;
  walBytesPerS: number | null;
  checkpoints: { timed: number; requested: number; writeTimeMs: number; syncTimeMs: number } | null;
  /** Highest number of client backends seen in the period, of the whole cluster, against max_connections. */
  connections: { maxInUse: number; maxDatabase: number; max: number } | null;
  /** Top statements by Δtotal_exec_time (empty when pg_stat_statements was not readable). */
  topStatements: StatementDelta[];
  /** Counters that went down between the snapshots (restart or reset). */
  resets: string[];
}

export interface PgStatsSummary {
  run: PgStatsPeriod | null;
  phases: PgStatsPeriod[];
}

/** The sentence shown next to rollbacks, wherever they appear. */
export function normalRollbacksNote(rollbacks: number): string {
  return `${rollbacks} rollbacks: normal Odoo rollbacks (Odoo ends every read-only cursor with ROLLBACK); they are not errors — serialization failures are counted from the Odoo log`;
}

/** Δ of counters present in both rows; decreases are resets (the later value is the delta). */
export function counterDeltas(before: PgCounters | null, after: PgCounters | null, prefix: string, resets: string[]): PgCounters {
  const out: PgCounters = {};
  if (before === null || after === null) return out;
  for (const [key, value] of Object.entries(after)) {
    const previous = before[key];
    if (previous === undefined) continue;
    if (value < previous) {
      resets.push(`${prefix}.${key}`);
      out[key] = value;
    } else out[key] = value - previous;
  }
  return out;
}

/** Statement deltas by queryid; a statement absent from the earlier snapshot counts from zero. */
export function statementDeltas(before: readonly PgStatementRow[] | undefined, after: readonly PgStatementRow[] | undefined, topN: number): StatementDelta[] {
  if (after === undefined) return [];
  const earlier = new Map((before ?? []).map((s) => [s.queryId, s]));
  const deltas: StatementDelta[] = [];
  for (const s of after) {
    const b = earlier.get(s.queryId);
    // calls went down: pg_stat_statements_reset() or eviction; count from zero.
    const base = b !== undefined && b.calls <= s.calls ? b : undefined;
    const calls = s.calls - (base?.calls ?? 0);
    if (calls <= 0) continue;
    const totalExecTimeMs = s.totalExecTimeMs - (base?.totalExecTimeMs ?? 0);
    deltas.push({
      queryId: s.queryId,
      query: s.query,
      calls,
      totalExecTimeMs: round3(totalExecTimeMs),
      meanExecTimeMs: round3(totalExecTimeMs / calls),
      rows: s.rows - (base?.rows ?? 0),
      sharedBlksHit: s.sharedBlksHit - (base?.sharedBlksHit ?? 0),
      sharedBlksRead: s.sharedBlksRead - (base?.sharedBlksRead ?? 0),
      shareOfTime: 0,
    });
  }
  deltas.sort((a, b) => b.totalExecTimeMs - a.totalExecTimeMs);
  const total = deltas.reduce((sum, d) => sum + d.totalExecTimeMs, 0);
  for (const d of deltas) d.shareOfTime = total > 0 ? round3(d.totalExecTimeMs / total) : 0;
  return deltas.slice(0, topN);
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

const get = (c: PgCounters, key: string): number => c[key] ?? 0;

/** Checkpoint counters under either name set (PostgreSQL < 17 pg_stat_bgwriter, ≥ 17 pg_stat_checkpointer). */
function checkpointsOf(bgwriter: PgCounters, checkpointer: PgCounters, hasCheckpointer: boolean): PgStatsPeriod['checkpoints'] {
  if (hasCheckpointer) {
    return {
      timed: get(checkpointer, 'num_timed'),
      requested: get(checkpointer, 'num_requested'),
      writeTimeMs: get(checkpointer, 'write_time'),
      syncTimeMs: get(checkpointer, 'sync_time'),
    };
  }
  if (!('checkpoints_timed' in bgwriter)) return null;
  return {
    timed: get(bgwriter, 'checkpoints_timed'),
    requested: get(bgwriter, 'checkpoints_req'),
    writeTimeMs: get(bgwriter, 'checkpoint_write_time'),
    syncTimeMs: get(bgwriter, 'checkpoint_sync_time'),
  };
}

function blocksWritten(bgwriter: PgCounters, checkpointer: PgCounters, hasCheckpointer: boolean): number | null {
  if (hasCheckpointer) return get(checkpointer, 'buffers_written') + get(bgwriter, 'buffers_clean');
  if (!('buffers_checkpoint' in bgwriter)) return null;
  return get(bgwriter, 'buffers_checkpoint') + get(bgwriter, 'buffers_clean') + get(bgwriter, 'buffers_backend');
}

/** Deltas between two snapshots, with `during` the snapshots in between (for connection peaks). */
export function periodBetween(name: string, a: PgStatsSnapshot, b: PgStatsSnapshot, during: readonly PgStatsSnapshot[], topN = 20): PgStatsPeriod {
  const resets: string[] = [];
  const seconds = Math.max(0, (b.t - a.t) / 1000);
  const perS = (n: number | null) => (n === null || seconds <= 0 ? null : round3(n / seconds));
  const database = counterDeltas(a.database, b.database, 'pg_stat_database', resets);
  const bgwriter = counterDeltas(a.bgwriter, b.bgwriter, 'pg_stat_bgwriter', resets);
  const hasCheckpointer = a.checkpointer !== null && b.checkpointer !== null;
  const checkpointer = counterDeltas(a.checkpointer, b.checkpointer, 'pg_stat_checkpointer', resets);
  const wal = counterDeltas(a.wal, b.wal, 'pg_stat_wal', resets);
  const hit = database.blks_hit;
  const read = database.blks_read;
  const walBytes = 'wal_bytes' in wal ? get(wal, 'wal_bytes') : null;
  const readings = [a, ...during, b];
  const rollbacks = get(database, 'xact_rollback');
  return {
    name,
    fromT: a.t,
    toT: b.t,
    seconds,
    database,
    commits: get(database, 'xact_commit'),
    rollbacks,
    rollbackNote: normalRollbacksNote(rollbacks),
    deadlocks: get(database, 'deadlocks'),
    conflicts: get(database, 'conflicts'),
    tempFiles: get(database, 'temp_files'),
    tempBytes: get(database, 'temp_bytes'),
    cacheHitRatio: hit !== undefined && read !== undefined && hit + read > 0 ? round3(hit / (hit + read)) : null,
    readIops: perS(read ?? null),
    writeIops: perS(a.bgwriter === null || b.bgwriter === null ? null : blocksWritten(bgwriter, checkpointer, hasCheckpointer)),
    walBytes,
    walBytesPerS: perS(walBytes),
    checkpoints: a.bgwriter === null || b.bgwriter === null ? null : checkpointsOf(bgwriter, checkpointer, hasCheckpointer),
    connections: {
      maxInUse: Math.max(...readings.map((s) => s.connections.inUse)),
      maxDatabase: Math.max(...readings.map((s) => s.connections.database)),
      max: b.connections.max,
    },
    topStatements: statementDeltas(a.statements, b.statements, topN),
    resets: [...new Set(resets)],
  };
}

/** The snapshot to start a period at `t`: the last at or before t, else the first after. */
function snapshotAtOrBefore(sorted: readonly PgStatsSnapshot[], t: number): PgStatsSnapshot | undefined {
  let found: PgStatsSnapshot | undefined;
  for (const s of sorted) if (s.t <= t) found = s;
  return found ?? sorted[0];
}

/** The snapshot to end a period at `t`: the first at or after t, else the last before. */
function snapshotAtOrAfter(sorted: readonly PgStatsSnapshot[], t: number): PgStatsSnapshot | undefined {
  return sorted.find((s) => s.t >= t) ?? sorted[sorted.length - 1];
}

/**
 * Run and per-phase deltas. The run goes from the `start` snapshot (else the first) to the `end`
 * snapshot (else the last). Statement deltas for phases use the periodic top-N snapshots, so a
 * statement that enters the top N only later counts from zero at the phase start (an upper bound).
 */
export function summarizePgStats(snapshots: readonly PgStatsSnapshot[], phases: readonly PeriodWindow[], topN = 20): PgStatsSummary {
  const sorted = [...snapshots].sort((x, y) => x.t - y.t);
  if (sorted.length < 2) return { run: null, phases: [] };
  const first = sorted.find((s) => s.edge === 'start') ?? sorted[0]!;
  const last = [...sorted].reverse().find((s) => s.edge === 'end') ?? sorted[sorted.length - 1]!;
  const between = (a: PgStatsSnapshot, b: PgStatsSnapshot) => sorted.filter((s) => s.t > a.t && s.t < b.t);
  const run = last.t > first.t ? periodBetween('all', first, last, between(first, last), topN) : null;
  const periods: PgStatsPeriod[] = [];
  for (const phase of phases) {
    const a = snapshotAtOrBefore(sorted, phase.startMs);
    const b = snapshotAtOrAfter(sorted, phase.endMs);
    if (a === undefined || b === undefined || b.t <= a.t) continue;
    periods.push(periodBetween(phase.name, a, b, between(a, b), topN));
  }
  return { run, phases: periods };
}

/** One lock wait over its whole life (the same pid and wait start across readings). */
export interface LockWaitSummary extends PgLockWaitEntry {
  /** First and last reading that saw it, epoch ms. */
  firstSeenT: number;
  lastSeenT: number;
}

/**
 * The longest lock waits: readings of the same wait (pid + waitStart) are merged, keeping the
 * longest waitS (the wait lasted at least that long; it may have lasted up to one reading
 * interval more). Longest first.
 */
export function longestLockWaits(readings: readonly PgLockWaits[], limit = 10): LockWaitSummary[] {
  const byWait = new Map<string, LockWaitSummary>();
  for (const reading of readings) {
    for (const wait of reading.waits) {
      const key = `${wait.pid}@${wait.waitStart ?? Math.round(reading.t - wait.waitS * 1000)}`;
      const seen = byWait.get(key);
      if (seen === undefined) byWait.set(key, { ...wait, firstSeenT: reading.t, lastSeenT: reading.t });
      else {
        seen.lastSeenT = Math.max(seen.lastSeenT, reading.t);
        seen.firstSeenT = Math.min(seen.firstSeenT, reading.t);
        if (wait.waitS > seen.waitS) Object.assign(seen, { ...wait, firstSeenT: seen.firstSeenT, lastSeenT: seen.lastSeenT });
      }
    }
  }
  return [...byWait.values()].sort((a, b) => b.waitS - a.waitS).slice(0, limit);
}

/** Counts of lock waits by lock type (transactionid = a row another transaction updated). */
export function lockWaitsByType(waits: readonly LockWaitSummary[]): Record<string, { count: number; maxWaitS: number; totalWaitS: number }> {
  const out: Record<string, { count: number; maxWaitS: number; totalWaitS: number }> = {};
  for (const w of waits) {
    const entry = (out[w.lockType] ??= { count: 0, maxWaitS: 0, totalWaitS: 0 });
    entry.count++;
    entry.maxWaitS = Math.max(entry.maxWaitS, w.waitS);
    entry.totalWaitS = round3(entry.totalWaitS + w.waitS);
  }
  return out;
}

/** Rollbacks next to the concurrency errors that really were failures. */
export interface RollbackInterpretation {
  rollbacks: number;
  /** Always the `normalRollbacksNote` text: rollbacks are not reported as errors. */
  note: string;
  /** SQLSTATE 40001 failures seen in the Odoo log (its `bad query` errors), else its retry lines. */
  serializationFailures: number;
  /** Retried by Odoo (odoo/service/model.py retrying()), and given up after the last try. */
  retries: number;
  gaveUp: number;
  /** From the PostgreSQL log, when it was readable (null when not). */
  pgLogSerializationFailures: number | null;
  deadlocks: number;
}

export function interpretRollbacks(input: {
  rollbacks: number;
  deadlocks: number;
  odoo: { serializationErrors: number; retries: number; gaveUp: number } | null;
  pgLogSerializationFailures?: number | null;
}): RollbackInterpretation {
  const odoo = input.odoo ?? { serializationErrors: 0, retries: 0, gaveUp: 0 };
  return {
    rollbacks: input.rollbacks,
    note: normalRollbacksNote(input.rollbacks),
    serializationFailures: Math.max(odoo.serializationErrors, odoo.retries + odoo.gaveUp),
    retries: odoo.retries,
    gaveUp: odoo.gaveUp,
    pgLogSerializationFailures: input.pgLogSerializationFailures ?? null,
    deadlocks: input.deadlocks,
  };
}
