/**
 * PostgreSQL storage growth from a forecast's order volume: rows each sales order leaves behind
 * × bytes per row with its indexes.
 *
 * Rows per order, L = mean lines per order (one-step delivery, automated (real-time) stock valuation):
 *   sale_order 1, sale_order_line L, stock_picking 1, stock_move L, stock_move_line L (one lot/location
 *   per line), stock_valuation_layer L, account_move 1 invoice + L valuation entries,
 *   account_move_line L product + 1 tax + 1 receivable on the invoice + 2 per valuation entry = 3L + 2,
 *   mail_message 6 and mail_tracking_value 6 (assumed: a message and a tracked state change per
 *   document step — order confirmed, delivery done, invoice posted — created and changed).
 * Excluded: receipts and purchases, attachments (PDFs live in the filestore unless stored in the
 * database), WAL archives and backups, bloat from updates.
 *
 * Bytes per row = (heap row + 4 B line pointer + 20 B × indexes) / 0.9, where
 *   heap row = avg(pg_column_size(t.*)) (tuple header included) and indexes = count(pg_index) of the table,
 *   MEASURED on the Odoo 17 database `distri` on the lab machine (Nov 2026, standard sale_stock_account
 *   modules); 20 B per b-tree entry = 8 B IndexTuple header + 8 B key + 4 B line pointer (most Odoo
 *   indexes are on one integer or a short column); 0.9 = pages about 90 % full (heap fillfactor 100 with
 *   free space left by updates; b-tree leaf fillfactor 90).
 * Per year = orders per day × working days per year (250 assumed: the forecast gives orders per
 * working day) × bytes per order, at the horizon's volume ((1 + growth)^horizonYears).
 */
import type { Forecast } from './forecast.js';
import type { Reasoned } from './reasoned.js';

/** Measured per-table row size and index count (see the file comment). */
export const ODOO17_ROW_SIZES: Readonly<Record<string, { heapBytes: number; indexes: number }>> = {
  sale_order: { heapBytes: 201, indexes: 10 },
  sale_order_line: { heapBytes: 222, indexes: 6 },
  stock_picking: { heapBytes: 151, indexes: 13 },
  stock_move: { heapBytes: 233, indexes: 16 },
  stock_move_line: { heapBytes: 150, indexes: 7 },
  stock_valuation_layer: { heapBytes: 160, indexes: 6 },
  account_move: { heapBytes: 250, indexes: 25 },
  account_move_line: { heapBytes: 236, indexes: 21 },
  mail_message: { heapBytes: 327, indexes: 8 },
  mail_tracking_value: { heapBytes: 91, indexes: 3 },
};

export const WORKING_DAYS_PER_YEAR = 250;
const LINE_POINTER_BYTES = 4;
const INDEX_ENTRY_BYTES = 20;
const PAGE_FILL = 0.9;
const GB = 2 ** 30;

/** Bytes one row of `table` takes on disk with its index entries. */
export function bytesPerRow(table: string): number {
  const size = ODOO17_ROW_SIZES[table];
  if (size === undefined) return 0;
  return (size.heapBytes + LINE_POINTER_BYTES + INDEX_ENTRY_BYTES * size.indexes) / PAGE_FILL;
}

/** Rows per sales order of `lines` lines, by table (see the file comment). */
export function rowsPerOrder(lines: number): Record<string, number> {
  return {
    sale_order: 1,
    sale_order_line: lines,
    stock_picking: 1,
    stock_move: lines,
    stock_move_line: lines,
    stock_valuation_layer: lines,
    account_move: 1 + lines,
    account_move_line: 3 * lines + 2,
    mail_message: 6,
    mail_tracking_value: 6,
  };
}

/** Bytes on disk per sales order of `lines` lines. */
export function bytesPerOrder(lines: number): number {
  return Object.entries(rowsPerOrder(lines)).reduce((sum, [table, rows]) => sum + rows * bytesPerRow(table), 0);
}

/**
 * Database growth per year at the forecast horizon's volume, GB (2^30 bytes).
 * @example postgresStorageGrowth({ ordersPerDay: 1000, linesPerOrder: { mean: 5 }, growth: { annualRate: 0, horizonYears: 1 }, … }).value // ≈ 7.2 (30 939 B per order of 5 lines)
 */
export function postgresStorageGrowth(forecast: Pick<Forecast, 'ordersPerDay' | 'linesPerOrder' | 'growth'>): Reasoned<number> {
  const lines = forecast.linesPerOrder.mean;
  const perOrder = bytesPerOrder(lines);
  const growth = Math.pow(1 + forecast.growth.annualRate, forecast.growth.horizonYears);
  const firstYearGb = (forecast.ordersPerDay * WORKING_DAYS_PER_YEAR * perOrder) / GB;
  const horizonGb = firstYearGb * growth;
  let cumulativeGb = 0;
  for (let year = 0; year < forecast.growth.horizonYears; year++) cumulativeGb += firstYearGb * Math.pow(1 + forecast.growth.annualRate, year);
  return {
    value: horizonGb,
    unit: 'GB/year',
    reason:
      `Each order of ${lines} lines leaves ~${(perOrder / 1024).toFixed(1)} kB in PostgreSQL (order, lines, picking, moves, move lines, valuation layers, ` +
      `invoice and valuation entries, their journal items, chatter), row sizes measured on an Odoo 17 database with their indexes; ` +
      `${forecast.ordersPerDay} orders/day × ${WORKING_DAYS_PER_YEAR} working days = ${firstYearGb.toFixed(1)} GB in the first year, ` +
      `${horizonGb.toFixed(1)} GB/year after ${forecast.growth.horizonYears} year${forecast.growth.horizonYears === 1 ? '' : 's'} of ${(forecast.growth.annualRate * 100).toFixed(0)} % growth ` +
      `(${cumulativeGb.toFixed(1)} GB added over those years). Excludes receipts, attachments, WAL archives, backups and bloat.`,
    formula: 'GB/year = ordersPerDay × 250 × Σ_tables rows per order × (heap row + 4 + 20 × indexes) / 0.9 × (1 + growth)^years / 2^30 (models/storage-growth.ts)',
    inputs: { ordersPerDay: forecast.ordersPerDay, linesPerOrder: lines, bytesPerOrder: Math.round(perOrder), firstYearGb, cumulativeGb, growthFactor: growth },
  };
}
