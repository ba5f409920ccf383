/**
 * Reads a run directory back (the inverse of RunWriter).
 *
 * A run that crashed or was killed may end any NDJSON file with a torn line: that last line is
 * skipped and reported in `warnings`. Anything else that does not parse — a bad line with
 * records after it, a record of the wrong shape, a missing or invalid manifest — is a damaged
 * run directory and rejects with one line naming the file, the line and what was expected.
 */
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { InputError } from '../errors.js';
import type {
  EngineHealthRecord,
  MetricWindow,
  OdooLogRecord,
  PgActivitySample,
  PgLogError,
  PgStatsRecord,
  PgWaitProfile,
  RunEvent,
  RunManifest,
  RunStatus,
} from './records.js';
import { RUN_STREAMS, streamFile } from './records.js';

export interface RunData {
  dir: string;
  manifest: RunManifest;
  windows: MetricWindow[];
  events: RunEvent[];
  pgActivity: PgActivitySample[];
  /** pg_stats.ndjson: counter snapshots, lock waits and notes of the stats collector (issue 7). */
  pgStats: PgStatsRecord[];
  /** odoo_log.ndjson: parsed Odoo log lines (requests, retries, worker events, errors). */
  odooLog: OdooLogRecord[];
  /** pg_log.ndjson: concurrency errors from the PostgreSQL server log. */
  pgLog: PgLogError[];
  /** pg_wait_sampling.ndjson: cumulative wait profiles, when the extension was installed. */
  pgWaitSampling: PgWaitProfile[];
  /** engine.ndjson: the load generator's own health per window (src/engine/self-monitor.ts). */
  engine: EngineHealthRecord[];
  /** Tolerated problems, one line each (`metrics.ndjson:812: truncated last line skipped …`). */
  warnings: string[];
}

export interface RunListing {
  id: string;
  /** `unreadable` when the manifest is missing fields or is not JSON (see `problem`). */
  status: RunStatus | 'unreadable';
  profile: string | null;
  startedAt: string | null;
  /** Machine and process that wrote the run (absent in runs of older versions). */
  writer?: { hostname: string; pid?: number };
  problem?: string;
}

const STATUSES: readonly RunStatus[] = ['running', 'completed', 'aborted', 'interrupted', 'failed'];
const EVENT_TYPES: readonly string[] = ['phase', 'error', 'status', 'warning', 'collector-gap'];

type Check = (value: Record<string, unknown>) => boolean;

interface StreamSpec {
  file: string;
  expected: string;
  check: Check;
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const METRICS: StreamSpec = {
  file: streamFile(RUN_STREAMS.metrics),
  expected: 'a MetricWindow record {"v":1,"type":"window",t,journey,step,ok,errors,latency}',
  check: (r) =>
    r.type === 'window' &&
    isNumber(r.t) &&
    typeof r.journey === 'string' &&
    (r.step === null || typeof r.step === 'string') &&
    isNumber(r.ok) &&
    isObject(r.errors) &&
    typeof r.latency === 'string',
};
const EVENTS: StreamSpec = {
  file: streamFile(RUN_STREAMS.events),
  expected: `a RunEvent record {"v":1,"type":(${EVENT_TYPES.join('|')}),t,…}`,
  check: (r) => typeof r.type === 'string' && EVENT_TYPES.includes(r.type) && isNumber(r.t),
};
const PG_ACTIVITY: StreamSpec = {
  file: streamFile(RUN_STREAMS.pgActivity),
  expected: 'a PgActivitySample record {"v":1,"type":"pg_activity",t,total,sessions}',
  check: (r) => r.type === 'pg_activity' && isNumber(r.t) && isNumber(r.total) && Array.isArray(r.sessions),
};

const PG_STATS_TYPES: readonly string[] = ['pg_stats', 'pg_lock_waits', 'pg_stats_note'];
const PG_STATS: StreamSpec = {
  file: streamFile(RUN_STREAMS.pgStats),
  expected: `a PgStatsRecord {"v":1,"type":(${PG_STATS_TYPES.join('|')}),t,…}`,
  check: (r) =>
    typeof r.type === 'string' &&
    PG_STATS_TYPES.includes(r.type) &&
    isNumber(r.t) &&
    (r.type !== 'pg_stats' || isObject(r.connections)) &&
    (r.type !== 'pg_lock_waits' || Array.isArray(r.waits)),
};
const ODOO_LOG_TYPES: readonly string[] = ['odoo_request', 'odoo_retry', 'odoo_worker', 'odoo_error'];
const ODOO_LOG: StreamSpec = {
  file: streamFile(RUN_STREAMS.odooLog),
  expected: `an OdooLogRecord {"v":1,"type":(${ODOO_LOG_TYPES.join('|')}),t,pid,…}`,
  check: (r) => typeof r.type === 'string' && ODOO_LOG_TYPES.includes(r.type) && isNumber(r.t) && isNumber(r.pid),
};
const PG_LOG: StreamSpec = {
  file: streamFile(RUN_STREAMS.pgLog),
  expected: 'a PgLogError record {"v":1,"type":"pg_log_error",t,concurrencyClass,message}',
  check: (r) => r.type === 'pg_log_error' && isNumber(r.t) && typeof r.concurrencyClass === 'string',
};
const PG_WAIT_SAMPLING: StreamSpec = {
  file: streamFile(RUN_STREAMS.pgWaitSampling),
  expected: 'a PgWaitProfile record {"v":1,"type":"pg_wait_profile",t,periodMs,entries}',
  check: (r) => r.type === 'pg_wait_profile' && isNumber(r.t) && Array.isArray(r.entries),
};
const ENGINE: StreamSpec = {
  file: streamFile(RUN_STREAMS.engine),
  expected: 'an EngineHealthRecord {"v":1,"type":"engine",t,windowMs,loopLagP99Ms,cpuShare,…}',
  check: (r) => r.type === 'engine' && isNumber(r.t) && isNumber(r.loopLagP99Ms) && isNumber(r.cpuShare),
};

/** Reads manifest.json and every NDJSON series of `dir` (a missing series is empty). */
export async function readRun(dir: string): Promise<RunData> {
  const manifest = await readManifest(dir);
  const warnings: string[] = [];
  const [windows, events, pgActivity, pgStats, odooLog, pgLog, pgWaitSampling, engine] = await Promise.all([
    readNdjson<MetricWindow>(dir, METRICS, warnings),
    readNdjson<RunEvent>(dir, EVENTS, warnings),
    readNdjson<PgActivitySample>(dir, PG_ACTIVITY, warnings),
    readNdjson<PgStatsRecord>(dir, PG_STATS, warnings),
    readNdjson<OdooLogRecord>(dir, ODOO_LOG, warnings),
    readNdjson<PgLogError>(dir, PG_LOG, warnings),
    readNdjson<PgWaitProfile>(dir, PG_WAIT_SAMPLING, warnings),
    readNdjson<EngineHealthRecord>(dir, ENGINE, warnings),
  ]);
  return { dir, manifest, windows, events, pgActivity, pgStats, odooLog, pgLog, pgWaitSampling, engine, warnings };
}

/** Every run under `root` (newest first); folders without manifest.json are not runs and are skipped. */
export async function listRuns(root: string): Promise<RunListing[]> {
  let names: string[];
  try {
    names = await readdir(root);
  } catch (e) {
    if (isNotFound(e)) return [];
    throw e;
  }
  const listings: RunListing[] = [];
  for (const id of names) {
    const dir = path.join(root, id);
    const isRun = await stat(path.join(dir, 'manifest.json')).then(
      (s) => s.isFile(),
      () => false,
    );
    if (!isRun) continue;
    try {
      const m = await readManifest(dir);
      listings.push({
        id,
        status: m.status,
        profile: m.plan.profile,
        startedAt: m.startedAt,
        ...(m.host?.hostname ? { writer: { hostname: m.host.hostname, ...(m.host.pid !== undefined ? { pid: m.host.pid } : {}) } } : {}),
      });
    } catch (e) {
      listings.push({ id, status: 'unreadable', profile: null, startedAt: null, problem: (e as Error).message });
    }
  }
  return listings.sort((a, b) => (b.startedAt ?? '').localeCompare(a.startedAt ?? '') || b.id.localeCompare(a.id));
}

/** manifest.json, checked for the fields every reader relies on. */
export async function readManifest(dir: string): Promise<RunManifest> {
  const file = path.join(dir, 'manifest.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if (isNotFound(e)) {
      throw new InputError('RUN_NOT_FOUND', `${file}: not found — '${dir}' is not a run directory (expected runs/<id>/manifest.json)`);
    }
    throw e;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new InputError('RUN_MANIFEST_INVALID', `${file}: invalid JSON (${(e as Error).message}); the run directory is damaged`);
  }
  const problem = manifestProblem(value);
  if (problem) throw new InputError('RUN_MANIFEST_INVALID', `${file}: ${problem}`);
  return value as RunManifest;
}

function manifestProblem(value: unknown): string | null {
  if (!isObject(value)) return 'expected a JSON object (the run manifest)';
  if (value.v !== 1) return `v: expected 1 (run format version 1), got ${JSON.stringify(value.v)}`;
  if (typeof value.id !== 'string') return 'id: expected a string';
  if (typeof value.status !== 'string' || !(STATUSES as readonly string[]).includes(value.status)) {
    return `status: expected one of ${STATUSES.join(', ')}, got ${JSON.stringify(value.status)}`;
  }
  if (typeof value.startedAt !== 'string') return 'startedAt: expected an ISO 8601 string';
  if (!isObject(value.target) || typeof value.target.url !== 'string') return 'target.url: expected a string';
  if (!isObject(value.plan) || typeof value.plan.profile !== 'string') return 'plan: expected a LoadPlan object with a profile';
  if (!isNumber(value.windowMs) || value.windowMs <= 0) return 'windowMs: expected a positive number of milliseconds';
  return null;
}

/**
 * One NDJSON file, streamed line by line. A line that is not JSON is held back: if another record
 * follows it is corruption (reject), if it was the last line it is a torn write (warn, skip).
 * A missing file is an empty series.
 */
async function readNdjson<T>(dir: string, spec: StreamSpec, warnings: string[]): Promise<T[]> {
  const file = path.join(dir, spec.file);
  const records: T[] = [];
  let pendingBad: { line: number; reason: string } | null = null;
  let lineNo = 0;
  const input = createReadStream(file, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      lineNo += 1;
      if (line.trim() === '') continue;
      if (pendingBad) throw corrupt(file, spec, pendingBad.line, pendingBad.reason);
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (e) {
        pendingBad = { line: lineNo, reason: `not JSON (${(e as Error).message})` };
        continue;
      }
      if (!isObject(value)) throw corrupt(file, spec, lineNo, `got ${describe(value)}`);
      if (value.v !== 1) throw corrupt(file, spec, lineNo, `got v: ${JSON.stringify(value.v)} (this tool reads format version 1)`);
      if (!spec.check(value)) throw corrupt(file, spec, lineNo, `got ${describe(value)}`);
      records.push(value as T);
    }
  } catch (e) {
    if (isNotFound(e)) return [];
    throw e;
  } finally {
    lines.close();
    input.destroy();
  }
  if (pendingBad) {
    warnings.push(`${file}:${pendingBad.line}: truncated last line skipped (${pendingBad.reason}); the run probably stopped while writing it`);
  }
  return records;
}

function corrupt(file: string, spec: StreamSpec, line: number, got: string): InputError {
  return new InputError('RUN_CORRUPT', `${file}:${line}: expected ${spec.expected}, ${got}; the run directory is damaged`);
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function isNotFound(e: unknown): boolean {
  return isObject(e) && e.code === 'ENOENT';
}
