/**
 * The whole recommendation for a forecast's workload:
 *
 *   Workload ──► Odoo sizing (queueing → HTTP workers; utilisation law → cores; Odoo's memory formula)
 *            ──► integration pool (the same queueing model on integration traffic alone)
 *            ──► PostgreSQL (PGTune baseline + Odoo adjustments; cores from the database demand)
 *            ──► tenancy score ──► headroom of the recommended configuration
 *            ──► PostgreSQL IOPS and WAL rate (a run's counters), storage growth (the forecast's orders)
 *
 * Every number is a Reasoned value (models/reasoned.ts).
 */
import type { Forecast, Workload } from './forecast.js';
import { headroom } from './headroom.js';
import { odooSizing, type OdooSizing, type OdooWorkloadInput } from './odoo-sizing.js';
import { databaseServer, postgresRamGb, type DatabaseServer } from './database-server.js';
import { postgresIops, postgresWalRate, type IoScaling, type RunIoEvidence } from './postgres-io.js';
import { postgresSizing, type PostgresSizing } from './postgres-sizing.js';
import { postgresStorageGrowth } from './storage-growth.js';
import type { Reasoned } from './reasoned.js';
import { recommendTenancy, type TenancyInput, type TenancyResult } from './tenancy.js';
import { workersForTarget } from './workers-needed.js';

export interface PlanRecommendation {
  forecast: string;
  workload: Workload;
  odoo: OdooSizing;
  integrationWorkers: Reasoned<number>;
  postgres: PostgresSizing;
  postgresRamGb: Reasoned<number>;
  tenancy: TenancyResult;
  headroom: Reasoned<number>;
  /** The database server the PostgreSQL settings were sized for: known or assumed. */
  database: DatabaseServer;
  /** Storage IOPS from the run's counters (absent without a run with pg_stats evidence). */
  postgresIops?: Reasoned<number>;
  /** WAL MB/s at the peak, GB/day in its inputs with a forecast (absent without pg_stat_wal evidence). */
  postgresWalRate?: Reasoned<number>;
  /** GB per year from the forecast's order volume (absent without a forecast). */
  postgresStorageGrowth?: Reasoned<number>;
}

const GB = 2 ** 30;

/** What sizeTiers needs besides the workload. */
export interface TierOptions {
  /** The database server: RAM (GB), cores, storage (PGTune's inputs). */
  database: DatabaseServer;
  /** Decides the HTTP workers from the queueing answer (models/odoo-sizing.ts `decideWorkers`). */
  decideWorkers?: OdooWorkloadInput['decideWorkers'];
  /** The tenancy's latency test from a simulated server (models/tenancy.ts `simulated`). */
  simulatedTenancy?: TenancyInput['simulated'];
  /** Reason of the integration pool when there is no integration traffic. */
  noIntegrationReason: string;
  isolation?: Forecast['isolation'];
}

/** The tiers sized from a workload: Odoo, the optional integration pool, PostgreSQL, tenancy. Shared by `plan` and the report. */
export function sizeTiers(workload: Workload, options: TierOptions): Pick<PlanRecommendation, 'odoo' | 'integrationWorkers' | 'postgres' | 'tenancy'> {
  const { requests } = workload;
  const odoo = odooSizing({
    ratePerS: requests.ratePerS,
    serviceMeanS: requests.serviceMeanS,
    serviceScv: requests.serviceScv,
    targetP95S: workload.targetP95S,
    odooCpuSecondsPerS: workload.odooCpuSecondsPerS,
    longestRequestS: workload.longestRequestS,
    ...(options.decideWorkers !== undefined ? { decideWorkers: options.decideWorkers } : {}),
  });
  const integration = workload.integrationRequests;
  const integrationWorkers: Reasoned<number> =
    integration.ratePerS > 0 && integration.serviceMeanS > 0
      ? workersForTarget({ ratePerS: integration.ratePerS, serviceMeanS: integration.serviceMeanS, serviceScv: integration.serviceScv, targetP95S: workload.targetP95S * 3 })
      : { value: 0, unit: 'workers', reason: options.noIntegrationReason, inputs: {} };
  const { database } = options;
  const postgres = postgresSizing({
    ramBytes: database.ramGb * GB,
    cpus: database.cpus,
    storage: database.storage,
    odoo: { httpWorkers: odoo.httpWorkers.value, cronWorkers: odoo.maxCronThreads.value, limitTimeRealS: odoo.limitTimeReal.value },
    dbCpuSecondsPerS: workload.dbCpuSecondsPerS,
  });
  const tenancy = recommendTenancy({
    ...tenancyInput(workload, odoo.httpWorkers.value),
    isolationRequired: options.isolation?.dedicatedRequired,
    isolationReason: options.isolation?.reason,
    ...(options.simulatedTenancy !== undefined ? { simulated: options.simulatedTenancy } : {}),
  });
  return { odoo, integrationWorkers, postgres, tenancy };
}

/** The tenancy score's inputs a workload gives, for `workers` HTTP workers. */
export function tenancyInput(workload: Workload, workers: number): TenancyInput {
  const { requests } = workload;
  return {
    peakWorkers: workers,
    burstiness: workload.burstiness,
    integrationShare: workload.integrationShare,
    ratePerS: requests.ratePerS,
    serviceMeanS: requests.serviceMeanS,
    serviceScv: requests.serviceScv,
    targetP95S: workload.targetP95S,
  };
}

/**
 * IOPS and WAL rate from a run's counters, scaled to `dbSecondsPerS` when sizing for a forecast
 * (models/postgres-io.ts); only the values the evidence supports.
 */
export function postgresIoValues(io: RunIoEvidence | undefined, scaling: IoScaling = {}): Pick<PlanRecommendation, 'postgresIops' | 'postgresWalRate'> {
  const out: Pick<PlanRecommendation, 'postgresIops' | 'postgresWalRate'> = {};
  if (io?.iops !== undefined) out.postgresIops = postgresIops(io.iops, scaling);
  const wal = io?.wal === undefined ? undefined : postgresWalRate(io.wal, scaling);
  if (wal !== undefined) out.postgresWalRate = wal;
  return out;
}

/**
 * Recommendation for a workload (see the file comment). `io`: the PostgreSQL I/O a run measured
 * (src/analyze/postgres-io.ts), scaled to the forecast's database demand.
 */
export function recommendPlan(forecast: Forecast, workload: Workload, io?: RunIoEvidence): PlanRecommendation {
  const { requests } = workload;
  const database = databaseServer(forecast.database ?? {}, 'the forecast', 'declare database.ramGb, cpus and storage in the forecast');
  const tiers = sizeTiers(workload, { database, noIntegrationReason: 'No integration traffic in the forecast.', isolation: forecast.isolation });
  const { odoo, postgres, tenancy } = tiers;
  const integrationWorkers = {
    ...tiers.integrationWorkers,
    reason: `If integrations get their own workers (\`simulate --isolate-integrations\`): ${tiers.integrationWorkers.reason} (target 3 × the interactive p95: batches tolerate more).`,
  };
  const room = headroom({
    ratePerS: requests.ratePerS,
    serviceMeanS: requests.serviceMeanS,
    serviceScv: requests.serviceScv,
    workers: odoo.httpWorkers.value,
    targetP95S: workload.targetP95S,
    cpuSecondsPerS: workload.odooCpuSecondsPerS,
    cores: odoo.cpuCores.value,
    peak: 'the forecast peak',
  });
  return {
    forecast: forecast.name,
    workload,
    odoo,
    integrationWorkers,
    postgres,
    postgresRamGb: postgresRamGb(database),
    tenancy,
    headroom: room,
    database,
    ...postgresIoValues(io, { dbSecondsPerS: workload.dbCpuSecondsPerS, peakHourShare: forecast.peakHourShare }),
    postgresStorageGrowth: postgresStorageGrowth(forecast),
  };
}
