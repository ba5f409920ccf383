/**
 * PostgreSQL sizing for Odoo: PGTune's baseline (models/pgtune.ts, cited there), then
 * Odoo-specific adjustments, each with its reason, kept apart so a reader sees what changed and why.
 *
 * Adjustments:
 *  1. max_connections — from Odoo's processes × the connections each pools (docs/ODOO-PROTOCOL.md: ~2 per
 *     HTTP worker, 2–4 per cron worker, plus the gevent/longpolling process), × 1.5 for restarts
 *     overlapping old and new workers, + 10 for maintenance and monitoring. Only when the Odoo side is known.
 *  2. work_mem — PGTune divides memory as if every connection sorts at once; Odoo's connections are
 *     mostly `idle in transaction` while Python computes (docs/ODOO-PROTOCOL.md), so at most one query per
 *     worker runs. Month-end `read_group` reports sort and hash large sets; size work_mem for the
 *     workers that can be active: (RAM − shared_buffers) / ((Odoo workers + max_worker_processes) × 3),
 *     capped at 64 MB, never below PGTune's value.
 *  3. idle_in_transaction_session_timeout — must not be shorter than Odoo's limit_time_real, or
 *     PostgreSQL kills legitimate long requests; set to limit_time_real + 60 s as a backstop for
 *     leaked transactions.
 *  4. cores — from the measured (or forecast) database CPU demand when given: ⌈demand / 0.7⌉.
 */
import { formatKb, pgTune, type PgDbType, type PgStorage, type PgTuneResult } from './pgtune.js';
import type { Reasoned } from './reasoned.js';
import { CONNECTIONS_PER_CRON_WORKER, CONNECTIONS_PER_HTTP_WORKER, SAMPLE_LIMIT_TIME_REAL } from './odoo-sizing.js';

export interface PostgresSizingInput {
  ramBytes: number;
  cpus: number;
  storage: PgStorage;
  /** Explicit max_connections; when absent and `odoo` is given, computed from Odoo. */
  connections?: number;
  /** PGTune workload type, default 'web' (many short transactions, as Odoo's RPC). */
  dbType?: PgDbType;
  dbVersion?: number;
  /** The Odoo side, when known. */
  odoo?: { httpWorkers: number; cronWorkers: number; limitTimeRealS?: number };
  /** Measured or forecast database CPU-seconds per second at the peak. */
  dbCpuSecondsPerS?: number;
}

export interface PostgresAdjustment {
  setting: string;
  baseline: string | number | null;
  value: string | number;
  reason: string;
}

export interface PostgresSizing {
  /** PGTune's output for the same inputs (memory in kB). */
  baseline: PgTuneResult;
  baselineReason: string;
  adjustments: PostgresAdjustment[];
  /** Final settings as they would go in postgresql.conf (memory formatted like PGTune). */
  settings: Record<string, string | number>;
  cores: Reasoned<number>;
  maxConnections: Reasoned<number>;
}

const KB_PER_MB = 1024;
const WORK_MEM_CAP_KB = 64 * KB_PER_MB;

/** Odoo's expected peak connections: HTTP × 2 + cron × 4 + 4 for the gevent process. */
export function odooConnections(httpWorkers: number, cronWorkers: number): number {
  return httpWorkers * CONNECTIONS_PER_HTTP_WORKER + cronWorkers * CONNECTIONS_PER_CRON_WORKER + 4;
}

/** Baseline + adjustments (see the file comment). */
export function postgresSizing(input: PostgresSizingInput): PostgresSizing {
  const dbType = input.dbType ?? 'web';
  const odoo = input.odoo;
  const fromOdoo = odoo === undefined ? undefined : Math.ceil(odooConnections(odoo.httpWorkers, odoo.cronWorkers) * 1.5) + 10;
  const connections = input.connections ?? fromOdoo;
  const baselineInput = { dbType, totalMemoryBytes: input.ramBytes, cpus: input.cpus, storage: input.storage, dbVersion: input.dbVersion, connections: input.connections };
  const baseline = pgTune(baselineInput);
  const adjustments: PostgresAdjustment[] = [];

  let maxConnections = baseline.max_connections;
  if (input.connections === undefined && fromOdoo !== undefined && odoo !== undefined) {
    maxConnections = fromOdoo;
    adjustments.push({
      setting: 'max_connections',
      baseline: baseline.max_connections,
      value: fromOdoo,
      reason:
        `Odoo pools ~${CONNECTIONS_PER_HTTP_WORKER} connections per HTTP worker and ~${CONNECTIONS_PER_CRON_WORKER} per cron worker: ` +
        `${odoo.httpWorkers} × ${CONNECTIONS_PER_HTTP_WORKER} + ${odoo.cronWorkers} × ${CONNECTIONS_PER_CRON_WORKER} + 4 (gevent) = ${odooConnections(odoo.httpWorkers, odoo.cronWorkers)}, ` +
        '× 1.5 for restarts overlapping old and new workers, + 10 for maintenance and monitoring.',
    });
  }
  // PGTune's work_mem for the connections actually configured (recomputed when max_connections changed).
  const tuned = connections === baseline.max_connections ? baseline : pgTune({ ...baselineInput, connections: maxConnections });
  let workMem = tuned.work_mem;
  if (tuned.work_mem !== baseline.work_mem) {
    adjustments.push({
      setting: 'work_mem',
      baseline: formatKb(baseline.work_mem),
      value: formatKb(tuned.work_mem),
      reason: `PGTune's own formula with max_connections = ${maxConnections}.`,
    });
  }
  if (odoo !== undefined) {
    const parallel = baseline.max_worker_processes ?? 8;
    const active = odoo.httpWorkers + odoo.cronWorkers;
    const forActive = Math.min(WORK_MEM_CAP_KB, Math.floor((input.ramBytes / 1024 - baseline.shared_buffers) / ((active + parallel) * 3)));
    if (forActive > workMem) {
      adjustments.push({
        setting: 'work_mem',
        baseline: formatKb(workMem),
        value: formatKb(forActive),
        reason:
          `Odoo's connections sit mostly idle in transaction while Python computes, so at most ${active} queries run at once, not ${maxConnections}; ` +
          `month-end read_group reports sort and hash large sets: (RAM − shared_buffers) / ((${active} workers + ${parallel} parallel) × 3), capped at 64MB.`,
      });
      workMem = forActive;
    }
  }
  const limitTimeReal = odoo?.limitTimeRealS ?? SAMPLE_LIMIT_TIME_REAL;
  const idleTimeout = limitTimeReal + 60;
  adjustments.push({
    setting: 'idle_in_transaction_session_timeout',
    baseline: null,
    value: `${idleTimeout}s`,
    reason:
      `Odoo keeps a transaction open while it computes in Python; a timeout below limit_time_real (${limitTimeReal} s) would kill legitimate requests. ` +
      `${idleTimeout} s only ends transactions leaked by a killed or stuck process.`,
  });

  const demand = input.dbCpuSecondsPerS;
  const cores: Reasoned<number> =
    demand === undefined
      ? { value: input.cpus, unit: 'cores', reason: `As given (${input.cpus}); no measured database demand.`, inputs: { cpus: input.cpus } }
      : {
          value: Math.max(2, Math.ceil(demand / 0.7 - 1e-9)),
          unit: 'cores',
          reason: `Measured database demand ${demand.toFixed(2)} CPU-seconds/s at the peak, at ≤ 70 % utilisation.`,
          formula: 'cores = max(2, ⌈D_db·X / 0.7⌉) (utilisation law)',
          inputs: { dbCpuSecondsPerS: demand, givenCpus: input.cpus },
        };

  const settings: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(tuned)) {
    if (value === null) continue;
    settings[key] = typeof value === 'number' && MEMORY_KEYS.has(key) ? formatKb(value) : value;
  }
  settings['max_connections'] = maxConnections;
  settings['work_mem'] = formatKb(workMem);
  settings['idle_in_transaction_session_timeout'] = `${idleTimeout}s`;

  return {
    baseline,
    baselineReason: `PGTune (le0pard/pgtune @ 7caef27c) for a '${dbType}' database, ${formatKb(input.ramBytes / 1024)} RAM, ${input.cpus} CPUs, ${input.storage}.`,
    adjustments,
    settings,
    cores,
    maxConnections: {
      value: maxConnections,
      unit: 'connections',
      reason: fromOdoo !== undefined && input.connections === undefined ? (adjustments[0]?.reason ?? '') : `As given (${maxConnections}).`,
      inputs: { httpWorkers: odoo?.httpWorkers ?? 0, cronWorkers: odoo?.cronWorkers ?? 0 },
    },
  };
}

const MEMORY_KEYS = new Set([
  'shared_buffers',
  'effective_cache_size',
  'maintenance_work_mem',
  'wal_buffers',
  'work_mem',
  'autovacuum_work_mem',
  'min_wal_size',
  'max_wal_size',
]);
