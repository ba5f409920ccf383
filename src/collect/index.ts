/**
 * Starts every collector a run can have, and stops them together. Nothing here can fail the
 * load run: each collector that cannot start is reported as a warning and left out.
 *
 *   pgUrl given    → pg_activity (pg_stat_activity [+ pg_wait_sampling]) and pg_stats (counters,
 *                    pg_stat_statements, lock waits, privilege notes)
 *   odooLogFile    → odoo_log (requests, retries, worker events, errors), from the file's current end
 *   pgLogFile      → pg_log (serialization failures, deadlocks) when the server log is readable here
 *
 * The returned `collectors` are the manifest entries (RunManifest.collectors), with the source
 * each collector actually used.
 */
import type { ClientConfig } from 'pg';
import { COLLECTOR_STREAMS, type OdooLogRecord, type PgActivitySample, type PgLogError, type PgStatsRecord, type PgWaitProfile, type RunManifest } from '../run/records.js';
import type { CollectorClock } from './clock.js';
import { startOdooLogCollector, startPgLogCollector, ODOO_LOG_SOURCE, type LogCollector } from './odoo-log.js';
import { startActivityCollector, type ActivityCollector } from './pg-activity.js';
import { reasonOf } from './pg-connection.js';
import type { PrivilegeReport } from './pg-privileges.js';
import { startPgStatsCollector, type PgStatsCollector } from './pg-stats.js';

/** Where the collectors' records go; a RunWriter provides all of them (see wiring in the report). */
export interface CollectorSinks {
  pgActivity: (sample: PgActivitySample) => void;
  pgWaitProfile?: (profile: PgWaitProfile) => void;
  pgStats: (record: PgStatsRecord) => void;
  odooLog: (record: OdooLogRecord) => void;
  pgLog?: (record: PgLogError) => void;
  /** A span a collector could not read (lost connection, slow tick). */
  gap: (gap: { collector: string; fromT: number; toT: number; reason: string }) => void;
  /** One-off problems, with the collector's name. */
  warning: (source: string, message: string) => void;
}

export interface StartCollectorsOptions {
  /** The target's PostgreSQL; without it no database evidence is collected. */
  pgUrl?: string | ClientConfig;
  /** The Odoo database name (pg_stat_activity.datname, pg_stat_database.datname). */
  database: string;
  /** Activity sampling interval, ms (default 1000; 100 = 10 Hz). */
  intervalMs?: number;
  /** Counter snapshot interval, ms (default 5000). */
  statsIntervalMs?: number;
  /** Lock-wait reading interval, ms (default 1000). */
  locksIntervalMs?: number;
  /** A local Odoo log file to follow during the run. */
  odooLogFile?: string;
  /** A local PostgreSQL server log file to follow for concurrency errors. */
  pgLogFile?: string;
  sinks: CollectorSinks;
  clock?: CollectorClock;
  /** Log poll interval, ms (default 250). */
  logPollMs?: number;
}

export type CollectorEntry = RunManifest['collectors'][number];

export interface RunningCollectors {
  /** Manifest entries of the collectors that started. */
  collectors: CollectorEntry[];
  /** The stats collector's privilege check (undefined without pgUrl or before a first connection). */
  privileges: PrivilegeReport | undefined;
  /** Stops all collectors (end snapshots, last log lines). Never rejects. */
  stop(): Promise<void>;
}

export async function startCollectors(options: StartCollectorsOptions): Promise<RunningCollectors> {
  const { sinks } = options;
  const collectors: CollectorEntry[] = [];
  const stoppers: Array<() => Promise<void>> = [];
  const warnOf = (source: string) => (message: string) => {
    try {
      sinks.warning(source, message);
    } catch {
      // A failing warning sink must not stop a collector.
    }
  };
  const intervalMs = options.intervalMs ?? 1000;
  let stats: PgStatsCollector | undefined;

  if (options.pgUrl !== undefined) {
    const pgUrl = options.pgUrl;
    let activity: ActivityCollector | undefined;
    try {
      activity = await startActivityCollector({
        pgUrl,
        database: options.database,
        intervalMs,
        sink: sinks.pgActivity,
        waitProfileSink: sinks.pgWaitProfile,
        onGap: sinks.gap,
        onWarning: warnOf(COLLECTOR_STREAMS.pgActivity),
        clock: options.clock,
      });
      stoppers.push(() => activity!.stop());
    } catch (error) {
      warnOf(COLLECTOR_STREAMS.pgActivity)(`not started: ${reasonOf(error)}`);
    }
    try {
      stats = await startPgStatsCollector({
        pgUrl,
        database: options.database,
        statsIntervalMs: options.statsIntervalMs,
        locksIntervalMs: options.locksIntervalMs,
        sink: sinks.pgStats,
        onGap: sinks.gap,
        onWarning: warnOf(COLLECTOR_STREAMS.pgStats),
        clock: options.clock,
      });
      const started = stats;
      stoppers.push(() => started.stop());
      collectors.push({ name: COLLECTOR_STREAMS.pgStats, intervalMs: options.statsIntervalMs ?? 5000, source: started.source });
    } catch (error) {
      warnOf(COLLECTOR_STREAMS.pgStats)(`not started: ${reasonOf(error)}`);
    }
    // The activity source is known once the first connection succeeded (pg_wait_sampling detected).
    if (activity !== undefined) collectors.unshift({ name: COLLECTOR_STREAMS.pgActivity, intervalMs, source: activity.source });
  }

  const logs: Array<[string, string | undefined, (file: string) => Promise<LogCollector>]> = [
    [
      COLLECTOR_STREAMS.odooLog,
      options.odooLogFile,
      (file) => startOdooLogCollector({ file, sink: sinks.odooLog, onWarning: warnOf(COLLECTOR_STREAMS.odooLog), pollMs: options.logPollMs, clock: options.clock }),
    ],
    [
      COLLECTOR_STREAMS.pgLog,
      options.pgLogFile,
      (file) =>
        startPgLogCollector({ file, sink: sinks.pgLog ?? (() => undefined), onWarning: warnOf(COLLECTOR_STREAMS.pgLog), pollMs: options.logPollMs, clock: options.clock }),
    ],
  ];
  for (const [name, file, start] of logs) {
    if (file === undefined) continue;
    try {
      const collector = await start(file);
      stoppers.push(() => collector.stop());
      collectors.push({ name, intervalMs: options.logPollMs ?? 250, source: name === COLLECTOR_STREAMS.odooLog ? ODOO_LOG_SOURCE : 'pg-log-file' });
    } catch (error) {
      warnOf(name)(`not started: ${reasonOf(error)}`);
    }
  }

  let stopping: Promise<void> | undefined;
  return {
    collectors,
    get privileges() {
      return stats?.privileges;
    },
    stop() {
      stopping ??= Promise.all(stoppers.map((stop) => stop().catch(() => undefined))).then(() => undefined);
      return stopping;
    },
  };
}
