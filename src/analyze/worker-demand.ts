/**
 * Load-dependent worker time per request, from Odoo's own request log (odoo_log.ndjson). Pure.
 *
 * Definitions (per phase p of the plan, T_p its seconds; a request belongs to the phase in which its
 * log line — written when it ends — falls):
 *   - worker time of a request  = sql_s + other_s of its log line (odoo/netsvc.py PerfFilter: time
 *     since the request started in the worker, so it holds every try of Odoo's `retrying` loop and the
 *     back-off `time.sleep(uniform(0, 2^try))` between them — odoo/service/model.py);
 *   - busy B_p = Σ worker time; attempts a_p = requests n_p + retries r_p (each retry line is one
 *     more try); back-off W_p = Σ logged "try again in X sec";
 *   - concurrency N_p = B_p / T_p: mean requests in service at the workers (Little's law L = λ·W
 *     applied to the worker pool, with W the worker time; equally the utilization law U = X·D summed
 *     over workers). It is also what a Poisson arrival sees in service (PASTA);
 *   - busiest worker utilisation in p = max over worker pids of busy_pid / T_p.
 *
 * Base demand D0 — the attempt time without queueing, CPU contention or retries — is taken in the
 * LEAST loaded phase (smallest N_p among phases with ≥ MIN_REQUESTS_FOR_BASE requests):
 *     D0 = (B_p − W_p) / a_p,   split into Python (other_s) and SQL (sql_s) shares the same way.
 * Its SCV is that phase's per-request worker-time SCV.
 *
 * Retry cost — serialization failures grow with the number of other requests in service. The model
 * carries the measured retry rate as a linear function of concurrency, fitted through the origin by
 * weighted least squares over the phases (weights n_p):
 *     retries per request q(N) = α·N,   α = Σ n_p N_p q_p / Σ n_p N_p²
 * and prices each retry at the mean logged back-off w̄ = Σ W / Σ r plus one redone attempt D0:
 *     D(N) = D0 + q(N)·(w̄ + D0)
 * Linear extrapolation beyond the measured concurrency is conservative: Odoo 17's measured rate
 * levels off at about one failure per two orders from 4 clients on (docs/ODOO-PROTOCOL.md).
 *
 * Operating point — with enough workers the concurrency is the fixed point of Little's law
 * N = λ·D(N), i.e. N* = λ·D0 / (1 − λ·k) with k = α(w̄ + D0); when λ·k ≥ 1 there is none: every
 * request in service adds more retry time than it takes, and no worker count stabilises the pool.
 *
 * CPU per request: Python wall time in the quiet phase ≈ Odoo CPU (a lone request seldom waits for a
 * core); SQL time is PostgreSQL's (wall, an upper bound of its CPU). Back-off sleeps use no CPU; a
 * redone attempt uses D0's CPU again. Never the loaded wall time.
 */
import type { OdooLogRecord } from '../run/records.js';
import type { RunSummary } from './types.js';

/** Fewest requests with figures a phase needs to serve as the base phase. */
export const MIN_REQUESTS_FOR_BASE = 20;

export interface PhaseWorkerLoad {
  phase: string;
  seconds: number;
  /** Requests with figures (sql_s, other_s) ending in the phase. */
  requests: number;
  /** Request throughput at the workers, per second. */
  ratePerS: number;
  /** Σ sql_s + other_s, seconds. */
  busyS: number;
  sqlS: number;
  otherS: number;
  /** Serialization-failure (and other concurrency) retry lines, and Σ of their back-off, seconds. */
  retries: number;
  backoffS: number;
  /** N_p = busyS / seconds: mean requests in service. */
  concurrency: number;
  /** Mean worker time per request, seconds (loaded: contention and retries included). */
  meanWorkerS: number;
  /** Busiest worker pid's busy share of the phase, 0–1. */
  busiestUtilization: number;
  /** Distinct worker pids that logged requests in the phase. */
  workers: number;
}

export interface WorkerDemandModel {
  phases: PhaseWorkerLoad[];
  /** The least-loaded phase D0 was measured in. */
  basePhase: string;
  /** D0, seconds per attempt without queueing, contention or retries. */
  baseS: number;
  /** SCV of the base worker time. */
  baseScv: number;
  /** Python (≈ Odoo CPU) and SQL (PostgreSQL) seconds per attempt. */
  baseOdooCpuS: number;
  baseSqlS: number;
  /** α: retries per request per request in service. */
  retriesPerConcurrency: number;
  /** w̄: mean logged back-off per retry, seconds (0 without retries). */
  meanBackoffS: number;
  /** Distinct worker pids in the whole log: the HTTP workers the run tested. */
  testedWorkers: number;
}

/** Builds the model from the log records of a run (see the file comment); undefined without a usable base phase. */
export function workerDemandModel(summary: RunSummary, records: readonly OdooLogRecord[]): WorkerDemandModel | undefined {
  const runStartMs = Date.parse(summary.startedAt);
  const phases = (summary.phases.length > 0 ? summary.phases : [summary.overall]).map((p) => ({
    name: p.name,
    fromMs: runStartMs + p.startS * 1000,
    toMs: runStartMs + Math.min(p.endS, Math.max(summary.durationS, p.startS)) * 1000,
  }));
  const pids = new Set<number>();
  const squares = new Map<string, number>();
  const loads = phases.map((p) => {
    const seconds = Math.max(0, (p.toMs - p.fromMs) / 1000);
    const busyByPid = new Map<number, number>();
    const load = { requests: 0, busyS: 0, sqlS: 0, otherS: 0, retries: 0, backoffS: 0 };
    let sumSquares = 0;
    for (const r of records) {
      if (r.t < p.fromMs || r.t >= p.toMs) continue;
      if (r.type === 'odoo_request' && r.sqlS !== null && r.otherS !== null) {
        const s = r.sqlS + r.otherS;
        load.requests++;
        load.busyS += s;
        load.sqlS += r.sqlS;
        load.otherS += r.otherS;
        sumSquares += s * s;
        busyByPid.set(r.pid, (busyByPid.get(r.pid) ?? 0) + s);
        pids.add(r.pid);
      } else if (r.type === 'odoo_retry' && !r.exhausted) {
        load.retries++;
        load.backoffS += r.waitS ?? 0;
      }
    }
    squares.set(p.name, sumSquares);
    const busiest = Math.max(0, ...busyByPid.values());
    const phase: PhaseWorkerLoad = {
      phase: p.name,
      seconds,
      ...load,
      ratePerS: seconds > 0 ? load.requests / seconds : 0,
      concurrency: seconds > 0 ? load.busyS / seconds : 0,
      meanWorkerS: load.requests > 0 ? load.busyS / load.requests : 0,
      busiestUtilization: seconds > 0 ? Math.min(1, busiest / seconds) : 0,
      workers: busyByPid.size,
    };
    return phase;
  });
  const trusted = loads.filter((l) => l.requests >= MIN_REQUESTS_FOR_BASE && l.seconds > 0);
  if (trusted.length === 0) return undefined;
  const base = trusted.reduce((best, l) => (l.concurrency < best.concurrency ? l : best));
  const attempts = base.requests + base.retries;
  const baseS = (base.busyS - base.backoffS) / attempts;
  if (!(baseS > 0)) return undefined;
  const mean = base.busyS / base.requests;
  const secondMoment = (squares.get(base.phase) ?? 0) / base.requests;
  const totalRetries = loads.reduce((s, l) => s + l.retries, 0);
  const totalBackoff = loads.reduce((s, l) => s + l.backoffS, 0);
  const fit = loads.filter((l) => l.requests > 0);
  const sxy = fit.reduce((s, l) => s + l.requests * l.concurrency * (l.retries / l.requests), 0);
  const sxx = fit.reduce((s, l) => s + l.requests * l.concurrency ** 2, 0);
  return {
    phases: loads,
    basePhase: base.phase,
    baseS,
    baseScv: Math.max(0, secondMoment / mean ** 2 - 1),
    baseOdooCpuS: Math.max(0, base.otherS - base.backoffS) / attempts,
    baseSqlS: base.sqlS / attempts,
    retriesPerConcurrency: sxx > 0 ? sxy / sxx : 0,
    meanBackoffS: totalRetries > 0 ? totalBackoff / totalRetries : 0,
    testedWorkers: pids.size,
  };
}

/** q(N) = α·N: retries per request at a mean of N requests in service. */
export function retriesPerRequest(model: WorkerDemandModel, concurrency: number): number {
  return model.retriesPerConcurrency * Math.max(0, concurrency);
}

/** CPU seconds per request at concurrency N (Odoo, PostgreSQL): D0's shares × (1 + q(N)) — back-off sleeps use none. */
export function cpuTimeAt(model: WorkerDemandModel, concurrency: number): { odooS: number; sqlS: number } {
  const tries = 1 + retriesPerRequest(model, concurrency);
  return { odooS: model.baseOdooCpuS * tries, sqlS: model.baseSqlS * tries };
}

export interface OperatingPoint {
  /** N*, mean requests in service at rate λ (Infinity when no fixed point exists). */
  concurrency: number;
  /** D(N*), seconds per request (at the highest measured concurrency when no fixed point exists). */
  workerS: number;
  /** SCV of D(N*): base attempt plus, with probability q, a uniform back-off and a redone attempt. */
  scv: number;
  retriesPerRequest: number;
  /** False when λ·k ≥ 1: retries grow faster than workers can absorb them. */
  stable: boolean;
}

/**
 * The fixed point N = λ·D(N) (see the file comment). SCV of the loaded demand S = S0 + I·(U + S0'),
 * I ~ Bernoulli(q), U ~ uniform(0, 2w̄) (Odoo's uniform(0, 2^try) with the measured mean):
 *   E[S] = D0 + q(w̄ + D0),  E[S²] = E[S0²](1 + q) + q·(4w̄²/3 + 2w̄D0) + 2q·D0(w̄ + D0).
 */
export function operatingPoint(model: WorkerDemandModel, ratePerS: number): OperatingPoint {
  const k = model.retriesPerConcurrency * (model.meanBackoffS + model.baseS);
  const stable = ratePerS * k < 1;
  const measuredMax = Math.max(0, ...model.phases.map((p) => p.concurrency));
  const concurrency = stable ? (ratePerS * model.baseS) / (1 - ratePerS * k) : Infinity;
  const at = stable ? concurrency : measuredMax;
  const q = Math.min(1, retriesPerRequest(model, at));
  const d0 = model.baseS;
  const w = model.meanBackoffS;
  const s0Second = d0 ** 2 * (1 + model.baseScv);
  const first = d0 + q * (w + d0);
  const second = s0Second * (1 + q) + q * ((4 * w * w) / 3 + 2 * w * d0) + 2 * q * d0 * (w + d0);
  return { concurrency, workerS: first, scv: Math.max(0, second / first ** 2 - 1), retriesPerRequest: q, stable };
}

/** The phase with the highest request throughput at the workers. */
export function peakPhaseLoad(model: WorkerDemandModel, name?: string): PhaseWorkerLoad | undefined {
  const named = name === undefined ? undefined : model.phases.find((p) => p.phase === name && p.requests > 0);
  return named ?? model.phases.reduce<PhaseWorkerLoad | undefined>((best, p) => (best === undefined || p.ratePerS > best.ratePerS ? p : best), undefined);
}
