/**
 * Distribution day — a whole weekday, 00:00–24:00, the other profiles on one clock.
 *
 *   00:00–06:00  replenishment-night: 4 scheduler runs confirm 160 RFQs; 4 receivers, 160 receipts
 *   06:00–16:00  the normal day (./normal-day.ts): morning order wave, EDI batches every 30 min
 *                (08:00–16:00), early picking shift (06:00–14:00)
 *   14:00–22:00  the late picking shift: 20 pickers (4 800 pickings); web-shop orders 60 → 20/h
 *                (320 orders)
 *   22:00–24:00  web-shop orders 20 → 0/h (20 orders) and stock look-ups 30 → 10/h (40)
 *
 * Totals: order-entry 1 740 + 340 = 2 080 orders, edi-order-import 8 000, stock-inquiry
 * 1 170 + 40 = 1 210, barcode-pick 8 850 + 4 800 = 13 650 pickings, replenishment 160 RFQs,
 * receipt 160 receipts.
 * Peaks: order-entry 420/h (08:00–09:00), stock-inquiry 450/h, EDI 3 000/h while a batch
 * arrives, barcode-pick 1 200/h (40 pickers), replenishment 160/h, receipt 80/h.
 * Month-end close and peak season are not part of it: they are other days.
 */
import { BARCODE_PICK_PACING, BARCODE_PICK_PARAMS } from './barcode-shift.js';
import { overlay } from './compose.js';
import { morningOrderWaveFull } from './morning-order-wave.js';
import { normalDay } from './normal-day.js';
import { replenishmentNight } from './replenishment-night.js';
import type { Profile } from './types.js';

const evening: Profile = {
  name: 'evening',
  description: 'The late picking shift and the web shop in the evening.',
  phases: [
    {
      name: 'late-shift',
      start: '14:00',
      end: '22:00',
      rates: { 'order-entry': { from: 60, to: 20 } },
      users: { 'barcode-pick': 20 },
    },
    {
      name: 'night-shop',
      start: '22:00',
      end: '24:00',
      rates: { 'order-entry': { from: 20, to: 0 }, 'stock-inquiry': { from: 30, to: 10 } },
    },
  ],
  slos: {
    'order-entry': morningOrderWaveFull.slos['order-entry'] ?? { p95Ms: 15_000 },
    'stock-inquiry': morningOrderWaveFull.slos['stock-inquiry'] ?? { p95Ms: 6000 },
    'barcode-pick': morningOrderWaveFull.slos['barcode-pick'] ?? { p95Ms: 120_000 },
  },
  params: {
    'order-entry': morningOrderWaveFull.params?.['order-entry'] ?? {},
    'stock-inquiry': morningOrderWaveFull.params?.['stock-inquiry'] ?? {},
    'barcode-pick': structuredClone(BARCODE_PICK_PARAMS),
  },
  pacing: { 'barcode-pick': { ...BARCODE_PICK_PACING } },
};

export const distributionDay: Profile = overlay(
  {
    name: 'distribution-day',
    description:
      'A whole weekday: night replenishment and receipts, the morning order wave, EDI batches every 30 min, ' +
      'two picking shifts and the evening web shop — 2 080 + 8 000 EDI orders, 13 650 pickings.',
  },
  [replenishmentNight, normalDay, evening],
);
