/**
 * k6 `--out json` NDJSON → the run directory's MetricWindow records, so analysis and report work
 * unchanged. Streaming: feed lines as k6 writes them; windows close once k6's points are
 * `closeLagMs` past their end (k6 flushes its JSON output about once a second).
 *
 * k6 writes one `{"type":"Metric",…}` line per metric before its first `{"type":"Point","metric":…,
 * "data":{"time","value","tags"}}` (times RFC 3339 with nanoseconds; trend values in ms).
 * What becomes what (journey = tag `journey`, else the scenario's journey, else the scenario):
 *
 *   journey_duration {journey, outcome}   whole iteration (ok, or failed with kind = outcome)
 *     — scripts without it: iteration_duration, all counted ok
 *   step_duration {journey, step, outcome}  a step (this tool's export)
 *   http_req_duration without a `step` tag  a step named after the k6 group (`::login` → login),
 *     or the request name at the root; failed when expected_response is false (http_error)
 *   checks = 0                             counted as an `other` error of the group's step
 *   dropped_iterations                     scheduled + dropped of the iteration window
 *
 * Latency of a k6 iteration is from its actual start (k6 does not expose the intended start):
 * service time = latency here.
 */
import { errorKindOf, type ErrorKind } from '../engine/error-kind.js';
import { WindowAggregator } from '../engine/windows.js';
import { newHistogram, type Histogram } from '../run/histogram.js';
import type { MetricWindow } from '../run/records.js';

export interface K6Point {
  metric: string;
  /** Epoch ms (fractional: k6 gives nanoseconds). */
  t: number;
  value: number;
  tags: Record<string, string>;
}

/** Whole-run figures, for checks against k6's own summary (`--summary-export`). */
export interface K6Totals {
  httpReqs: number;
  httpReqFailed: number;
  iterations: number;
  droppedIterations: number;
  checks: { passes: number; fails: number };
  /** µs. */
  httpReqDuration: Histogram;
  iterationDuration: Histogram;
  journeyDuration: Histogram;
  /** Raw values of http_req_duration, ms (only with `keepRaw`). */
  rawHttpReqDurationMs: number[];
  /** First and last point time, epoch ms. */
  firstT: number | null;
  lastT: number | null;
  /** Lines that were not JSON (a torn last line is normal while k6 writes). */
  badLines: number;
}

export interface K6IngestOptions {
  emit: (record: MetricWindow) => void;
  /** Default 1000 ms. */
  windowMs?: number;
  /** Default 3000 ms. */
  closeLagMs?: number;
  /** k6 scenario name → journey (points such as dropped_iterations carry only `scenario`). */
  scenarioJourneys?: Record<string, string>;
  keepRaw?: boolean;
  /** Every point as parsed, before it is aggregated (tags included). */
  onPoint?: (point: K6Point) => void;
  /**
   * Which metric makes the iterations: `journey_duration` (this tool's scripts), k6's own
   * `iteration_duration`, or `auto` (default): iteration_duration until the first journey_duration
   * point, then journey_duration only.
   */
  iterations?: 'auto' | 'journey_duration' | 'iteration_duration';
}

/** RFC 3339 with up to nanoseconds → epoch ms with the fraction kept. */
export function parseK6Time(text: string): number {
  const match = /^(.*T\d\d:\d\d:\d\d)(\.\d+)?(Z|[+-]\d\d:\d\d)$/.exec(text);
  if (!match) return Date.parse(text);
  return Date.parse(`${match[1]}${match[3]}`) + (match[2] ? Number(`0${match[2]}`) * 1000 : 0);
}

/** One parsed `Point` line, or null for Metric lines and anything else. */
export function parseK6Line(line: string): K6Point | null | 'bad' {
  if (line.trim() === '') return null;
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    return 'bad';
  }
  if (typeof record !== 'object' || record === null) return 'bad';
  const r = record as { type?: unknown; metric?: unknown; data?: { time?: unknown; value?: unknown; tags?: unknown } };
  if (r.type !== 'Point' || typeof r.metric !== 'string' || typeof r.data?.time !== 'string' || typeof r.data.value !== 'number') return null;
  const tags = typeof r.data.tags === 'object' && r.data.tags !== null ? (r.data.tags as Record<string, string>) : {};
  return { metric: r.metric, t: parseK6Time(r.data.time), value: r.data.value, tags };
}

const toUs = (ms: number) => Math.max(0, Math.round(ms * 1000));
const groupStep = (group: string | undefined, name: string | undefined) => {
  const last = (group ?? '').split('::').filter((g) => g !== '').pop();
  return last ?? name ?? 'request';
};

export class K6Ingest {
  private readonly windows: WindowAggregator;
  private readonly closeLagMs: number;
  private readonly journeys: Record<string, string>;
  private latest = -Infinity;
  private journeyDurationSeen = false;
  /** Iterations made from iteration_duration points (in `auto` mode: those before the first journey_duration). */
  iterationsFromIterationDuration = 0;
  private partial = '';
  /** Points with only a `scenario` tag whose journey is not known yet (k6 drops before any request). */
  private readonly pending = new Map<string, K6Point[]>();
  readonly totals: K6Totals = {
    httpReqs: 0,
    httpReqFailed: 0,
    iterations: 0,
    droppedIterations: 0,
    checks: { passes: 0, fails: 0 },
    httpReqDuration: newHistogram(),
    iterationDuration: newHistogram(),
    journeyDuration: newHistogram(),
    rawHttpReqDurationMs: [],
    firstT: null,
    lastT: null,
    badLines: 0,
  };

  /** Whether a journey_duration point was seen (the script reports whole journeys). */
  get hasJourneyDuration(): boolean {
    return this.journeyDurationSeen;
  }

  constructor(private readonly o: K6IngestOptions) {
    this.windows = new WindowAggregator(o.windowMs ?? 1000, o.emit);
    this.closeLagMs = o.closeLagMs ?? 3000;
    this.journeys = { ...o.scenarioJourneys };
  }

  /** Feeds a chunk of the file as read (lines may be split across chunks). */
  write(chunk: string): void {
    const text = this.partial + chunk;
    const lines = text.split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) this.line(line);
  }

  /** Feeds one complete line. */
  line(line: string): void {
    const point = parseK6Line(line);
    if (point === 'bad') {
      this.totals.badLines += 1;
      return;
    }
    if (point === null) return;
    this.o.onPoint?.(point);
    this.point(point);
  }

  /**
   * The rest of the file (a last line without newline), then every open window.
   * @param o.tornLastLine the file was cut mid-write: a last line without newline is dropped, not counted as bad.
   */
  end(o: { tornLastLine?: boolean } = {}): void {
    if (this.partial.trim() !== '' && !o.tornLastLine) this.line(this.partial);
    this.partial = '';
    for (const [scenario, points] of this.pending) {
      this.journeys[scenario] = scenario; // never learnt: the scenario stands for the journey
      this.pending.delete(scenario);
      for (const p of points) this.point(p);
    }
    this.windows.closeAll();
  }

  point(p: K6Point): void {
    const totals = this.totals;
    totals.firstT = totals.firstT === null ? p.t : Math.min(totals.firstT, p.t);
    totals.lastT = totals.lastT === null ? p.t : Math.max(totals.lastT, p.t);
    const scenario = p.tags.scenario;
    if (scenario !== undefined && p.tags.journey === undefined && this.journeys[scenario] === undefined) {
      const waiting = this.pending.get(scenario) ?? [];
      waiting.push(p);
      this.pending.set(scenario, waiting);
      return;
    }
    if (scenario !== undefined && p.tags.journey !== undefined && this.journeys[scenario] === undefined) {
      this.journeys[scenario] = p.tags.journey;
      const waiting = this.pending.get(scenario) ?? [];
      this.pending.delete(scenario);
      for (const w of waiting) this.point(w);
    }
    const journey = p.tags.journey ?? (scenario !== undefined ? (this.journeys[scenario] ?? scenario) : 'default');
    const push = this.windows;

    switch (p.metric) {
      case 'http_reqs':
        totals.httpReqs += p.value;
        break;
      case 'http_req_failed':
        totals.httpReqFailed += p.value;
        break;
      case 'http_req_duration':
        totals.httpReqDuration.recordValue(toUs(p.value));
        if (this.o.keepRaw) totals.rawHttpReqDurationMs.push(p.value);
        if (p.tags.step === undefined) {
          const error: ErrorKind | null = p.tags.expected_response === 'false' ? 'http_error' : null;
          push.push({ type: 'step', journey, step: groupStep(p.tags.group, p.tags.name), t: p.t, durationUs: toUs(p.value), error });
        }
        break;
      case 'checks':
        if (p.value > 0) totals.checks.passes += 1;
        else {
          totals.checks.fails += 1;
          push.push({ type: 'step', journey, step: groupStep(p.tags.group, p.tags.check), t: p.t, durationUs: 0, error: 'other' });
        }
        break;
      case 'iterations':
        totals.iterations += p.value;
        break;
      case 'dropped_iterations':
        totals.droppedIterations += p.value;
        for (let i = 0; i < p.value; i += 1) push.push({ type: 'arrival', journey, t: p.t, dropped: true });
        break;
      case 'iteration_duration':
        totals.iterationDuration.recordValue(toUs(p.value));
        if (this.o.iterations === 'iteration_duration' || (this.o.iterations !== 'journey_duration' && !this.journeyDurationSeen)) {
          this.iterationsFromIterationDuration += 1;
          this.iteration(journey, p, null);
        }
        break;
      case 'journey_duration':
        this.journeyDurationSeen = true;
        totals.journeyDuration.recordValue(toUs(p.value));
        if (this.o.iterations !== 'iteration_duration') this.iteration(journey, p, p.tags.outcome === undefined || p.tags.outcome === 'ok' ? null : errorKindOf({ kind: p.tags.outcome }));
        break;
      case 'step_duration':
        push.push({
          type: 'step',
          journey,
          step: p.tags.step ?? 'step',
          t: p.t,
          durationUs: toUs(p.value),
          error: p.tags.outcome === undefined || p.tags.outcome === 'ok' ? null : errorKindOf({ kind: p.tags.outcome }),
        });
        break;
    }
    if (p.t > this.latest) {
      this.latest = p.t;
      this.windows.closeUntil(p.t - this.closeLagMs);
    }
  }

  private iteration(journey: string, p: K6Point, error: ErrorKind | null): void {
    const startT = p.t - p.value;
    this.windows.push({ type: 'arrival', journey, t: startT, dropped: false });
    this.windows.push({ type: 'iteration', journey, t: p.t, intendedT: startT, latencyUs: toUs(p.value), serviceUs: toUs(p.value), error });
  }
}
