/**
 * RunSummary: what analysis makes of a run directory (pure over the series).
 * Latencies in milliseconds; percentiles are HdrHistogram's `getValueAtPercentile`
 * (the smallest recorded value such that the given share of values is ≤ it), 3 significant digits.
 */
import type { RunManifest, RunStatus, WaitClass } from '../run/records.js';
import type { EngineHealthSummary } from '../run/engine-health.js';
import type { LockWaitSummary, PgStatsPeriod, RollbackInterpretation } from './pg-stats.js';
import type { OdooLogSummary } from './odoo-log.js';

export interface RunSummary {
  v: 1;
  runId: string;
  profile: string;
  status: RunStatus;
  statusReason?: string;
  target: { url: string; db: string; serverVersion?: string };
  startedAt: string;
  endedAt?: string;
  /** Seconds of load actually run. */
  durationS: number;
  scale: number;
  compress: { factor: number; keep: 'peak-rates' | 'totals' };
  /** Per phase, per journey (step null) and per step. */
  phases: PhaseSummary[];
  /** The whole run as one phase named `all`. */
  overall: PhaseSummary;
  /** One point per window and journey (step null = whole iteration). */
  timeline: TimelinePoint[];
  /** Wait-event breakdown from pg_activity samples; absent when no database evidence was collected. */
  waits?: WaitSummary;
  slos: SloVerdict[];
  /** Warnings about the evidence itself (no pg samples, partial run, …). */
  notes: string[];

  // ── Added with issue 9 (additive, all optional: absent when the evidence was not collected) ──

  /** How the run was made: tool, engine, load-generator host, collectors (for the report's metadata). */
  meta?: RunMetadata;
  /** Whole-iteration latency distribution per journey over the run, from the merged HDR histograms. */
  distribution?: LatencyDistribution[];
  /** The k6-style thresholds the run was gated on (the plan's SLOs, `thresholdsFromSlos`), judged on the whole run. */
  thresholds?: ThresholdVerdict[];
  /** PostgreSQL counters, top statements and lock waits (pg_stats.ndjson); absent without database evidence. */
  database?: DatabaseSummary;
  /** Odoo's own request log (odoo_log.ndjson); absent when no Odoo log was read. */
  odoo?: OdooEvidence;
  /** Rollbacks next to the concurrency failures that really happened; absent without database or Odoo-log evidence. */
  concurrency?: RollbackInterpretation;
  /** The load generator's own health (engine.ndjson); absent when self-monitoring did not run. */
  engineHealth?: EngineHealthSummary;
  /** Where the run stopped keeping up with the offered load (src/analyze/saturation.ts); absent when it never did. */
  saturation?: SaturationPoint;
}

/** The first window where iterations were dropped or latency bent upwards while throughput fell behind (saturation.ts). */
export interface SaturationPoint {
  /** Window start, seconds since the run start. */
  atS: number;
  /** Phase containing the window's midpoint, null outside every phase. */
  phase: string | null;
  /** Iterations scheduled per second in the window, all journeys. */
  offeredRatePerS: number;
  /** Iterations completed per second in the window, all journeys. */
  achievedRatePerS: number;
  reason: 'dropped-iterations' | 'latency-knee';
  /** Iterations dropped in the window. */
  dropped: number;
  /** The largest window p95 / low-load baseline p95 over the journeys, null without a baseline. */
  p95Ratio: number | null;
  /** The journey with that ratio. */
  journey: string | null;
}

export interface RunMetadata {
  tool: { name: string; version: string };
  engine: 'embedded' | 'k6';
  /** Window length of the metrics, ms. */
  windowMs: number;
  seed: number;
  /** Planned duration, seconds (durationS is what ran). */
  plannedDurationS: number;
  /** Machine that generated the load. */
  host: RunManifest['host'];
  collectors: Array<{ name: string; intervalMs: number; source?: string }>;
  /** The PostgreSQL sampled (password removed). */
  pgUrl?: string;
  transport?: string;
  segment?: { index: number; count: number };
  /** Ids of the runs this one was merged from. */
  mergedFrom?: string[];
}

/** Latency at fixed percentiles (an HdrHistogram percentile distribution) of one journey's whole iterations. */
export interface LatencyDistribution {
  journey: string;
  count: number;
  /** Percentile (0–100) → latency ms, in increasing percentile order; 100 is the maximum. */
  points: Array<{ percentile: number; ms: number }>;
}

export interface ThresholdVerdict {
  /** The expression, e.g. `order-to-delivery:p(95)<=2000`. */
  source: string;
  /** Measured over the whole run (ms, count or 0–1 rate); null without data. */
  value: number | null;
  /** A threshold without data passes (as in k6). */
  pass: boolean;
}

export interface DatabaseSummary {
  /** Counter deltas over the run and per phase (src/analyze/pg-stats.ts), null for the run with fewer than two snapshots. */
  run: PgStatsPeriod | null;
  phases: PgStatsPeriod[];
  /** The longest heavyweight-lock waits, longest first, and their counts by lock type. */
  lockWaits: LockWaitSummary[];
  lockWaitsByType: Record<string, { count: number; maxWaitS: number; totalWaitS: number }>;
  /** What the stats collector could not see (missing extension or privilege). */
  notes: string[];
  /** Concurrency errors read from the PostgreSQL server log, null when it was not read. */
  pgLogErrors: Record<string, number> | null;
}

export interface OdooEvidence {
  /** Seconds between the first and the last log record used. */
  spanS: number;
  summary: OdooLogSummary;
  /**
   * Worker utilisation: per worker pid, the busy seconds (Σ SQL + other time of its requests) over
   * the run's wall-clock seconds (the load duration). Requests without figures count as 0 s.
   */
  workers: WorkerBusy[];
}

export interface WorkerBusy {
  pid: number;
  requests: number;
  busyS: number;
  /** busyS / run seconds, 0–1. */
  utilization: number;
}

export interface PhaseSummary {
  name: string;
  startS: number;
  endS: number;
  stats: LatencyStats[];
}

export interface LatencyStats {
  journey: string;
  step: string | null;
  /** Completed iterations/steps, errors included. */
  count: number;
  errors: number;
  errorsByKind: Record<string, number>;
  /** errors / count, 0 when count is 0. */
  errorRate: number;
  /** count / phase seconds. */
  throughputPerS: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  /**
   * 95 % confidence interval of the p95 from order statistics (models/quantile-ci.ts), ms; a bound
   * is null when too few samples exist for it (fewer than 73 for the upper one).
   */
  p95CiMs?: { lowMs: number | null; highMs: number | null };
  /** Whole iterations only. */
  dropped?: number;
  scheduled?: number;
  /**
   * Service time mean and squared coefficient of variation (variance / mean²). Whole iterations: from the
   * service histogram (timed from the actual start). Steps: from the latency histogram, since steps are
   * timed from their actual start already. Absent when nothing was recorded.
   */
  serviceMeanMs?: number;
  serviceScv?: number;
}

export interface TimelinePoint {
  /** Seconds since run start (window start). */
  t: number;
  journey: string;
  step: string | null;
  count: number;
  errors: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  dropped: number;
  scheduled: number;
  /** Mean latency in the window, ms (added with issue 9, for Little's law concurrency). */
  meanMs?: number;
}

export interface WaitSummary {
  samples: number;
  /** Seconds covered by samples. */
  spanS: number;
  /** Average active sessions by class over the run (sum of sessions in class / samples). */
  byClass: Array<{ waitClass: WaitClass; aas: number; share: number }>;
  /** Top wait events (state + type + event), by sample count. */
  byEvent: Array<{ state: string; waitEventType: string | null; waitEvent: string | null; waitClass: WaitClass; samples: number; aas: number }>;
  /** AAS by class over time, one point per (second, class). */
  timeline: Array<{ t: number; waitClass: WaitClass; aas: number }>;
  /** Peak number of client backends seen. */
  maxConnections: number;
}

export interface SloVerdict {
  journey: string;
  /** Phase the verdict is for (`all` for the run). */
  phase: string;
  objective: string; // e.g. "p95 < 2000 ms"
  measured: number;
  threshold: number;
  unit: 'ms' | 'ratio';
  /** The point estimate against the threshold (k6's reading). */
  pass: boolean;
  /**
   * Whether the measurement decides it: for a p95, the whole 95 % confidence interval lies on one side
   * of the threshold (too few samples, or an interval straddling it, is inconclusive). Absent in
   * summaries written before issue 16: read as conclusive.
   */
  conclusive?: boolean;
  /** The p95's 95 % confidence interval, ms (bounds null when too few samples). */
  ci?: { low: number | null; high: number | null };
}
