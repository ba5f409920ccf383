/**
 * EDI burst — trading partners drop order files on top of a steady day.
 *
 * The story: the distributor supplies three supermarket chains over EDI. Their systems collect
 * store orders and send a file every 30 minutes between 08:00 and 16:00; the EDI connector picks
 * each file up on the hour and half hour and imports its 500 orders over 10 minutes with 4
 * connector threads (XML-RPC, one order per call: create + confirm). Meanwhile the sales office
 * keeps entering orders by hand at a steady 120 orders/h.
 *
 *   edi-order-import  bursts 08:00–16:00: 500 orders every 30 min, spread over 10 min, 4 threads
 *                     batches at 08:00, 08:30, … 15:30 = 16 batches = 8 000 orders
 *                     while a batch arrives: 500 / 10 min = 50 orders/min = 3 000 orders/h (0.83/s)
 *   order-entry       08:00–16:00 steady 120 orders/h = 960 orders
 *
 * With 4 threads, an import must take under 4 × 1.2 s = 4.8 s per order for the connector to keep
 * up with 0.83 orders/s; when Odoo is slower the batch backs up and the run shows dropped
 * iterations (the connector's backlog). Lines per EDI order: Poisson, mean 12 (store orders are
 * long); lines per hand-entered order: lognormal, median 6, σ 0.6.
 * SLO: an EDI order imported within 8 s at p95 and at most 0.5 % failed (a failed EDI order is a
 * lost store delivery); hand-entered orders within 5 s, at most 2 % failed.
 */
import { ORDER_ENTRY_SLO } from './morning-order-wave.js';
import type { Profile } from './types.js';

export const ediBurst: Profile = {
  name: 'edi-burst',
  description:
    'Three supermarket chains send EDI files: 500 orders every 30 min over 4 connector threads, 08:00–16:00 ' +
    '(16 batches, 8 000 orders), on top of 120 hand-entered orders/h.',
  phases: [
    {
      name: 'edi-day',
      start: '08:00',
      end: '16:00',
      rates: { 'order-entry': { from: 120, to: 120 } },
      bursts: { 'edi-order-import': [{ everyMin: 30, size: 500, spreadMin: 10, threads: 4 }] },
    },
  ],
  slos: {
    'edi-order-import': { p95Ms: 8000, maxErrorRate: 0.005 },
    'order-entry': { ...ORDER_ENTRY_SLO },
  },
  params: {
    'edi-order-import': { linesPerOrder: { distribution: 'poisson', mean: 12 } },
    'order-entry': { linesPerOrder: { distribution: 'lognormal', median: 6, sigma: 0.6, max: 80 } },
  },
};
