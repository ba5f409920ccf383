/**
 * RunSummary: what analysis makes of a run directory (pure over the series).
 * Latencies in milliseconds; percentiles are HdrHistogram's `getValueAtPercentile`
 * (the smallest recorded value such that the given share of values is ≤ it), 3 significant digits.
 */
import type { RunStatus, WaitClass } from '../run/records.js';

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
  pass: boolean;
}
