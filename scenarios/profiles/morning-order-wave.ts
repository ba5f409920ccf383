/**
 * Morning order wave — a mid-size distributor's morning (walking-skeleton profile).
 *
 * The story: a wholesale distributor of ~3 000 SKUs serving ~600 trade customers. From 06:00
 * the 12 field sales reps and the web shop enter orders; volume climbs as customers open
 * their shops, peaks between 08:00 and 09:00 (the order cut-off for same-day delivery is
 * 09:00) and tails off by 10:00. The warehouse starts releasing pick waves at 07:00, so from
 * then on order entry competes with picking for the same stock rows.
 *
 * For the skeleton one journey exists, `order-to-delivery`: create and confirm a sale order,
 * which creates its delivery (picking). Pick waves will become their own journey later.
 *
 * Arrival rates in orders per business hour, linear within each phase
 * (orders in a phase = (from + to) / 2 × hours):
 *
 *   early 06:00–07:00   40 → 120 /h    80 orders
 *   ramp  07:00–08:00  120 → 300 /h   210 orders
 *   peak  08:00–09:00  300 → 300 /h   300 orders
 *   tail  09:00–10:00  300 →  80 /h   190 orders
 *   total 06:00–10:00                 780 orders  (≈ 1 100 – 1 300 orders per day in all)
 *
 * Peak: 300 orders/h = 5 orders/min = one order every 12 s.
 * SLO: an order with its delivery within 5 s at the 95th percentile, at most 2 % failed —
 * a sales rep on the phone with a customer will wait a few seconds, not ten.
 */
import type { Profile } from './types.js';

/** Business totals of this profile in orders per journey, as stated in the header (for tests and reports). */
export const MORNING_ORDER_WAVE_TOTALS: Readonly<Record<string, number>> = { 'order-to-delivery': 780 };

export const morningOrderWave: Profile = {
  name: 'morning-order-wave',
  description:
    'A distributor\'s morning: sales reps and the web shop enter orders from 06:00, peaking at 300 orders/h ' +
    'between 08:00 and 09:00 (same-day cut-off) and tailing off by 10:00; 780 orders in all.',
  phases: [
    { name: 'early', start: '06:00', end: '07:00', rates: { 'order-to-delivery': { from: 40, to: 120 } } },
    { name: 'ramp', start: '07:00', end: '08:00', rates: { 'order-to-delivery': { from: 120, to: 300 } } },
    { name: 'peak', start: '08:00', end: '09:00', rates: { 'order-to-delivery': { from: 300, to: 300 } } },
    { name: 'tail', start: '09:00', end: '10:00', rates: { 'order-to-delivery': { from: 300, to: 80 } } },
  ],
  slos: {
    'order-to-delivery': { p95Ms: 5000, maxErrorRate: 0.02 },
  },
};
