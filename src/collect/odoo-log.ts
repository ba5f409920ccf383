/**
 * The Odoo log collector: follows a local Odoo log file during a run (from its current end,
 * surviving rotation and truncation, src/collect/file-tail.ts) or reads one afterwards, and emits
 * the parsed records of src/collect/odoo-log-parse.ts (requests, retries, worker events, errors).
 *
 * Also follows a PostgreSQL server log when one is readable, for its concurrency errors
 * (serialization failures, deadlocks): `startPgLogCollector`.
 */
import { readFile } from 'node:fs/promises';
import { RUN_FORMAT_VERSION, type OdooLogRecord, type PgLogError } from '../run/records.js';
import { systemClock, type CollectorClock } from './clock.js';
import { tailFile } from './file-tail.js';
import { OdooLogParser, parseOdooLog, parsePgLogLine } from './odoo-log-parse.js';

export const ODOO_LOG_SOURCE = 'odoo-log-file' as const;

export interface OdooLogCollectorOptions {
  /** Path of Odoo's log file (`logfile` in odoo.conf). */
  file: string;
  sink: (record: OdooLogRecord) => void;
  onWarning?: (message: string) => void;
  /** Poll interval, ms (default 250). */
  pollMs?: number;
  /** Read the lines already in the file too (default false: only what the run adds). */
  fromStart?: boolean;
  clock?: CollectorClock;
}

export interface LogCollector {
  /** Reads to the end, emits the entries still held, stops. Never rejects. */
  stop(): Promise<void>;
  /** Records emitted so far. */
  readonly records: number;
}

/** Starts following an Odoo log file. Resolves once the file is open (or found missing: it is waited for). */
export async function startOdooLogCollector(options: OdooLogCollectorOptions): Promise<LogCollector> {
  let records = 0;
  const warn = (message: string) => {
    try {
      options.onWarning?.(message);
    } catch {
      // A failing warning handler must not stop the tail.
    }
  };
  const parser = new OdooLogParser((record) => {
    records++;
    try {
      options.sink(record);
    } catch (error) {
      warn(`odoo log sink failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  const tail = await tailFile({
    file: options.file,
    pollMs: options.pollMs,
    fromStart: options.fromStart,
    clock: options.clock ?? systemClock,
    onLine: (line) => parser.push(line),
    // A quiet poll means an ERROR entry's traceback is complete: emit it now rather than at the next line.
    onPoll: (delivered) => {
      if (delivered === 0) parser.flush();
    },
    onWarning: warn,
  });
  return {
    get records() {
      return records;
    },
    async stop() {
      await tail.stop();
      parser.flush();
    },
  };
}

/**
 * Reads an Odoo log file after the run. With `fromMs`/`toMs` (epoch ms, log times are UTC) only
 * the records in [fromMs, toMs] are kept.
 */
export async function readOdooLogFile(file: string, window?: { fromMs?: number; toMs?: number }): Promise<OdooLogRecord[]> {
  const records = parseOdooLog(await readFile(file, 'utf8'));
  const from = window?.fromMs ?? -Infinity;
  const to = window?.toMs ?? Infinity;
  return records.filter((r) => r.t >= from && r.t <= to);
}

export interface PgLogCollectorOptions {
  /** A PostgreSQL server log file readable by this process (log_destination stderr/csvlog). */
  file: string;
  sink: (record: PgLogError) => void;
  onWarning?: (message: string) => void;
  pollMs?: number;
  clock?: CollectorClock;
}

/** Follows a PostgreSQL log for serialization failures, deadlocks and lock timeouts. */
export async function startPgLogCollector(options: PgLogCollectorOptions): Promise<LogCollector> {
  const clock = options.clock ?? systemClock;
  let records = 0;
  const tail = await tailFile({
    file: options.file,
    pollMs: options.pollMs,
    clock,
    onLine: (line) => {
      const found = parsePgLogLine(line);
      if (found === undefined) return;
      records++;
      options.sink({ v: RUN_FORMAT_VERSION, type: 'pg_log_error', t: clock.now(), ...found });
    },
    onWarning: options.onWarning,
  });
  return {
    get records() {
      return records;
    },
    stop: () => tail.stop(),
  };
}
