/**
 * Builders for run records with known latency data (tests only). Values are recorded in µs into
 * real HdrHistograms and encoded exactly as the engine stores them.
 */
import type { LoadPlan } from '../../../src/plan/plan.js';
import { encodeHistogram, newHistogram } from '../../../src/run/histogram.js';
import type { MetricWindow, PgActivitySample, PgSession, RunManifest } from '../../../src/run/records.js';

/** Run start, epoch ms (aligned to the 1 s window). */
export const START_MS = Date.UTC(2026, 2, 2, 8, 0, 0);

/** Encodes latencies given in ms as the µs histogram of a MetricWindow. */
export function encodeMs(valuesMs: number[]): string {
  const histogram = newHistogram();
  for (const ms of valuesMs) histogram.recordValue(Math.round(ms * 1000));
  const encoded = encodeHistogram(histogram);
  histogram.destroy();
  return encoded;
}

/** Integers from..to inclusive. */
export function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** Splits values round-robin into `parts` lists (value i goes to part i mod parts). */
export function deal(values: number[], parts: number): number[][] {
  const out = Array.from({ length: parts }, (): number[] => []);
  values.forEach((v, i) => out[i % parts]?.push(v));
  return out;
}

export interface WindowSpec {
  /** Seconds since START_MS (window start). */
  atS: number;
  journey: string;
  step?: string | null;
  latencyMs: number[];
  serviceMs?: number[];
  errors?: MetricWindow['errors'];
  dropped?: number;
  scheduled?: number;
}

/** A MetricWindow whose `ok` is the number of latencies minus the errors. */
export function window(spec: WindowSpec): MetricWindow {
  const errors = spec.errors ?? {};
  const errorCount = Object.values(errors).reduce<number>((sum, n) => sum + (n ?? 0), 0);
  const record: MetricWindow = {
    v: 1,
    type: 'window',
    t: START_MS + spec.atS * 1000,
    journey: spec.journey,
    step: spec.step ?? null,
    ok: spec.latencyMs.length - errorCount,
    errors,
    latency: encodeMs(spec.latencyMs),
  };
  if (spec.serviceMs !== undefined) record.service = encodeMs(spec.serviceMs);
  if (spec.dropped !== undefined) record.dropped = spec.dropped;
  if (spec.scheduled !== undefined) record.scheduled = spec.scheduled;
  return record;
}

export function plan(overrides: Partial<LoadPlan> = {}): LoadPlan {
  return {
    version: 1,
    profile: 'morning-order-wave',
    seed: 1,
    scale: 1,
    compress: { factor: 1, keep: 'peak-rates' },
    durationS: 20,
    phases: [
      { name: 'ramp', startS: 0, endS: 10, businessStart: '06:00', businessEnd: '07:00' },
      { name: 'peak', startS: 10, endS: 20, businessStart: '07:00', businessEnd: '08:00' },
    ],
    scenarios: [],
    slos: { 'order-entry': { p95Ms: 1000 } },
    ...overrides,
  };
}

export function manifest(overrides: Partial<RunManifest> = {}): RunManifest {
  return {
    v: 1,
    id: 'run-1',
    tool: { name: 'odoo-capacity', version: '0.1.0' },
    status: 'completed',
    startedAt: new Date(START_MS).toISOString(),
    endedAt: new Date(START_MS + 20_000).toISOString(),
    engine: 'embedded',
    target: { url: 'http://127.0.0.1:8069', db: 'staging', login: 'admin' },
    plan: plan(),
    collectors: [],
    windowMs: 1000,
    host: { hostname: 'test', cpus: 2, platform: 'linux', node: 'v20' },
    ...overrides,
  };
}

export function session(state = 'active', waitEventType: string | null = null, waitEvent: string | null = null): PgSession {
  return {
    pid: 1,
    state,
    waitEventType,
    waitEvent,
    applicationName: 'odoo',
    backendType: 'client backend',
    xactAgeS: 0.1,
    queryAgeS: 0.1,
  };
}

export function activity(atMs: number, sessions: PgSession[], total = sessions.length): PgActivitySample {
  return { v: 1, type: 'pg_activity', t: START_MS + atMs, total, sessions };
}
