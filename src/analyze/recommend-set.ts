/**
 * The whole recommended configuration for a report — tenancy, Odoo workers, CPU and RAM per tier,
 * PostgreSQL size, headroom — every value a Reasoned number (models/reasoned.ts). Pure.
 *
 *   with a forecast:  measured demands ──► forecastToWorkload ──► recommendPlan   (sized for the forecast peak)
 *   without one:      the run's busiest phase as the workload ──► the same models  (sized for the tested peak)
 *
 * Without a forecast the workload is the run itself: the busiest phase's request rate and the
 * load-dependent worker time per request (worker-sizing.ts: from Odoo's log when its records are
 * given — base attempt time in the least-loaded phase plus the measured retry back-off at the peak
 * concurrency — else client-side step times), CPU from the unloaded CPU share of that time, never the
 * loaded wall time; burstiness as the busiest phase's iteration rate over the run's mean. The HTTP
 * worker count never falls to or below a tested count the log shows saturated. PostgreSQL RAM is
 * assumed 16 GB, as `plan` does when a forecast declares none.
 *
 * Headroom (the verdict's "35 % headroom"): with a forecast, of the recommended configuration at the
 * forecast peak (recommendPlan); without one, of the TESTED configuration at the tested peak when the
 * Odoo log shows how many workers served requests, else of the recommended configuration.
 */
import type { Forecast, Workload } from '../../models/forecast.js';
import { calibratedDemands } from '../../models/calibration-defaults.js';
import { forecastToWorkload } from '../../models/forecast.js';
import { headroom } from '../../models/headroom.js';
import { memoryPerWorkerMb, DEFAULT_HEAVY_SHARE } from '../../models/odoo-sizing.js';
import { postgresIoValues, recommendPlan, sizeTiers, tenancyInput, type PlanRecommendation } from '../../models/plan-recommendation.js';
import type { Reasoned } from '../../models/reasoned.js';
import { recommendTenancy } from '../../models/tenancy.js';
import { measuredDemands } from './measured-demands.js';
import { runIo } from './postgres-io.js';
import { DEFAULT_REQUEST_P95_S } from './recommend.js';
import type { OdooLogRecord } from '../run/records.js';
import { requestServiceTime } from './service-demand.js';
import type { RunSummary } from './types.js';
import { isLocalTarget, sizeWorkers, type WorkerSizing } from './worker-sizing.js';

/** PostgreSQL RAM assumed when no forecast declares it, GB (as `plan`). */
export const ASSUMED_POSTGRES_RAM_GB = 16;

export interface RecommendationSet {
  /** `forecast`: sized for a forecast's peak; `run`: for the peak the run tested. */
  source: 'forecast' | 'run';
  /** In words, e.g. "the forecast acme-2026 peak hour" or "the tested peak (phase order-wave, 3× business volume)". */
  sizedFor: string;
  /** Every recommended value by name, each with its reason, method and inputs. */
  values: Record<string, Reasoned<unknown>>;
  /** What drives the cost of each tier, one sentence each. */
  costDrivers: Array<{ tier: string; configuration: string; driver: string }>;
  /** Headroom used by the verdict (also in `values.headroom`). */
  headroom: Reasoned<number>;
  notes: string[];
  /** How the HTTP workers were sized for the tested peak (absent with a forecast): for the risks and the what-if table. */
  workers?: WorkerSizing;
}


/**
 * The recommendation set for a run, sized for `forecast` when given, else for the tested peak.
 * `odooLog`: the run's Odoo log records (odoo_log.ndjson), for the worker-side, load-dependent
 * worker time; without them the client-side timings stand in (and the reason says so).
 * Returns undefined when the run completed no request (nothing to size from).
 */
/** What the simulated tested server decided (build-report.ts): the worker count, and the flow p95s for the tenancy test. */
export interface SimulatedSizing {
  workers: Reasoned<number>;
  /** Headroom of the tested configuration on the simulated server (replay.ts simulatedHeadroom). */
  headroom?: Reasoned<number>;
  tenancy?: { aloneP95S: number; withNeighbourP95S: number; targetP95S: number };
}

export function recommendationSet(summary: RunSummary, forecast?: Forecast, odooLog?: readonly OdooLogRecord[], simulated?: SimulatedSizing): RecommendationSet | undefined {
  const demand = requestServiceTime(summary);
  if (demand.requests === 0 || demand.serviceS <= 0) return undefined;
  // journeys the run did not exercise: calibration, priced at the forecast's lines per order when there is one
  const measured = measuredDemands(summary, forecast === undefined ? undefined : calibratedDemands(forecast.linesPerOrder.mean));
  if (forecast !== undefined) {
    const workload = forecastToWorkload(forecast, measured.demands, {}, measured.measured);
    const plan = recommendPlan(forecast, workload, runIo(summary, measured.demands));
    return fromPlan(plan, `the forecast "${forecast.name}" peak hour (demands measured in run ${summary.runId} where exercised)`, 'forecast', measured.notes);
  }
  const sizing = sizeWorkers(summary, odooLog, { targetP95S: DEFAULT_REQUEST_P95_S });
  const workload = workloadFromRun(summary, measured.demands, measured.measured, sizing);
  const plan = { ...planForWorkload(summary.profile, workload), ...postgresIoValues(runIo(summary, measured.demands)) };
  applyWorkerSizing(plan, sizing);
  // The simulated tested server (worker-choice.ts) has the last word when it could be built.
  if (simulated !== undefined) {
    setHttpWorkers(plan.odoo, simulated.workers);
    if (simulated.tenancy !== undefined) plan.tenancy = simulatedTenancy(workload, simulated.workers.value, simulated.tenancy);
  }
  const tested = simulated?.headroom ?? testedHeadroom(summary, workload, sizing.peakBusiestUtilization);
  if (tested !== undefined) plan.headroom = tested;
  const scale = summary.scale === 1 ? '' : `, ${summary.scale}× business volume`;
  const set = fromPlan(plan, `the tested peak (phase ${demand.busiestPhase}${scale})`, 'run', [...measured.notes, ...sizing.notes]);
  set.workers = sizing;
  return set;
}

/**
 * The sized HTTP workers replace the plain queueing answer of odooSizing (which knows neither the
 * retry term nor the saturation floor) unless its minimum of 2 is higher; memory follows the count.
 */
function applyWorkerSizing(plan: PlanRecommendation, sizing: WorkerSizing): void {
  if (sizing.httpWorkers.value < plan.odoo.httpWorkers.value) return;
  setHttpWorkers(plan.odoo, sizing.httpWorkers);
}

/** The tenancy score with the simulated server's flow p95s (models/tenancy.ts `simulated`). */
function simulatedTenancy(workload: Workload, workers: number, simulated: NonNullable<SimulatedSizing['tenancy']>): PlanRecommendation['tenancy'] {
  return recommendTenancy({ ...tenancyInput(workload, workers), simulated });
}

/** Sets the HTTP workers; the workers' memory follows the count. */
function setHttpWorkers(odoo: PlanRecommendation['odoo'], workers: Reasoned<number>): void {
  odoo.httpWorkers = workers;
  const processes = odoo.httpWorkers.value + odoo.maxCronThreads.value;
  const heavyShare = typeof odoo.memoryMb.inputs['heavyShare'] === 'number' ? odoo.memoryMb.inputs['heavyShare'] : DEFAULT_HEAVY_SHARE;
  const perWorker = memoryPerWorkerMb(heavyShare);
  odoo.memoryMb = {
    ...odoo.memoryMb,
    value: Math.ceil(processes * perWorker),
    reason: odoo.memoryMb.reason.replace(/^\d+ workers/, `${processes} workers`),
    inputs: { ...odoo.memoryMb.inputs, workers: processes },
  };
}

/**
 * The run's busiest phase as a Workload: per-journey whole-iteration throughput there, the measured
 * demands, and the per-request rate, worker time and CPU of the worker sizing (worker-sizing.ts).
 */
export function workloadFromRun(
  summary: RunSummary,
  demands: ReturnType<typeof measuredDemands>['demands'],
  measured: ReadonlySet<string>,
  sizing: WorkerSizing = sizeWorkers(summary, undefined, { targetP95S: DEFAULT_REQUEST_P95_S }),
): Workload {
  const demand = sizing.demand;
  const busiest = summary.phases.find((p) => p.name === demand.busiestPhase) ?? summary.overall;
  const journeys = busiest.stats
    .filter((s) => s.step === null && demands[s.journey] !== undefined)
    .map((s) => ({ journey: s.journey, peakRatePerS: s.throughputPerS, demand: demands[s.journey]!, source: measured.has(s.journey) ? ('measured' as const) : ('calibration' as const) }));
  const integration = journeys.filter((j) => j.demand.integration === true);
  const busy = (js: typeof journeys) => js.reduce((sum, j) => sum + j.peakRatePerS * j.demand.workerS, 0);
  const integrationCalls = integration.reduce((sum, j) => sum + j.peakRatePerS * j.demand.callsPerIteration, 0);
  const iterationRate = (phase: typeof busiest) => phase.stats.filter((s) => s.step === null).reduce((sum, s) => sum + s.throughputPerS, 0);
  const meanRate = iterationRate(summary.overall);
  const longestStepMs = Math.max(0, ...summary.overall.stats.filter((s) => s.step !== null).map((s) => s.maxMs));
  return {
    journeys,
    requests: sizing.requests,
    integrationRequests: {
      ratePerS: integrationCalls,
      serviceMeanS: integrationCalls > 0 ? busy(integration) / integrationCalls : 0,
      serviceScv: 1,
    },
    // Per request from the unloaded CPU share (worker-sizing.ts), not from loaded wall time.
    odooCpuSecondsPerS: sizing.odooCpuSecondsPerS,
    dbCpuSecondsPerS: sizing.dbCpuSecondsPerS,
    integrationShare: busy(journeys) > 0 ? busy(integration) / busy(journeys) : 0,
    burstiness: meanRate > 0 ? Math.max(1, iterationRate(busiest) / meanRate) : 1,
    conflictPerWriter: 0,
    targetP95S: DEFAULT_REQUEST_P95_S,
    volumeFactor: summary.scale,
    longestRequestS: longestStepMs / 1000,
  };
}

/** recommendPlan without a forecast: the same models, PostgreSQL RAM assumed, no declared isolation. */
function planForWorkload(name: string, workload: Workload): PlanRecommendation {
  const { requests } = workload;
  const { odoo, integrationWorkers, postgres, tenancy } = sizeTiers(workload, {
    database: { ramGb: ASSUMED_POSTGRES_RAM_GB, cpus: 4, storage: 'ssd' },
    noIntegrationReason: 'The run had no integration traffic.',
  });
  const room = headroom({
    ratePerS: requests.ratePerS,
    serviceMeanS: requests.serviceMeanS,
    serviceScv: requests.serviceScv,
    workers: odoo.httpWorkers.value,
    targetP95S: workload.targetP95S,
    cpuSecondsPerS: workload.odooCpuSecondsPerS + workload.dbCpuSecondsPerS,
    cores: odoo.cpuCores.value,
  });
  return {
    forecast: name,
    workload,
    odoo,
    integrationWorkers,
    postgres,
    postgresRamGb: {
      value: ASSUMED_POSTGRES_RAM_GB,
      unit: 'GB',
      reason: `${ASSUMED_POSTGRES_RAM_GB} GB assumed (no forecast declares the database server): PGTune scales the memory settings from it; give --forecast with database.ramGb to size for yours.`,
      inputs: { declared: false },
    },
    tenancy,
    headroom: room,
  };
}

/**
 * Headroom of the configuration that was tested: workers = the Odoo worker pids that served requests
 * (from Odoo's log), cores = the load-generator machine's (the lab runs on it; for a remote target
 * this is an assumption the reason states). Undefined without an Odoo log.
 */
function testedHeadroom(summary: RunSummary, workload: Workload, peakBusiestUtilization?: number): Reasoned<number> | undefined {
  const workers = summary.odoo?.workers.length ?? 0;
  const hostCores = summary.meta?.host.cpus ?? 0;
  if (workers === 0 || hostCores === 0) return undefined;
  // A target on this machine (the lab) shares its cores with the load generator: what the engine
  // itself burned at its busiest is not available to Odoo and PostgreSQL.
  const local = isLocalTarget(summary.target.url);
  const generatorCores = local ? (summary.engineHealth?.maxCpuShare ?? 0) : 0;
  const cores = Math.max(0.1, hostCores - generatorCores);
  const { requests } = workload;
  const room = headroom({
    ratePerS: requests.ratePerS,
    serviceMeanS: requests.serviceMeanS,
    serviceScv: requests.serviceScv,
    workers,
    targetP95S: workload.targetP95S,
    cpuSecondsPerS: workload.odooCpuSecondsPerS + workload.dbCpuSecondsPerS,
    cores,
  });
  const coresText =
    generatorCores > 0
      ? `${hostCores} cores of the machine it shares with the load generator, less the ${generatorCores.toFixed(2)} core the generator used at its busiest`
      : `${hostCores} cores as on the load-generator machine`;
  // With Odoo's log, the measurement decides (utilization law: busy share grows with load, so the
  // busiest worker at U in the peak phase reaches the ceiling at m = ceiling / U). The queueing model
  // works from the quiet phase's worker time, which grows under contention and includes start-up
  // outliers; it stays in the reason as a second opinion.
  if (peakBusiestUtilization !== undefined && peakBusiestUtilization > 0) {
    const measuredPercent = Math.round((MEASURED_BUSY_CEILING / peakBusiestUtilization - 1) * 1000) / 10;
    const model = room.reason;
    room.value = measuredPercent;
    room.reason =
      `Odoo's log shows the busiest worker ${Math.round(peakBusiestUtilization * 100)} % busy in the peak phase; ` +
      (measuredPercent >= 0
        ? `load can grow ${measuredPercent} % before it passes ${Math.round(MEASURED_BUSY_CEILING * 100)} % (busy time grows with load).`
        : `that is already past ${Math.round(MEASURED_BUSY_CEILING * 100)} %: the tested configuration has no headroom at this peak.`) +
      ` The queueing model, from the quiet phase's worker time, says: ${model}`;
    room.formula = `${MEASURED_BUSY_CEILING} / measured peak busy share − 1 (utilization law); queueing model as a second opinion`;
    room.inputs = { ...room.inputs, limit: 'measured-worker-busy', peakBusiestUtilization };
  }
  room.reason = `Of the tested configuration (${workers} Odoo workers seen in its log, ${coresText}): ${room.reason}`;
  room.inputs = { ...room.inputs, configuration: 'tested', workersFrom: 'odoo log pids', coresFrom: local ? 'host less load generator' : 'load-generator host', hostCores, generatorCores };
  return room;
}

/** Busy share of a worker beyond which queueing delay explodes; the measured cross-check's ceiling. */
const MEASURED_BUSY_CEILING = 0.8;

/** The entries whose value is defined. */
function optional(entries: Record<string, Reasoned<unknown> | undefined>): Record<string, Reasoned<unknown>> {
  return Object.fromEntries(Object.entries(entries).filter((entry): entry is [string, Reasoned<unknown>] => entry[1] !== undefined));
}

function fromPlan(plan: PlanRecommendation, sizedFor: string, source: RecommendationSet['source'], notes: string[]): RecommendationSet {
  const { odoo, postgres } = plan;
  const settings = Object.entries(postgres.settings).map(([k, v]) => `${k} = ${v}`);
  const values: Record<string, Reasoned<unknown>> = {
    httpWorkers: odoo.httpWorkers,
    cronThreads: odoo.maxCronThreads,
    odooCpuCores: odoo.cpuCores,
    odooMemoryMb: odoo.memoryMb,
    limitMemorySoft: odoo.limitMemorySoft,
    limitMemoryHard: odoo.limitMemoryHard,
    limitTimeCpu: odoo.limitTimeCpu,
    limitTimeReal: odoo.limitTimeReal,
    dbMaxconn: odoo.dbMaxconn,
    integrationWorkers: plan.integrationWorkers,
    postgresCores: postgres.cores,
    postgresRamGb: plan.postgresRamGb,
    postgresMaxConnections: postgres.maxConnections,
    ...optional({ postgresIops: plan.postgresIops, postgresWalRate: plan.postgresWalRate, postgresStorageGrowth: plan.postgresStorageGrowth }),
    postgresSettings: {
      value: settings.join(', '),
      reason: `${postgres.baselineReason} ${postgres.adjustments.map((a) => `${a.setting}: ${a.baseline ?? '(unset)'} → ${a.value} (${a.reason})`).join(' ')}`.trim(),
      formula: 'PGTune baseline + Odoo adjustments (models/postgres-sizing.ts)',
      inputs: { adjustments: postgres.adjustments.length },
    },
    tenancy: plan.tenancy.recommendation,
    headroom: plan.headroom,
  };
  const ramGb = (mb: number) => Math.ceil((mb / 1024) * 10) / 10;
  const costDrivers: RecommendationSet['costDrivers'] = [
    { tier: 'Tenancy', configuration: String(plan.tenancy.recommendation.value), driver: plan.tenancy.recommendation.reason },
    {
      tier: 'Odoo application server',
      configuration: `${odoo.httpWorkers.value} HTTP workers + ${odoo.maxCronThreads.value} cron, ${odoo.cpuCores.value} CPU cores, ${ramGb(odoo.memoryMb.value)} GB RAM for workers`,
      driver: `Workers: ${odoo.httpWorkers.reason} Cores: ${odoo.cpuCores.reason}`,
    },
    {
      tier: 'PostgreSQL',
      configuration: `${postgres.cores.value} CPU cores, ${plan.postgresRamGb.value} GB RAM, max_connections ${postgres.maxConnections.value}`,
      driver: `${postgres.cores.reason} ${plan.postgresRamGb.reason}`,
    },
  ];
  if (plan.integrationWorkers.value > 0) {
    costDrivers.push({ tier: 'Integration pool (optional)', configuration: `${plan.integrationWorkers.value} workers`, driver: plan.integrationWorkers.reason });
  }
  return { source, sizedFor, values, costDrivers, headroom: plan.headroom, notes: [...notes, ...odoo.flags] };
}
