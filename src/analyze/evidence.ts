/**
 * The run's evidence beyond the load generator's own windows (added with issue 9), as the optional
 * RunSummary fields: run metadata, thresholds, PostgreSQL counters and lock waits, Odoo's request log
 * with worker utilisation, the rollback interpretation and the load generator's health. Pure.
 *
 * Each field is absent when its evidence was not collected, so the report can say so instead of
 * showing zeros.
 */
import type { Slo } from '../plan/plan.js';
import { summarizeEngineHealth } from '../run/engine-health.js';
import { compare, thresholdsFromSlos, type Threshold } from '../run/thresholds.js';
import type {
  EngineHealthRecord,
  OdooLogRecord,
  PgLockWaits,
  PgLogError,
  PgStatsRecord,
  PgStatsSnapshot,
  RunManifest,
} from '../run/records.js';
import { summarizeOdooLog } from './odoo-log.js';
import { interpretRollbacks, lockWaitsByType, longestLockWaits, phaseWindows, summarizePgStats } from './pg-stats.js';
import type { DatabaseSummary, LatencyStats, OdooEvidence, PhaseSummary, RunMetadata, ThresholdVerdict, WorkerBusy } from './types.js';

/** How many statements, lock waits and request groups the summary keeps (the report shows fewer). */
export const TOP_STATEMENTS = 15;
export const TOP_LOCK_WAITS = 10;
export const TOP_REQUEST_GROUPS = 15;

/** Run metadata from the manifest (no credentials: the manifest holds none). */
export function runMetadata(manifest: RunManifest): RunMetadata {
  const meta: RunMetadata = {
    tool: { name: manifest.tool.name, version: manifest.tool.version },
    engine: manifest.engine,
    windowMs: manifest.windowMs,
    seed: manifest.plan.seed,
    plannedDurationS: manifest.plan.durationS,
    host: manifest.host,
    collectors: manifest.collectors.map((c) => ({ ...c })),
  };
  if (manifest.pg !== undefined) meta.pgUrl = manifest.pg.url;
  if (manifest.target.transport !== undefined) meta.transport = manifest.target.transport;
  if (manifest.segment !== undefined) meta.segment = manifest.segment;
  if (manifest.mergedFrom !== undefined) meta.mergedFrom = manifest.mergedFrom.map((m) => m.id);
  return meta;
}

/**
 * The plan's SLOs as k6-style thresholds (`journey:p(95)<=2000`, `journey:rate<=0.01`), judged on
 * the whole run's stats — the same figures the engine's ThresholdTracker computes from the merged
 * windows at the end of the run. Metrics the stats do not carry (other percentiles, min) get null.
 */
export function thresholdVerdicts(slos: Record<string, Slo>, overall: PhaseSummary): ThresholdVerdict[] {
  return thresholdsFromSlos(slos).map((t) => {
    const stats = overall.stats.find((s) => s.journey === t.journey && s.step === t.step);
    const value = stats === undefined || (stats.count === 0 && t.metric.name !== 'count') ? null : metricValue(t, stats);
    return { source: t.source, value, pass: value === null || compare(value, t.op, t.value) };
  });
}

function metricValue(t: Threshold, s: LatencyStats): number | null {
  switch (t.metric.name) {
    case 'count':
      return s.count;
    case 'rate':
      return s.errorRate;
    case 'avg':
      return s.meanMs;
    case 'max':
      return s.maxMs;
    case 'med':
      return s.p50Ms;
    case 'p': {
      const byPercentile: Record<number, number> = { 50: s.p50Ms, 95: s.p95Ms, 99: s.p99Ms };
      return byPercentile[t.metric.percentile] ?? null;
    }
    default:
      return null;
  }
}

/** PostgreSQL counters per run and phase, the longest lock waits and the collector's notes; undefined without any pg_stats record. */
export function databaseSummary(
  records: readonly PgStatsRecord[],
  pgLog: readonly PgLogError[] | undefined,
  runStartMs: number,
  phases: ReadonlyArray<{ name: string; startS: number; endS: number }>,
): DatabaseSummary | undefined {
  if (records.length === 0) return undefined;
  const snapshots = records.filter((r): r is PgStatsSnapshot => r.type === 'pg_stats');
  const lockReadings = records.filter((r): r is PgLockWaits => r.type === 'pg_lock_waits');
  const stats = summarizePgStats(snapshots, phaseWindows(runStartMs, phases), TOP_STATEMENTS);
  const lockWaits = longestLockWaits(lockReadings, TOP_LOCK_WAITS);
  // By type over every wait seen, not only the longest kept.
  const byType = lockWaitsByType(longestLockWaits(lockReadings, Number.MAX_SAFE_INTEGER));
  const notes = [...new Set(records.flatMap((r) => (r.type === 'pg_stats_note' ? [r.message] : [])))];
  let pgLogErrors: Record<string, number> | null = null;
  if (pgLog !== undefined && pgLog.length > 0) {
    pgLogErrors = {};
    for (const e of pgLog) pgLogErrors[e.concurrencyClass] = (pgLogErrors[e.concurrencyClass] ?? 0) + 1;
  }
  return { run: stats.run, phases: stats.phases, lockWaits, lockWaitsByType: byType, notes, pgLogErrors };
}

/**
 * Odoo's request log over the run [start, end]: the summary (top request groups only) and the
 * utilisation of each worker pid that served requests (busy = Σ SQL + other seconds).
 * Undefined when no record falls in the run.
 */
export function odooEvidence(records: readonly OdooLogRecord[], runStartMs: number, runEndS: number): OdooEvidence | undefined {
  const endMs = runStartMs + runEndS * 1000;
  // A request finishing just after the load stopped still belongs to the run: allow one second.
  const inRun = records.filter((r) => r.t >= runStartMs && r.t <= endMs + 1000);
  if (inRun.length === 0) return undefined;
  const summary = summarizeOdooLog(inRun);
  summary.requests.byPath = summary.requests.byPath.slice(0, TOP_REQUEST_GROUPS);
  summary.requests.byModelMethod = summary.requests.byModelMethod.slice(0, TOP_REQUEST_GROUPS);
  const ts = inRun.map((r) => r.t);
  const spanS = (Math.max(...ts) - Math.min(...ts)) / 1000;
  return { spanS, summary, workers: workerUtilisation(inRun, runEndS) };
}

/** Busy seconds per worker pid over `wallS` seconds, busiest first. */
export function workerUtilisation(records: readonly OdooLogRecord[], wallS: number): WorkerBusy[] {
  const byPid = new Map<number, { requests: number; busyS: number }>();
  for (const r of records) {
    if (r.type !== 'odoo_request') continue;
    const w = byPid.get(r.pid) ?? { requests: 0, busyS: 0 };
    w.requests += 1;
    w.busyS += (r.sqlS ?? 0) + (r.otherS ?? 0);
    byPid.set(r.pid, w);
  }
  return [...byPid.entries()]
    .map(([pid, w]) => ({
      pid,
      requests: w.requests,
      busyS: Math.round(w.busyS * 1e6) / 1e6,
      utilization: wallS > 0 ? Math.min(1, Math.round((w.busyS / wallS) * 1e4) / 1e4) : 0,
    }))
    .sort((a, b) => b.busyS - a.busyS || a.pid - b.pid);
}

/** Rollbacks against real concurrency failures, when the database or the Odoo log was observed. */
export function concurrencyEvidence(database: DatabaseSummary | undefined, odoo: OdooEvidence | undefined): ReturnType<typeof interpretRollbacks> | undefined {
  if (database === undefined && odoo === undefined) return undefined;
  const log = odoo?.summary;
  return interpretRollbacks({
    rollbacks: database?.run?.rollbacks ?? 0,
    deadlocks: database?.run?.deadlocks ?? 0,
    odoo: log === undefined ? null : { serializationErrors: log.errors.byClass.serialization_failure ?? 0, retries: log.retries.total, gaveUp: log.retries.gaveUp },
    pgLogSerializationFailures: database?.pgLogErrors === null || database === undefined ? null : (database.pgLogErrors.serialization_failure ?? 0),
  });
}

/** The load generator's health, undefined without engine records. */
export function engineHealth(records: readonly EngineHealthRecord[] | undefined): ReturnType<typeof summarizeEngineHealth> | undefined {
  return records === undefined || records.length === 0 ? undefined : summarizeEngineHealth(records);
}
