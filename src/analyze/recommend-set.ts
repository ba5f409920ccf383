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
 * worker count never falls to or below a tested count the log shows saturated. The database server's
 * cores come from the tested server's shape when given (--db-cores, --odoo-cores); what is not known
 * of it is assumed as `plan` does (models/database-server.ts), and the reasons say so.
 *
 * Headroom (the verdict's "35 % headroom"): with a forecast, of the recommended configuration at the
 * forecast peak (recommendPlan); without one, of the TESTED configuration at the tested peak when the
 * Odoo log shows how many workers served requests, else of the recommended configuration.
 */
import type { Forecast, WhatIf, Workload } from '../../models/forecast.js';
import { calibratedDemands } from '../../models/calibration-defaults.js';
import { forecastToWorkload } from '../../models/forecast.js';
import { headroom } from '../../models/headroom.js';
import { assumptionText, databaseServer, postgresRamGb, type DatabaseServer } from '../../models/database-server.js';
import { postgresIoValues, recommendPlan, sizeTiers, type PlanRecommendation, type TierOptions } from '../../models/plan-recommendation.js';
import type { Reasoned } from '../../models/reasoned.js';
import { measuredDemands } from './measured-demands.js';
import { runIo } from './postgres-io.js';
import { DEFAULT_REQUEST_P95_S } from './recommend.js';
import type { OdooLogRecord, ServerShapeRecord } from '../run/records.js';
import { requestServiceTime } from './service-demand.js';
import type { RunSummary } from './types.js';
import { isLocalTarget, sizeWorkers, type WorkerSizing } from './worker-sizing.js';

/**
 * Every value the report recommends, each built once from the context it was sized for (the
 * forecast peak, or the tested peak and the tested server).
 */
export interface RecommendationValues {
  httpWorkers: Reasoned<number>;
  cronThreads: Reasoned<number>;
  odooCpuCores: Reasoned<number>;
  odooMemoryMb: Reasoned<number>;
  limitMemorySoft: Reasoned<number>;
  limitMemoryHard: Reasoned<number>;
  limitTimeCpu: Reasoned<number>;
  limitTimeReal: Reasoned<number>;
  dbMaxconn: Reasoned<number>;
  integrationWorkers: Reasoned<number>;
  postgresCores: Reasoned<number>;
  postgresRamGb: Reasoned<number>;
  postgresMaxConnections: Reasoned<number>;
  /** From the run's I/O counters, when it has them. */
  postgresIops?: Reasoned<number>;
  postgresWalRate?: Reasoned<number>;
  /** From a forecast's order volume. */
  postgresStorageGrowth?: Reasoned<number>;
  /** postgresql.conf settings, `name = value, …`. */
  postgresSettings: Reasoned<string>;
  tenancy: Reasoned<string>;
  headroom: Reasoned<number>;
}

export interface RecommendationSet {
  /** `forecast`: sized for a forecast's peak; `run`: for the peak the run tested. */
  source: 'forecast' | 'run';
  /** In words, e.g. "the forecast acme-2026 peak hour" or "the tested peak (phase order-wave, 3× business volume)". */
  sizedFor: string;
  /** Every recommended value, each with its reason, method and inputs. */
  values: RecommendationValues;
  /** What drives the cost of each tier, one sentence each. */
  costDrivers: Array<{ tier: string; configuration: string; driver: string }>;
  /** Headroom used by the verdict (also in `values.headroom`). */
  headroom: Reasoned<number>;
  notes: string[];
  /** How the HTTP workers were sized for the tested peak (absent with a forecast): for the risks and the what-if table. */
  workers?: WorkerSizing;
}

/** What the simulated tested server decided (build-report.ts): the worker count, and the flow p95s for the tenancy test. */
export interface SimulatedSizing {
  workers: Reasoned<number>;
  /** Headroom of the tested configuration on the simulated server (replay.ts simulatedHeadroom). */
  headroom?: Reasoned<number>;
  tenancy?: { aloneP95S: number; withNeighbourP95S: number; targetP95S: number };
}

/**
 * The recommendation set for a run, sized for `forecast` when given, else for the tested peak.
 * `odooLog`: the run's Odoo log records (odoo_log.ndjson), for the worker-side, load-dependent
 * worker time; without them the client-side timings stand in (and the reason says so).
 * `server`: the tested server's shape (manifest or flags), for the database server's cores.
 * Returns undefined when the run completed no request (nothing to size from).
 */
export function recommendationSet(
  summary: RunSummary,
  forecast?: Forecast,
  odooLog?: readonly OdooLogRecord[],
  simulated?: SimulatedSizing,
  server?: ServerShapeRecord,
): RecommendationSet | undefined {
  const demand = requestServiceTime(summary);
  if (demand.requests === 0 || demand.serviceS <= 0) return undefined;
  if (forecast !== undefined) {
    const { plan, notes } = planForForecast(forecast, summary);
    return fromPlan(plan, `the forecast "${forecast.name}" peak hour (demands measured in run ${summary.runId} where exercised)`, 'forecast', notes);
  }
  const measured = measuredDemands(summary);
  const sizing = sizeWorkers(summary, odooLog, { targetP95S: DEFAULT_REQUEST_P95_S });
  const workload = workloadFromRun(summary, measured.demands, measured.measured, sizing);
  // The sized workers (retry term, saturation floor) replace the plain queueing answer unless its
  // minimum is higher; the simulated tested server (worker-choice.ts) has the last word when it could be built.
  const decideWorkers = (queueing: Reasoned<number>): Reasoned<number> =>
    simulated?.workers ?? (sizing.httpWorkers.value < queueing.value ? queueing : sizing.httpWorkers);
  const plan = planForRun(summary, workload, { decideWorkers, simulatedTenancy: simulated?.tenancy, server });
  const testedPeak = simulated?.headroom ?? testedHeadroom(summary, workload, sizing.peakBusiestUtilization);
  const scale = summary.scale === 1 ? '' : `, ${summary.scale}× business volume`;
  const set = fromPlan(
    { ...plan, ...postgresIoValues(runIo(summary, measured.demands)), ...(testedPeak !== undefined ? { headroom: testedPeak } : {}) },
    `the tested peak (phase ${demand.busiestPhase}${scale})`,
    'run',
    [...measured.notes, ...sizing.notes],
  );
  return { ...set, workers: sizing };
}

/**
 * The plan for a forecast's peak (`plan --forecast`, and a report sized with `--forecast`): the
 * calibration's demands priced at the forecast's lines per order, replaced by a run's measured ones
 * where it exercised the journey, its PostgreSQL I/O scaled to the forecast.
 */
export function planForForecast(forecast: Forecast, summary?: RunSummary, whatIf: WhatIf = {}): { plan: PlanRecommendation; notes: string[] } {
  const calibration = calibratedDemands(forecast.linesPerOrder.mean);
  const measured = summary === undefined ? { demands: calibration, measured: new Set<string>(), notes: [] } : measuredDemands(summary, calibration);
  const workload = forecastToWorkload(forecast, measured.demands, whatIf, measured.measured);
  const io = summary === undefined ? undefined : runIo(summary, measured.demands);
  return { plan: recommendPlan(forecast, workload, io), notes: measured.notes };
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

/**
 * recommendPlan without a forecast: the same models on the run's workload, the database server from
 * the tested server's shape where given (else assumed, and said so), no declared isolation.
 */
function planForRun(
  summary: RunSummary,
  workload: Workload,
  options: { decideWorkers: TierOptions['decideWorkers']; simulatedTenancy: TierOptions['simulatedTenancy']; server: ServerShapeRecord | undefined },
): PlanRecommendation {
  const { requests } = workload;
  const database = testedDatabase(options.server);
  const { odoo, integrationWorkers, postgres, tenancy } = sizeTiers(workload, {
    database,
    decideWorkers: options.decideWorkers,
    simulatedTenancy: options.simulatedTenancy,
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
    peak: 'the tested peak',
  });
  return { forecast: summary.profile, workload, odoo, integrationWorkers, postgres, postgresRamGb: postgresRamGb(database), tenancy, headroom: room, database };
}

/**
 * The database server of the tested configuration: its cores from `--db-cores` (a separate
 * database host) or `--odoo-cores` (one machine for both) when given; RAM and storage are not
 * measured, so assumed.
 */
export function testedDatabase(server: ServerShapeRecord | undefined): DatabaseServer {
  const cpus = server?.dbCores ?? server?.cores;
  const source = server?.dbCores !== undefined ? `the tested server (--db-cores, ${server.source})` : server?.cores !== undefined ? `the tested server (--odoo-cores: one machine for Odoo and PostgreSQL, ${server.source})` : 'the run';
  return databaseServer(cpus !== undefined ? { cpus } : {}, source, 'give --forecast with database.ramGb, cpus and storage (or --db-cores)');
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
  const model = headroom({
    ratePerS: requests.ratePerS,
    serviceMeanS: requests.serviceMeanS,
    serviceScv: requests.serviceScv,
    workers,
    targetP95S: workload.targetP95S,
    cpuSecondsPerS: workload.odooCpuSecondsPerS + workload.dbCpuSecondsPerS,
    cores,
    peak: 'the tested peak',
  });
  const coresText =
    generatorCores > 0
      ? `${hostCores} cores of the machine it shares with the load generator, less the ${generatorCores.toFixed(2)} core the generator used at its busiest`
      : `${hostCores} cores as on the load-generator machine`;
  const decided = peakBusiestUtilization !== undefined && peakBusiestUtilization > 0 ? measuredHeadroom(model, peakBusiestUtilization) : model;
  return {
    ...decided,
    reason: `Of the tested configuration (${workers} Odoo workers seen in its log, ${coresText}): ${decided.reason}`,
    inputs: { ...decided.inputs, configuration: 'tested', workersFrom: 'odoo log pids', coresFrom: local ? 'host less load generator' : 'load-generator host', hostCores, generatorCores },
  };
}

/**
 * With Odoo's log, the measurement decides (utilization law: busy share grows with load, so the
 * busiest worker at U in the peak phase reaches the ceiling at m = ceiling / U). The queueing model
 * works from the quiet phase's worker time, which grows under contention and includes start-up
 * outliers; it stays in the reason as a second opinion.
 */
function measuredHeadroom(model: Reasoned<number>, peakBusiestUtilization: number): Reasoned<number> {
  const percent = Math.round((MEASURED_BUSY_CEILING / peakBusiestUtilization - 1) * 1000) / 10;
  const ceiling = Math.round(MEASURED_BUSY_CEILING * 100);
  return {
    value: percent,
    unit: model.unit,
    reason:
      `Odoo's log shows the busiest worker ${Math.round(peakBusiestUtilization * 100)} % busy in the peak phase; ` +
      (percent >= 0
        ? `load can grow ${percent} % before it passes ${ceiling} % (busy time grows with load).`
        : `that is already past ${ceiling} %: the tested configuration has no headroom at this peak.`) +
      ` The queueing model, from the quiet phase's worker time, says: ${model.reason}`,
    formula: `${MEASURED_BUSY_CEILING} / measured peak busy share − 1 (utilization law); queueing model as a second opinion`,
    inputs: { ...model.inputs, limit: 'measured-worker-busy', peakBusiestUtilization },
  };
}

/** Busy share of a worker beyond which queueing delay explodes; the measured cross-check's ceiling. */
const MEASURED_BUSY_CEILING = 0.8;

/** The entries whose value is defined (summary.json leaves absent values out). */
function defined<T extends object>(entries: T): Partial<T> {
  return Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function fromPlan(plan: PlanRecommendation, sizedFor: string, source: RecommendationSet['source'], notes: string[]): RecommendationSet {
  const { odoo, postgres } = plan;
  const settings = Object.entries(postgres.settings).map(([k, v]) => `${k} = ${v}`);
  const values: RecommendationValues = {
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
    ...defined({ postgresIops: plan.postgresIops, postgresWalRate: plan.postgresWalRate, postgresStorageGrowth: plan.postgresStorageGrowth }),
    postgresSettings: {
      value: settings.join(', '),
      reason: [postgres.baselineReason, assumptionText(plan.database), ...postgres.adjustments.map((a) => `${a.setting}: ${a.baseline ?? '(unset)'} → ${a.value} (${a.reason})`)].filter((t) => t !== '').join(' '),
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
