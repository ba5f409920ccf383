/**
 * The whole recommendation for a forecast's workload:
 *
 *   Workload ──► Odoo sizing (queueing → HTTP workers; utilisation law → cores; Odoo's memory formula)
 *            ──► integration pool (the same queueing model on integration traffic alone)
 *            ──► PostgreSQL (PGTune baseline + Odoo adjustments; cores from the database demand)
 *            ──► tenancy score ──► headroom of the recommended configuration
 *
 * Every number is a Reasoned value (models/reasoned.ts).
 */
import type { Forecast, Workload } from './forecast.js';
import { headroom } from './headroom.js';
import { odooSizing, type OdooSizing } from './odoo-sizing.js';
import { postgresSizing, type PostgresSizing } from './postgres-sizing.js';
import type { Reasoned } from './reasoned.js';
import { recommendTenancy, type TenancyResult } from './tenancy.js';
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
}

const GB = 2 ** 30;

/** Recommendation for a workload (see the file comment). */
export function recommendPlan(forecast: Forecast, workload: Workload): PlanRecommendation {
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
  const integrationWorkers =
    integration.ratePerS > 0
      ? workersForTarget({ ratePerS: integration.ratePerS, serviceMeanS: integration.serviceMeanS, serviceScv: integration.serviceScv, targetP95S: workload.targetP95S * 3 })
      : { value: 0, unit: 'workers', reason: 'No integration traffic in the forecast.', inputs: {} };
  integrationWorkers.reason = `If integrations get their own workers (\`simulate --isolate-integrations\`): ${integrationWorkers.reason} (target 3 × the interactive p95: batches tolerate more).`;

  const db = forecast.database ?? {};
  const ramGb = db.ramGb ?? 16;
  const postgres = postgresSizing({
    ramBytes: ramGb * GB,
    cpus: db.cpus ?? 4,
    storage: db.storage ?? 'ssd',
    odoo: { httpWorkers: odoo.httpWorkers.value, cronWorkers: odoo.maxCronThreads.value, limitTimeRealS: odoo.limitTimeReal.value },
    dbCpuSecondsPerS: workload.dbCpuSecondsPerS,
  });
  const tenancy = recommendTenancy({
    peakWorkers: odoo.httpWorkers.value,
    burstiness: workload.burstiness,
    integrationShare: workload.integrationShare,
    ratePerS: requests.ratePerS,
    serviceMeanS: requests.serviceMeanS,
    serviceScv: requests.serviceScv,
    targetP95S: workload.targetP95S,
    isolationRequired: forecast.isolation?.dedicatedRequired,
    isolationReason: forecast.isolation?.reason,
  });
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
  };
}
