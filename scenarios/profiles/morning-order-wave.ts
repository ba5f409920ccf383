/**
 * Morning order wave — a mid-size distributor's morning.
 *
 * The story: a wholesale distributor of ~3 000 SKUs serving ~600 trade customers. From 06:00
 * the 12 field sales reps and the web shop enter orders; volume climbs as customers open
 * their shops, peaks between 08:00 and 09:00 (the order cut-off for same-day delivery is
 * 09:00) and tails off by 10:00. The warehouse starts releasing pick waves at 07:00, so from
 * then on order entry competes with picking for the same stock rows.
 *
 * Orders per business hour, linear within each phase (orders in a phase = (from + to) / 2 × hours):
 *
 *   early 06:00–07:00   40 → 120 /h    80 orders
 *   ramp  07:00–08:00  120 → 300 /h   210 orders
 *   peak  08:00–09:00  300 → 300 /h   300 orders
 *   tail  09:00–10:00  300 →  80 /h   190 orders
 *   total 06:00–10:00                 780 orders  (≈ 1 100 – 1 300 orders per day in all)
 *
 * Peak: 300 orders/h = 5 orders/min = one order every 12 s. Lines per order: lognormal, median 6,
 * σ 0.6 (mean 7.2; one order in twenty has 16 lines or more), at most 80.
 * SLO: the journeys send what Odoo's web client sends (every onchange, search and chatter call), so
 * an iteration's latency is the server time of the whole keying, not one wait of the rep's: a real
 * Odoo 17 spends ~1.3 s + 0.65 s per line on order entry and ~0.6 s on the delivery
 * (test/fixtures/odoo17-webclient/, docs/CALIBRATION.md), ~12 s for a 16-line order with its
 * delivery. SLO: order with delivery within 20 s at the 95th percentile (order entry alone 15 s),
 * at most 2 % failed — each of the ~8 calls per line then answers well under a second.
 *
 * Two profiles tell this story:
 *
 * - `morning-order-wave` runs it with the one journey every Odoo with sale_stock has today,
 *   `order-to-delivery` (create and confirm the order, which creates its delivery): the orders
 *   above and nothing else. The demo and the pipeline test use it; its numbers do not change.
 * - `morning-order-wave-full` adds what the rest of the building does, with the dedicated
 *   journeys: `order-entry` for the same 780 orders; `stock-inquiry` — the reps check stock
 *   before they promise, 1.5 look-ups per order: 60→180, 180→450, 450, 450→120 /h = 1 170 look-ups,
 *   peak 450/h; and the pick waves from 07:00 as `barcode-pick` pickers (a closed model):
 *   6 pickers 07:00–08:00 and 12 from 08:00, each working one picking every 2 minutes
 *   (≈ 40 s of scanning + 80 s to walk, print and stage) = 30 pickings per picker-hour:
 *   180 + 360 + 360 = 900 pickings (the pickers also clear yesterday afternoon's backlog),
 *   peak 360 pickings/h. It needs those journeys registered (scenarios/journeys/index.ts).
 */
import { BARCODE_PICK_PACING, BARCODE_PICK_PARAMS } from './barcode-shift.js';
import type { Profile } from './types.js';

/** Business totals of `morning-order-wave` in orders per journey, as stated in the header (for tests and reports). */
export const MORNING_ORDER_WAVE_TOTALS: Readonly<Record<string, number>> = { 'order-to-delivery': 780 };

/** Orders per hour of the wave: [from, to] per phase, shared by both profiles. */
const ORDERS: ReadonlyArray<readonly [string, string, string, number, number]> = [
  ['early', '06:00', '07:00', 40, 120],
  ['ramp', '07:00', '08:00', 120, 300],
  ['peak', '08:00', '09:00', 300, 300],
  ['tail', '09:00', '10:00', 300, 80],
];

const LINES_PER_ORDER = { distribution: 'lognormal', median: 6, sigma: 0.6, max: 80 } as const;

/**
 * SLOs of keying an order through the web client (see above): the p95 order has 16 lines, ~11 s of
 * server time for the order, ~12 s with its delivery, plus room for queueing at the peak.
 */
export const ORDER_ENTRY_SLO = { p95Ms: 15_000, maxErrorRate: 0.02 } as const;
export const ORDER_TO_DELIVERY_SLO = { p95Ms: 20_000, maxErrorRate: 0.02 } as const;

export const morningOrderWave: Profile = {
  name: 'morning-order-wave',
  description:
    'A distributor\'s morning: sales reps and the web shop enter orders from 06:00, peaking at 300 orders/h ' +
    'between 08:00 and 09:00 (same-day cut-off) and tailing off by 10:00; 780 orders in all.',
  phases: ORDERS.map(([name, start, end, from, to]) => ({ name, start, end, rates: { 'order-to-delivery': { from, to } } })),
  slos: {
    'order-to-delivery': { ...ORDER_TO_DELIVERY_SLO },
  },
  params: {
    'order-to-delivery': { linesPerOrder: { ...LINES_PER_ORDER } },
  },
};

/** Pickers per phase of the full wave (none before the first wave at 07:00). */
const PICKERS: Readonly<Record<string, number>> = { early: 0, ramp: 6, peak: 12, tail: 12 };

export const morningOrderWaveFull: Profile = {
  name: 'morning-order-wave-full',
  description:
    'The morning wave with every journey: 780 orders (peak 300/h) entered from 06:00, 1 170 stock look-ups, ' +
    'and pick waves from 07:00 — 6 then 12 pickers, 900 pickings.',
  phases: ORDERS.map(([name, start, end, from, to]) => ({
    name,
    start,
    end,
    rates: { 'order-entry': { from, to }, 'stock-inquiry': { from: from * 1.5, to: to * 1.5 } },
    ...((PICKERS[name] ?? 0) > 0 ? { users: { 'barcode-pick': PICKERS[name] ?? 0 } } : {}),
  })),
  slos: {
    'order-entry': { ...ORDER_ENTRY_SLO },
    // three look-ups (Poisson mean 3), each search, form with chatter, on-hand dialog and back: ~2.6 s of server time
    'stock-inquiry': { p95Ms: 6000, maxErrorRate: 0.01 },
    'barcode-pick': { p95Ms: 120_000, maxErrorRate: 0.01 },
  },
  params: {
    'order-entry': { linesPerOrder: { ...LINES_PER_ORDER } },
    'stock-inquiry': { productsPerInquiry: { distribution: 'poisson', mean: 3 } },
    'barcode-pick': structuredClone(BARCODE_PICK_PARAMS),
  },
  pacing: {
    'barcode-pick': { ...BARCODE_PICK_PACING },
  },
};
