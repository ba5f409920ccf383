/**
 * Samples: what executors emit, one way (STYLE.md §4). HDR windows, error events, totals and
 * progress subscribe; the engine never prints. Times are epoch milliseconds, durations µs.
 */
import type { EngineHealthRecord, MetricWindow, RunEvent } from '../run/records.js';
import type { ErrorKind } from './error-kind.js';

/** An arrival was due: it got a VU, or it was dropped because the pool was at maxVUs. */
export interface ArrivalSample {
  type: 'arrival';
  journey: string;
  /** Intended (scheduled) start. */
  t: number;
  dropped: boolean;
  /** Actual start − intended start, ms: how late the engine got to it (self-monitoring). */
  lagMs?: number;
}

/** A whole iteration ended (successfully or not). */
export interface IterationSample {
  type: 'iteration';
  journey: string;
  /** End time. */
  t: number;
  /** Intended start (the arrival's scheduled time). */
  intendedT: number;
  /** End − intended start − login time of a fresh VU: what a user waiting since the arrival saw (coordinated-omission safe). */
  latencyUs: number;
  /** End − actual start (after login): the time the iteration itself took. */
  serviceUs: number;
  /** Error kind when it failed, else null. */
  error: ErrorKind | null;
}

/** One named step of an iteration ended; measured from its actual start. */
export interface StepSample {
  type: 'step';
  journey: string;
  step: string;
  /** End time. */
  t: number;
  durationUs: number;
  error: ErrorKind | null;
}

/** A failure worth an `error` event (rate-limited by the subscriber). */
export interface ErrorSample {
  type: 'error';
  journey: string;
  step: string | null;
  t: number;
  kind: ErrorKind;
  message: string;
}

export type Sample = ArrivalSample | IterationSample | StepSample | ErrorSample;

export interface SampleSink {
  push(sample: Sample): void;
}

/** Where the engine's records go (RunWriter implements it). */
export interface RunSink {
  window(record: MetricWindow): void;
  event(record: RunEvent): void;
  /** The engine's own health per window (`engine.ndjson`; RunWriter: `append(RUN_STREAMS.engine, r)`). Optional. */
  engine?(record: EngineHealthRecord): void;
}

/** One sink that forwards to several. */
export function fanOut(...sinks: SampleSink[]): SampleSink {
  return {
    push(sample) {
      for (const sink of sinks) sink.push(sample);
    },
  };
}
