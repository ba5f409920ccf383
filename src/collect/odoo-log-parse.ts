/**
 * Parser of Odoo 17 server logs (pure, no I/O): log entries → OdooLogRecord (src/run/records.ts).
 *
 * Odoo's format (odoo/netsvc.py): `%(asctime)s %(pid)s %(levelname)s %(dbname)s %(name)s: %(message)s %(perf_info)s`
 *
 *   2026-11-23 08:35:04,662 15731 INFO distri werkzeug: 127.0.0.1 - - [23/Nov/2026 08:35:04] "POST /xmlrpc/2/object HTTP/1.1" 200 - 79 0.054 0.095
 *   └─ asctime (UTC) ──────┘ └pid┘ └lvl┘ └db──┘ └logger┘ └─ werkzeug access line ───────────────────────────┘ status size └ perf_info ┘
 *
 * perf_info is `<sql queries> <sql seconds> <other seconds>` (PerfFilter.format_perf: "%d %.3f %.3f"),
 * or `- - -` outside a request. Odoo sets TZ=UTC at import (odoo/__init__.py), so asctime is UTC.
 * An entry is a header line plus the continuation lines that follow it (tracebacks, the PostgreSQL
 * message after `bad query:`); the parser holds an ERROR entry until the next header or `flush()`.
 *
 * Recognised (texts from odoo/service/server.py and odoo/service/model.py of Odoo 17):
 * - werkzeug request lines → `odoo_request` (model/method from `/web/dataset/call_kw/<model>/<method>`);
 * - `SERIALIZATION_FAILURE, N tries left, try again in S sec...` and `…, maximum number of tries reached!` → `odoo_retry`;
 * - worker life cycle and limits → `odoo_worker` (see WORKER_PATTERNS);
 * - ERROR / CRITICAL entries → `odoo_error`, with the concurrency class of the PostgreSQL message.
 */
import { RUN_FORMAT_VERSION, type ConcurrencyErrorClass, type OdooErrorRecord, type OdooLogRecord, type OdooRequestRecord, type OdooRetryRecord, type OdooWorkerEvent, type OdooWorkerRecord } from '../run/records.js';

/** The fixed head of every Odoo log entry. */
export interface OdooLogHeader {
  /** Epoch ms, asctime read as UTC. */
  t: number;
  pid: number;
  level: string;
  /** `?` and `None` (no database) become null. */
  db: string | null;
  logger: string;
  message: string;
}

const HEADER = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}),(\d{3}) (\d+) ([A-Z]+) (\S+) ([^\s:]+): ?(.*)$/;
// Colored output (a terminal) wraps level and timings in ANSI escapes: drop them first.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;
/** `"METHOD /path HTTP/x" status size queries sqlS otherS` at the end of a werkzeug line. */
const REQUEST = /"([A-Z]+) (\S+) HTTP\/[\d.]+" (\d{3}) (\S+) (\d+|-) (\d+\.\d+|-) (\d+\.\d+|-)\s*$/;
const RETRY = /^([A-Z_]+), (\d+) tries left, try again in (\d+(?:\.\d+)?) sec/;
const RETRY_EXHAUSTED = /^([A-Z_]+), maximum number of tries reached!/;
const CALL_KW = /^\/web\/dataset\/call_kw\/([^/]+)\/([^/]+)/;

/** Message patterns of odoo/service/server.py (Odoo 17), first match wins. */
const WORKER_PATTERNS: Array<{ pattern: RegExp; event: OdooWorkerEvent; pid?: number; kind?: number }> = [
  { pattern: /^Worker (\w+) \((\d+)\) alive/, event: 'spawned', kind: 1, pid: 2 },
  { pattern: /^Worker \((\d+)\) exiting\./, event: 'exiting', pid: 1 },
  { pattern: /^Worker \((\d+)\) max request \(\d+\) reached/, event: 'max-requests', pid: 1 },
  { pattern: /^Worker \((\d+)\) virtual memory limit \(\d+\) reached/, event: 'memory-limit', pid: 1 },
  { pattern: /^Worker \((\d+)\) CPU time limit \(\d+\) reached/, event: 'cpu-limit', pid: 1 },
  // process_timeout(): the watchdog (limit_time_real) SIGKILLs the worker.
  { pattern: /^(Worker\w*) \((\d+)\) timeout after \d+s/, event: 'timeout-killed', kind: 1, pid: 2 },
  // Threaded mode (workers = 0): limit_time_real reached by a request thread.
  { pattern: /^Thread .* virtual real time limit \(\d+\/\d+s\) reached/, event: 'real-time-limit' },
  { pattern: /^Server memory limit \(\d+\) reached/, event: 'server-memory-limit' },
  { pattern: /^Gevent virtual memory limit reached/, event: 'memory-limit' },
  { pattern: /^Critial worker error \((\d+)\)/, event: 'critical-error', pid: 1 },
  { pattern: /^Worker (?:\w+ )?\((\d+)\) Exception occurred, exiting/, event: 'worker-exception', pid: 1 },
  { pattern: /^Odoo version /, event: 'server-start' },
  { pattern: /^(Stopping gracefully|Stopping forcefully|Initiating shutdown|Initiating server reload)/, event: 'server-stop' },
];

const MESSAGE_MAX = 500;
const DETAIL_MAX = 4000;

/** Reads the head of one line, or undefined for a continuation line. */
export function parseOdooLogHeader(line: string): OdooLogHeader | undefined {
  const m = HEADER.exec(line.replace(ANSI, ''));
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s, ms, pid, level, db, logger, message] = m;
  const t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(ms));
  return {
    t,
    pid: Number(pid),
    level: level!,
    db: db === '?' || db === 'None' ? null : db!,
    logger: logger!,
    message: message!.trimEnd(),
  };
}

/**
 * A werkzeug request line's figures, or undefined when the line is not one.
 * @example parseRequest(parseOdooLogHeader('2026-11-23 08:35:04,662 15731 INFO distri werkzeug: 127.0.0.1 - - [23/Nov/2026 08:35:04] "POST /xmlrpc/2/object HTTP/1.1" 200 - 79 0.054 0.095')!)
 *   // → { method: 'POST', path: '/xmlrpc/2/object', status: 200, queries: 79, sqlS: 0.054, otherS: 0.095, … }
 */
export function parseRequest(header: OdooLogHeader): OdooRequestRecord | undefined {
  if (header.logger !== 'werkzeug') return undefined;
  const m = REQUEST.exec(header.message);
  if (m === null) return undefined;
  const [, method, target, status, , queries, sqlS, otherS] = m;
  const path = target!.split('?')[0]!;
  const record: OdooRequestRecord = {
    v: RUN_FORMAT_VERSION,
    type: 'odoo_request',
    t: header.t,
    pid: header.pid,
    db: header.db,
    method: method!,
    path,
    status: Number(status),
    queries: queries === '-' ? null : Number(queries),
    sqlS: sqlS === '-' ? null : Number(sqlS),
    otherS: otherS === '-' ? null : Number(otherS),
  };
  const kw = CALL_KW.exec(path);
  if (kw !== null) {
    record.model = decodeURIComponent(kw[1]!);
    record.rpcMethod = decodeURIComponent(kw[2]!);
  }
  return record;
}

/** An `odoo.service.model` retry line, or undefined. */
export function parseRetry(header: OdooLogHeader): OdooRetryRecord | undefined {
  if (header.logger !== 'odoo.service.model') return undefined;
  const base = { v: RUN_FORMAT_VERSION, type: 'odoo_retry' as const, t: header.t, pid: header.pid, db: header.db };
  const retry = RETRY.exec(header.message);
  if (retry !== null) {
    return { ...base, code: retry[1]!, triesLeft: Number(retry[2]), waitS: Number(retry[3]), exhausted: false };
  }
  const exhausted = RETRY_EXHAUSTED.exec(header.message);
  if (exhausted !== null) return { ...base, code: exhausted[1]!, triesLeft: null, waitS: null, exhausted: true };
  return undefined;
}

/** An `odoo.service.server` (or `odoo`) worker/server life-cycle line, or undefined. */
export function parseWorker(header: OdooLogHeader): OdooWorkerRecord | undefined {
  if (header.logger !== 'odoo.service.server' && header.logger !== 'odoo') return undefined;
  for (const { pattern, event, pid, kind } of WORKER_PATTERNS) {
    const m = pattern.exec(header.message);
    if (m === null) continue;
    const record: OdooWorkerRecord = { v: RUN_FORMAT_VERSION, type: 'odoo_worker', t: header.t, pid: header.pid, event, message: truncate(header.message, MESSAGE_MAX) };
    if (pid !== undefined) record.workerPid = Number(m[pid]);
    if (kind !== undefined) record.workerKind = m[kind]!;
    return record;
  }
  return undefined;
}

/**
 * The concurrency class of a PostgreSQL error message (English server messages):
 * SQLSTATE 40001 `could not serialize access …`, 40P01 `deadlock detected`, 55P03 `could not obtain lock …`.
 */
export function concurrencyClassOf(text: string): ConcurrencyErrorClass | null {
  if (/could not serialize access|SerializationFailure|SERIALIZATION_FAILURE/.test(text)) return 'serialization_failure';
  if (/deadlock detected|DeadlockDetected|DEADLOCK_DETECTED/.test(text)) return 'deadlock';
  if (/could not obtain lock|LockNotAvailable|LOCK_NOT_AVAILABLE/.test(text)) return 'lock_not_available';
  return null;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * Streaming parser: push lines in file order, receive records. An ERROR/CRITICAL entry is held
 * until its continuation lines are over (the next header, or `flush()`); everything else is
 * emitted at once. Lines the parser does not recognise are counted in `ignored`.
 */
export class OdooLogParser {
  /** Header lines recognised but not turned into a record (INFO chatter, login lines, …). */
  ignored = 0;
  /** Continuation lines seen outside an ERROR/CRITICAL entry (e.g. a WARNING's traceback). */
  orphanContinuations = 0;
  private pending: { header: OdooLogHeader; detail: string[] } | undefined;

  constructor(private readonly emit: (record: OdooLogRecord) => void) {}

  push(line: string): void {
    const header = parseOdooLogHeader(line);
    if (header === undefined) {
      if (this.pending !== undefined) this.pending.detail.push(line.replace(ANSI, ''));
      else if (line.trim() !== '') this.orphanContinuations++;
      return;
    }
    this.flush();
    if (header.level === 'ERROR' || header.level === 'CRITICAL') {
      // Worker kills are logged at ERROR/CRITICAL too: record them as worker events *and* errors.
      const worker = parseWorker(header);
      if (worker !== undefined) this.emit(worker);
      this.pending = { header, detail: [] };
      return;
    }
    const record = parseRequest(header) ?? parseRetry(header) ?? parseWorker(header);
    if (record !== undefined) this.emit(record);
    else this.ignored++;
  }

  /** Emits a held ERROR/CRITICAL entry. Call at the end of input (or after a quiet spell when tailing). */
  flush(): void {
    const entry = this.pending;
    if (entry === undefined) return;
    this.pending = undefined;
    const { header } = entry;
    const detail = entry.detail.join('\n').trimEnd();
    const record: OdooErrorRecord = {
      v: RUN_FORMAT_VERSION,
      type: 'odoo_error',
      t: header.t,
      pid: header.pid,
      db: header.db,
      level: header.level === 'CRITICAL' ? 'CRITICAL' : 'ERROR',
      logger: header.logger,
      message: truncate(header.message, MESSAGE_MAX),
      detail: truncate(detail, DETAIL_MAX),
      concurrencyClass: concurrencyClassOf(`${header.message}\n${detail}`),
    };
    this.emit(record);
  }

  /** True while an ERROR/CRITICAL entry waits for possible continuation lines. */
  get holding(): boolean {
    return this.pending !== undefined;
  }
}

/** Parses a whole log text (e.g. a file read after the run). */
export function parseOdooLog(text: string): OdooLogRecord[] {
  const records: OdooLogRecord[] = [];
  const parser = new OdooLogParser((r) => records.push(r));
  for (const line of text.split(/\r?\n/)) parser.push(line);
  parser.flush();
  return records;
}

/**
 * A concurrency error in a PostgreSQL server log line (any log_line_prefix: the message is found
 * after `ERROR:`), or undefined. `STATEMENT:`/`DETAIL:` lines that follow are ignored.
 * @example parsePgLogLine('2026-11-23 08:31:38 UTC [123] ERROR:  could not serialize access due to concurrent update')
 *   // → { concurrencyClass: 'serialization_failure', message: 'could not serialize access due to concurrent update' }
 */
export function parsePgLogLine(line: string): { concurrencyClass: ConcurrencyErrorClass; message: string } | undefined {
  const m = /\bERROR:\s+(.*)$/.exec(line);
  if (m === null) return undefined;
  const message = m[1]!.trim();
  // Only the server's own message: `could not serialize …`, not an Odoo line quoting it.
  const concurrencyClass = /^could not serialize access/.test(message)
    ? 'serialization_failure'
    : /^deadlock detected/.test(message)
      ? 'deadlock'
      : /^could not obtain lock/.test(message)
        ? 'lock_not_available'
        : null;
  return concurrencyClass === null ? undefined : { concurrencyClass, message: truncate(message, MESSAGE_MAX) };
}
