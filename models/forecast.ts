/**
 * Forecast: business volumes a sizing can start from without a load test, and their translation
 * into a workload (per-journey peak arrival rates and service demands).
 *
 * Rates at the peak hour, per journey (iterations per second; g = growth × what-if multipliers):
 *   order-entry        (ordersPerDay − EDI orders per day) × peakHourShare × g / 3600
 *   edi-order-import   partners × batchSize / (intervalMinutes × 60) × g           (mean over a batch cycle)
 *   barcode-pick       min(scanners × picksPerScannerPerHour × w × s, orders in the peak hour) / 3600
 *   receipt            receiptsPerDay × peakHourShare × g / 3600
 *   invoicing          max(ordersPerDay / workingHours, monthEnd.invoices / monthEnd.hours) × g / 3600
 *   replenishment      warehouses × 4 × s / 3600 (one purchase run per warehouse every 15 min)
 *   stock-inquiry      (scanners × 30 × w + backOfficeUsers × 20) × s / 3600
 *   browse             backOfficeUsers × 60 × s / 3600
 *   month-end-reports  monthEnd.reportUsers × 4 × s / 3600
 * g = (1 + growth.annualRate)^horizonYears × scale × (warehouses + addedWarehouses)/warehouses;
 * s = the what-if scale alone (user counts do not grow with order volume);
 * w = the warehouse factor alone for scanners (each added warehouse brings its scanners).
 * The month-end hour is assumed to coincide with a normal daily peak — conservative on purpose.
 */
import { calibratedDemands, conflictPerWriter, type CalibratedJourney } from './calibration-defaults.js';

/** Business volumes. Units in the names; defaults in the doc comments. */
export interface Forecast {
  name: string;
  warehouses: number;
  ordersPerDay: number;
  linesPerOrder: { mean: number; p95?: number };
  /** Share of a day's orders in the busiest hour, 0–1 (e.g. 0.2). */
  peakHourShare: number;
  /** Working hours per day. Default 10. */
  workingHours?: number;
  /** Handheld scanners in use at the peak. */
  scanners: number;
  /** Pickings one scanner completes per hour. Default 12. */
  picksPerScannerPerHour?: number;
  /** Supplier receipts per day. Default ordersPerDay / 20. */
  receiptsPerDay?: number;
  /** Back-office users active at the peak. Default 10. */
  backOfficeUsers?: number;
  /** Actively moving products (for write contention). Default 2000. */
  activeProducts?: number;
  edi: { partners: number; batchSize: number; intervalMinutes: number };
  monthEnd: { invoices: number; hours: number; reportUsers?: number };
  growth: { annualRate: number; horizonYears: number };
  slos: {
    /** p95 of one interactive RPC call, ms. */
    requestP95Ms: number;
    /** p95 of a whole order entry, ms (documented; the worker model uses requestP95Ms). */
    orderEntryP95Ms?: number;
    scannerP95Ms?: number;
  };
  /** Declared isolation needs (regulation, contracts, customer demand). */
  isolation?: { dedicatedRequired?: boolean; reason?: string };
  /** The database server, when already chosen. Default: 16 GB, SSD, cores from the demand. */
  database?: { ramGb?: number; cpus?: number; storage?: 'ssd' | 'hdd' | 'san' | 'nvme' };
}

export interface WhatIf {
  /** Multiplier on every volume. Default 1. */
  scale?: number;
  /** Warehouses added to the forecast's. Default 0. */
  addedWarehouses?: number;
}

export interface JourneyWorkload {
  journey: string;
  /** Iterations per second at the peak. */
  peakRatePerS: number;
  demand: CalibratedJourney;
  /** Where the demand came from: `calibration` or `measured`. */
  source: 'calibration' | 'measured';
}

export interface Workload {
  journeys: JourneyWorkload[];
  /** Per RPC call, all journeys on the HTTP workers (cron journeys excluded). */
  requests: { ratePerS: number; serviceMeanS: number; serviceScv: number };
  /** Same for integration traffic alone (for an isolated pool). */
  integrationRequests: { ratePerS: number; serviceMeanS: number; serviceScv: number };
  odooCpuSecondsPerS: number;
  dbCpuSecondsPerS: number;
  /** Share of worker-seconds that is integration traffic, 0–1. */
  integrationShare: number;
  /** Peak-hour rate / mean rate over the working day for orders. */
  burstiness: number;
  conflictPerWriter: number;
  /** Per-request p95 target, seconds. */
  targetP95S: number;
  /** Combined growth × what-if multiplier on order volumes. */
  volumeFactor: number;
  /** Longest expected request, seconds (for limit_time_real). */
  longestRequestS: number;
  /** Lines per order the calibrated demands were priced at (a forecast's mean). */
  linesPerOrder?: number;
}

/**
 * The workload a forecast implies (see the file comment); `demands` overrides calibration per
 * journey. Calibrated demands are priced at the forecast's mean lines per order
 * (models/calibration-defaults.ts: a fixed part plus a part per line).
 */
export function forecastToWorkload(
  forecast: Forecast,
  demands?: Readonly<Record<string, CalibratedJourney>>,
  whatIf: WhatIf = {},
  measured: ReadonlySet<string> = new Set(),
): Workload {
  const workingHours = forecast.workingHours ?? 10;
  const warehouseFactor = (forecast.warehouses + (whatIf.addedWarehouses ?? 0)) / forecast.warehouses;
  const growth = Math.pow(1 + forecast.growth.annualRate, forecast.growth.horizonYears);
  const g = growth * (whatIf.scale ?? 1) * warehouseFactor;
  const users = forecast.backOfficeUsers ?? 10;
  const s = whatIf.scale ?? 1;
  const ediOrdersPerDay = (forecast.edi.partners * forecast.edi.batchSize * workingHours * 60) / forecast.edi.intervalMinutes;
  const manualOrders = Math.max(0, forecast.ordersPerDay - ediOrdersPerDay);
  const peakOrdersPerHour = forecast.ordersPerDay * forecast.peakHourShare * g;
  const perHour: Record<string, number> = {
    'order-entry': manualOrders * forecast.peakHourShare * g,
    'edi-order-import': ((forecast.edi.partners * forecast.edi.batchSize * 60) / forecast.edi.intervalMinutes) * g,
    'barcode-pick': Math.min(forecast.scanners * (forecast.picksPerScannerPerHour ?? 12) * warehouseFactor * s, peakOrdersPerHour),
    receipt: (forecast.receiptsPerDay ?? forecast.ordersPerDay / 20) * forecast.peakHourShare * g,
    invoicing: Math.max(forecast.ordersPerDay / workingHours, forecast.monthEnd.invoices / forecast.monthEnd.hours) * g,
    replenishment: (forecast.warehouses + (whatIf.addedWarehouses ?? 0)) * 4 * s,
    'stock-inquiry': (forecast.scanners * 30 * warehouseFactor + users * 20) * s,
    browse: users * 60 * s,
    'month-end-reports': (forecast.monthEnd.reportUsers ?? 2) * 4 * s,
  };
  const calibration = calibratedDemands(forecast.linesPerOrder.mean);
  const fallback = calibration['order-entry'] as CalibratedJourney;
  const journeys: JourneyWorkload[] = Object.entries(perHour).map(([journey, rate]) => ({
    journey,
    peakRatePerS: rate / 3600,
    demand: demands?.[journey] ?? calibration[journey] ?? fallback,
    source: measured.has(journey) ? 'measured' : 'calibration',
  }));

  const requestMix = (filter: (j: JourneyWorkload) => boolean): Workload['requests'] => {
    let rate = 0;
    let first = 0;
    let second = 0;
    for (const j of journeys.filter(filter)) {
      const calls = j.demand.callsPerIteration;
      const callRate = j.peakRatePerS * calls;
      const mean = j.demand.workerS / calls;
      rate += callRate;
      first += callRate * mean;
      second += callRate * mean * mean * (1 + (j.demand.scv ?? 1));
    }
    const serviceMeanS = rate > 0 ? first / rate : 0;
    return { ratePerS: rate, serviceMeanS, serviceScv: serviceMeanS > 0 ? Math.max(0, second / rate / serviceMeanS ** 2 - 1) : 1 };
  };
  const busy = (filter: (j: JourneyWorkload) => boolean): number => journeys.filter(filter).reduce((s, j) => s + j.peakRatePerS * j.demand.workerS, 0);
  const totalBusy = busy((j) => !j.demand.cron);
  return {
    journeys,
    requests: requestMix((j) => !j.demand.cron),
    integrationRequests: requestMix((j) => j.demand.integration === true),
    odooCpuSecondsPerS: journeys.reduce((s, j) => s + j.peakRatePerS * j.demand.cpuS, 0),
    dbCpuSecondsPerS: journeys.reduce((s, j) => s + j.peakRatePerS * j.demand.dbS, 0),
    integrationShare: totalBusy > 0 ? busy((j) => j.demand.integration === true) / totalBusy : 0,
    burstiness: forecast.peakHourShare * workingHours,
    conflictPerWriter: conflictPerWriter(forecast.linesPerOrder.mean, forecast.activeProducts ?? 2000),
    targetP95S: forecast.slos.requestP95Ms / 1000,
    volumeFactor: g,
    longestRequestS: Math.max(...journeys.map((j) => (j.demand.workerS / j.demand.callsPerIteration) * 10)),
    linesPerOrder: forecast.linesPerOrder.mean,
  };
}
