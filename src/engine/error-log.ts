/**
 * Turns error samples into `error` RunEvents, at most `limit` (20) per (journey, kind) per run so
 * an outage does not flood events.ndjson; the rest are counted and reported as one `warning`
 * per (journey, kind) at the end. The per-window counts in metrics.ndjson stay complete.
 */
import { RUN_FORMAT_VERSION, type RunEvent } from '../run/records.js';
import type { Sample, SampleSink } from './samples.js';

export class ErrorLog implements SampleSink {
  private readonly logged = new Map<string, number>();
  private readonly suppressed = new Map<string, { journey: string; kind: string; count: number }>();

  constructor(
    private readonly emit: (event: RunEvent) => void,
    readonly limit = 20,
  ) {}

  push(sample: Sample): void {
    if (sample.type !== 'error') return;
    const key = `${sample.journey}\u0000${sample.kind}`;
    const n = this.logged.get(key) ?? 0;
    if (n < this.limit) {
      this.logged.set(key, n + 1);
      this.emit({ v: RUN_FORMAT_VERSION, type: 'error', t: sample.t, journey: sample.journey, step: sample.step, kind: sample.kind, message: sample.message });
      return;
    }
    const entry = this.suppressed.get(key) ?? { journey: sample.journey, kind: sample.kind, count: 0 };
    entry.count += 1;
    this.suppressed.set(key, entry);
  }

  /** One warning per (journey, kind) that went over the limit. */
  finish(t: number): void {
    for (const { journey, kind, count } of this.suppressed.values()) {
      this.emit({
        v: RUN_FORMAT_VERSION,
        type: 'warning',
        t,
        source: 'engine',
        message: `${count} more ${kind} errors in journey ${journey} were not logged as events (limit ${this.limit} per kind per journey; metrics.ndjson counts all)`,
      });
    }
    this.suppressed.clear();
  }
}
