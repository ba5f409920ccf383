/**
 * Default service demands per journey, used when no load test has measured them (`plan` without
 * `--run`). Origin: the timings measured on a real Odoo 17 (warm, 2-core machine, workers = 4),
 * recorded in docs/ODOO-PROTOCOL.md "Timings" and "Under sustained load":
 *
 *   sale.order.create 110–190 ms · action_confirm 240–420 · find picking 25–30 · move line write 30–90 ·
 *   button_validate 150–290 · action_assign 35–60 · purchase create / confirm 260 / 386 ·
 *   create_invoices 330 · action_post 210–230 · search_read 20–50 (web call_kw reads 8–15) ·
 *   read_group 25–65 (small demo data); one order-to-delivery flow: 0.45–0.6 CPU-s in Odoo + 0.16–0.27 in PostgreSQL.
 *
 * Each journey's worker time is the sum of its calls' mid-range timings; its CPU split follows the
 * order-to-delivery ratio (≈ 62 % Odoo CPU, ≈ 25 % PostgreSQL CPU of the worker time). Month-end
 * reports are an ASSUMPTION (2 s, 60 % CPU): the measured 25–65 ms read_group ran on demo data, and
 * a month of production data is orders of magnitude larger — measure it with a run.
 * SCV 1 (exponential) unless noted: client-side per-call variation was not measured separately.
 */
import type { JourneyDemand } from './simulate/types.js';

export interface CalibratedJourney extends JourneyDemand {
  /** RPC calls one iteration makes (the unit the HTTP worker model counts). */
  callsPerIteration: number;
  /** The calls and timings the numbers come from. */
  origin: string;
}

export const CALIBRATION_DEFAULTS: Readonly<Record<string, CalibratedJourney>> = {
  'order-to-delivery': {
    workerS: 0.8, cpuS: 0.5, dbS: 0.2, writes: true, callsPerIteration: 4,
    origin: 'create 170 + confirm 370 + find picking 28 + validate 250 ms; 0.45–0.6 Odoo CPU-s + 0.16–0.27 PostgreSQL (docs/ODOO-PROTOCOL.md)',
  },
  'order-entry': {
    workerS: 0.58, cpuS: 0.36, dbS: 0.14, writes: true, callsPerIteration: 3,
    origin: 'partner read 30 + create 170 + confirm 370 ms',
  },
  'edi-order-import': {
    workerS: 0.6, cpuS: 0.37, dbS: 0.15, writes: true, integration: true, callsPerIteration: 2,
    origin: 'XML-RPC create 190 + confirm 400 ms (upper range: larger EDI orders)',
  },
  'barcode-pick': {
    workerS: 0.56, cpuS: 0.35, dbS: 0.14, writes: true, callsPerIteration: 7,
    origin: 'find picking 28 + 5 move-line writes × 60 + validate 230 ms',
  },
  receipt: {
    workerS: 0.3, cpuS: 0.19, dbS: 0.07, writes: true, callsPerIteration: 3,
    origin: 'find 28 + action_assign 48 + validate 230 ms',
  },
  invoicing: {
    workerS: 0.55, cpuS: 0.34, dbS: 0.14, callsPerIteration: 2,
    origin: 'create_invoices 330 + action_post 220 ms',
  },
  replenishment: {
    workerS: 0.65, cpuS: 0.4, dbS: 0.16, callsPerIteration: 2,
    origin: 'purchase create 260 + button_confirm 386 ms',
  },
  'stock-inquiry': {
    workerS: 0.07, cpuS: 0.04, dbS: 0.02, callsPerIteration: 2,
    origin: '2 × search_read 35 ms',
  },
  'month-end-reports': {
    workerS: 2, cpuS: 1.2, dbS: 0.6, scv: 2, callsPerIteration: 3,
    origin: 'ASSUMPTION: 3 read_group reports on a month of production data, ~2 s in all (demo data measured 25–65 ms each)',
  },
  browse: {
    workerS: 0.04, cpuS: 0.025, dbS: 0.01, callsPerIteration: 3,
    origin: '3 × web_search_read 13 ms',
  },
};

/**
 * Chance that one concurrent writer touches the same product rows, c ≈ 1 − (1 − L/P)^L for L lines
 * picked at random among P actively moving products (see simulate/types.ts `Contention`).
 * @example conflictPerWriter(5, 1250) // → 0.0198…
 */
export function conflictPerWriter(linesPerOrder: number, activeProducts: number): number {
  if (activeProducts <= 0) return 1;
  return 1 - Math.pow(1 - Math.min(1, linesPerOrder / activeProducts), linesPerOrder);
}

/** Calibrated demands for the given journeys; unknown journeys get the order-entry figures. */
export function demandsForJourneys(journeys: readonly string[]): Record<string, CalibratedJourney> {
  const fallback = CALIBRATION_DEFAULTS['order-entry'] as CalibratedJourney;
  return Object.fromEntries(journeys.map((j) => [j, CALIBRATION_DEFAULTS[j] ?? fallback]));
}
