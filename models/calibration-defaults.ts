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
  /**
   * What each order line adds, when the journey's cost grows with lines: the figures above are then
   * the fixed part (no line), and `demandAtLines` gives the total (docs/CALIBRATION.md).
   */
  perLine?: { workerS: number; cpuS: number; dbS: number; calls: number };
}

/** A journey's demand for orders of `lines` lines (fixed part + lines × per-line part); unchanged without a per-line part. */
export function demandAtLines(demand: CalibratedJourney, lines: number): CalibratedJourney {
  const per = demand.perLine;
  if (per === undefined) return demand;
  const { perLine: _perLine, ...fixed } = demand;
  return {
    ...fixed,
    workerS: demand.workerS + lines * per.workerS,
    cpuS: demand.cpuS + lines * per.cpuS,
    dbS: demand.dbS + lines * per.dbS,
    callsPerIteration: demand.callsPerIteration + lines * per.calls,
    origin: `${demand.origin} — at ${Number(lines.toPrecision(3))} lines per order`,
  };
}

export const CALIBRATION_DEFAULTS: Readonly<Record<string, CalibratedJourney>> = {
  'order-to-delivery': {
    workerS: 0.8, cpuS: 0.5, dbS: 0.2, writes: true, callsPerIteration: 4,
    origin: 'create 170 + confirm 370 + find picking 28 + validate 250 ms; 0.45–0.6 Odoo CPU-s + 0.16–0.27 PostgreSQL (docs/ODOO-PROTOCOL.md)',
  },
  'order-entry': {
    // The Odoo 17 web client (test/fixtures/odoo17-webclient/order-entry.json, server SQL + other s):
    // fixed = quotations list 0.154 + new form 0.075 + customer 0.216 + save and chatter 0.399 +
    // confirm, re-read and chatter 0.881 = 1.725 s in 14 requests; each line = new row, product
    // search, variant, 2 line + 2 order onchanges = 0.545 s in 8 requests (5 lines: 4.45 s, 54
    // requests). CPU split as measured: 74 % Python (Odoo CPU), 26 % SQL.
    workerS: 1.725, cpuS: 1.283, dbS: 0.442, writes: true, callsPerIteration: 14,
    perLine: { workerS: 0.545, cpuS: 0.405, dbS: 0.14, calls: 8 },
    origin: 'the Odoo 17 web client: 1.725 s fixed (list, form, customer, save, confirm, chatter) + 0.545 s per line (docs/CALIBRATION.md)',
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
/** Lines per order assumed when a profile does not say (the web-client fixture's order). */
export const DEFAULT_LINES_PER_ORDER = 5;

export function demandsForJourneys(journeys: readonly string[], linesPerOrder: Readonly<Record<string, number>> = {}): Record<string, CalibratedJourney> {
  const fallback = CALIBRATION_DEFAULTS['order-entry'] as CalibratedJourney;
  return Object.fromEntries(journeys.map((j) => [j, demandAtLines(CALIBRATION_DEFAULTS[j] ?? fallback, linesPerOrder[j] ?? DEFAULT_LINES_PER_ORDER)]));
}
