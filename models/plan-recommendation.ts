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
import { odooSizing, type OdooSizing } from './odoo-sizing.js';
import type { PgStorage } from './pgtune.js';
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
  database: { ramGb: number; cpus: number; storage: PgStorage };
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
  const db = forecast.database ?? {};
  const ramGb = db.ramGb ?? 16;
  const { odoo, integrationWorkers, postgres, tenancy } = sizeTiers(workload, {
    database: { ramGb, cpus: db.cpus ?? 4, storage: db.storage ?? 'ssd' },
    noIntegrationReason: 'No integration traffic in the forecast.',
    isolation: forecast.isolation,
  });
  integrationWorkers.reason = `If integrations get their own workers (\`simulate --isolate-integrations\`): ${integrationWorkers.reason} (target 3 × the interactive p95: batches tolerate more).`;
  const room = headroom({
    ratePerS: requests.ratePerS,
    serviceMeanS: requests.serviceMeanS,
    serviceScv: requests.serviceScv,
    workers: odoo.httpWorkers.value,
    targetP95S: workload.targetP95S,
    cpuSecondsPerS: workload.odooCpuSecondsPerS,
    cores: odoo.cpuCores.value,
  });
  return {
    forecast: forecast.name,
    workload,
    odoo,
    integrationWorkers,
    postgres,
    postgresRamGb: {
      value: ramGb,
      unit: 'GB',
      reason: db.ramGb !== undefined ? `As declared in the forecast (${ramGb} GB).` : '16 GB assumed (not declared in the forecast): PGTune scales the memory settings from it.',
      inputs: { declared: db.ramGb !== undefined },
    },
    tenancy,
    headroom: room,
    ...postgresIoValues(io, { dbSecondsPerS: workload.dbCpuSecondsPerS, peakHourShare: forecast.peakHourShare }),
    postgresStorageGrowth: postgresStorageGrowth(forecast),
  };
}
