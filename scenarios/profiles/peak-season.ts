/**
 * Peak season — a normal weekday before Christmas.
 *
 * The story: in the four weeks before Christmas the distributor's customers stock up. Order
 * volume triples on every channel — sales reps and web shop, stock look-ups and the EDI files of
 * the supermarket chains (1 500 orders per file instead of 500, still over 10 minutes and 4
 * connector threads) — while the warehouse can only add temporary staff: 1.5× the pickers
 * (15 / 60 / 30 / 60 instead of 10 / 40 / 20 / 40). It is the normal day (./normal-day.ts) scaled:
 *
 *   order-entry       3 × 1 740 =  5 220 orders      peak 3 × 420 = 1 260/h (08:00–09:00)
 *   stock-inquiry     3 × 1 170 =  3 510 look-ups    peak 3 × 450 = 1 350/h
 *   edi-order-import  3 × 8 000 = 24 000 orders      16 batches of 1 500, 9 000/h while one arrives (2.5/s)
 *   barcode-pick    1.5 × 8 850 = 13 275 pickings    peak 60 pickers = 1 800/h
 *
 * The question it answers: "will staging hold 3× Monday 8:00?" With 4 threads at 2.5 EDI
 * orders/s, an EDI import must take under 1.6 s or the files back up. SLOs are the normal day's:
 * the customers do not accept slower service because it is December.
 */
import { scaleJourneys } from './compose.js';
import { normalDay } from './normal-day.js';
import type { Profile } from './types.js';

export const peakSeason: Profile = {
  ...scaleJourneys(normalDay, { 'order-entry': 3, 'stock-inquiry': 3, 'edi-order-import': 3, 'barcode-pick': 1.5 }),
  name: 'peak-season',
  description:
    'A normal weekday before Christmas: 3× the orders, look-ups and EDI batches (1 500 orders per file), ' +
    '1.5× the pickers (60 at the peak), 06:00–16:00.',
};
