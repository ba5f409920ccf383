/**
 * Month-end close — the last working day of the month.
 *
 * The story: orders keep coming in (150 orders/h all day, easing to 100/h by 18:00) while
 * accounting closes the month. From 14:00 the accountants invoice the month's remaining orders —
 * each iteration invoices one order through the web client's wizard, posts the invoice and
 * registers its payment (the flow recorded on Odoo 17; a bulk selection of many orders at once is
 * not modelled) — and the controllers run the heavy reports (P&L, aged receivables, sales by
 * customer and product: read_group over account.move.line and sale.report) that lock horns with
 * invoicing on the same tables. After 18:00 only reporting continues.
 *
 *   day       08:00–14:00  order-entry 150/h                     900 orders
 *                          month-end-reports 10/h                 60 reports
 *   close     14:00–18:00  order-entry 150 → 100/h               500 orders
 *                          invoicing 30/h                         120 invoices, posted and paid
 *                          month-end-reports 60/h                240 reports
 *   reporting 18:00–20:00  month-end-reports 90 → 30/h           120 reports
 *   total                  1 400 orders, 120 invoices, 420 reports
 *   peaks                  order-entry 150/h, invoicing 30/h, reports 90/h
 *
 * SLO: an invoice created, posted and paid within 60 s at p95; a report within
 * 15 s; an order within 5 s (sales must not notice the close). At most 1 % failed invoicing runs
 * and reports, 2 % orders.
 */
import { ORDER_ENTRY_SLO } from './morning-order-wave.js';
import type { Profile } from './types.js';

export const monthEndClose: Profile = {
  name: 'month-end-close',
  description:
    'The last working day: 150 orders/h all day while accounting invoices, posts and pays 120 orders ' +
    '(30/h, 14:00–18:00) and controllers run 420 heavy read_group reports.',
  phases: [
    {
      name: 'day',
      start: '08:00',
      end: '14:00',
      rates: { 'order-entry': { from: 150, to: 150 }, 'month-end-reports': { from: 10, to: 10 } },
    },
    {
      name: 'close',
      start: '14:00',
      end: '18:00',
      rates: {
        'order-entry': { from: 150, to: 100 },
        invoicing: { from: 30, to: 30 },
        'month-end-reports': { from: 60, to: 60 },
      },
    },
    { name: 'reporting', start: '18:00', end: '20:00', rates: { 'month-end-reports': { from: 90, to: 30 } } },
  ],
  slos: {
    'order-entry': { ...ORDER_ENTRY_SLO },
    invoicing: { p95Ms: 60_000, maxErrorRate: 0.01 },
    'month-end-reports': { p95Ms: 15_000, maxErrorRate: 0.01 },
  },
  params: {
    'order-entry': { linesPerOrder: { distribution: 'lognormal', median: 6, sigma: 0.6, max: 80 } },
  },
};
