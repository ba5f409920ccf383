/**
 * The tested Odoo server as a model the simulator can run (models/simulate): what each journey's
 * calls cost, how serialization failures grow with concurrency, what the client adds between
 * calls, and how much of the cores was busy with work outside the requests. Pure.
 *
 * From Odoo's request log (odoo_log.ndjson), per request: worker time = sql_s + other_s (the time
 * since the request started in the worker, every retry and back-off included — odoo/netsvc.py).
 *
 *   - Call costs D0: the requests of the run that ran with no more requests in service than the
 *     server has cores (mean in-service count over the request's life ≤ cores: no CPU sharing),
 *     that no retry line of their worker interrupted, after each worker's first
 *     WARM_UP_REQUESTS requests (every prefork worker fills its own ORM and registry caches: the
 *     first orders on a fresh worker cost 2× — measured on Odoo 17, docs/MODEL.md). Grouped by
 *     model and method, so an iteration keeps its composition (call kinds, simulate/types.ts).
 *   - Retries: an attempt fails with probability α·N, N = the requests in service when it ends;
 *     α = retry lines / Σ over requests of N at their end (0.0095 and 0.0087 on the two fixture runs).
 *   - Client gap: per call, client-side iteration time minus its calls' D0, in the least queued warm
 *     phase (clientGap).
 *   - Background cores: what the cores spent outside the requests (the load generator on the same
 *     host, cron, PostgreSQL's own work, the OS) is not in the log; it is CALIBRATED so that the
 *     replay of the tested configuration spends the worker-seconds the log measured (a first-moment
 *     match by bisection). The p95 the replay then gives is a prediction, not a fit — the replay error
 *     (replay.ts) says how far to trust it.
 *
 * Without the Odoo log: each journey is K calls (its steps per iteration) costing its quietest-phase
 * client-side service time, no retries, no background; the confidence says the log was missing.
 */
import { mean } from 'simple-statistics';
import type { CallCost, CallKind, Contention, JourneyDemand } from '../../models/simulate/types.js';
import { CALIBRATION_DEFAULTS } from '../../models/calibration-defaults.js';
import type { LoadPlan } from '../plan/plan.js';
import type { OdooLogRecord, OdooRequestRecord } from '../run/records.js';
import { requestServiceTime } from './service-demand.js';
import type { RunSummary } from './types.js';

/** Requests each worker serves before its caches are warm (excluded from D0). */
export const WARM_UP_REQUESTS = 10;
/** Fewest usable requests for a call-kind model from the log. */
const MIN_LOG_REQUESTS = 30;
/** Client gaps above this are think time the journey declares, not client overhead. */
const MAX_CLIENT_GAP_S = 2;

/** The tested server's shape, as flags, the manifest, the lab or the log gave it. */
export interface ServerShape {
  /** CPU cores shared by Odoo's workers and PostgreSQL. */
  cores?: number;
  /** HTTP workers (Odoo `workers`). */
  workers?: number;
  /** Cores of a separate PostgreSQL host: SQL time then waits off the Odoo cores. */
  dbCores?: number;
  /** Where the figures came from, in words (e.g. "--odoo-cores", "the Odoo log's worker pids"). */
  source?: string;
}

export interface ServerModel {
  /** Per journey of the plan: what one iteration sends and costs. */
  demands: Record<string, JourneyDemand>;
  contention: Contention;
  cores: number;
  /** The HTTP workers the run tested; undefined when neither the log nor a flag tells. */
  testedWorkers: number | undefined;
  /** Cores busy outside the requests (calibrated, see the file comment). */
  backgroundCores: number;
  clientGapS: number;
  /** `odoo-log`: call costs from Odoo's request log; `client`: from the client-side step timings. */
  evidence: 'odoo-log' | 'client';
  /** Mean D0 per call, seconds, and how many requests it rests on. */
  meanCallS: number;
  callsMeasured: number;
  /** Measured worker-seconds over the run (Σ sql + other), for the calibration; undefined without the log. */
  measuredBusyS: number | undefined;
  /** Assumptions and gaps, one sentence each. */
  notes: string[];
}

/** A journey's name for a log request: the one journey of a single-journey plan, else undefined. */
function requestFilter(summary: RunSummary): (r: OdooLogRecord) => r is OdooRequestRecord {
  const from = Date.parse(summary.startedAt);
  const to = from + summary.durationS * 1000;
  return (r): r is OdooRequestRecord =>
    r.type === 'odoo_request' && r.t >= from && r.t <= to + 60_000 && r.sqlS !== null && r.otherS !== null && r.status < 500 && !isSessionRequest(r.path);
}

/** Logins and session checks are once per user, not part of an iteration. */
function isSessionRequest(path: string): boolean {
  return path.startsWith('/web/session/') || path === '/xmlrpc/2/common' || path.startsWith('/web/webclient/');
}

function workerS(r: OdooRequestRecord): number {
  return (r.sqlS ?? 0) + (r.otherS ?? 0);
}

/**
 * Mean requests in service over each request's life (itself included) and in service at its end,
 * from the step function of starts and ends: O(n log n).
 */
export function concurrencyOf(requests: readonly OdooRequestRecord[]): { during: number[]; atEnd: number[] } {
  const intervals = requests.map((r) => ({ s: r.t - workerS(r) * 1000, e: r.t }));
  const edges = intervals.flatMap((iv) => [{ t: iv.s, d: 1 }, { t: iv.e, d: -1 }]).sort((a, b) => a.t - b.t || a.d - b.d);
  // Breakpoints with the count just after each and the integral of the count up to each.
  const times: number[] = [];
  const counts: number[] = [];
  const areas: number[] = [];
  let count = 0;
  let area = 0;
  let last = edges[0]?.t ?? 0;
  for (const edge of edges) {
    area += count * (edge.t - last);
    last = edge.t;
    count += edge.d;
    times.push(edge.t);
    counts.push(count);
    areas.push(area);
  }
  const integralTo = (t: number): number => {
    let lo = 0;
    let hi = times.length - 1;
    if (hi < 0 || t <= (times[0] as number)) return 0;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((times[mid] as number) <= t) lo = mid;
      else hi = mid - 1;
    }
    return (areas[lo] as number) + (counts[lo] as number) * (t - (times[lo] as number));
  };
  const countBefore = (t: number): number => {
    // The count on the open interval just before t (a request ending at t is still in service).
    let lo = 0;
    let hi = times.length - 1;
    let answer = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((times[mid] as number) < t) {
        answer = counts[mid] as number;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return answer;
  };
  return {
    during: intervals.map((iv) => (iv.e > iv.s ? (integralTo(iv.e) - integralTo(iv.s)) / (iv.e - iv.s) : countBefore(iv.e))),
    atEnd: intervals.map((iv) => countBefore(iv.e)),
  };
}

/** Requests whose worker logged a retry while they ran (their time holds a back-off sleep). */
function retried(requests: readonly OdooRequestRecord[], records: readonly OdooLogRecord[]): boolean[] {
  const retriesByPid = new Map<number, number[]>();
  for (const r of records) if (r.type === 'odoo_retry') retriesByPid.set(r.pid, [...(retriesByPid.get(r.pid) ?? []), r.t]);
  return requests.map((r) => (retriesByPid.get(r.pid) ?? []).some((t) => t >= r.t - workerS(r) * 1000 && t <= r.t));
}

/** The callKind name of a request: `model/method` for call_kw, the path otherwise. */
function kindOf(r: OdooRequestRecord): string {
  return r.model !== undefined && r.rpcMethod !== undefined ? `${r.model}/${r.rpcMethod}` : r.path;
}

/** Cores assumed for the tested server when neither `--odoo-cores` nor the run's host says: the smallest machine Odoo's sizing (models/odoo-sizing.ts) recommends. */
export const ASSUMED_SERVER_CORES = 2;

/** Builds the model of the tested server (see the file comment). Background cores start at 0: calibrate with `calibrateBackground`. */
export function serverModel(summary: RunSummary, plan: LoadPlan, odooLog: readonly OdooLogRecord[] | undefined, shape: ServerShape): ServerModel {
  const notes: string[] = [];
  const hostCores = summary.meta?.host.cpus;
  const cores = shape.cores ?? hostCores ?? ASSUMED_SERVER_CORES;
  if (shape.cores === undefined) {
    const from = hostCores !== undefined ? "the load generator's host" : 'Odoo\'s smallest production machine; the run names no host either';
    notes.push(`the server's cores were not given (--odoo-cores): ${cores} assumed (${from}) — the what-if is only as right as this`);
  }
  const journeys = [...new Set(plan.scenarios.map((s) => s.journey))];
  const requests = (odooLog ?? []).filter(requestFilter(summary));
  const logWorkers = new Set(requests.map((r) => r.pid)).size;
  const testedWorkers = shape.workers ?? (logWorkers > 0 ? logWorkers : undefined);
  const iterations = Math.max(1, summary.overall.stats.filter((s) => s.step === null).reduce((n, s) => n + s.count - s.errors, 0));

  if (requests.length < MIN_LOG_REQUESTS) {
    if (odooLog === undefined || odooLog.length === 0) notes.push("no Odoo log (--odoo-log): call costs from client-side timings, which hold network and queueing; no retries modelled");
    else notes.push(`only ${requests.length} usable requests in the Odoo log: call costs from client-side timings`);
    return { ...clientOnlyModel(summary, journeys), cores, testedWorkers, notes };
  }

  const { during, atEnd } = concurrencyOf(requests);
  const interrupted = retried(requests, odooLog ?? []);
  const seenByPid = new Map<number, number>();
  const kinds = new Map<string, { perIteration: number; costs: CallCost[]; firstT: number }>();
  for (const [i, r] of requests.entries()) {
    const kind = kinds.get(kindOf(r)) ?? { perIteration: 0, costs: [], firstT: r.t };
    kind.perIteration += 1 / iterations;
    kinds.set(kindOf(r), kind);
    const seen = seenByPid.get(r.pid) ?? 0;
    seenByPid.set(r.pid, seen + 1);
    if (seen < WARM_UP_REQUESTS || interrupted[i] === true || (during[i] ?? 0) > cores) continue;
    // On a separate database host the SQL time holds the worker but not an Odoo core.
    kind.costs.push(shape.dbCores === undefined ? { cpuS: workerS(r), offCpuS: 0 } : { cpuS: r.otherS ?? 0, offCpuS: r.sqlS ?? 0 });
  }
  const calls: CallKind[] = [...kinds.entries()]
    .filter(([, k]) => k.costs.length > 0)
    .sort((a, b) => a[1].firstT - b[1].firstT)
    .map(([name, k]) => ({ name, perIteration: k.perIteration, costs: k.costs }));
  const allCosts = calls.flatMap((k) => k.costs.map((c) => c.cpuS + c.offCpuS));
  const meanCallS = allCosts.length > 0 ? mean(allCosts) : 0;
  const callsPerIteration = calls.reduce((n, k) => n + k.perIteration, 0);
  const retries = (odooLog ?? []).filter((r) => r.type === 'odoo_retry' && !r.exhausted && r.t >= Date.parse(summary.startedAt)).length;
  const inServiceAtEnds = atEnd.reduce((a, b) => a + b, 0);
  const alpha = inServiceAtEnds > 0 ? retries / inServiceAtEnds : 0;
  const gap = clientGap(summary, callsPerIteration, meanCallS);
  const writes = retries > 0;
  // Log requests carry no journey: a one-journey plan owns them all; several journeys share the
  // measured call kinds in proportion to their client-side service times.
  const single = journeys.length === 1;
  if (!single) notes.push("several journeys: the log's call costs are shared among them in proportion to their client-side service times (the log does not name the journey)");
  const demands: Record<string, JourneyDemand> = {};
  for (const journey of journeys) {
    if (single) {
      demands[journey] = { workerS: callsPerIteration * meanCallS, cpuS: callsPerIteration * meanCallS, dbS: 0, writes, callsPerIteration, calls, clientGapS: gap };
      continue;
    }
    const client = clientDemand(summary, journey);
    const k = client?.calls ?? CALIBRATION_DEFAULTS[journey]?.callsPerIteration ?? 1;
    const perCall = client === undefined ? meanCallS : Math.max(0, client.serviceS / k - gap);
    const scale = meanCallS > 0 ? perCall / meanCallS : 1;
    demands[journey] = {
      workerS: k * perCall,
      cpuS: k * perCall,
      dbS: 0,
      writes: writes && (CALIBRATION_DEFAULTS[journey]?.writes ?? false),
      callsPerIteration: k,
      calls: [{ name: journey, perIteration: k, costs: allCosts.map((c) => ({ cpuS: c * scale, offCpuS: 0 })) }],
      clientGapS: gap,
      ...(CALIBRATION_DEFAULTS[journey]?.integration ? { integration: true } : {}),
    };
  }
  return {
    demands,
    contention: { retriesPerConcurrency: alpha },
    cores,
    testedWorkers,
    backgroundCores: 0,
    clientGapS: gap,
    evidence: 'odoo-log',
    meanCallS,
    callsMeasured: allCosts.length,
    measuredBusyS: requests.reduce((s, r) => s + workerS(r), 0),
    notes,
  };
}

/** Fewest completed iterations a phase needs to estimate the client gap from. */
const MIN_ITERATIONS_FOR_GAP = 10;

/**
 * Client seconds per call: per phase, (mean iteration service time − K·D0) / K; the smallest over the
 * phases with enough iterations — the least queued and warm one (the first phase of a run can be
 * slow because every worker is still filling its caches, which is not the client's time).
 */
function clientGap(summary: RunSummary, callsPerIteration: number, meanCallS: number): number {
  const gaps = summary.phases.flatMap((phase) => {
    const stats = phase.stats.filter((s) => s.step === null && s.count - s.errors > 0);
    const count = stats.reduce((n, s) => n + s.count, 0);
    if (count < MIN_ITERATIONS_FOR_GAP) return [];
    const meanS = stats.reduce((sum, s) => sum + s.count * (s.serviceMeanMs ?? s.meanMs), 0) / count / 1000;
    return [(meanS - callsPerIteration * meanCallS) / Math.max(1, callsPerIteration)];
  });
  return gaps.length === 0 ? 0 : Math.min(MAX_CLIENT_GAP_S, Math.max(0, Math.min(...gaps)));
}

/** A journey's steps per iteration and quietest-phase service time, client side. */
function clientDemand(summary: RunSummary, journey: string): { calls: number; serviceS: number; scv: number | undefined } | undefined {
  const whole = summary.overall.stats.find((s) => s.journey === journey && s.step === null);
  if (whole === undefined || whole.count - whole.errors <= 0) return undefined;
  const name = requestServiceTime(summary).quietestPhase;
  const quiet = summary.phases.find((p) => p.name === name)?.stats.find((s) => s.journey === journey && s.step === null);
  const stats = quiet !== undefined && quiet.count - quiet.errors > 0 ? quiet : whole;
  const steps = summary.overall.stats.filter((s) => s.journey === journey && s.step !== null).reduce((n, s) => n + s.count, 0);
  return { calls: steps > 0 ? steps / whole.count : 1, serviceS: (stats.serviceMeanMs ?? stats.meanMs) / 1000, scv: stats.serviceScv };
}

function clientOnlyModel(summary: RunSummary, journeys: readonly string[]): Omit<ServerModel, 'cores' | 'testedWorkers' | 'notes'> {
  const demands: Record<string, JourneyDemand> = {};
  let calls = 0;
  let seconds = 0;
  for (const journey of journeys) {
    const client = clientDemand(summary, journey);
    const base = CALIBRATION_DEFAULTS[journey] ?? CALIBRATION_DEFAULTS['order-entry'];
    if (client === undefined) {
      if (base !== undefined) demands[journey] = { ...base };
      continue;
    }
    calls += client.calls;
    seconds += client.serviceS;
    demands[journey] = {
      workerS: client.serviceS,
      cpuS: client.serviceS,
      dbS: 0,
      scv: client.scv ?? 1,
      callsPerIteration: client.calls,
      ...(base?.integration ? { integration: true } : {}),
    };
  }
  return { demands, contention: {}, backgroundCores: 0, clientGapS: 0, evidence: 'client', meanCallS: calls > 0 ? seconds / calls : 0, callsMeasured: 0, measuredBusyS: undefined };
}
