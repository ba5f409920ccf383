/**
 * Odoo HTTP workers and CPU demand for the tested peak, from the load-dependent worker time
 * (worker-demand.ts) when Odoo's log was read, else from client-side step timings
 * (service-demand.ts). Pure.
 *
 *   λ  = the busiest phase's request rate (service-demand.ts);
 *   D  = D(N*) at the fixed point N* = λ·D(N*) (Little's law), or the quietest phase's client-side
 *        step median without an Odoo log;
 *   c  = models/workers-needed.ts: smallest c with the M/G/c (Erlang C × Allen–Cunneen) p95 ≤ target
 *        and λ·D / c ≤ ρmax (utilization law U = X·D);
 *   floor: when the log shows the tested workers saturated at the peak (busiest > 80 % busy in the
 *        busiest phase) and the CPU was not the limit, c > tested — a model that answers "as many as
 *        you had" contradicts the measurement;
 *   CPU: λ × D0's CPU share (Python = Odoo, SQL = PostgreSQL) × (1 + retries per request); never the
 *        loaded wall time. Sanity bound for a lab on the load generator's machine: what the peak phase
 *        completed cannot have used more than that machine's cores — if the estimate says it did, the
 *        CPU shares are scaled down to the bound and a note says so.
 */
import { ruleOfThumbWorkers } from '../../models/odoo-sizing.js';
import type { Reasoned } from '../../models/reasoned.js';
import { workersForTarget } from '../../models/workers-needed.js';
import type { OdooLogRecord } from '../run/records.js';
import { requestServiceTime, type RequestServiceTime } from './service-demand.js';
import type { RunSummary } from './types.js';
import { cpuTimeAt, operatingPoint, peakPhaseLoad, workerDemandModel, type OperatingPoint, type WorkerDemandModel } from './worker-demand.js';

/** Busiest-worker utilisation (busy / wall) at which the tested workers count as saturated. */
export const SATURATED_UTILIZATION = 0.8;
/** CPU utilisation of the tested machine from which the CPU counts as the limit. */
export const CPU_LIMIT_UTILIZATION = 0.8;

/** What limited the tested configuration, as far as the evidence tells. */
export type WorkerLimit = 'workers' | 'cpu' | 'retries' | 'none';

export interface WorkerSizingOptions {
  targetP95S: number;
  maxUtilization?: number;
}

export interface WorkerSizing {
  httpWorkers: Reasoned<number>;
  /** Per-request figures the queueing models use. */
  requests: { ratePerS: number; serviceMeanS: number; serviceScv: number };
  /** CPU-seconds per second at the peak. */
  odooCpuSecondsPerS: number;
  dbCpuSecondsPerS: number;
  limit: WorkerLimit;
  /** HTTP workers the run had (worker pids in Odoo's log); undefined without a log. */
  testedWorkers?: number;
  /** Busiest worker's busy share in the busiest phase (whole run without per-phase records). */
  peakBusiestUtilization?: number;
  /** Cores of the tested machine when the target ran on the load generator's host. */
  testedCores?: number;
  model?: WorkerDemandModel;
  operatingPoint?: OperatingPoint;
  demand: RequestServiceTime;
  notes: string[];
}

const sig = (x: number) => String(Number(x.toPrecision(3)));
const pct = (x: number) => `${Math.round(x * 100)} %`;

/** True when the target URL is this machine (the lab, or an Odoo beside the load generator). */
export function isLocalTarget(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === '127.0.0.1' || host === 'localhost' || host === '[::1]' || host === '::1';
  } catch {
    return false;
  }
}

/** Workers and CPU for the tested peak (see the file comment). */
export function sizeWorkers(summary: RunSummary, odooLog: readonly OdooLogRecord[] | undefined, options: WorkerSizingOptions): WorkerSizing {
  const demand = requestServiceTime(summary);
  const maxUtilization = options.maxUtilization ?? 0.7;
  const ratePerS = demand.ratePerS;
  const model = odooLog === undefined || odooLog.length === 0 ? undefined : workerDemandModel(summary, odooLog);
  const notes: string[] = [];
  const testedCores = isLocalTarget(summary.target.url) ? summary.meta?.host.cpus : undefined;

  let serviceMeanS: number;
  let serviceScv: number;
  let odooCpuPerRequest: number;
  let dbCpuPerRequest: number;
  let demandReason: string;
  let point: OperatingPoint | undefined;
  let peakBusiest = summary.odoo?.workers[0]?.utilization;
  let peakRate = ratePerS;
  if (model !== undefined) {
    point = operatingPoint(model, ratePerS);
    serviceMeanS = point.workerS;
    serviceScv = point.scv;
    const cpu = cpuTimeAt(model, point.stable ? point.concurrency : Math.max(...model.phases.map((p) => p.concurrency)));
    odooCpuPerRequest = cpu.odooS;
    dbCpuPerRequest = cpu.sqlS;
    const peak = peakPhaseLoad(model, demand.busiestPhase);
    if (peak !== undefined) {
      peakBusiest = peak.busiestUtilization;
      peakRate = peak.ratePerS;
    }
    demandReason = odooLogReason(model, point, ratePerS, demand.busiestPhase);
  } else {
    serviceMeanS = demand.serviceS;
    serviceScv = demand.serviceScv ?? 1;
    // Without Odoo's split, the calibration's order-to-delivery shares (≈ 62 % Odoo CPU, 25 % SQL).
    odooCpuPerRequest = serviceMeanS * 0.62;
    dbCpuPerRequest = serviceMeanS * 0.25;
    demandReason = `${demand.reason} No Odoo log was given, so the worker time is the client-side step time of the quietest phase (no retry back-off, no worker-side figures); CPU split from the calibration.`;
  }

  // Sanity bound: the peak phase's completed requests cannot have used more CPU than the tested box had.
  if (testedCores !== undefined && testedCores > 0 && peakRate > 0) {
    const used = peakRate * (odooCpuPerRequest + dbCpuPerRequest);
    if (used > testedCores) {
      const factor = testedCores / used;
      notes.push(
        `CPU per request scaled by ${sig(factor)}: ${sig(peakRate)} requests/s × ${sig(odooCpuPerRequest + dbCpuPerRequest)} CPU-s would need ${sig(used)} cores, but the tested machine has ${testedCores}.`,
      );
      odooCpuPerRequest *= factor;
      dbCpuPerRequest *= factor;
    }
  }

  const testedWorkers = model?.testedWorkers ?? (summary.odoo !== undefined && summary.odoo.workers.length > 0 ? summary.odoo.workers.length : undefined);
  const measuredCpu = peakRate * (odooCpuPerRequest + dbCpuPerRequest);
  const cpuLimited = testedCores !== undefined && testedCores > 0 && measuredCpu >= CPU_LIMIT_UTILIZATION * testedCores;
  const saturated = testedWorkers !== undefined && peakBusiest !== undefined && peakBusiest >= SATURATED_UTILIZATION;

  const answer =
    point !== undefined && !point.stable
      ? unstableAnswer(ratePerS, serviceMeanS, serviceScv, options.targetP95S, maxUtilization)
      : workersForTarget({ ratePerS, serviceMeanS, serviceScv, targetP95S: options.targetP95S, maxUtilization });
  let value = answer.value;
  const extra: string[] = [demandReason];
  let limit: WorkerLimit = point !== undefined && !point.stable ? 'retries' : saturated ? 'workers' : 'none';
  if (cpuLimited) {
    limit = 'cpu';
    extra.push(
      `CPU was the limit of the tested machine: its ${sig(peakRate)} requests/s used about ${sig(measuredCpu)} of ${testedCores} cores — more workers need more cores.`,
    );
  } else if (saturated && testedWorkers !== undefined && value <= testedWorkers) {
    value = testedWorkers + 1;
    extra.push(
      `Raised to ${value}: Odoo's log shows the tested ${testedWorkers} workers saturated (busiest ${pct(peakBusiest ?? 0)} busy in phase ${demand.busiestPhase}), so the count must exceed what was tested.`,
    );
  }
  if (testedCores !== undefined && testedCores > 0 && value > ruleOfThumbWorkers(testedCores)) {
    extra.push(`Above Odoo's 2 × ${testedCores} cores + 1 = ${ruleOfThumbWorkers(testedCores)} for the tested machine: add cores with the workers.`);
  }
  if (point !== undefined && !point.stable) {
    extra.push('Retries grow faster than workers absorb them at this rate: reduce concurrent updates of the same rows before adding workers.');
  }
  const httpWorkers: Reasoned<number> = {
    ...answer,
    value,
    reason: `${answer.reason} ${extra.join(' ')}`,
    inputs: {
      ...answer.inputs,
      runId: summary.runId,
      busiestPhase: demand.busiestPhase,
      quietestPhase: model?.basePhase ?? demand.quietestPhase,
      workerTimeFrom: model !== undefined ? 'odoo-log' : 'client-side',
      queueingModelWorkers: answer.value,
      limit,
      ...(testedWorkers !== undefined ? { testedWorkers } : {}),
      ...(peakBusiest !== undefined ? { peakBusiestUtilization: peakBusiest } : {}),
      ...(model !== undefined && point !== undefined
        ? {
            baseWorkerS: model.baseS,
            retriesPerConcurrency: model.retriesPerConcurrency,
            meanBackoffS: model.meanBackoffS,
            concurrencyAtPeak: point.concurrency,
            retriesPerRequestAtPeak: point.retriesPerRequest,
          }
        : {}),
    },
  };
  const sizing: WorkerSizing = {
    httpWorkers,
    requests: { ratePerS, serviceMeanS, serviceScv },
    odooCpuSecondsPerS: ratePerS * odooCpuPerRequest,
    dbCpuSecondsPerS: ratePerS * dbCpuPerRequest,
    limit,
    demand,
    notes,
  };
  if (testedWorkers !== undefined) sizing.testedWorkers = testedWorkers;
  if (peakBusiest !== undefined) sizing.peakBusiestUtilization = peakBusiest;
  if (testedCores !== undefined) sizing.testedCores = testedCores;
  if (model !== undefined) sizing.model = model;
  if (point !== undefined) sizing.operatingPoint = point;
  return sizing;
}

/** Without a fixed point, size at the highest measured worker time under the ceiling alone. */
function unstableAnswer(ratePerS: number, serviceMeanS: number, serviceScv: number, targetP95S: number, maxUtilization: number): Reasoned<number> {
  return workersForTarget({ ratePerS, serviceMeanS, serviceScv, targetP95S: Math.max(targetP95S, serviceMeanS * 100), maxUtilization });
}

/** e.g. "Worker time per request from Odoo's log: 0.12 s per attempt in the quietest phase quiet (96 requests) + retry back-off …" */
function odooLogReason(model: WorkerDemandModel, point: OperatingPoint, ratePerS: number, busiest: string): string {
  const base = model.phases.find((p) => p.phase === model.basePhase);
  const retry =
    model.retriesPerConcurrency > 0
      ? `plus the retry back-off that sleeps inside the worker: ${sig(point.retriesPerRequest)} serialization-failure retries per request at ${sig(point.concurrency)} requests in service ` +
        `(${sig(model.retriesPerConcurrency)} per request in service, fitted over the phases), each ${sig(model.meanBackoffS)} s of logged back-off ("try again in … sec") and one redone attempt`
      : 'no retries were logged';
  return (
    `Worker time per request from Odoo's log: ${sig(model.baseS)} s per attempt in the least-loaded phase ${model.basePhase} (${base?.requests ?? 0} requests, ` +
    `${sig(base?.concurrency ?? 0)} in service), ${retry}; at ${sig(ratePerS)} requests/s (phase ${busiest}) that is ${sig(point.workerS)} s per request (SCV ${sig(point.scv)}).`
  );
}
