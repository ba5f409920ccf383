/**
 * Run directory records → RunSummary (pure; the caller reads the files).
 *
 *   windows ──group by (window t, journey, step)──► decode + merge shards ──► timeline point
 *                                                        │ add into
 *                                      ┌─────────────────┴─────────────────┐
 *                           phase accumulators                   overall accumulator
 *                           (window midpoint in [startS, endS))   (every window)
 *                                      └──────────► LatencyStats ◄──────────┘
 *
 * Time: the run starts at `manifest.startedAt`; phases are plan seconds from it; windows carry
 * epoch ms `t` (window start). A window belongs to the phase containing its midpoint; windows
 * outside every phase (e.g. the graceful stop) count only in `overall`.
 * The run ends at `manifest.endedAt`, or — for a run that never wrote it — at the end of the last
 * window. A phase covers min(endS, run end) − startS seconds (≥ 0): the denominator of throughput.
 */
import type {
  EngineHealthRecord,
  MetricWindow,
  OdooLogRecord,
  PgActivitySample,
  PgLogError,
  PgStatsRecord,
  RunEvent,
  RunManifest,
} from '../run/records.js';
import { concurrencyEvidence, databaseSummary, engineHealth, odooEvidence, runMetadata, thresholdVerdicts } from './evidence.js';
import { decodeHistogram, newHistogram, type Histogram } from '../run/histogram.js';
import { LatencyAccumulator, percentilesMs } from './latency-stats.js';
import {
  NO_DATABASE_EVIDENCE,
  collectorGapNote,
  droppedIterationsNote,
  partialRunNote,
  runWarningNote,
  sloWithoutDataNote,
} from './messages.js';
import { saturationPoint } from './saturation.js';
import { sloVerdicts } from './slo.js';
import type { LatencyDistribution, PhaseSummary, RunSummary, TimelinePoint } from './types.js';
import { summarizeWaits } from './waits.js';

export interface RunRecords {
  manifest: RunManifest;
  windows: MetricWindow[];
  events: RunEvent[];
  pgActivity: PgActivitySample[];
  /** Streams added with issue 9; each optional (absent = not collected). */
  pgStats?: PgStatsRecord[];
  odooLog?: OdooLogRecord[];
  pgLog?: PgLogError[];
  engine?: EngineHealthRecord[];
}

/** Percentiles of the latency distribution (HdrHistogram percentile distribution; 100 = the maximum). */
export const DISTRIBUTION_PERCENTILES: readonly number[] = [10, 25, 50, 75, 90, 95, 99, 99.9, 100];

/** Name of the whole-run pseudo-phase. */
export const OVERALL_PHASE = 'all';

/**
 * Summarises a run: per phase and overall, per journey (step null) and per step, the counts,
 * errors, throughput, latency percentiles (ms), dropped/scheduled iterations and service-time
 * mean and SCV; one timeline point per window; SLO verdicts; the wait profile; notes.
 */
export function summarizeRun(input: RunRecords): RunSummary {
  const { manifest, windows, pgActivity } = input;
  const runStartMs = Date.parse(manifest.startedAt);
  const windowMs = manifest.windowMs > 0 ? manifest.windowMs : 1000;
  const runEndS = runEndSeconds(manifest, windows, runStartMs, windowMs);
  const planPhases = manifest.plan.phases;

  const order = keyOrder(windows);
  const phaseAccumulators = planPhases.map(() => new Map<string, LatencyAccumulator>());
  const overallAccumulators = new Map<string, LatencyAccumulator>();
  const timeline: TimelinePoint[] = [];
  const distributions = new Map<string, Histogram>();

  for (const group of groupByWindow(windows)) {
    const first = group[0];
    if (first === undefined) continue;
    const key = statsKey(first.journey, first.step);
    const { latency, service } = decodeGroup(group);
    const merged: MetricWindow = mergeCounts(group);
    const startS = (first.t - runStartMs) / 1000;
    const midS = startS + windowMs / 2000;
    const phaseIndex = planPhases.findIndex((p) => midS >= p.startS && midS < p.endS);
    const targets = [overallAccumulators, ...(phaseIndex >= 0 ? [phaseAccumulators[phaseIndex]] : [])];
    for (const accumulators of targets) {
      if (accumulators === undefined) continue;
      let accumulator = accumulators.get(key);
      if (accumulator === undefined) {
        accumulator = new LatencyAccumulator(first.journey, first.step);
        accumulators.set(key, accumulator);
      }
      accumulator.add(merged, latency, service);
    }
    const errors = Object.values(merged.errors).reduce<number>((sum, n) => sum + (n ?? 0), 0);
    if (first.step === null) {
      let total = distributions.get(first.journey);
      if (total === undefined) distributions.set(first.journey, (total = newHistogram()));
      total.add(latency);
    }
    const { meanMs, p50Ms, p95Ms, p99Ms } = percentilesMs(latency);
    timeline.push({
      t: startS,
      journey: first.journey,
      step: first.step,
      count: merged.ok + errors,
      errors,
      p50Ms,
      p95Ms,
      p99Ms,
      dropped: merged.dropped ?? 0,
      scheduled: merged.scheduled ?? 0,
      meanMs,
    });
    latency.destroy();
    service?.destroy();
  }

  const phases: PhaseSummary[] = planPhases.map((phase, i) => {
    const coveredS = Math.max(0, Math.min(phase.endS, runEndS) - phase.startS);
    return { name: phase.name, startS: phase.startS, endS: phase.endS, stats: finish(phaseAccumulators[i], order, coveredS) };
  });
  const overall: PhaseSummary = { name: OVERALL_PHASE, startS: 0, endS: runEndS, stats: finish(overallAccumulators, order, runEndS) };

  const summary: RunSummary = {
    v: 1,
    runId: manifest.id,
    profile: manifest.plan.profile,
    status: manifest.status,
    target: targetOf(manifest),
    startedAt: manifest.startedAt,
    durationS: runEndS,
    scale: manifest.plan.scale,
    compress: manifest.plan.compress,
    phases,
    overall,
    timeline,
    slos: sloVerdicts(manifest.plan.slos, [...phases, overall]),
    notes: notes(input, overall, runStartMs),
  };
  if (manifest.statusReason !== undefined) summary.statusReason = manifest.statusReason;
  if (manifest.endedAt !== undefined) summary.endedAt = manifest.endedAt;
  if (pgActivity.length > 0) summary.waits = summarizeWaits(pgActivity, { runStartMs });
  const saturation = saturationPoint(timeline, phases, { windowS: windowMs / 1000 });
  if (saturation !== undefined) summary.saturation = saturation;
  addEvidence(summary, input, runStartMs, distributions);
  return summary;
}

/** The optional fields added with issue 9 (see ./evidence.ts); frees the distribution histograms. */
function addEvidence(summary: RunSummary, input: RunRecords, runStartMs: number, distributions: Map<string, Histogram>): void {
  const { manifest } = input;
  summary.meta = runMetadata(manifest);
  summary.distribution = [...distributions.entries()].map(([journey, h]): LatencyDistribution => {
    const points = DISTRIBUTION_PERCENTILES.map((percentile) => ({
      percentile,
      ms: h.totalCount === 0 ? 0 : (percentile >= 100 ? h.maxValue : h.getValueAtPercentile(percentile)) / 1000,
    }));
    const count = h.totalCount;
    h.destroy();
    return { journey, count, points };
  });
  summary.thresholds = thresholdVerdicts(manifest.plan.slos, summary.overall);
  const database = databaseSummary(input.pgStats ?? [], input.pgLog, runStartMs, manifest.plan.phases);
  if (database !== undefined) summary.database = database;
  const odoo = odooEvidence(input.odooLog ?? [], runStartMs, summary.durationS);
  if (odoo !== undefined) summary.odoo = odoo;
  const concurrency = concurrencyEvidence(database, odoo);
  if (concurrency !== undefined) summary.concurrency = concurrency;
  const health = engineHealth(input.engine);
  if (health !== undefined) summary.engineHealth = health;
}

function targetOf(manifest: RunManifest): RunSummary['target'] {
  const { url, db, serverVersion } = manifest.target;
  return serverVersion === undefined ? { url, db } : { url, db, serverVersion };
}

function runEndSeconds(manifest: RunManifest, windows: MetricWindow[], runStartMs: number, windowMs: number): number {
  if (manifest.endedAt !== undefined) return Math.max(0, (Date.parse(manifest.endedAt) - runStartMs) / 1000);
  const lastWindowEnd = windows.reduce((max, w) => Math.max(max, w.t + windowMs), runStartMs);
  return Math.max(0, (lastWindowEnd - runStartMs) / 1000);
}

function statsKey(journey: string, step: string | null): string {
  return JSON.stringify([journey, step]);
}

/** Journeys in order of first appearance; per journey the whole iteration first, then steps as first seen. */
function keyOrder(windows: MetricWindow[]): string[] {
  const journeys: string[] = [];
  const steps = new Map<string, string[]>();
  for (const w of windows) {
    let list = steps.get(w.journey);
    if (list === undefined) {
      list = [];
      steps.set(w.journey, list);
      journeys.push(w.journey);
    }
    if (w.step !== null && !list.includes(w.step)) list.push(w.step);
  }
  return journeys.flatMap((j) => [statsKey(j, null), ...(steps.get(j) ?? []).map((s) => statsKey(j, s))]);
}

/** Records of the same (t, journey, step) — one per shard — in time order. */
function groupByWindow(windows: MetricWindow[]): MetricWindow[][] {
  const groups = new Map<string, MetricWindow[]>();
  for (const w of windows) {
    const key = JSON.stringify([w.t, w.journey, w.step]);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [w]);
    else group.push(w);
  }
  return [...groups.values()].sort((a, b) => (a[0]?.t ?? 0) - (b[0]?.t ?? 0));
}

function decodeGroup(group: MetricWindow[]): { latency: Histogram; service: Histogram | undefined } {
  const latency = newHistogram();
  let service: Histogram | undefined;
  for (const w of group) {
    const decoded = decodeHistogram(w.latency);
    latency.add(decoded);
    decoded.destroy();
    if (w.service !== undefined) {
      const decodedService = decodeHistogram(w.service);
      service ??= newHistogram();
      service.add(decodedService);
      decodedService.destroy();
    }
  }
  return { latency, service };
}

/** The counts of a window group as one record (histograms are handled separately). */
function mergeCounts(group: MetricWindow[]): MetricWindow {
  const first = group[0] as MetricWindow;
  const merged: MetricWindow = { ...first, ok: 0, errors: {}, dropped: undefined, scheduled: undefined };
  const errors: Record<string, number> = {};
  for (const w of group) {
    merged.ok += w.ok;
    for (const [kind, n] of Object.entries(w.errors)) errors[kind] = (errors[kind] ?? 0) + (n ?? 0);
    if (w.dropped !== undefined) merged.dropped = (merged.dropped ?? 0) + w.dropped;
    if (w.scheduled !== undefined) merged.scheduled = (merged.scheduled ?? 0) + w.scheduled;
  }
  merged.errors = errors;
  return merged;
}

function finish(accumulators: Map<string, LatencyAccumulator> | undefined, order: string[], seconds: number): PhaseSummary['stats'] {
  if (accumulators === undefined) return [];
  const stats = order.flatMap((key) => {
    const accumulator = accumulators.get(key);
    return accumulator === undefined ? [] : [accumulator.stats(seconds)];
  });
  for (const accumulator of accumulators.values()) accumulator.destroy();
  return stats;
}

function notes(input: RunRecords, overall: PhaseSummary, runStartMs: number): string[] {
  const { manifest, events, pgActivity } = input;
  const result: string[] = [];
  if (manifest.status !== 'completed') result.push(partialRunNote(manifest.status, manifest.statusReason));
  if (pgActivity.length === 0) result.push(NO_DATABASE_EVIDENCE);
  for (const journey of Object.keys(manifest.plan.slos)) {
    const stats = overall.stats.find((s) => s.journey === journey && s.step === null);
    if (stats === undefined || stats.count === 0) result.push(sloWithoutDataNote(journey));
  }
  for (const stats of overall.stats) {
    if (stats.step === null && (stats.dropped ?? 0) > 0) {
      result.push(droppedIterationsNote(stats.journey, stats.dropped ?? 0, stats.scheduled ?? 0));
    }
  }
  for (const event of events) {
    if (event.type === 'collector-gap') {
      result.push(collectorGapNote(event.collector, (event.fromT - runStartMs) / 1000, (event.toT - runStartMs) / 1000, event.reason));
    } else if (event.type === 'warning') {
      result.push(runWarningNote(event.source, event.message));
    }
  }
  return result;
}
