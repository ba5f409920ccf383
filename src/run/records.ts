/**
 * The run directory format (version 1). Everything is appended as it happens (DESIGN.md principle 3):
 *
 *   runs/<id>/manifest.json     RunManifest, rewritten on status changes
 *   runs/<id>/metrics.ndjson    MetricWindow records, one per (window, journey, step)
 *   runs/<id>/events.ndjson     RunEvent records: phases, dropped iterations, errors, aborts
 *   runs/<id>/pg_activity.ndjson  PgActivitySample records from the activity collector
 *   runs/<id>/pg_wait_sampling.ndjson  PgWaitProfile records (only when pg_wait_sampling is installed)
 *   runs/<id>/pg_stats.ndjson   PgStatsRecord: counter snapshots, lock waits, notes (src/collect/pg-stats.ts)
 *   runs/<id>/odoo_log.ndjson   OdooLogRecord: parsed Odoo log lines (src/collect/odoo-log.ts)
 *   runs/<id>/pg_log.ndjson     PgLogError: concurrency errors from the PostgreSQL log, when readable
 *
 * Every NDJSON record carries `v: RUN_FORMAT_VERSION` (1). Times are epoch milliseconds.
 */
import type { LoadPlan } from '../plan/plan.js';
import type { OdooErrorKind } from '../odoo/types.js';

export const RUN_FORMAT_VERSION = 1 as const;

export const RUN_STATUSES = ['running', 'completed', 'aborted', 'interrupted', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export interface RunManifest {
  v: typeof RUN_FORMAT_VERSION;
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
  host: { hostname: string; cpus: number; platform: string; node: string; /** The process writing the run (liveness on the same host). */ pid?: number };
  /**
   * The tested Odoo server's shape when known (flags `--odoo-workers`, `--odoo-cores`, `--db-cores`,
   * or the lab): the sizing model's replay runs on it. Added with issue 16.
   */
  server?: ServerShapeRecord;
  /** This run was one execution segment of the plan (`run --segment i/n`). Added with issue 6. */
  segment?: { index: number; count: number };
  /** This run was merged from these runs (`merge`). Added with issue 6. */
  mergedFrom?: MergedFrom[];
  /**
   * `collect`: the directory holds only the collectors' streams of a time window, no load
   * (`odoo-capacity collect`, while other machines make the load); `merge` and `ingest k6 --collect`
   * join it to the load runs. Absent: a load run. Added with issue 18.
   */
  kind?: 'collect';
}

/** The tested server: HTTP workers, cores Odoo and PostgreSQL share, cores of a separate database host; and who said so. */
export interface ServerShapeRecord {
  workers?: number;
  cores?: number;
  dbCores?: number;
  source: string;
}

/**
 * Latency of one (journey, step) in one window. `step: null` is the whole iteration, measured from
 * its *intended* start (coordinated-omission safe); steps are measured from their actual start.
 * Histograms are HdrHistogram compressed base64 (hdr-histogram-js `encodeIntoCompressedBase64`),
 * values in microseconds, so windows of several shards merge without loss.
 */
export interface MetricWindow {
  v: typeof RUN_FORMAT_VERSION;
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
  | { v: typeof RUN_FORMAT_VERSION; type: 'phase'; t: number; phase: string; edge: 'start' | 'end' }
  | { v: typeof RUN_FORMAT_VERSION; type: 'error'; t: number; journey: string; step: string | null; kind: string; message: string }
  | { v: typeof RUN_FORMAT_VERSION; type: 'status'; t: number; status: RunStatus; reason?: string }
  | { v: typeof RUN_FORMAT_VERSION; type: 'warning'; t: number; source: string; message: string }
  | { v: typeof RUN_FORMAT_VERSION; type: 'collector-gap'; t: number; collector: string; fromT: number; toT: number; reason: string };

/** One pg_stat_activity sample: the non-idle backends of the target database at time t. */
export interface PgActivitySample {
  v: typeof RUN_FORMAT_VERSION;
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
  // Runs written before issue 17 also carry `waitClass`; analysis ignores it and classifies the raw
  // fields above (src/analyze/wait-class.ts), so a better classification applies to old runs too.
}

/**
 * What a sampled session was doing, in Odoo terms:
 * - `cpu`: active, no wait event — executing in PostgreSQL;
 * - `odoo-python`: idle in transaction waiting on Client:ClientRead — Odoo computing in Python with a transaction open;
 * - `lock`: waiting on a heavyweight lock (wait_event_type Lock);
 * - `lwlock`, `io`, `ipc`, `client`, `timeout`, `other`: the PostgreSQL wait_event_type families.
 */
export const WAIT_CLASSES = ['cpu', 'odoo-python', 'lock', 'lwlock', 'io', 'ipc', 'client', 'timeout', 'other'] as const;
export type WaitClass = (typeof WAIT_CLASSES)[number];

// ── Collector records added with issue 7 (additive) ─────────────────────────────────────────

/** NDJSON stream names of the collectors (file `<name>.ndjson`). */
export const COLLECTOR_STREAMS = {
  pgActivity: 'pg_activity',
  pgWaitSampling: 'pg_wait_sampling',
  pgStats: 'pg_stats',
  odooLog: 'odoo_log',
  pgLog: 'pg_log',
} as const;

/** Every NDJSON stream of a run directory: the load's own and the collectors'. */
export const RUN_STREAMS = { metrics: 'metrics', events: 'events', engine: 'engine', ...COLLECTOR_STREAMS } as const;
export type RunStream = (typeof RUN_STREAMS)[keyof typeof RUN_STREAMS];

/** The file of a stream in the run directory. */
export const streamFile = (stream: RunStream): `${RunStream}.ndjson` => `${stream}.ndjson`;

/**
 * Cumulative wait-event counts from pg_wait_sampling_profile for the target database's backends,
 * summed per (event type, event); the extension samples every `pg_wait_sampling.profile_period`
 * (10 ms by default), so count × period ≈ time spent in that wait. Deltas between two profiles
 * give the waits in between.
 */
export interface PgWaitProfile {
  v: typeof RUN_FORMAT_VERSION;
  type: 'pg_wait_profile';
  t: number;
  /** Milliseconds between two samples of the extension (`pg_wait_sampling.profile_period`). */
  periodMs: number;
  /** eventType null with event null = on CPU (no wait). */
  entries: Array<{ eventType: string | null; event: string | null; count: number }>;
}

/** A raw counter row: column name → value, numbers only (timestamps and names dropped). */
export type PgCounters = Record<string, number>;

/** One pg_stat_statements row, raw cumulative counters since the extension's last reset. */
export interface PgStatementRow {
  /** pg_stat_statements.queryid as text (a 64-bit integer). */
  queryId: string;
  /** Normalized query text, truncated; `<insufficient privilege>` when hidden from the role. */
  query: string;
  calls: number;
  /** Milliseconds. */
  totalExecTimeMs: number;
  meanExecTimeMs: number;
  rows: number;
  sharedBlksHit: number;
  sharedBlksRead: number;
}

/**
 * One snapshot of PostgreSQL's cumulative counters (raw values; deltas are computed by
 * src/analyze/pg-stats.ts). `edge` marks the snapshots taken when the collector started and stopped.
 * A view the role cannot read, or that this server version lacks, is `null`.
 */
export interface PgStatsSnapshot {
  v: typeof RUN_FORMAT_VERSION;
  type: 'pg_stats';
  t: number;
  edge?: 'start' | 'end';
  serverVersionNum: number;
  /** pg_stat_database of the target database (xact_commit, xact_rollback, deadlocks, conflicts, temp_files, temp_bytes, blks_read, blks_hit, tup_*, …). */
  database: PgCounters | null;
  /** pg_stat_bgwriter (on PostgreSQL < 17 it also holds the checkpoint counters). */
  bgwriter: PgCounters | null;
  /** pg_stat_checkpointer, PostgreSQL ≥ 17. */
  checkpointer: PgCounters | null;
  /** pg_stat_wal, PostgreSQL ≥ 14 (wal_records, wal_fpi, wal_bytes, wal_buffers_full, …). */
  wal: PgCounters | null;
  /** Client backends of the whole cluster and of the target database, against max_connections. */
  connections: { inUse: number; database: number; max: number; reservedSuperuser: number };
  /** Top statements of the target database by total_exec_time; absent when pg_stat_statements is unreadable. */
  statements?: PgStatementRow[];
}

/** A backend waiting for a heavyweight lock, and who blocks it (pg_locks + pg_blocking_pids()). */
export interface PgLockWaitEntry {
  pid: number;
  blockingPids: number[];
  /** Seconds since pg_locks.waitstart (PostgreSQL ≥ 14), or since the query started before that. */
  waitS: number;
  /** pg_locks.waitstart as epoch ms: with pid, identifies one wait across ticks. */
  waitStart: number | null;
  /** pg_locks.locktype (`transactionid` for a row updated by another transaction, `relation`, `tuple`, …) and mode. */
  lockType: string;
  mode: string;
  relation: string | null;
  queryId: string | null;
  blockingQueryIds: string[];
  applicationName: string;
}

/** The lock waits of one tick, longest first (at most the collector's `maxLockWaits`). */
export interface PgLockWaits {
  v: typeof RUN_FORMAT_VERSION;
  type: 'pg_lock_waits';
  t: number;
  waits: PgLockWaitEntry[];
}

/** Something the stats collector could not see, in one line (missing extension or privilege). */
export interface PgStatsNote {
  v: typeof RUN_FORMAT_VERSION;
  type: 'pg_stats_note';
  t: number;
  topic: 'pg_stat_statements' | 'privileges' | 'pg_wait_sampling' | 'view';
  message: string;
}

export type PgStatsRecord = PgStatsSnapshot | PgLockWaits | PgStatsNote;

/** One werkzeug request line: `"POST /xmlrpc/2/object HTTP/1.1" 200 - 79 0.054 0.095`. */
export interface OdooRequestRecord {
  v: typeof RUN_FORMAT_VERSION;
  type: 'odoo_request';
  /** Log line time, epoch ms (Odoo logs in UTC). */
  t: number;
  pid: number;
  db: string | null;
  method: string;
  /** Path without the query string. */
  path: string;
  status: number;
  /** SQL queries run by the request, seconds spent in SQL and elsewhere; null when Odoo logged `- - -`. */
  queries: number | null;
  sqlS: number | null;
  otherS: number | null;
  /** From `/web/dataset/call_kw/<model>/<method>` paths. */
  model?: string;
  rpcMethod?: string;
}

/** `SERIALIZATION_FAILURE, 4 tries left, try again in 0.0298 sec...` (odoo/service/model.py retrying()). */
export interface OdooRetryRecord {
  v: typeof RUN_FORMAT_VERSION;
  type: 'odoo_retry';
  t: number;
  pid: number;
  db: string | null;
  /** psycopg2 errorcodes name: SERIALIZATION_FAILURE, LOCK_NOT_AVAILABLE or DEADLOCK_DETECTED. */
  code: string;
  /** null with `exhausted` when Odoo gave up ("maximum number of tries reached!"). */
  triesLeft: number | null;
  waitS: number | null;
  exhausted: boolean;
}

/** Worker life cycle and limits (odoo/service/server.py). */
export const ODOO_WORKER_EVENTS = [
  'spawned',
  'exiting',
  'max-requests',
  'memory-limit',
  'cpu-limit',
  'timeout-killed',
  'real-time-limit',
  'server-memory-limit',
  'critical-error',
  'worker-exception',
  'server-start',
  'server-stop',
] as const;
export type OdooWorkerEvent = (typeof ODOO_WORKER_EVENTS)[number];

export interface OdooWorkerRecord {
  v: typeof RUN_FORMAT_VERSION;
  type: 'odoo_worker';
  t: number;
  /** Pid of the process that logged the line. */
  pid: number;
  event: OdooWorkerEvent;
  /** Pid of the worker concerned, when the line names one. */
  workerPid?: number;
  /** WorkerHTTP, WorkerCron, … when the line names it. */
  workerKind?: string;
  message: string;
}

/** Concurrency error class from a PostgreSQL error message (SQLSTATE 40001, 40P01, 55P03). */
export type ConcurrencyErrorClass = 'serialization_failure' | 'deadlock' | 'lock_not_available';

/** An ERROR or CRITICAL log entry with its continuation lines (traceback, PostgreSQL message). */
export interface OdooErrorRecord {
  v: typeof RUN_FORMAT_VERSION;
  type: 'odoo_error';
  t: number;
  pid: number;
  db: string | null;
  level: 'ERROR' | 'CRITICAL';
  logger: string;
  /** First line, truncated. */
  message: string;
  /** Continuation lines, truncated. */
  detail: string;
  concurrencyClass: ConcurrencyErrorClass | null;
}

export type OdooLogRecord = OdooRequestRecord | OdooRetryRecord | OdooWorkerRecord | OdooErrorRecord;

/** A concurrency error in the PostgreSQL server log (`ERROR:  could not serialize access …`). */
export interface PgLogError {
  v: typeof RUN_FORMAT_VERSION;
  type: 'pg_log_error';
  /** When the collector read it (the log line's own prefix format is configurable), epoch ms. */
  t: number;
  concurrencyClass: ConcurrencyErrorClass;
  message: string;
}

// ── Engine records added with issue 6 (additive) ────────────────────────────────────────────

/**
 * The load generator's own health in one window (`engine.ndjson`, src/engine/self-monitor.ts), so
 * a run can tell "Odoo was slow" from "the load generator could not keep up".
 */
export interface EngineHealthRecord {
  v: typeof RUN_FORMAT_VERSION;
  type: 'engine';
  /** Window start, epoch ms. */
  t: number;
  windowMs: number;
  /** Event-loop delay (perf_hooks.monitorEventLoopDelay) in the window: 99th percentile and maximum, ms. */
  loopLagP99Ms: number;
  loopLagMaxMs: number;
  /** CPU time of this process (user + system, process.cpuUsage) ÷ window length: 1 = one core busy. */
  cpuShare: number;
  /** 99th percentile of iteration start lag (actual − intended start), ms; null when none started. */
  startLagP99Ms: number | null;
  /** Arrivals handled in the window (started + dropped). */
  arrivals: number;
  /** Resident set size and V8 heap in use at the end of the window, bytes. */
  rssBytes: number;
  heapUsedBytes: number;
}

/** How the run directory was produced from several (run `merge`, src/run/merge.ts). */
export interface MergedFrom {
  /** Run id, or for `ingest k6` the k6 output file's name. */
  id: string;
  /** `collect`: a collect-only run whose streams were joined (issue 18). */
  kind?: 'collect';
  /** Execution segment of that run (`run --segment i/n`), when it had one. */
  segment?: { index: number; count: number };
  status: RunStatus;
  host?: RunManifest['host'];
}
