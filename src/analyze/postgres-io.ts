/**
 * The run's PostgreSQL I/O at its busiest phases, for models/postgres-io.ts. Pure over RunSummary.
 *
 * Busiest = the phase with the highest read + write IOPS (for IOPS) and the highest WAL bytes/s
 * (for WAL), among the phases of summary.database (pg_stats.ndjson counter deltas). Each comes with
 * the database demand the run put on PostgreSQL in that phase: Σ whole-iteration throughput × the
 * journey's database seconds per iteration (measured-demands.ts), so a forecast can scale it.
 */
import type { CalibratedJourney } from '../../models/calibration-defaults.js';
import type { MeasuredIo, RunIoEvidence } from '../../models/postgres-io.js';
import type { PgStatsPeriod } from './pg-stats.js';
import type { RunSummary } from './types.js';

export type RunIo = RunIoEvidence;

/** The busiest phases' I/O (see the file comment); empty without database evidence. */
export function runIo(summary: RunSummary, demands: Readonly<Record<string, CalibratedJourney>>): RunIo {
  const periods = summary.database?.phases ?? [];
  const byIops = maxBy(periods.filter((p) => p.readIops !== null && p.writeIops !== null), (p) => (p.readIops ?? 0) + (p.writeIops ?? 0));
  const byWal = maxBy(periods.filter((p) => p.walBytesPerS !== null), (p) => p.walBytesPerS ?? 0);
  const io = (p: PgStatsPeriod): MeasuredIo => ({
    phase: p.name,
    readIops: p.readIops ?? 0,
    writeIops: p.writeIops ?? 0,
    walBytesPerS: p.walBytesPerS,
    dbSecondsPerS: dbSecondsPerS(summary, p.name, demands),
  });
  const result: RunIo = {};
  if (byIops !== undefined) result.iops = io(byIops);
  if (byWal !== undefined) result.wal = io(byWal);
  return result;
}

function dbSecondsPerS(summary: RunSummary, phase: string, demands: Readonly<Record<string, CalibratedJourney>>): number {
  const stats = summary.phases.find((p) => p.name === phase)?.stats ?? [];
  return stats.filter((s) => s.step === null).reduce((sum, s) => sum + s.throughputPerS * (demands[s.journey]?.dbS ?? 0), 0);
}

function maxBy<T>(items: readonly T[], key: (item: T) => number): T | undefined {
  let best: T | undefined;
  for (const item of items) if (best === undefined || key(item) > key(best)) best = item;
  return best;
}
