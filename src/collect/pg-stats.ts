/**
 * The PostgreSQL statistics collector: raw snapshots of the cumulative counters, and the lock
 * waits of the target database (records of src/run/records.ts, stream `pg_stats`).
 *
 *   start ─► privileges check (notes) ─► snapshot edge=start (top `boundaryStatements` statements)
 *   every locksIntervalMs (1 s):  lock waits — pg_locks ⨝ pg_stat_activity, pg_blocking_pids()
 *   every statsIntervalMs (5 s):  snapshot — pg_stat_database (target db), pg_stat_bgwriter,
 *                                  pg_stat_checkpointer (≥ 17), pg_stat_wal (≥ 14), connections,
 *                                  top `topStatements` of pg_stat_statements by total_exec_time
 *   stop ─► snapshot edge=end (top `boundaryStatements` statements)
 *
 * Views are read with to_jsonb(), keeping every numeric column: PostgreSQL 15 (checkpoints in
 * pg_stat_bgwriter, wal_write/wal_sync in pg_stat_wal) and 18 (pg_stat_checkpointer, a slimmer
 * pg_stat_wal) both come through unchanged; src/analyze/pg-stats.ts knows both sets of names.
 * Deltas are not computed here: the run keeps raw values.
 *
 * Resilience as pg-activity: a lost connection is reopened with back-off and the unread span is
 * reported through `onGap`; a view the role cannot read gives `null` and one note; stop() never rejects.
 */
import type { ClientConfig, QueryResultRow } from 'pg';
import type pg from 'pg';
import { RUN_FORMAT_VERSION, type PgCounters, type PgLockWaitEntry, type PgStatementRow, type PgStatsRecord, type PgStatsSnapshot } from '../run/records.js';
import { systemClock, type CollectorClock } from './clock.js';
import { CollectorOptionError, COLLECTOR_APPLICATION_NAME } from './pg-activity.js';
import {
  collectorClientConfig,
  openCollectorClient,
  passwordScrubber,
  reasonOf,
  startSamplingLoop,
  type LoopGap,
} from './pg-connection.js';
import { checkPrivileges, sqlState, type PrivilegeReport } from './pg-privileges.js';

export const STATS_SOURCE = 'pg_stat_database+pg_stat_statements' as const;

export interface PgStatsCollectorOptions {
  pgUrl: string | ClientConfig;
  /** The Odoo database (pg_stat_database.datname; pg_stat_statements and locks are filtered on it). */
  database: string;
  /** Counter snapshots, ms (default 5000, 1000–300000; rounded to a multiple of locksIntervalMs). */
  statsIntervalMs?: number;
  /** Lock-wait readings, ms (default 1000, 100–60000, at most statsIntervalMs). */
  locksIntervalMs?: number;
  /** Statements kept per periodic snapshot (default 50). */
  topStatements?: number;
  /** Statements kept in the start and end snapshots, the baselines of run deltas (default 1000). */
  boundaryStatements?: number;
  /** Lock waits kept per reading, longest first (default 20). */
  maxLockWaits?: number;
  /** Characters of normalized query text kept (default 300). */
  queryTextMax?: number;
  sink: (record: PgStatsRecord) => void;
  onGap?: (gap: LoopGap & { collector: 'pg_stats' }) => void;
  onWarning?: (message: string) => void;
  clock?: CollectorClock;
  backoff?: { initialMs: number; maxMs: number };
}

export interface PgStatsCollector {
  source: typeof STATS_SOURCE;
  /** The privilege check of the first successful connection (undefined if none succeeded yet). */
  readonly privileges: PrivilegeReport | undefined;
  readonly serverVersionNum: number | undefined;
  /** Takes the end snapshot (reconnecting once if needed), closes the connection. Never rejects. */
  stop(): Promise<void>;
}

interface JsonRow extends QueryResultRow {
  j: Record<string, unknown> | null;
}

/** Keeps the numeric columns of a to_jsonb() row. Pure. */
export function countersOf(json: Record<string, unknown> | null | undefined): PgCounters | null {
  if (json === null || json === undefined) return null;
  const counters: PgCounters = {};
  for (const [key, value] of Object.entries(json)) {
    if (typeof value === 'number' && Number.isFinite(value) && key !== 'datid') counters[key] = value;
  }
  return counters;
}

const STATEMENTS_SQL = `SELECT s.queryid::text AS query_id,
       left(regexp_replace(min(s.query), '\\s+', ' ', 'g'), $2) AS query,
       sum(s.calls)::float8 AS calls, sum(s.total_exec_time)::float8 AS total_exec_time,
       sum(s.rows)::float8 AS rows, sum(s.shared_blks_hit)::float8 AS shared_blks_hit,
       sum(s.shared_blks_read)::float8 AS shared_blks_read
  FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
 WHERE d.datname = $1 AND s.queryid IS NOT NULL
 GROUP BY s.queryid
 ORDER BY sum(s.total_exec_time) DESC
 LIMIT $3`;

/** pg_locks.waitstart exists since PostgreSQL 14; before, the query start is the best bound. */
function lockWaitsSql(serverVersionNum: number): string {
  const waitStart = serverVersionNum >= 140000 ? 'l.waitstart' : 'a.query_start';
  const queryId = serverVersionNum >= 140000 ? 'a.query_id::text' : 'NULL::text';
  const blockingIds =
    serverVersionNum >= 140000
      ? `ARRAY(SELECT b.query_id::text FROM pg_stat_activity b WHERE b.pid = ANY(pg_blocking_pids(a.pid)) AND b.query_id IS NOT NULL)`
      : `ARRAY[]::text[]`;
  return `SELECT a.pid, pg_blocking_pids(a.pid) AS blocking_pids, l.locktype, l.mode,
       CASE WHEN l.relation IS NOT NULL THEN l.relation::regclass::text END AS relation,
       extract(epoch FROM now() - coalesce(${waitStart}, a.query_start))::float8 AS wait_s,
       (extract(epoch FROM ${waitStart}) * 1000)::float8 AS wait_start,
       ${queryId} AS query_id, ${blockingIds} AS blocking_query_ids, coalesce(a.application_name, '') AS application_name
  FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
 WHERE NOT l.granted AND a.datname = $1 AND a.pid <> pg_backend_pid()
 ORDER BY wait_s DESC NULLS LAST
 LIMIT $2`;
}

interface LockRow extends QueryResultRow {
  pid: number;
  blocking_pids: number[];
  locktype: string;
  mode: string;
  relation: string | null;
  wait_s: number | null;
  wait_start: number | null;
  query_id: string | null;
  blocking_query_ids: string[];
  application_name: string;
}

interface StatementRow extends QueryResultRow {
  query_id: string;
  query: string | null;
  calls: number;
  total_exec_time: number;
  rows: number;
  shared_blks_hit: number;
  shared_blks_read: number;
}

/** Turns pg_stat_statements rows into records. Pure. */
export function toStatementRows(rows: readonly StatementRow[]): PgStatementRow[] {
  return rows.map((r) => ({
    queryId: r.query_id,
    query: r.query ?? '',
    calls: r.calls,
    totalExecTimeMs: round3(r.total_exec_time),
    meanExecTimeMs: r.calls > 0 ? round3(r.total_exec_time / r.calls) : 0,
    rows: r.rows,
    sharedBlksHit: r.shared_blks_hit,
    sharedBlksRead: r.shared_blks_read,
  }));
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Starts the collector. Only invalid options reject (CollectorOptionError). */
export async function startPgStatsCollector(options: PgStatsCollectorOptions): Promise<PgStatsCollector> {
  const settings = checkedSettings(options);
  const scrub = passwordScrubber(options.pgUrl);
  const out = outputs(options, settings.clock, scrub);
  const reader = statsReader(options, settings, out);
  const loop = await startSamplingLoop({
    intervalMs: settings.locksIntervalMs,
    clock: settings.clock,
    backoff: options.backoff ?? { initialMs: 250, maxMs: 30_000 },
    connect: reader.connect,
    scrub,
    tick: async (client, index) => {
      await reader.lockWaits(client);
      // Tick 0 is the start snapshot's moment: the periodic ones follow every `every` ticks.
      if (index > 0 && index % settings.every === 0) await reader.snapshot(client);
    },
    onGap: (gap) => {
      try {
        options.onGap?.({ collector: 'pg_stats', ...gap });
      } catch (error) {
        out.warn(`pg stats gap handler failed: ${reasonOf(error)}`);
      }
    },
  });
  let stopping: Promise<void> | undefined;
  return {
    source: STATS_SOURCE,
    get privileges() {
      return reader.privileges;
    },
    get serverVersionNum() {
      return reader.serverVersionNum === 0 ? undefined : reader.serverVersionNum;
    },
    stop() {
      stopping ??= stopWithEndSnapshot(reader, loop, out.warn);
      return stopping;
    },
  };
}

/** The options checked, with their defaults. @throws CollectorOptionError */
function checkedSettings(options: PgStatsCollectorOptions) {
  const locksIntervalMs = options.locksIntervalMs ?? 1000;
  const statsIntervalMs = options.statsIntervalMs ?? 5000;
  if (!(Number.isInteger(locksIntervalMs) && locksIntervalMs >= 100 && locksIntervalMs <= 60_000)) {
    throw new CollectorOptionError(`pg stats locks interval: expected whole milliseconds from 100 to 60000, got ${locksIntervalMs}`);
  }
  if (!(Number.isInteger(statsIntervalMs) && statsIntervalMs >= 1000 && statsIntervalMs <= 300_000 && statsIntervalMs >= locksIntervalMs)) {
    throw new CollectorOptionError(
      `pg stats interval: expected whole milliseconds from 1000 to 300000 and ≥ the locks interval (${locksIntervalMs}), got ${statsIntervalMs}`,
    );
  }
  if (options.database === '') throw new CollectorOptionError('pg stats database: expected a database name, got ""');
  return {
    locksIntervalMs,
    /** A counter snapshot every `every` lock-wait ticks. */
    every: Math.max(1, Math.round(statsIntervalMs / locksIntervalMs)),
    clock: options.clock ?? systemClock,
    config: collectorClientConfig(options.pgUrl, locksIntervalMs),
    topStatements: options.topStatements ?? 50,
    boundaryStatements: options.boundaryStatements ?? 1000,
    maxLockWaits: options.maxLockWaits ?? 20,
    queryTextMax: options.queryTextMax ?? 300,
  };
}

type Settings = ReturnType<typeof checkedSettings>;

/** Where the collector's records and warnings go; neither a failing sink nor a failing warning handler stops it. */
function outputs(options: PgStatsCollectorOptions, clock: Settings['clock'], scrub: (text: string) => string) {
  const warn = (message: string) => {
    try {
      options.onWarning?.(scrub(message));
    } catch {
      // A failing warning handler must not stop the collector.
    }
  };
  let warnedSink = false;
  const emit = (record: PgStatsRecord) => {
    try {
      options.sink(record);
    } catch (error) {
      if (!warnedSink) warn(`pg stats sink failed: ${reasonOf(error)}`);
      warnedSink = true;
    }
  };
  /** Views already reported unreadable: one note each. */
  const noted = new Set<string>();
  const note = (topic: 'pg_stat_statements' | 'privileges' | 'view', message: string) => {
    if (noted.has(message)) return;
    noted.add(message);
    emit({ v: RUN_FORMAT_VERSION, type: 'pg_stats_note', t: clock.now(), topic, message });
  };
  return { warn, emit, note };
}

type Outputs = ReturnType<typeof outputs>;

/** Reading the counters and lock waits over one connection; remembers the server version and privileges. */
function statsReader(options: PgStatsCollectorOptions, settings: Settings, out: Outputs) {
  const { clock } = settings;
  const state = {
    privileges: undefined as PrivilegeReport | undefined,
    serverVersionNum: 0,
    startTaken: false,
  };

  /** One view's row as counters; a server error (permission, missing view) gives null and a note. */
  const readView = async (client: pg.Client, name: string, sql: string, params: unknown[] = []): Promise<PgCounters | null> => {
    try {
      const result = await client.query<JsonRow>(sql, params);
      return countersOf(result.rows[0]?.j);
    } catch (error) {
      if (sqlState(error) === undefined) throw error;
      out.note('view', `${name} is not readable: ${reasonOf(error)}`);
      return null;
    }
  };

  const readStatements = async (client: pg.Client, limit: number): Promise<PgStatementRow[] | undefined> => {
    if (state.privileges?.statements !== 'ok') return undefined;
    try {
      const result = await client.query<StatementRow>(STATEMENTS_SQL, [options.database, settings.queryTextMax, limit]);
      return toStatementRows(result.rows);
    } catch (error) {
      if (sqlState(error) === undefined) throw error;
      out.note('pg_stat_statements', `pg_stat_statements is not readable: ${reasonOf(error)}`);
      return undefined;
    }
  };

  const snapshot = async (client: pg.Client, edge?: 'start' | 'end'): Promise<void> => {
    const t = clock.now();
    const version = state.serverVersionNum;
    const database = await readView(client, 'pg_stat_database', 'SELECT to_jsonb(d) AS j FROM pg_stat_database d WHERE datname = $1', [options.database]);
    const bgwriter = await readView(client, 'pg_stat_bgwriter', 'SELECT to_jsonb(b) AS j FROM pg_stat_bgwriter b');
    const checkpointer = version >= 170000 ? await readView(client, 'pg_stat_checkpointer', 'SELECT to_jsonb(c) AS j FROM pg_stat_checkpointer c') : null;
    const wal = version >= 140000 ? await readView(client, 'pg_stat_wal', 'SELECT to_jsonb(w) AS j FROM pg_stat_wal w') : null;
    const connections = await readConnections(client, options.database);
    const statements = await readStatements(client, edge === undefined ? settings.topStatements : settings.boundaryStatements);
    const record: PgStatsSnapshot = {
      v: RUN_FORMAT_VERSION,
      type: 'pg_stats',
      t,
      ...(edge ? { edge } : {}),
      serverVersionNum: version,
      database,
      bgwriter,
      checkpointer,
      wal,
      connections,
      ...(statements ? { statements } : {}),
    };
    out.emit(record);
  };

  const lockWaits = async (client: pg.Client): Promise<void> => {
    const t = clock.now();
    const result = await client.query<LockRow>(lockWaitsSql(state.serverVersionNum), [options.database, settings.maxLockWaits]);
    const waits = result.rows.map(toLockWaitEntry);
    // Nothing waiting: no record (the absence of lock waits is the default reading).
    if (waits.length > 0) out.emit({ v: RUN_FORMAT_VERSION, type: 'pg_lock_waits', t, waits });
  };

  /** Opens a connection: the server version, the privileges (once) and the start snapshot (once). */
  const connect = async () => {
    const opened = await openCollectorClient(settings.config);
    try {
      await opened.client.query(`SET application_name = '${COLLECTOR_APPLICATION_NAME}'`);
      const version = await opened.client.query<{ v: number }>(`SELECT current_setting('server_version_num')::int AS v`);
      state.serverVersionNum = version.rows[0]?.v ?? 0;
      if (state.privileges === undefined) {
        state.privileges = await checkPrivileges(opened.client, options.database);
        for (const line of state.privileges.missing) out.note(line.startsWith('pg_stat_statements') ? 'pg_stat_statements' : 'privileges', line);
      }
      if (!state.startTaken) {
        await snapshot(opened.client, 'start');
        state.startTaken = true;
      }
    } catch (error) {
      await opened.client.end().catch(() => undefined);
      throw error;
    }
    return opened;
  };

  return {
    snapshot,
    lockWaits,
    connect,
    get privileges() {
      return state.privileges;
    },
    get serverVersionNum() {
      return state.serverVersionNum;
    },
  };
}

/** Client backends of the cluster and of the database, against max_connections. */
async function readConnections(client: pg.Client, database: string): Promise<PgStatsSnapshot['connections']> {
  const connections = await client.query<{ in_use: number; database: number; max: number; reserved: number }>(
    `SELECT count(*) FILTER (WHERE backend_type = 'client backend')::int AS in_use,
            count(*) FILTER (WHERE backend_type = 'client backend' AND datname = $1)::int AS database,
            current_setting('max_connections')::int AS max,
            current_setting('superuser_reserved_connections')::int AS reserved
       FROM pg_stat_activity`,
    [database],
  );
  const c = connections.rows[0]!;
  return { inUse: c.in_use, database: c.database, max: c.max, reservedSuperuser: c.reserved };
}

function toLockWaitEntry(r: LockRow): PgLockWaitEntry {
  return {
    pid: r.pid,
    blockingPids: r.blocking_pids,
    waitS: r.wait_s === null ? 0 : round3(Math.max(0, r.wait_s)),
    waitStart: r.wait_start === null ? null : Math.round(r.wait_start),
    lockType: r.locktype,
    mode: r.mode,
    relation: r.relation,
    queryId: r.query_id,
    blockingQueryIds: r.blocking_query_ids,
    applicationName: r.application_name,
  };
}

/** Stops the loop, then takes the end snapshot (reconnecting once if the connection was lost). */
async function stopWithEndSnapshot(
  reader: ReturnType<typeof statsReader>,
  loop: Awaited<ReturnType<typeof startSamplingLoop>>,
  warn: (message: string) => void,
): Promise<void> {
  await loop.stop();
  try {
    const client = loop.client;
    if (client !== undefined) await reader.snapshot(client, 'end');
    else {
      // The connection was lost: one more try, so the run still has its end counters.
      const opened = await reader.connect();
      try {
        await reader.snapshot(opened.client, 'end');
      } finally {
        await opened.client.end().catch(() => undefined);
      }
    }
  } catch (error) {
    warn(`pg stats: no end snapshot (${reasonOf(error)}); run deltas use the last periodic snapshot`);
  }
  await loop.close();
}
