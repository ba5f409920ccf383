/**
 * Aggregates samples into fixed windows (1 s by default) per (journey, step | null) with HDR
 * histograms (DESIGN.md principle 4), and emits MetricWindow records when a window closes.
 *
 * Which window a sample belongs to:
 * - completions (`ok`, `errors`, latency, service time) by their end time — a window is complete
 *   as soon as it is over, and its counts are throughput;
 * - arrivals (`scheduled`, `dropped`) by their intended time.
 * A sample for an already closed window (an engine running late) opens that window again and it
 * is emitted at the next close as a second record with the same (t, journey, step): readers add
 * records with the same key, as they do for shards.
 */
import { encodeHistogram, newHistogram, type Histogram } from '../run/histogram.js';
import { RUN_FORMAT_VERSION, type MetricWindow } from '../run/records.js';
import type { ErrorKind } from './error-kind.js';
import type { Sample, SampleSink } from './samples.js';

interface Cell {
  journey: string;
  step: string | null;
  ok: number;
  errors: Partial<Record<ErrorKind, number>>;
  latency: Histogram;
  service: Histogram | undefined;
  scheduled: number;
  dropped: number;
}

/** Whole-iteration totals of one closed window, all journeys together (for progress). */
export interface WindowSummary {
  /** Window start, epoch ms. */
  t: number;
  scheduled: number;
  dropped: number;
  /** Iterations that ended in the window, failed ones included. */
  completed: number;
  failed: number;
  /** 95th percentile of iteration latency (intended start → end), µs; null without completions. */
  p95Us: number | null;
  /** The same per journey (journeys with completions in the window only), µs. */
  p95UsByJourney: Record<string, number>;
}

export class WindowAggregator implements SampleSink {
  /** Open windows by start time, then cells by `journey\u0000step`. */
  private readonly open = new Map<number, Map<string, Cell>>();

  constructor(
    readonly windowMs: number,
    private readonly emit: (record: MetricWindow) => void,
  ) {}

  /** Start of the window holding time `t` (aligned to epoch multiples of windowMs). */
  windowOf(t: number): number {
    return Math.floor(t / this.windowMs) * this.windowMs;
  }

  push(sample: Sample): void {
    switch (sample.type) {
      case 'arrival': {
        const cell = this.cell(sample.t, sample.journey, null);
        cell.scheduled += 1;
        if (sample.dropped) cell.dropped += 1;
        return;
      }
      case 'iteration': {
        const cell = this.cell(sample.t, sample.journey, null);
        count(cell, sample.error);
        cell.latency.recordValue(sample.latencyUs);
        cell.service?.recordValue(sample.serviceUs);
        return;
      }
      case 'step': {
        const cell = this.cell(sample.t, sample.journey, sample.step);
        count(cell, sample.error);
        cell.latency.recordValue(sample.durationUs);
        return;
      }
      case 'error':
        return;
    }
  }

  /** Emits and forgets every window that ended at or before `nowMs`; returns their summaries, oldest first. */
  closeUntil(nowMs: number): WindowSummary[] {
    const due = [...this.open.keys()].filter((t) => t + this.windowMs <= nowMs).sort((a, b) => a - b);
    return due.map((t) => this.close(t));
  }

  /** Emits every open window (end of run). */
  closeAll(): WindowSummary[] {
    return [...this.open.keys()].sort((a, b) => a - b).map((t) => this.close(t));
  }

  private cell(time: number, journey: string, step: string | null): Cell {
    const t = this.windowOf(time);
    let cells = this.open.get(t);
    if (!cells) this.open.set(t, (cells = new Map()));
    const key = `${journey}\u0000${step ?? ''}`;
    let cell = cells.get(key);
    if (!cell) {
      cell = { journey, step, ok: 0, errors: {}, latency: newHistogram(), service: step === null ? newHistogram() : undefined, scheduled: 0, dropped: 0 };
      cells.set(key, cell);
    }
    return cell;
  }

  private close(t: number): WindowSummary {
    const cells = [...(this.open.get(t)?.values() ?? [])].sort(
      (a, b) => a.journey.localeCompare(b.journey) || (a.step === null ? -1 : b.step === null ? 1 : a.step.localeCompare(b.step)),
    );
    this.open.delete(t);
    const summary: WindowSummary = { t, scheduled: 0, dropped: 0, completed: 0, failed: 0, p95Us: null, p95UsByJourney: {} };
    const iterations = newHistogram();
    for (const cell of cells) {
      const record: MetricWindow = { v: RUN_FORMAT_VERSION, type: 'window', t, journey: cell.journey, step: cell.step, ok: cell.ok, errors: cell.errors, latency: encodeHistogram(cell.latency) };
      if (cell.service) {
        record.service = encodeHistogram(cell.service);
        record.scheduled = cell.scheduled;
        record.dropped = cell.dropped;
        const failed = Object.values(cell.errors).reduce((a, b) => a + (b ?? 0), 0);
        summary.scheduled += cell.scheduled;
        summary.dropped += cell.dropped;
        summary.completed += cell.ok + failed;
        summary.failed += failed;
        iterations.add(cell.latency);
        if (cell.latency.totalCount > 0) summary.p95UsByJourney[cell.journey] = cell.latency.getValueAtPercentile(95);
        cell.service.destroy();
      }
      cell.latency.destroy();
      this.emit(record);
    }
    if (iterations.totalCount > 0) summary.p95Us = iterations.getValueAtPercentile(95);
    iterations.destroy();
    return summary;
  }
}

function count(cell: Cell, error: ErrorKind | null): void {
  if (error === null) cell.ok += 1;
  else cell.errors[error] = (cell.errors[error] ?? 0) + 1;
}
