/**
 * Replenishment night — the scheduler buys, the dock receives.
 *
 * The story: at night the procurement scheduler (a single cron worker) runs every hour from
 * 00:00 to 03:00, computes reorder points and creates requests for quotation; each run proposes
 * 40 RFQs that are confirmed one by one over 15 minutes (one reorder rule each: the planner's
 * Order Once, its RFQ confirmed). From 04:00 the first suppliers' trucks arrive and 4 receivers
 * take the goods in: a purchase order of ~10 lines (Poisson) confirmed and received line by line
 * (≈ 60 s) plus 2 minutes to unload and put the pallet away = one receipt every 3 minutes, 20
 * receipts per receiver-hour.
 *
 *   night      00:00–04:00  replenishment: 40 RFQs every 60 min over 15 min, 1 thread
 *                           batches at 00:00, 01:00, 02:00, 03:00 = 160 RFQs confirmed
 *                           while a run lasts: 40 / 15 min = 160 RFQs/h (one every 22.5 s)
 *   early-dock 04:00–06:00  receipt: 4 receivers × 20/h × 2 h = 160 receipts, peak 80/h
 *
 * With its single thread the scheduler keeps up only if one RFQ confirmation takes < 22.5 s;
 * otherwise the run shows dropped iterations (RFQs left for the morning buyer).
 * SLO: an RFQ confirmed within 20 s at p95; a receipt (scanning included) within 150 s; at most
 * 1 % failed.
 */
import type { Profile } from './types.js';

export const replenishmentNight: Profile = {
  name: 'replenishment-night',
  description:
    'Night: the scheduler runs hourly 00:00–03:00 and confirms 40 RFQs per run (160 in all) on one thread; ' +
    'from 04:00 four receivers scan 160 receipts in.',
  phases: [
    {
      name: 'night',
      start: '00:00',
      end: '04:00',
      bursts: { replenishment: [{ everyMin: 60, size: 40, spreadMin: 15, threads: 1 }] },
    },
    { name: 'early-dock', start: '04:00', end: '06:00', users: { receipt: 4 } },
  ],
  slos: {
    replenishment: { p95Ms: 20_000, maxErrorRate: 0.01 },
    receipt: { p95Ms: 150_000, maxErrorRate: 0.01 },
  },
  params: {
    receipt: { linesPerPicking: { distribution: 'poisson', mean: 10 } },
  },
  pacing: {
    receipt: { thinkTimeS: 120, iterationS: 60 },
  },
};
