/**
 * The run directory format (version 1). Everything is appended as it happens (DESIGN.md principle 3):
 *
 *   runs/<id>/manifest.json     RunManifest, rewritten on status changes
 *   runs/<id>/metrics.ndjson    MetricWindow records, one per (window, journey, step)
 *   runs/<id>/events.ndjson     RunEvent records: phases, dropped iterations, errors, aborts
 *   runs/<id>/pg_activity.ndjson  PgActivitySample records from the activity collector
 *
 * Every NDJSON record carries `v: 1`. Times are epoch milliseconds.
 */
import type { LoadPlan } from '../engine/plan.js';
import type { OdooErrorKind } from '../odoo/types.js';

export const RUN_FORMAT_VERSION = 1 as const;

export type RunStatus = 'running' | 'completed' | 'aborted' | 'interrupted' | 'failed';

export interface RunManifest {
  v: 1;
  id: string;
  tool: { name: 'odoo-capacity'; version: string };
  status: RunStatus;
  /** Why the run ended early, when it did. */
  statusReason?: string;
  startedAt: string; // ISO 8601
  endedAt?: string;
  engine: 'embedded' | 'k6';
  /** No password: url, db and login only. */
  target: { url: string; db: string; login: string; transport?: string; serverVersion?: string };
  /** The PostgreSQL the collectors sampled, password removed; absent when none was given. */
  pg?: { url: string; serverVersion?: string };
  plan: LoadPlan;
  /** Which collectors ran, and their sources. */
  collectors: Array<{ name: string; intervalMs: number; source?: string }>;
  /** Window length of metrics.ndjson in milliseconds (1000). */
  windowMs: number;
  /** Machine that generated the load. */
  host: { hostname: string; cpus: number; platform: string; node: string };
}

/**
 * Latency of one (journey, step) in one window. `step: null` is the whole iteration, measured from
 * its *intended* start (coordinated-omission safe); steps are measured from their actual start.
 * Histograms are HdrHistogram compressed base64 (hdr-histogram-js `encodeIntoCompressedBase64`),
 * values in microseconds, so windows of several shards merge without loss.
 */
export interface MetricWindow {
  v: 1;
  type: 'window';
  /** Window start, epoch ms (aligned to windowMs). */
  t: number;
  journey: string;
  step: string | null;
  /** Completed without error. */
  ok: number;
  /** Failed, by error kind. */
  errors: Partial<Record<OdooErrorKind | 'other', number>>;
  /** Latency of successful and failed completions, µs, HDR compressed base64. */
  latency: string;
  /** Whole iterations only: service time from the actual start, µs, HDR compressed base64. */
  service?: string;
  /** Whole iterations only: iterations that were due in this window but found no free VU. */
  dropped?: number;
  /** Whole iterations only: iterations due in this window (arrivals), dropped included. */
  scheduled?: number;
}

export type RunEvent =
  | { v: 1; type: 'phase'; t: number; phase: string; edge: 'start' | 'end' }
  | { v: 1; type: 'error'; t: number; journey: string; step: string | null; kind: string; message: string }
  | { v: 1; type: 'status'; t: number; status: RunStatus; reason?: string }
  | { v: 1; type: 'warning'; t: number; source: string; message: string }
  | { v: 1; type: 'collector-gap'; t: number; collector: string; fromT: number; toT: number; reason: string };

/** One pg_stat_activity sample: the non-idle backends of the target database at time t. */
export interface PgActivitySample {
  v: 1;
  type: 'pg_activity';
  t: number;
  /** All client backends of the database, idle included, for connection counts. */
  total: number;
  sessions: PgSession[];
}

export interface PgSession {
  pid: number;
  /** `active`, `idle in transaction`, … (idle sessions are not stored). */
  state: string;
  waitEventType: string | null;
  waitEvent: string | null;
  applicationName: string;
  backendType: string;
  queryId?: string | null;
  /** Seconds since the transaction / query started. */
  xactAgeS: number | null;
  queryAgeS: number | null;
  /** Odoo-aware class, see src/analyze/wait-class.ts. */
  waitClass: WaitClass;
}

/**
 * What a sampled session was doing, in Odoo terms:
 * - `cpu`: active, no wait event — executing in PostgreSQL;
 * - `odoo-python`: idle in transaction waiting on Client:ClientRead — Odoo computing in Python with a transaction open;
 * - `lock`: waiting on a heavyweight lock (wait_event_type Lock);
 * - `lwlock`, `io`, `ipc`, `client`, `timeout`, `other`: the PostgreSQL wait_event_type families.
 */
export type WaitClass = 'cpu' | 'odoo-python' | 'lock' | 'lwlock' | 'io' | 'ipc' | 'client' | 'timeout' | 'other';
