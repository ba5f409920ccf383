/**
 * Run-wide counters and the once-a-second progress report (a listener, like autocannon's
 * progressTracker: the engine itself never prints).
 */
import type { Sample, SampleSink } from './samples.js';
import type { WindowSummary } from './windows.js';

export interface Progress {
  /** Seconds since the load started. */
  elapsedS: number;
  /** Plan duration, seconds (graceful stop excluded). */
  durationS: number;
  /** Sum of the scenarios' target arrival rates now, iterations/s. */
  rateTarget: number;
  /** Iterations started (not dropped) per second in the last closed window. */
  rateAchieved: number;
  /** Iterations running now. */
  inFlight: number;
  /** VUs created so far. */
  vus: number;
  /** Iterations ended so far, failed ones included. */
  completed: number;
  /** Iterations failed so far. */
  errors: number;
  /** Arrivals dropped so far (pool at maxVUs). */
  dropped: number;
  /** 95th percentile iteration latency of the last closed window, ms; null when nothing ended in it. */
  p95Ms: number | null;
  /** The same per journey (journeys with completions in the last closed window), ms. */
  p95MsByJourney: Record<string, number>;
}

/** Counts every arrival and iteration of the run. */
export class RunTotals implements SampleSink {
  scheduled = 0;
  started = 0;
  dropped = 0;
  completed = 0;
  failed = 0;

  push(sample: Sample): void {
    if (sample.type === 'arrival') {
      this.scheduled += 1;
      if (sample.dropped) this.dropped += 1;
      else this.started += 1;
    } else if (sample.type === 'iteration') {
      this.completed += 1;
      if (sample.error !== null) this.failed += 1;
    }
  }
}

export interface ProgressInputs {
  elapsedS: number;
  durationS: number;
  rateTarget: number;
  windowMs: number;
  last: WindowSummary | undefined;
  inFlight: number;
  vus: number;
  totals: RunTotals;
}

export function buildProgress(i: ProgressInputs): Progress {
  const last = i.last;
  return {
    elapsedS: i.elapsedS,
    durationS: i.durationS,
    rateTarget: i.rateTarget,
    rateAchieved: last ? (last.scheduled - last.dropped) / (i.windowMs / 1000) : 0,
    inFlight: i.inFlight,
    vus: i.vus,
    completed: i.totals.completed,
    errors: i.totals.failed,
    dropped: i.totals.dropped,
    p95Ms: last && last.p95Us !== null ? last.p95Us / 1000 : null,
    p95MsByJourney: Object.fromEntries(Object.entries(last?.p95UsByJourney ?? {}).map(([j, us]) => [j, us / 1000])),
  };
}
