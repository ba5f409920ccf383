/**
 * Default service demands per journey, used when no load test has measured them (`plan` without
 * `--run`, `simulate`). Each journey's worker, Odoo CPU and PostgreSQL seconds are a fixed part plus
 * a part per order line, so a forecast's `linesPerOrder` prices its orders (docs/CALIBRATION.md).
 *
 * Origin of the interactive journeys (they send what Odoo's web client sends):
 *   test/fixtures/odoo17-webclient/ — a real Odoo 17 driven by Chromium, every request with its
 *   server time from Odoo's log. A 5-line order entry: 54 requests, 4.45 s (1.14 s SQL, 3.31 s
 *   other): the 40 requests of the line steps 2.73 s (8 a line), the other 14 1.73 s, of which the
 *   per-line parts of web_save (35 ms) and action_confirm (63 ms) move to the line (the split of
 *   src/lab/calibration.json) → fixed 1.235 s + 0.643 s a line. Two sessions measured 4.5–5.7 s for
 *   the same order (medians of 3, issue 15): the level is taken at that range's middle, 5.1 s, i.e.
 *   the recorded shape × 5.1/4.45 = 1.146 (SESSION_LEVEL). Worker s = SQL + other; Odoo CPU =
 *   other, PostgreSQL = SQL, per part as recorded (fixed 35 % SQL, lines 20 %).
 *   Delivery validation (8 requests, 0.78 s with button_validate's 41 ms a line), stock inquiry
 *   (11 requests, 1.04 s), order lookup (8 requests, 0.68 s) likewise.
 *   Browse and invoicing were not recorded: composed of recorded and docs/ODOO-PROTOCOL.md call
 *   timings (ESTIMATE in their origin).
 * Integrations and the barcode app (API-shaped, as they really are): docs/ODOO-PROTOCOL.md "Timings"
 * and "Under sustained load" (create 110–190 ms, action_confirm 240–420, button_validate 150–290,
 * one order-to-delivery flow 0.45–0.6 CPU-s in Odoo + 0.16–0.27 in PostgreSQL), CPU split ≈ 62 %
 * Odoo / 25 % PostgreSQL of the worker time.
 * Month-end reports are an ASSUMPTION (2 s, 60 % CPU): the measured 25–65 ms read_group ran on demo
 * data, and a month of production data is orders of magnitude larger — measure it with a run.
 * SCV 1 (exponential) unless noted: client-side per-call variation was not measured separately.
 */
import type { JourneyDemand } from './simulate/types.js';

export interface CalibratedJourney extends JourneyDemand {
  /** RPC calls one iteration makes (the unit the HTTP worker model counts). */
  callsPerIteration: number;
  /** The calls and timings the numbers come from. */
  origin: string;
}

/** Seconds and calls of one part of a journey's demand. */
export interface DemandPart {
  workerS: number;
  cpuS: number;
  dbS: number;
  calls: number;
}

/** A journey's demand as a fixed part plus a part per order line. */
export interface JourneyCalibration extends Omit<JourneyDemand, 'workerS' | 'cpuS' | 'dbS'> {
  fixed: DemandPart;
  /** Per order line (absent: the demand does not depend on lines). */
  perLine?: DemandPart;
  origin: string;
}

/** Lines of the recorded order; the default when no forecast gives lines per order. */
export const RECORDED_LINES = 5;
/** Measured mean of a 5-line web-client order (4.5–5.7 s, middle) over the recorded session's 4.45 s. */
export const SESSION_LEVEL = 5.1 / 4.45;

/** A part from recorded SQL and other (Python) seconds, at the measured level. */
function recorded(sqlS: number, otherS: number, calls: number): DemandPart {
  const k = SESSION_LEVEL;
  return { workerS: (sqlS + otherS) * k, cpuS: otherS * k, dbS: sqlS * k, calls };
}

/** A part from API-shaped timings: 62 % Odoo CPU, 25 % PostgreSQL of the worker time. */
function api(workerS: number, calls: number): DemandPart {
  return { workerS, cpuS: workerS * 0.62, dbS: workerS * 0.25, calls };
}

/**
 * The journey's own calls measured on a real Odoo 17 take this share of what the browser's recording of
 * the same task cost: order-lookup 0.469 / 0.78 s and stock-inquiry 0.803 / 1.19 s (the recordings at the
 * measured level), one session, 2026-12-03 (bench/journey-costs.bench.ts, docs/CALIBRATION.md).
 */
export const REPLAY_LEVEL = (0.469 / 0.78 + 0.803 / 1.19) / 2;

/** A part measured with the journey on a real Odoo 17 (SQL s, other s), lifted to the recordings' level. */
function replayed(sqlS: number, otherS: number, calls: number): DemandPart {
  return { workerS: (sqlS + otherS) / REPLAY_LEVEL, cpuS: otherS / REPLAY_LEVEL, dbS: sqlS / REPLAY_LEVEL, calls };
}

function sum(a: DemandPart, b: DemandPart): DemandPart {
  return { workerS: a.workerS + b.workerS, cpuS: a.cpuS + b.cpuS, dbS: a.dbS + b.dbS, calls: a.calls + b.calls };
}

/**
 * The web-client order (order-entry.json): fixed 14 requests 0.597 s SQL + 1.128 s other, less the
 * save/confirm per-line parts (5 × 0.098 s, split 30 % SQL as those calls were); 8 requests a line,
 * 0.544/5 s SQL + 2.181/5 s other, plus the 0.098 s.
 */
const ORDER_FIXED = recorded(0.597 - 5 * 0.098 * 0.3, 1.128 - 5 * 0.098 * 0.7, 14);
const ORDER_LINE = recorded(0.544 / 5 + 0.098 * 0.3, 2.181 / 5 + 0.098 * 0.7, 8);
/** Delivery validation (delivery-validate.json): 8 requests, 0.241 s SQL + 0.540 s other, button_validate 41 ms a line. */
const DELIVERY_FIXED = recorded(0.241 - 5 * 0.041 * 0.3, 0.54 - 5 * 0.041 * 0.7, 8);
const DELIVERY_LINE = recorded(0.041 * 0.3, 0.041 * 0.7, 0);

export const JOURNEY_CALIBRATION: Readonly<Record<string, JourneyCalibration>> = {
  'order-entry': {
    fixed: ORDER_FIXED, perLine: ORDER_LINE, writes: true,
    origin: 'web client, recorded on Odoo 17 (test/fixtures/odoo17-webclient/order-entry.json): 14 requests + 8 a line; a 5-line order 4.45 s recorded, 4.5–5.7 s measured → 5.1 s',
  },
  'order-to-delivery': {
    fixed: sum(ORDER_FIXED, DELIVERY_FIXED), perLine: sum(ORDER_LINE, DELIVERY_LINE), writes: true,
    origin: 'web client, recorded: order entry (14 requests + 8 a line) then delivery validation from the order (8 requests, 0.78 s for 5 lines), at the measured level ×1.146',
  },
  'order-lookup': {
    fixed: recorded(0.208, 0.476, 8),
    origin: 'web client, recorded (order-lookup.json): list, search, form with chatter, back — 8 requests, 0.68 s, ×1.146',
  },
  'stock-inquiry': {
    fixed: recorded(0.385, 0.654, 11),
    origin: 'web client, recorded (stock-inquiry.json): overview, product kanban, search, form with chatter, on-hand dialog, back — 11 requests, 1.04 s, ×1.146',
  },
  browse: {
    fixed: replayed(0.163, 0.382, 9),
    origin: 'MEASURED with the journey on a real Odoo 17 (9 requests, median 0.554 s; medians 0.163 SQL + 0.382 other, priced from those), ÷ REPLAY_LEVEL 0.64 → 0.85 s; its calls and specifications are a browse task recorded there with odoo-capacity record (test/fixtures/odoo17-webclient/browse-recorded.yaml)',
  },
  invoicing: {
    fixed: sum(recorded(1.51, 2.219, 22), api(0.45, 2)),
    origin: 'web client, recorded on a real Odoo 17 with odoo-capacity record (test/fixtures/odoo17-webclient/invoicing-recorded.yaml): order form, invoice wizard, create_invoices, the order reloading, the invoice, post, payment wizard and payment — 22 requests, 3.73 s warm (1.51 SQL + 2.22 other), ×1.146; plus the order it invoices, created and confirmed over the API (0.45 s)',
  },
  'edi-order-import': {
    fixed: api(0.3, 2), perLine: api(0.1, 0), writes: true, integration: true,
    origin: 'XML-RPC create + action_confirm: 0.6 s for a 3-line order (190 + 400 ms, upper range), 35 + 63 ms a line (the create/confirm split of src/lab/calibration.json)',
  },
  'barcode-pick': {
    fixed: api(0.56, 7), writes: true,
    origin: 'barcode app (API-shaped): find picking 28 + 5 move-line writes × 60 + validate 230 ms',
  },
  receipt: {
    fixed: api(0.3, 3), writes: true,
    origin: 'find 28 + action_assign 48 + validate 230 ms',
  },
  replenishment: {
    fixed: api(0.65, 2),
    origin: 'purchase create 260 + button_confirm 386 ms',
  },
  'month-end-reports': {
    fixed: { workerS: 2, cpuS: 1.2, dbS: 0.6, calls: 15 }, scv: 2,
    origin: 'ASSUMPTION: the pivots and graphs of a month of production data (15 read_group calls), ~2 s in all; on Odoo 17 demo data the journey measured 0.22 s (15 requests), which a month of a distributor\'s moves and journal items exceeds many times',
  },
};

/** `calibration` at `lines` order lines: fixed + lines × per-line part. */
export function demandAt(calibration: JourneyCalibration, lines: number): CalibratedJourney {
  const { fixed, perLine, origin, ...flags } = calibration;
  const n = perLine ? Math.max(0, lines) : 0;
  const line = perLine ?? { workerS: 0, cpuS: 0, dbS: 0, calls: 0 };
  return {
    ...flags,
    workerS: fixed.workerS + n * line.workerS,
    cpuS: fixed.cpuS + n * line.cpuS,
    dbS: fixed.dbS + n * line.dbS,
    callsPerIteration: Math.max(1, Math.round(fixed.calls + n * line.calls)),
    origin: perLine ? `${origin}; priced at ${+n.toFixed(2)} lines` : origin,
  };
}

/** Every journey's calibrated demand at `lines` lines per order. */
export function calibratedDemands(lines: number = RECORDED_LINES): Record<string, CalibratedJourney> {
  const out: Record<string, CalibratedJourney> = {};
  for (const [journey, calibration] of Object.entries(JOURNEY_CALIBRATION)) out[journey] = demandAt(calibration, lines);
  return out;
}

/** The demands at the recorded order's 5 lines (for runs and simulations without a forecast). */
export const CALIBRATION_DEFAULTS: Readonly<Record<string, CalibratedJourney>> = calibratedDemands();

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
export function demandsForJourneys(journeys: readonly string[], lines: number = RECORDED_LINES): Record<string, CalibratedJourney> {
  const all = calibratedDemands(lines);
  const fallback = all['order-entry'] as CalibratedJourney;
  return Object.fromEntries(journeys.map((j) => [j, all[j] ?? fallback]));
}
