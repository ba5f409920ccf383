/**
 * The PostgreSQL activity collector: samples pg_stat_activity of the Odoo database at a fixed
 * cadence and emits one PgActivitySample per tick (src/run/records.ts).
 *
 * - One dedicated connection, application_name `odoo-capacity-collector`; every client backend
 *   of the database except the collector's own is sampled (Odoo workers, cron, psql, …).
 * - `total` counts all those backends, idle included; `sessions` holds the non-idle ones, each
 *   with its Odoo-aware wait class (src/analyze/wait-class.ts).
 * - Ticks are due at t0 + k × intervalMs (the loop of src/collect/pg-connection.ts): no drift, and a slow query
 *   skips ticks instead of piling them up.
 * - Never throws into the load run: a lost connection is reopened with back-off and the
 *   unsampled span is reported through `onGap`; stop() always resolves.
 * - Never logs or reports the connection URL; the password is scrubbed from error reasons.
 * - When the pg_wait_sampling extension is installed (and readable) in the database, its
 *   cumulative profile is also read every `waitProfileEveryMs` (5 s) and emitted through
 *   `waitProfileSink`; `source` then says `pg_wait_sampling+pg_stat_activity`. The profile has no
 *   database column, so it covers the whole cluster (a staging cluster usually serves one Odoo).
 */
import type pg from 'pg';
import type { ClientConfig, QueryResultRow } from 'pg';
import { RUN_FORMAT_VERSION, type PgActivitySample, type PgSession, type PgWaitProfile } from '../run/records.js';
import { systemClock, type CollectorClock } from './clock.js';
import {
  COLLECTOR_APPLICATION_NAME,
  collectorClientConfig,
  openCollectorClient,
  passwordScrubber,
  reasonOf,
  startSamplingLoop,
} from './pg-connection.js';

export { COLLECTOR_APPLICATION_NAME };
export const ACTIVITY_SOURCE = 'pg_stat_activity' as const;
export const WAIT_SAMPLING_SOURCE = 'pg_wait_sampling+pg_stat_activity' as const;
export type ActivitySource = typeof ACTIVITY_SOURCE | typeof WAIT_SAMPLING_SOURCE;
/** Allowed sampling intervals, milliseconds. */
export const MIN_INTERVAL_MS = 100;
export const MAX_INTERVAL_MS = 60_000;

/** A span without samples: [fromT, toT) in epoch ms, and why. */
export interface CollectorGap {
  collector: 'pg_activity';
  fromT: number;
  toT: number;
  reason: string;
}

export interface ActivityCollectorOptions {
  /** Where to connect: a `postgres://` URL or a pg ClientConfig (its application_name is replaced). */
  pgUrl: string | ClientConfig;
  /** The Odoo database whose backends are sampled (pg_stat_activity.datname). */
  database: string;
  /** Sampling interval, ms, 100–60000. Default 1000. */
  intervalMs?: number;
  /** Receives every sample, in order. An exception it throws is reported as a warning, not rethrown. */
  sink: (sample: PgActivitySample) => void;
  /** Receives every unsampled span once it is over (or at stop()). */
  onGap?: (gap: CollectorGap) => void;
  /** One-off problems that do not stop sampling (sink errors, missing privileges). */
  onWarning?: (message: string) => void;
  clock?: CollectorClock;
  /** Reconnection back-off, ms: doubling from initialMs to maxMs. Default 250 → 30000. */
  backoff?: { initialMs: number; maxMs: number };
  /** Receives pg_wait_sampling profiles when the extension is there; without it the extension is not read. */
  waitProfileSink?: (profile: PgWaitProfile) => void;
  /** How often the pg_wait_sampling profile is read, ms (default 5000). */
  waitProfileEveryMs?: number;
  /** Called after every tick with its client-side duration, ms (used by bench/collector-cost.bench.ts). */
  onTick?: (tick: { index: number; durationMs: number }) => void;
}

export interface ActivityCollector {
  /** What the samples came from: pg_stat_activity, plus pg_wait_sampling's profile when it was read. */
  readonly source: ActivitySource;
  /** server_version_num of the sampled server, once a connection succeeded. */
  readonly serverVersionNum: number | undefined;
  /** Stops sampling and closes the connection; reports a gap still open. Never rejects. */
  stop(): Promise<void>;
}

/** A collector option out of range. */
export class CollectorOptionError extends Error {
  override readonly name = 'CollectorOptionError';
  readonly code = 'COLLECTOR_OPTION_INVALID' as const;
}

/** pg_stat_activity gained query_id in PostgreSQL 14. */
const QUERY_ID_SINCE = 140000;

function activityQuery(withQueryId: boolean): string {
  return `SELECT pid, state, wait_event_type, wait_event, application_name, backend_type,
       ${withQueryId ? 'query_id::text' : 'NULL::text'} AS query_id,
       extract(epoch FROM now() - xact_start)::float8 AS xact_age_s,
       extract(epoch FROM now() - query_start)::float8 AS query_age_s
  FROM pg_stat_activity
 WHERE datname = $1 AND pid <> pg_backend_pid() AND backend_type = 'client backend'`;
}

interface ActivityRow extends QueryResultRow {
  pid: number;
  state: string | null;
  wait_event_type: string | null;
  wait_event: string | null;
  application_name: string | null;
  backend_type: string;
  query_id: string | null;
  xact_age_s: number | null;
  query_age_s: number | null;
}

/**
 * Turn pg_stat_activity rows into a sample. Pure.
 * Rows with a NULL state (another role's session, seen without pg_read_all_stats) count in
 * `total` but cannot be classified, so they are not stored; `hidden` counts them.
 */
export function toSample(rows: readonly ActivityRow[], t: number, withQueryId: boolean): { sample: PgActivitySample; hidden: number } {
  const sessions: PgSession[] = [];
  let hidden = 0;
  for (const row of rows) {
    if (row.state === null) {
      hidden++;
      continue;
    }
    if (row.state === 'idle') continue;
    const session: PgSession = {
      pid: row.pid,
      state: row.state,
      waitEventType: row.wait_event_type,
      waitEvent: row.wait_event,
      applicationName: row.application_name ?? '',
      backendType: row.backend_type,
      xactAgeS: roundMs(row.xact_age_s),
      queryAgeS: roundMs(row.query_age_s),
    };
    if (withQueryId) session.queryId = row.query_id;
    sessions.push(session);
  }
  return { sample: { v: RUN_FORMAT_VERSION, type: 'pg_activity', t, total: rows.length, sessions }, hidden };
}

function roundMs(seconds: number | null): number | null {
  return seconds === null ? null : Math.round(seconds * 1000) / 1000;
}

/**
 * Start sampling. Resolves once the first connection attempt is over (successful or not: a
 * failure opens a gap and is retried); only invalid options reject, with CollectorOptionError.
 */
export async function startActivityCollector(options: ActivityCollectorOptions): Promise<ActivityCollector> {
  const intervalMs = options.intervalMs ?? 1000;
  if (!(Number.isInteger(intervalMs) && intervalMs >= MIN_INTERVAL_MS && intervalMs <= MAX_INTERVAL_MS)) {
    throw new CollectorOptionError(
      `pg activity interval: expected whole milliseconds from ${MIN_INTERVAL_MS} to ${MAX_INTERVAL_MS}, got ${intervalMs}`,
    );
  }
  if (options.database === '') throw new CollectorOptionError('pg activity database: expected a database name, got ""');
  const clock = options.clock ?? systemClock;
  const scrub = passwordScrubber(options.pgUrl);
  const config = collectorClientConfig(options.pgUrl, intervalMs);
  const warn = (message: string) => {
    try {
      options.onWarning?.(scrub(message));
    } catch {
      // A failing warning handler must not stop sampling either.
    }
  };

  let serverVersionNum: number | undefined;
  let withQueryId = false;
  let warnedHidden = false;
  let warnedSink = false;
  let waitSampling: { periodMs: number } | undefined;
  let lastProfileT = -Infinity;
  const waitProfileEveryMs = options.waitProfileEveryMs ?? 5000;

  /** Opens and prepares the connection; throws (after closing it) when it cannot. */
  const connect = async () => {
    const opened = await openCollectorClient(config);
    try {
      await opened.client.query(`SET application_name = '${COLLECTOR_APPLICATION_NAME}'`);
      const version = await opened.client.query<{ v: number }>(`SELECT current_setting('server_version_num')::int AS v`);
      serverVersionNum = version.rows[0]?.v;
      withQueryId = (serverVersionNum ?? 0) >= QUERY_ID_SINCE;
      if (options.waitProfileSink !== undefined) waitSampling = await detectWaitSampling(opened.client);
    } catch (error) {
      await opened.client.end().catch(() => undefined);
      throw error;
    }
    return opened;
  };

  const sampleOnce = async (active: pg.Client, index: number, closeGap: (t: number) => void) => {
    const t = clock.now();
    const result = await active.query<ActivityRow>(activityQuery(withQueryId), [options.database]);
    const { sample, hidden } = toSample(result.rows, t, withQueryId);
    if (hidden > 0 && !warnedHidden) {
      warnedHidden = true;
      warn(`pg activity: ${hidden} session(s) of ${options.database} are hidden from the collector's role; grant it pg_read_all_stats to classify them`);
    }
    // The gap ends at this sample's timestamp, before the sample itself is handed on.
    closeGap(t);
    try {
      options.sink(sample);
    } catch (error) {
      if (!warnedSink) warn(`pg activity sink failed at tick ${index}: ${reasonOf(error)}`);
      warnedSink = true;
    }
    if (waitSampling !== undefined && options.waitProfileSink !== undefined && t - lastProfileT >= waitProfileEveryMs) {
      lastProfileT = t;
      const profile = await readWaitProfile(active, t, waitSampling.periodMs);
      try {
        options.waitProfileSink(profile);
      } catch (error) {
        warn(`pg wait sampling sink failed: ${reasonOf(error)}`);
      }
    }
    options.onTick?.({ index, durationMs: clock.now() - t });
  };

  const loop = await startSamplingLoop({
    intervalMs,
    clock,
    backoff: options.backoff ?? { initialMs: 250, maxMs: 30_000 },
    connect,
    scrub,
    work: 'sampling',
    tick: (client, index, _due, closeGap) => sampleOnce(client, index, closeGap),
    onGap: (gap) => {
      try {
        options.onGap?.({ collector: 'pg_activity', ...gap });
      } catch (error) {
        warn(`pg activity gap handler failed: ${reasonOf(error)}`);
      }
    },
    onLoopError: (error) => warn(`pg activity collector stopped: ${reasonOf(error)}`),
  });

  return {
    get source() {
      return waitSampling === undefined ? ACTIVITY_SOURCE : WAIT_SAMPLING_SOURCE;
    },
    get serverVersionNum() {
      return serverVersionNum;
    },
    stop: () => loop.close(),
  };
}

/** pg_wait_sampling installed in the database and its profile readable: its sampling period. */
async function detectWaitSampling(client: pg.Client): Promise<{ periodMs: number } | undefined> {
  try {
    const found = await client.query<{ present: boolean }>(`SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_wait_sampling') AS present`);
    if (found.rows[0]?.present !== true) return undefined;
    await client.query('SELECT count FROM pg_wait_sampling_profile LIMIT 0');
    const period = await client.query<{ p: string | null }>(`SELECT current_setting('pg_wait_sampling.profile_period', true) AS p`);
    const periodMs = Number(period.rows[0]?.p ?? '10');
    return { periodMs: Number.isFinite(periodMs) && periodMs > 0 ? periodMs : 10 };
  } catch {
    // Not loaded (shared_preload_libraries) or not readable: pg_stat_activity alone.
    return undefined;
  }
}

/** The cumulative profile summed per (event_type, event). */
async function readWaitProfile(client: pg.Client, t: number, periodMs: number): Promise<PgWaitProfile> {
  const result = await client.query<{ event_type: string | null; event: string | null; count: number }>(
    'SELECT event_type, event, sum(count)::float8 AS count FROM pg_wait_sampling_profile GROUP BY 1, 2 ORDER BY 3 DESC',
  );
  return {
    v: RUN_FORMAT_VERSION,
    type: 'pg_wait_profile',
    t,
    periodMs,
    entries: result.rows.map((r) => ({ eventType: r.event_type, event: r.event, count: r.count })),
  };
}
