/**
 * Odoo log records (odoo_log.ndjson) → requests by path and by RPC model/method, retries,
 * worker events and errors. Pure.
 *
 * Per request Odoo logs `<queries> <sql s> <other s>` (odoo/netsvc.py PerfFilter): SQL time is
 * the time spent in cursor.execute, "other" the rest of the request in the worker (Python, I/O,
 * rendering). Their sum is the worker-side service time of the request, without queueing in
 * front of the worker.
 */
import type { ConcurrencyErrorClass, OdooLogRecord, OdooRequestRecord, OdooWorkerEvent } from '../run/records.js';
import type { PeriodWindow } from './pg-stats.js';

export interface RequestGroupStats {
  /** The path, or `model.method`. */
  key: string;
  count: number;
  /** Responses with status ≥ 500. */
  serverErrors: number;
  /** Requests that carried figures (not `- - -`). */
  measured: number;
  queries: number;
  sqlS: number;
  otherS: number;
  meanQueries: number | null;
  meanSqlMs: number | null;
  meanOtherMs: number | null;
  /** Largest sqlS + otherS, ms. */
  maxMs: number | null;
}

export interface OdooLogSummary {
  requests: { count: number; byPath: RequestGroupStats[]; byModelMethod: RequestGroupStats[] };
  retries: { total: number; byCode: Record<string, number>; gaveUp: number };
  workers: Partial<Record<OdooWorkerEvent, number>>;
  errors: { total: number; byClass: Partial<Record<ConcurrencyErrorClass | 'other', number>> };
  /** Serialization failures: the `bad query` errors with SQLSTATE 40001, or the retry lines if more. */
  serializationFailures: number;
}

class GroupAccumulator {
  count = 0;
  serverErrors = 0;
  measured = 0;
  queries = 0;
  sqlS = 0;
  otherS = 0;
  maxS: number | null = null;

  constructor(readonly key: string) {}

  add(r: OdooRequestRecord): void {
    this.count++;
    if (r.status >= 500) this.serverErrors++;
    if (r.queries === null || r.sqlS === null || r.otherS === null) return;
    this.measured++;
    this.queries += r.queries;
    this.sqlS += r.sqlS;
    this.otherS += r.otherS;
    this.maxS = Math.max(this.maxS ?? 0, r.sqlS + r.otherS);
  }

  result(): RequestGroupStats {
    const n = this.measured;
    const r6 = (x: number) => Math.round(x * 1e6) / 1e6;
    return {
      key: this.key,
      count: this.count,
      serverErrors: this.serverErrors,
      measured: n,
      queries: this.queries,
      sqlS: r6(this.sqlS),
      otherS: r6(this.otherS),
      meanQueries: n > 0 ? r6(this.queries / n) : null,
      meanSqlMs: n > 0 ? r6((this.sqlS / n) * 1000) : null,
      meanOtherMs: n > 0 ? r6((this.otherS / n) * 1000) : null,
      maxMs: this.maxS === null ? null : r6(this.maxS * 1000),
    };
  }
}

function grouped(map: Map<string, GroupAccumulator>): RequestGroupStats[] {
  return [...map.values()].map((g) => g.result()).sort((a, b) => b.sqlS + b.otherS - (a.sqlS + a.otherS) || b.count - a.count);
}

/** Summarises the records with `t` in [fromMs, toMs) (all records without a window). */
export function summarizeOdooLog(records: readonly OdooLogRecord[], window?: { fromMs: number; toMs: number }): OdooLogSummary {
  const byPath = new Map<string, GroupAccumulator>();
  const byModelMethod = new Map<string, GroupAccumulator>();
  const retriesByCode: Record<string, number> = {};
  const workers: Partial<Record<OdooWorkerEvent, number>> = {};
  const errorsByClass: Partial<Record<ConcurrencyErrorClass | 'other', number>> = {};
  let requests = 0;
  let retries = 0;
  let gaveUp = 0;
  let errors = 0;
  let serializationErrors = 0;
  let serializationRetries = 0;
  for (const r of records) {
    if (window !== undefined && (r.t < window.fromMs || r.t >= window.toMs)) continue;
    switch (r.type) {
      case 'odoo_request': {
        requests++;
        let g = byPath.get(r.path);
        if (g === undefined) byPath.set(r.path, (g = new GroupAccumulator(r.path)));
        g.add(r);
        if (r.model !== undefined && r.rpcMethod !== undefined) {
          const key = `${r.model}.${r.rpcMethod}`;
          let m = byModelMethod.get(key);
          if (m === undefined) byModelMethod.set(key, (m = new GroupAccumulator(key)));
          m.add(r);
        }
        break;
      }
      case 'odoo_retry':
        if (r.exhausted) gaveUp++;
        else retries++;
        retriesByCode[r.code] = (retriesByCode[r.code] ?? 0) + 1;
        if (r.code === 'SERIALIZATION_FAILURE') serializationRetries++;
        break;
      case 'odoo_worker':
        workers[r.event] = (workers[r.event] ?? 0) + 1;
        break;
      case 'odoo_error': {
        errors++;
        const cls = r.concurrencyClass ?? 'other';
        errorsByClass[cls] = (errorsByClass[cls] ?? 0) + 1;
        if (r.concurrencyClass === 'serialization_failure') serializationErrors++;
        break;
      }
    }
  }
  return {
    requests: { count: requests, byPath: grouped(byPath), byModelMethod: grouped(byModelMethod) },
    retries: { total: retries, byCode: retriesByCode, gaveUp },
    workers,
    errors: { total: errors, byClass: errorsByClass },
    serializationFailures: Math.max(serializationErrors, serializationRetries),
  };
}

/** The summary per phase window. */
export function summarizeOdooLogByPhase(records: readonly OdooLogRecord[], phases: readonly PeriodWindow[]): Array<{ name: string; summary: OdooLogSummary }> {
  return phases.map((p) => ({ name: p.name, summary: summarizeOdooLog(records, { fromMs: p.startMs, toMs: p.endMs }) }));
}
