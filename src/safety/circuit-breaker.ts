/**
 * Circuit breaker (issue 10, "Abort"): stops a run when the target looks like it is falling
 * over, to protect a shared staging Odoo — independent of the user's thresholds.
 *
 * Over a sliding window of the last `windowS` seconds of metric windows (by window start time):
 *
 *   error rate  = failed iterations ÷ completed iterations (whole iterations, step = null, every
 *                 error kind: a refused connection, a 502 from a proxy and a server error alike)
 *   p95         = 95th percentile of step latency (HDR histograms merged without loss), ms — steps
 *                 are one or a few RPC calls, so this is Odoo's response time rather than a
 *                 whole journey's
 *
 * It trips when either crosses its limit, but only once the window holds at least
 * `minIterations` completions and spans at least `minSpanS` seconds, so one early failure (1 of 1
 * = 100 %) or a restart of a few seconds does not stop a run.
 *
 *   metric windows ─► CircuitBreaker.addWindow ─► buckets (per window start) ─► breakerVerdict (pure)
 *                                                                               └► onTrip(reason) once
 */
import { UsageError } from '../errors.js';
import { decodeHistogram, newHistogram, type Histogram } from '../run/histogram.js';
import type { MetricWindow } from '../run/records.js';

export interface BreakerConfig {
  /** Trip above this share of failed iterations, 0–1. Default 0.5. */
  errorRate: number;
  /** Trip above this p95 step latency, ms. Default 30 000. */
  p95Ms: number;
  /** Sliding window length, seconds. Default 30. */
  windowS: number;
  /** Completions the window needs before the error rate may trip. Default 20. */
  minIterations: number;
  /** Seconds of data (first to last window seen, within the sliding window) before it may trip. Default 10. */
  minSpanS: number;
}

export const DEFAULT_BREAKER: Readonly<BreakerConfig> = { errorRate: 0.5, p95Ms: 30_000, windowS: 30, minIterations: 20, minSpanS: 10 };

/** What the window holds, for `breakerVerdict`. */
export interface BreakerWindow {
  completed: number;
  failed: number;
  /** p95 step latency, ms; null without step samples. */
  p95Ms: number | null;
  /** Seconds between the oldest and the newest window start, plus one window. */
  spanS: number;
}

export interface BreakerVerdict {
  trip: boolean;
  /** One line naming the measured value, the limit and the flag that changes it. */
  reason?: string;
  errorRate: number | null;
}

const pct = (x: number) => `${(x * 100).toFixed(x < 0.1 ? 1 : 0)} %`;

/**
 * Whether the breaker trips on this window (pure).
 * @example breakerVerdict({ completed: 40, failed: 30, p95Ms: 900, spanS: 30 }, DEFAULT_BREAKER).trip // true (75 % > 50 %)
 */
export function breakerVerdict(w: BreakerWindow, config: BreakerConfig): BreakerVerdict {
  const errorRate = w.completed > 0 ? w.failed / w.completed : null;
  if (w.spanS < config.minSpanS) return { trip: false, errorRate };
  const window = `over the last ${Math.round(Math.min(w.spanS, config.windowS))} s`;
  if (errorRate !== null && w.completed >= config.minIterations && errorRate > config.errorRate) {
    return {
      trip: true,
      errorRate,
      reason: `circuit breaker: ${pct(errorRate)} of iterations failed ${window} (${w.failed} of ${w.completed}), above the safety limit of ${pct(config.errorRate)} — the target looks overloaded or down (--breaker-error-rate, --no-breaker)`,
    };
  }
  if (w.p95Ms !== null && w.p95Ms > config.p95Ms) {
    return {
      trip: true,
      errorRate,
      reason: `circuit breaker: p95 step latency ${Math.round(w.p95Ms)} ms ${window}, above the safety limit of ${config.p95Ms} ms — the target looks overloaded (--breaker-p95-ms, --no-breaker)`,
    };
  }
  return { trip: false, errorRate };
}

interface Bucket {
  completed: number;
  failed: number;
  steps: Histogram;
}

/** Stateful: fed every metric window of the run; calls `onTrip` once when the verdict trips. */
export class CircuitBreaker {
  private readonly buckets = new Map<number, Bucket>();
  private newest = -Infinity;
  private windowMs = 1000;
  private reasonValue: string | undefined;

  constructor(
    readonly config: BreakerConfig,
    private readonly onTrip: (reason: string) => void,
  ) {}

  /** The trip reason, once tripped. */
  get reason(): string | undefined {
    return this.reasonValue;
  }

  /** One MetricWindow record (any journey, any step); evaluates the verdict when a newer window arrives. */
  addWindow(record: MetricWindow, windowMs = 1000): void {
    if (this.reasonValue !== undefined) return;
    this.windowMs = windowMs;
    let bucket = this.buckets.get(record.t);
    if (!bucket) this.buckets.set(record.t, (bucket = { completed: 0, failed: 0, steps: newHistogram() }));
    if (record.step === null) {
      const failed = Object.values(record.errors).reduce((a: number, b) => a + (b ?? 0), 0);
      bucket.completed += record.ok + failed;
      bucket.failed += failed;
    } else {
      const h = decodeHistogram(record.latency);
      bucket.steps.add(h);
      h.destroy();
    }
    this.newest = Math.max(this.newest, record.t);
    this.evict();
    const verdict = breakerVerdict(this.window(), this.config);
    if (verdict.trip && verdict.reason !== undefined) {
      this.reasonValue = verdict.reason;
      this.release();
      this.onTrip(verdict.reason);
    }
  }

  /** Frees the histograms (end of run). */
  release(): void {
    for (const b of this.buckets.values()) b.steps.destroy();
    this.buckets.clear();
  }

  private evict(): void {
    const oldest = this.newest - this.config.windowS * 1000 + this.windowMs;
    for (const [t, b] of this.buckets) {
      if (t < oldest) {
        b.steps.destroy();
        this.buckets.delete(t);
      }
    }
  }

  private window(): BreakerWindow {
    let completed = 0;
    let failed = 0;
    let first = Infinity;
    const steps = newHistogram();
    for (const [t, b] of this.buckets) {
      completed += b.completed;
      failed += b.failed;
      first = Math.min(first, t);
      steps.add(b.steps);
    }
    const p95Ms = steps.totalCount > 0 ? steps.getValueAtPercentile(95) / 1000 : null;
    steps.destroy();
    const spanS = first === Infinity ? 0 : (this.newest - first + this.windowMs) / 1000;
    return { completed, failed, p95Ms, spanS };
  }
}

/**
 * Breaker settings from the command line; `false` with `--no-breaker`.
 * @throws UsageError naming the flag.
 */
export function breakerFromOptions(options: { breaker?: boolean; 'breaker-error-rate'?: number; 'breaker-p95-ms'?: number }): BreakerConfig | false {
  if (options.breaker === false) return false;
  const rate = options['breaker-error-rate'] ?? DEFAULT_BREAKER.errorRate;
  const p95 = options['breaker-p95-ms'] ?? DEFAULT_BREAKER.p95Ms;
  if (!(Number.isFinite(rate) && rate > 0 && rate <= 1)) throw new UsageError(`--breaker-error-rate: expected a share in (0, 1], e.g. 0.5, got ${String(rate)}`);
  if (!(Number.isFinite(p95) && p95 > 0)) throw new UsageError(`--breaker-p95-ms: expected milliseconds above 0, got ${String(p95)}`);
  return { ...DEFAULT_BREAKER, errorRate: rate, p95Ms: p95 };
}
