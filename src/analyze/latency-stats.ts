/**
 * Accumulates the MetricWindow records of one (journey, step) over a span of time and turns them
 * into `LatencyStats`. Histograms are added losslessly (HdrHistogram `add`), then read:
 *
 * - percentiles: HdrHistogram `getValueAtPercentile` — the nearest-rank percentile (the ⌈p·N⌉-th
 *   smallest recorded value), reported as the highest value equivalent to it at 3 significant
 *   digits, so at most 0.1 % above the recorded value;
 * - mean: HdrHistogram `mean`, each value at its bucket's median equivalent value;
 * - max: the largest recorded value (at bucket resolution).
 *
 * Stored values are microseconds; stats are milliseconds.
 */
import { quantileRanks } from '../../models/quantile-ci.js';
import type { MetricWindow } from '../run/records.js';
import { meanAndDeviation, newHistogram, type Histogram } from '../run/histogram.js';
import type { LatencyStats } from './types.js';

const US_PER_MS = 1000;

export class LatencyAccumulator {
  private ok = 0;
  private readonly errorsByKind: Record<string, number> = {};
  private dropped = 0;
  private scheduled = 0;
  private readonly latency: Histogram = newHistogram();
  private service: Histogram | undefined;

  constructor(
    readonly journey: string,
    readonly step: string | null,
  ) {}

  /** Adds one window's counts and its already decoded histograms. */
  add(window: MetricWindow, latency: Histogram, service: Histogram | undefined): void {
    this.ok += window.ok;
    for (const [kind, count] of Object.entries(window.errors)) {
      this.errorsByKind[kind] = (this.errorsByKind[kind] ?? 0) + (count ?? 0);
    }
    this.dropped += window.dropped ?? 0;
    this.scheduled += window.scheduled ?? 0;
    this.latency.add(latency);
    if (service !== undefined) {
      this.service ??= newHistogram();
      this.service.add(service);
    }
  }

  /**
   * The stats over `seconds` of covered time (throughput = count / seconds, 0 when no time).
   * Service mean and SCV: for whole iterations from the service histogram (actual start); for steps
   * from the latency histogram, since steps are timed from their actual start already.
   */
  stats(seconds: number): LatencyStats {
    const errors = Object.values(this.errorsByKind).reduce((sum, n) => sum + n, 0);
    const count = this.ok + errors;
    const stats: LatencyStats = {
      journey: this.journey,
      step: this.step,
      count,
      errors,
      errorsByKind: { ...this.errorsByKind },
      errorRate: count === 0 ? 0 : errors / count,
      throughputPerS: seconds > 0 ? count / seconds : 0,
      ...percentilesMs(this.latency),
    };
    if (count > 0) stats.p95CiMs = p95CiMs(this.latency);
    if (this.step === null) {
      stats.dropped = this.dropped;
      stats.scheduled = this.scheduled;
    }
    const serviceSource = this.step === null ? this.service : this.latency;
    if (serviceSource !== undefined && serviceSource.totalCount > 0) {
      const { mean } = meanAndDeviation(serviceSource);
      if (mean > 0) {
        stats.serviceMeanMs = mean / US_PER_MS;
        stats.serviceScv = squaredCoefficientOfVariation(serviceSource);
      }
    }
    return stats;
  }

  /** Frees the histograms' memory. */
  destroy(): void {
    this.latency.destroy();
    this.service?.destroy();
  }
}

/** Mean and percentiles of a µs histogram, in ms (all 0 for an empty histogram). */
export function percentilesMs(histogram: Histogram): Pick<LatencyStats, 'meanMs' | 'p50Ms' | 'p95Ms' | 'p99Ms' | 'maxMs'> {
  if (histogram.totalCount === 0) return { meanMs: 0, p50Ms: 0, p95Ms: 0, p99Ms: 0, maxMs: 0 };
  return {
    meanMs: meanAndDeviation(histogram).mean / US_PER_MS,
    p50Ms: histogram.getValueAtPercentile(50) / US_PER_MS,
    p95Ms: histogram.getValueAtPercentile(95) / US_PER_MS,
    p99Ms: histogram.getValueAtPercentile(99) / US_PER_MS,
    maxMs: histogram.maxValue / US_PER_MS,
  };
}

/** The p95's 95 % confidence interval from the histogram's order statistics (models/quantile-ci.ts), ms. */
export function p95CiMs(histogram: Histogram): NonNullable<LatencyStats['p95CiMs']> {
  const n = histogram.totalCount;
  const ranks = quantileRanks(n, 0.95);
  // getValueAtPercentile(P) is the ⌈P·n/100⌉-th smallest value: half a rank below r gives exactly r.
  const at = (rank: number | null): number | null => (rank === null ? null : histogram.getValueAtPercentile((100 * (rank - 0.5)) / n) / US_PER_MS);
  return { lowMs: at(ranks.lower), highMs: at(ranks.upper) };
}

/** Cs² = variance / mean² (population variance, HdrHistogram `stdDeviation`). */
export function squaredCoefficientOfVariation(histogram: Histogram): number {
  const { mean, stdDeviation } = meanAndDeviation(histogram);
  return mean > 0 ? (stdDeviation / mean) ** 2 : 0;
}
