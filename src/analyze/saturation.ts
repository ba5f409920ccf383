/**
 * The saturation point of a run: the first window where the system stops keeping up with the
 * offered load. Pure over RunSummary.timeline.
 *
 * Definition (whole iterations only, i.e. timeline points with step null, summed over journeys per window):
 *   offered rate  = Σ scheduled / window seconds   (iterations the arrival-rate executors meant to start)
 *   achieved rate = Σ count / window seconds       (iterations completed, errors included)
 *   baseline p95 of a journey = the median of its window p95s over the low-load windows: those whose
 *     offered rate (or, in a closed-model run, completed rate) is at or below the 25th percentile of
 *     all windows with completions (nearest rank); at least one window.
 *   p95 ratio of a window = the largest p95 / baseline p95 over its journeys with completions.
 * The saturation point is the first window where
 *   (a) iterations were dropped (the executor had no free virtual user to start them), or
 *   (b) the p95 ratio exceeds `latencyFactor` (default 2) AND achieved / offered < 0.95
 *       (latency bends upwards while throughput stops following the offered rate) in this window
 *       and the `sustainWindows` − 1 windows after it (default 3 in a row): at a few iterations per
 *       window one slow window is noise, not a knee.
 * Closed-model windows (nothing scheduled) can meet neither condition: a closed model has no
 * offered rate to fall behind, so a run without arrival-rate executors never shows a saturation point.
 */
import type { PhaseSummary, SaturationPoint, TimelinePoint } from './types.js';
import { median } from 'simple-statistics';

export interface SaturationOptions {
  /** Window length, seconds (RunMetadata.windowMs / 1000). */
  windowS: number;
  /** p95 above this multiple of its low-load baseline counts as bent upwards. Default 2. */
  latencyFactor?: number;
  /** achieved / offered below this means throughput stopped following the offered rate. Default 0.95. */
  followRatio?: number;
  /** Consecutive windows condition (b) must hold for. Default 3. */
  sustainWindows?: number;
}

export const DEFAULT_LATENCY_FACTOR = 2;
export const DEFAULT_FOLLOW_RATIO = 0.95;
export const DEFAULT_SUSTAIN_WINDOWS = 3;

interface WindowTotals {
  t: number;
  scheduled: number;
  dropped: number;
  count: number;
  /** journey → p95 ms (journeys with completions only). */
  p95: Map<string, number>;
}

/**
 * The first window where the run saturated (see the file comment), or undefined when none did.
 * @example saturationPoint(summary.timeline, summary.phases, { windowS: 1 }) // { atS: 42, phase: 'peak', reason: 'dropped-iterations', … }
 */
export function saturationPoint(timeline: readonly TimelinePoint[], phases: readonly PhaseSummary[], options: SaturationOptions): SaturationPoint | undefined {
  const windowS = options.windowS > 0 ? options.windowS : 1;
  const factor = options.latencyFactor ?? DEFAULT_LATENCY_FACTOR;
  const follow = options.followRatio ?? DEFAULT_FOLLOW_RATIO;
  const sustain = Math.max(1, Math.floor(options.sustainWindows ?? DEFAULT_SUSTAIN_WINDOWS));
  const windows = totalsByWindow(timeline);
  const baseline = baselineP95(windows);
  const judged = windows.map((w) => {
    const { ratio, journey } = p95Ratio(w, baseline);
    const achievedShare = w.scheduled > 0 ? w.count / w.scheduled : 1;
    const bent = w.scheduled > 0 && ratio !== null && ratio > factor && achievedShare < follow;
    return { w, ratio, journey, bent };
  });
  for (const [index, { w, ratio, journey, bent }] of judged.entries()) {
    const dropped = w.dropped > 0;
    const sustained = bent && judged.slice(index, index + sustain).length === sustain && judged.slice(index, index + sustain).every((j) => j.bent);
    if (!dropped && !sustained) continue;
    const mid = w.t + windowS / 2;
    return {
      atS: w.t,
      phase: phases.find((p) => mid >= p.startS && mid < p.endS)?.name ?? null,
      offeredRatePerS: w.scheduled / windowS,
      achievedRatePerS: w.count / windowS,
      reason: dropped ? 'dropped-iterations' : 'latency-knee',
      dropped: w.dropped,
      p95Ratio: ratio,
      journey,
    };
  }
  return undefined;
}

function totalsByWindow(timeline: readonly TimelinePoint[]): WindowTotals[] {
  const byT = new Map<number, WindowTotals>();
  for (const point of timeline) {
    if (point.step !== null) continue;
    let w = byT.get(point.t);
    if (w === undefined) byT.set(point.t, (w = { t: point.t, scheduled: 0, dropped: 0, count: 0, p95: new Map() }));
    w.scheduled += point.scheduled;
    w.dropped += point.dropped;
    w.count += point.count;
    if (point.count > 0) w.p95.set(point.journey, Math.max(w.p95.get(point.journey) ?? 0, point.p95Ms));
  }
  return [...byT.values()].sort((a, b) => a.t - b.t);
}

/** Per journey, the median p95 over the low-load windows (see the file comment). */
function baselineP95(windows: readonly WindowTotals[]): Map<string, number> {
  const loaded = windows.filter((w) => w.count > 0);
  const load = (w: WindowTotals) => (w.scheduled > 0 ? w.scheduled : w.count);
  const loads = loaded.map(load).sort((a, b) => a - b);
  const cut = loads[Math.max(0, Math.ceil(loads.length * 0.25) - 1)] ?? 0;
  const samples = new Map<string, number[]>();
  for (const w of loaded.filter((x) => load(x) <= cut)) {
    for (const [journey, p95] of w.p95) samples.set(journey, [...(samples.get(journey) ?? []), p95]);
  }
  // A journey absent from the low-load windows takes its first window with completions as baseline.
  for (const w of loaded) {
    for (const [journey, p95] of w.p95) if (!samples.has(journey)) samples.set(journey, [p95]);
  }
  return new Map([...samples].filter(([, values]) => values.length > 0).map(([journey, values]) => [journey, median(values)]));
}

function p95Ratio(w: WindowTotals, baseline: Map<string, number>): { ratio: number | null; journey: string | null } {
  let best: { ratio: number | null; journey: string | null } = { ratio: null, journey: null };
  for (const [journey, p95] of w.p95) {
    const base = baseline.get(journey) ?? 0;
    if (base <= 0) continue;
    const ratio = p95 / base;
    if (best.ratio === null || ratio > best.ratio) best = { ratio, journey };
  }
  return best;
}
