/**
 * Data rows for the chart specs in reports/charts/, derived from a RunSummary (pure).
 * Long ("tidy") format: one row per mark datum, so the specs only map fields to channels.
 */
import type { RunSummary } from '../analyze/types.js';
import { WAIT_CLASSES, type WaitClass } from '../run/records.js';

/** At most this many time buckets per series, so a one-hour run stays well under the 1.5 MB report budget. */
export const MAX_POINTS_PER_SERIES = 240;

export type Percentile = 'p50' | 'p95' | 'p99';

/** One row of the `latency` dataset: one (window start, journey, percentile). */
export interface LatencyRow {
  /** Seconds since run start (bucket start). */
  t: number;
  journey: string;
  percentile: Percentile;
  ms: number;
}

/** One row of the `phases` dataset: a band from startS to endS, labelled with the phase name. */
export interface PhaseBandRow {
  phase: string;
  startS: number;
  endS: number;
  /** Alternating 0/1, so neighbouring bands get different shades. */
  band: number;
}

/** One row of the `waitTimeline` dataset. */
export interface WaitTimelineRow {
  t: number;
  waitClass: WaitClass;
  /** Position of the class in WAIT_CLASSES: the stacking order. */
  waitClassOrder: number;
  aas: number;
}

/** One row of the `waitByClass` dataset. */
export interface WaitClassRow {
  waitClass: WaitClass;
  aas: number;
  share: number;
}

/** Wait classes in a fixed order, so the stack and the colours are the same in every report. */

/**
 * Width of a downsampling bucket in seconds: the smallest whole multiple of the window spacing
 * that leaves at most `maxPoints` buckets over `spanS`.
 */
export function bucketWidth(spanS: number, stepS: number, maxPoints: number): number {
  const step = stepS > 0 ? stepS : 1;
  const windows = Math.ceil(spanS / step);
  return step * Math.max(1, Math.ceil(windows / maxPoints));
}

/** Smallest positive gap between distinct sorted times, 1 when there is none. */
function minStep(times: number[]): number {
  const sorted = [...new Set(times)].sort((a, b) => a - b);
  let step = Number.POSITIVE_INFINITY;
  for (let i = 1; i < sorted.length; i++) step = Math.min(step, (sorted[i] as number) - (sorted[i - 1] as number));
  return Number.isFinite(step) && step > 0 ? step : 1;
}

/**
 * Whole-iteration latency percentiles over time: one row per (t, journey, percentile), from the
 * timeline points with `step === null` and at least one completion (empty windows have no latency).
 *
 * When a series has more than `maxPoints` windows, windows are merged into buckets of equal width
 * and each percentile is the **maximum** of the window percentiles in the bucket (the worst window:
 * spikes stay visible; exact merging would need the histograms). `bucketS` reports the width used.
 */
export function latencyRows(summary: RunSummary, maxPoints = MAX_POINTS_PER_SERIES): { rows: LatencyRow[]; bucketS: number } {
  const points = summary.timeline.filter((p) => p.step === null && p.count > 0);
  if (points.length === 0) return { rows: [], bucketS: 0 };
  const span = Math.max(summary.durationS, ...points.map((p) => p.t + 1));
  const bucketS = bucketWidth(span, minStep(points.map((p) => p.t)), maxPoints);
  const buckets = new Map<string, { t: number; journey: string; p50: number; p95: number; p99: number }>();
  for (const p of points) {
    const t = Math.floor(p.t / bucketS) * bucketS;
    const key = `${p.journey}\u0000${t}`;
    const b = buckets.get(key);
    if (b === undefined) buckets.set(key, { t, journey: p.journey, p50: p.p50Ms, p95: p.p95Ms, p99: p.p99Ms });
    else {
      b.p50 = Math.max(b.p50, p.p50Ms);
      b.p95 = Math.max(b.p95, p.p95Ms);
      b.p99 = Math.max(b.p99, p.p99Ms);
    }
  }
  const ordered = [...buckets.values()].sort((a, b) => a.t - b.t || a.journey.localeCompare(b.journey));
  const rows: LatencyRow[] = [];
  for (const b of ordered) {
    rows.push({ t: b.t, journey: b.journey, percentile: 'p50', ms: b.p50 });
    rows.push({ t: b.t, journey: b.journey, percentile: 'p95', ms: b.p95 });
    rows.push({ t: b.t, journey: b.journey, percentile: 'p99', ms: b.p99 });
  }
  return { rows, bucketS };
}

/** One band per phase, in run order. */
export function phaseBandRows(summary: RunSummary): PhaseBandRow[] {
  return [...summary.phases]
    .sort((a, b) => a.startS - b.startS)
    .map((p, i) => ({ phase: p.name, startS: p.startS, endS: p.endS, band: i % 2 }));
}

/**
 * Average active sessions by wait class over time, for a stacked area: every (bucket, class)
 * pair present (missing pairs are 0, so the stack does not interpolate across gaps), each value
 * the **mean** AAS of the seconds sampled in the bucket (exact: AAS is itself a mean over samples).
 */
export function waitTimelineRows(summary: RunSummary, maxPoints = MAX_POINTS_PER_SERIES): { rows: WaitTimelineRow[]; bucketS: number } {
  const timeline = summary.waits?.timeline ?? [];
  if (timeline.length === 0) return { rows: [], bucketS: 0 };
  const times = timeline.map((p) => p.t);
  const span = Math.max(...times) - Math.min(...times) + 1;
  const bucketS = bucketWidth(span, minStep(times), maxPoints);
  const secondsPerBucket = new Map<number, Set<number>>();
  const sums = new Map<string, number>();
  const classes = new Set<WaitClass>();
  for (const p of timeline) {
    const t = Math.floor(p.t / bucketS) * bucketS;
    let seen = secondsPerBucket.get(t);
    if (seen === undefined) secondsPerBucket.set(t, (seen = new Set()));
    seen.add(p.t);
    classes.add(p.waitClass);
    const key = `${t}\u0000${p.waitClass}`;
    sums.set(key, (sums.get(key) ?? 0) + p.aas);
  }
  const present = WAIT_CLASSES.filter((c) => classes.has(c));
  const rows: WaitTimelineRow[] = [];
  for (const t of [...secondsPerBucket.keys()].sort((a, b) => a - b)) {
    const n = secondsPerBucket.get(t)?.size ?? 1;
    for (const waitClass of present) {
      rows.push({ t, waitClass, waitClassOrder: WAIT_CLASSES.indexOf(waitClass), aas: (sums.get(`${t}\u0000${waitClass}`) ?? 0) / n });
    }
  }
  return { rows, bucketS };
}

/** Average active sessions by class over the run, largest first. */
export function waitClassRows(summary: RunSummary): WaitClassRow[] {
  return [...(summary.waits?.byClass ?? [])]
    .sort((a, b) => b.aas - a.aas)
    .map((c) => ({ waitClass: c.waitClass, aas: c.aas, share: c.share }));
}

// ── Datasets added with issue 9 ─────────────────────────────────────────────────────────────

/** Window spacing of the run's timeline, seconds (1 when unknown). */
function windowSeconds(summary: RunSummary): number {
  return (summary.meta?.windowMs ?? 1000) / 1000;
}

/** Whole-iteration timeline points bucketed to at most `maxPoints` buckets, summed per (bucket, journey). */
function bucketedCounts(summary: RunSummary, maxPoints: number): { buckets: Map<string, { t: number; journey: string; count: number; errors: number; scheduled: number; dropped: number }>; bucketS: number } {
  const points = summary.timeline.filter((p) => p.step === null);
  const buckets = new Map<string, { t: number; journey: string; count: number; errors: number; scheduled: number; dropped: number }>();
  if (points.length === 0) return { buckets, bucketS: 0 };
  const step = windowSeconds(summary);
  const span = Math.max(summary.durationS, ...points.map((p) => p.t + step));
  const bucketS = bucketWidth(span, step, maxPoints);
  for (const p of points) {
    const t = Math.floor(p.t / bucketS) * bucketS;
    const key = `${p.journey}\u0000${t}`;
    const b = buckets.get(key) ?? { t, journey: p.journey, count: 0, errors: 0, scheduled: 0, dropped: 0 };
    b.count += p.count;
    b.errors += p.errors;
    b.scheduled += p.scheduled;
    b.dropped += p.dropped;
    buckets.set(key, b);
  }
  return { buckets, bucketS };
}

/** One row of the `throughput` dataset: completions or errors per second of one journey in one bucket. */
export interface ThroughputRow {
  t: number;
  journey: string;
  series: 'completed' | 'errors';
  perS: number;
}

/**
 * Throughput and errors over time per journey: completed iterations (errors included) per second and
 * failed iterations per second, each the bucket's sum over the bucket's seconds.
 */
export function throughputRows(summary: RunSummary, maxPoints = MAX_POINTS_PER_SERIES): { rows: ThroughputRow[]; bucketS: number } {
  const { buckets, bucketS } = bucketedCounts(summary, maxPoints);
  const rows: ThroughputRow[] = [];
  for (const b of [...buckets.values()].sort((x, y) => x.t - y.t || x.journey.localeCompare(y.journey))) {
    rows.push({ t: b.t, journey: b.journey, series: 'completed', perS: b.count / bucketS });
    rows.push({ t: b.t, journey: b.journey, series: 'errors', perS: b.errors / bucketS });
  }
  return { rows, bucketS };
}

/** One row of the `arrivals` dataset, all journeys together. */
export interface ArrivalRow {
  t: number;
  /** `intended`: iterations due (scheduled); `achieved`: those that started (scheduled − dropped); `dropped`: found no free VU. */
  series: 'intended' | 'achieved' | 'dropped';
  perS: number;
}

/** Intended vs achieved arrival rate and dropped iterations per second, all journeys summed. */
export function arrivalRows(summary: RunSummary, maxPoints = MAX_POINTS_PER_SERIES): { rows: ArrivalRow[]; bucketS: number } {
  const { buckets, bucketS } = bucketedCounts(summary, maxPoints);
  const byT = new Map<number, { scheduled: number; dropped: number }>();
  for (const b of buckets.values()) {
    const s = byT.get(b.t) ?? { scheduled: 0, dropped: 0 };
    s.scheduled += b.scheduled;
    s.dropped += b.dropped;
    byT.set(b.t, s);
  }
  const rows: ArrivalRow[] = [];
  for (const [t, s] of [...byT.entries()].sort((a, b) => a[0] - b[0])) {
    rows.push({ t, series: 'intended', perS: s.scheduled / bucketS });
    rows.push({ t, series: 'achieved', perS: (s.scheduled - s.dropped) / bucketS });
    rows.push({ t, series: 'dropped', perS: s.dropped / bucketS });
  }
  return { rows, bucketS };
}

/** One row of the `distribution` dataset. */
export interface DistributionRow {
  journey: string;
  /** Axis label: `p50`, `p99.9`, `max`. */
  label: string;
  /** Position on the axis (the order of the labels). */
  order: number;
  percentile: number;
  ms: number;
}

/** The latency distribution per journey: latency at each recorded percentile (100 = the maximum). */
export function distributionRows(summary: RunSummary): DistributionRow[] {
  return (summary.distribution ?? [])
    .filter((d) => d.count > 0)
    .flatMap((d) => d.points.map((p, i) => ({ journey: d.journey, label: p.percentile >= 100 ? 'max' : `p${p.percentile}`, order: i, percentile: p.percentile, ms: p.ms })));
}

/** One row of the `odooTime` dataset: seconds of one request group in SQL or elsewhere. */
export interface OdooTimeRow {
  group: string;
  part: 'SQL' | 'Python and other';
  seconds: number;
  /** Rank of the group by total time (0 = most), for sorting the bars. */
  rank: number;
}

/** Odoo's time per model.method (per path when the log names no model), SQL vs the rest, top `limit` by total. */
export function odooTimeRows(summary: RunSummary, limit = 12): OdooTimeRow[] {
  const requests = summary.odoo?.summary.requests;
  if (requests === undefined) return [];
  const groups = (requests.byModelMethod.length > 0 ? requests.byModelMethod : requests.byPath).filter((g) => g.measured > 0).slice(0, limit);
  return groups.flatMap((g, rank) => [
    { group: g.key, part: 'SQL' as const, seconds: g.sqlS, rank },
    { group: g.key, part: 'Python and other' as const, seconds: g.otherS, rank },
  ]);
}

/** One row of the `workers` dataset. */
export interface WorkerRow {
  worker: string;
  utilization: number;
  requests: number;
}

/** Busy share of each Odoo worker over the run, busiest first. */
export function workerRows(summary: RunSummary): WorkerRow[] {
  return (summary.odoo?.workers ?? []).map((w) => ({ worker: `pid ${w.pid}`, utilization: w.utilization, requests: w.requests }));
}
