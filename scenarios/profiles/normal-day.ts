/**
 * A normal weekday's daytime, 06:00–16:00 — not a profile of its own but the base that
 * peak-season scales and distribution-day places between the night and the evening:
 *
 *   morning-order-wave-full's orders and stock look-ups (06:00–10:00: 780 orders, 1 170 look-ups)
 *   + edi-burst (08:00–16:00: 16 EDI batches = 8 000 orders, 120 hand-entered orders/h = 960)
 *   + barcode-shift (06:00–14:00: 10 / 40 / 20 / 40 pickers, 8 850 pickings)
 *
 * (morning-order-wave-full's own pickers are the barcode shift's, so they are not added twice.)
 * Totals: order-entry 1 740, stock-inquiry 1 170, edi-order-import 8 000, barcode-pick 8 850.
 * Peaks: order-entry 420/h (08:00–09:00: the wave's 300 + the office's 120), stock-inquiry 450/h,
 * EDI 3 000/h while a batch arrives, barcode-pick 1 200/h (40 pickers).
 */
import { barcodeShift } from './barcode-shift.js';
import { onlyJourneys, overlay } from './compose.js';
import { ediBurst } from './edi-burst.js';
import { morningOrderWaveFull } from './morning-order-wave.js';
import type { Profile } from './types.js';

export const normalDay: Profile = overlay(
  {
    name: 'normal-day',
    description: 'A normal weekday 06:00–16:00: the morning order wave, EDI batches every 30 min and the early picking shift.',
  },
  [onlyJourneys(morningOrderWaveFull, ['order-entry', 'stock-inquiry']), ediBurst, barcodeShift],
);
