/**
 * PostgreSQL IOPS and WAL rate from the counters a run collected (pg_stats.ndjson, summarised by
 * src/analyze/pg-stats.ts), scaled to the sized load.
 *
 * Definitions (as in pg-stats.ts, PostgreSQL "Monitoring Database Activity"):
 *   read IOPS  = Δblks_read / s — 8 kB blocks PostgreSQL asked the kernel for; some are served by the
 *                OS page cache, so this is an upper bound of the disk's reads;
 *   write IOPS = blocks written by the checkpointer, background writer and backends / s;
 *   WAL rate   = Δpg_stat_wal.wal_bytes / s.
 * Both are phase averages. The recommendation:
 *   IOPS      = ⌈(read + write IOPS at the busiest phase) × scale × 2⌉ — the factor 2 covers what a phase
 *               average hides: checkpoint write bursts, autovacuum, backups and index builds;
 *   WAL MB/s  = WAL bytes/s at the busiest phase × scale / 2^20, and, with a forecast,
 *   WAL GB/day = WAL MB/s × 3600 / peakHourShare / 1024 (the peak hour holds peakHourShare of the day's volume).
 * scale = the sized database demand / the run's database demand in that phase (CPU-seconds per second
 * of PostgreSQL), 1 when sizing for the tested peak itself.
 */
import type { Reasoned } from './reasoned.js';

/** One phase's measured I/O and the database demand the run put on PostgreSQL in it. */
export interface MeasuredIo {
  phase: string;
  readIops: number;
  writeIops: number;
  /** WAL bytes per second, null when pg_stat_wal was not readable. */
  walBytesPerS: number | null;
  /** The run's database CPU-seconds per second in that phase (Σ throughput × measured dbS), 0 when unknown. */
  dbSecondsPerS: number;
}

/** The busiest phases of a run: by read + write IOPS, and by WAL rate (src/analyze/postgres-io.ts). */
export interface RunIoEvidence {
  /** Absent when no phase had read and write IOPS. */
  iops?: MeasuredIo;
  /** Absent when no phase had a WAL rate (pg_stat_wal unreadable, or PostgreSQL < 14). */
  wal?: MeasuredIo;
}

export interface IoScaling {
  /** The sized database CPU-seconds per second (the forecast peak); absent = the tested peak itself. */
  dbSecondsPerS?: number;
  /** The forecast's share of a day's volume in the peak hour, 0–1; absent = no per-day figure. */
  peakHourShare?: number;
}

/** Margin over a phase's mean IOPS for the bursts it hides (checkpoints, autovacuum, backups). */
export const IOPS_BURST_FACTOR = 2;

const MB = 2 ** 20;

/** The factor from the measured load to the sized load, with its explanation. */
function scaleOf(io: MeasuredIo, scaling: IoScaling): { scale: number; text: string } {
  const target = scaling.dbSecondsPerS;
  if (target === undefined) return { scale: 1, text: 'at the tested peak' };
  if (!(io.dbSecondsPerS > 0)) return { scale: 1, text: 'unscaled (the run measured no database demand to scale from)' };
  const scale = target / io.dbSecondsPerS;
  return { scale, text: `scaled × ${scale.toFixed(2)} to the forecast peak (database demand ${target.toFixed(3)} s/s against ${io.dbSecondsPerS.toFixed(3)} s/s measured)` };
}

/**
 * Recommended sustained IOPS of PostgreSQL's storage (see the file comment).
 * @example postgresIops({ phase: 'peak', readIops: 120, writeIops: 30, walBytesPerS: null, dbSecondsPerS: 0.5 }) // value 300
 */
export function postgresIops(io: MeasuredIo, scaling: IoScaling = {}): Reasoned<number> {
  const { scale, text } = scaleOf(io, scaling);
  const measured = io.readIops + io.writeIops;
  return {
    value: Math.ceil(measured * scale * IOPS_BURST_FACTOR - 1e-9),
    unit: 'IOPS',
    reason:
      `Phase ${io.phase} averaged ${io.readIops.toFixed(1)} read + ${io.writeIops.toFixed(1)} write 8 kB IOPS (reads include OS-cache hits: an upper bound), ` +
      `${text}, × ${IOPS_BURST_FACTOR} for the checkpoint bursts, autovacuum and backups a phase average hides.`,
    formula: `IOPS = ⌈(read + write IOPS at the busiest phase) × scale × ${IOPS_BURST_FACTOR}⌉ (pg_stat_database blks_read, checkpointer/bgwriter buffers written)`,
    inputs: { phase: io.phase, readIops: io.readIops, writeIops: io.writeIops, scale, burstFactor: IOPS_BURST_FACTOR },
  };
}

/**
 * WAL rate at the peak, MB/s (2^20 bytes), with GB per day when a forecast gives the peak-hour share.
 * Undefined when the run could not read pg_stat_wal.
 * @example postgresWalRate({ phase: 'peak', readIops: 0, writeIops: 0, walBytesPerS: 2 ** 20, dbSecondsPerS: 1 }, { dbSecondsPerS: 2, peakHourShare: 0.2 }) // value 2 (MB/s), inputs.gbPerDay 35.16
 */
export function postgresWalRate(io: MeasuredIo, scaling: IoScaling = {}): Reasoned<number> | undefined {
  if (io.walBytesPerS === null) return undefined;
  const { scale, text } = scaleOf(io, scaling);
  const mbPerS = (io.walBytesPerS * scale) / MB;
  const share = scaling.peakHourShare;
  const gbPerDay = share !== undefined && share > 0 ? (mbPerS * 3600) / share / 1024 : undefined;
  const inputs: Reasoned<number>['inputs'] = { phase: io.phase, measuredMbPerS: io.walBytesPerS / MB, scale };
  if (gbPerDay !== undefined && share !== undefined) Object.assign(inputs, { peakHourShare: share, gbPerDay });
  const perDay =
    gbPerDay === undefined ? '' : ` About ${gbPerDay.toFixed(1)} GB of WAL a day at the forecast's volumes (the peak hour holds ${(share ?? 0) * 100} % of a day): size WAL archiving and replication for it.`;
  return {
    value: mbPerS,
    unit: 'MB/s',
    reason: `Phase ${io.phase} wrote ${(io.walBytesPerS / MB).toFixed(2)} MB of WAL per second, ${text}.${perDay}`,
    formula: 'WAL MB/s = Δpg_stat_wal.wal_bytes / s at the busiest phase × scale; GB/day = MB/s × 3600 / peakHourShare / 1024',
    inputs,
  };
}
