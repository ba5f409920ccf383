/**
 * What one iteration of each journey creates in Odoo, read from the journeys' own headers
 * (scenarios/journeys/*.ts): the records a `--dry-run` announces and `cleanup` later removes.
 * Every record is tagged with the run id (`client_order_ref`, `origin`, `partner_ref` or a
 * payment's `communication`).
 *
 * Counts are per iteration; `perBatch` counts are multiplied by the scenario's `params.batchSize`
 * (edi-order-import, default 5 orders per batch). Backorders (a short pick) are not counted.
 * Pure data.
 */
import { EDI_PARAMS } from '../../scenarios/journeys/edi-order-import.js';

export interface CreatedRecords {
  /** Odoo model, e.g. `sale.order`. */
  model: string;
  /** Plural business name, e.g. `sales orders`. */
  label: string;
  /** Records per iteration (per order of the batch when `perBatch`). */
  count: number;
  perBatch?: boolean;
}

export interface JourneyWrites {
  /** False for the read-only journeys. */
  writes: boolean;
  creates: CreatedRecords[];
}

const salesOrder = (perBatch = false): CreatedRecords => ({ model: 'sale.order', label: 'sales orders (confirmed)', count: 1, ...(perBatch ? { perBatch } : {}) });
const delivery = (done: boolean, perBatch = false): CreatedRecords => ({
  model: 'stock.picking',
  label: done ? 'deliveries (validated)' : 'deliveries (waiting)',
  count: 1,
  ...(perBatch ? { perBatch } : {}),
});

/** Per journey name (src: each journey file's step table). */
export const JOURNEY_WRITES: Readonly<Record<string, JourneyWrites>> = {
  'order-to-delivery': { writes: true, creates: [salesOrder(), delivery(true)] },
  'order-entry': { writes: true, creates: [salesOrder(), delivery(false)] },
  'edi-order-import': { writes: true, creates: [salesOrder(true), delivery(false, true)] },
  'barcode-pick': { writes: true, creates: [salesOrder(), delivery(true)] },
  receipt: {
    writes: true,
    creates: [
      { model: 'purchase.order', label: 'purchase orders (confirmed)', count: 1 },
      { model: 'stock.picking', label: 'receipts (validated)', count: 1 },
    ],
  },
  invoicing: {
    writes: true,
    creates: [
      salesOrder(),
      { model: 'account.move', label: 'customer invoices (posted)', count: 1 },
      { model: 'account.payment', label: 'payments (registered)', count: 1 },
    ],
  },
  replenishment: {
    writes: true,
    creates: [
      { model: 'purchase.order', label: 'purchase orders (confirmed)', count: 1 },
      { model: 'stock.picking', label: 'receipts (waiting)', count: 1 },
    ],
  },
  'stock-inquiry': { writes: false, creates: [] },
  'order-lookup': { writes: false, creates: [] },
  'month-end-reports': { writes: false, creates: [] },
  browse: { writes: false, creates: [] },
};

/** Default EDI batch size: the one edi-order-import declares. */
export const DEFAULT_EDI_BATCH = EDI_PARAMS.batchSize.default;

/** The batch size a scenario's params give (a number ≥ 1), else the default. */
export function batchSizeOf(params: Record<string, unknown> | undefined): number {
  const value = params?.batchSize;
  return typeof value === 'number' && Number.isFinite(value) && value >= 1 ? Math.floor(value) : DEFAULT_EDI_BATCH;
}
