/**
 * Every journey against a real Odoo 17, then cleanup — skipped unless ODOO_URL, ODOO_DB,
 * ODOO_LOGIN and ODOO_PASSWORD are set. Writes to the database: only for a neutralized staging copy.
 * Effects are read back inside Odoo (order confirmed, picking done, invoice posted and paid …).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journeys } from '../../../scenarios/journeys/index.js';
import { cleanup } from '../../../src/cleanup/cleanup.js';
import { createClient } from '../../../src/odoo/connect.js';
import type { OdooClient } from '../../../src/odoo/types.js';
import { prepareDataset } from '../../../src/prepare/prepare.js';
import { newRunId } from '../../../src/run/run-id.js';
import { realTarget, runJourney } from './harness.js';

const target = realTarget();
// A run id as `run` makes one, so `cleanup --run` accepts it.
const RUN = newRunId('it-journeys');
const TAG = `oc-${RUN}`;

describe.skipIf(target === undefined)('journeys against a real Odoo', () => {
  let admin: OdooClient;
  const read = <T>(model: string, domain: unknown[], fields: string[]) => admin.call<T[]>(model, 'search_read', [domain], { fields });

  beforeAll(async () => {
    if (!target) return;
    admin = createClient(target, 'xmlrpc');
    await admin.authenticate();
    const report = await prepareDataset(admin, { dataset: 'small', url: target.url, db: target.db });
    expect(report['product.product']?.created ?? 0).toBeGreaterThanOrEqual(0);
  }, 120_000);

  afterAll(async () => {
    await admin?.close();
  });

  it('prepare is idempotent: a second run creates nothing', async () => {
    if (!target) return;
    const again = await prepareDataset(admin, { dataset: 'small', url: target.url, db: target.db });
    for (const [model, count] of Object.entries(again)) expect({ model, created: count.created }).toEqual({ model, created: 0 });
    expect(again['product.product']?.existing).toBe(50);
  }, 60_000);

  it('order-entry confirms an order of the requested line count', async () => {
    if (!target) return;
    const run = await runJourney(target, journeys['order-entry']!, { tag: RUN, params: { linesPerOrder: 4 } });
    expect(run.steps).toEqual(['open-quotations', 'new-quotation', 'customer', 'add-line', 'add-line', 'add-line', 'add-line', 'save', 'confirm']);
    const orders = await read<{ state: string; order_line: number[] }>('sale.order', [['client_order_ref', '=', TAG]], ['state', 'order_line']);
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ state: 'sale' });
    expect(orders[0]?.order_line).toHaveLength(4);
  }, 60_000);

  it('edi-order-import creates and confirms a batch of orders in one create call (xmlrpc and jsonrpc)', async () => {
    if (!target) return;
    await runJourney(target, journeys['edi-order-import']!, { tag: RUN, params: { batchSize: 3, linesPerOrder: 2 } });
    await runJourney(target, journeys['edi-order-import']!, { tag: RUN, transport: 'jsonrpc', params: { batchSize: 2, linesPerOrder: 1 } });
    const orders = await read<{ state: string }>('sale.order', [['client_order_ref', '=', TAG], ['origin', '=like', `EDI ${TAG}%`]], ['state']);
    expect(orders.map((o) => o.state)).toEqual(['sale', 'sale', 'sale', 'sale', 'sale']);
  }, 60_000);

  it('barcode-pick validates a short pick and leaves a backorder', async () => {
    if (!target) return;
    const run = await runJourney(target, journeys['barcode-pick']!, { tag: RUN, params: { shortPickRate: 1, linesPerPicking: 2 } });
    expect(run.steps).toContain('backorder');
    const done = await read<{ id: number; state: string }>('stock.picking', [['sale_id.client_order_ref', '=', TAG], ['state', '=', 'done'], ['picking_type_code', '=', 'outgoing']], ['state']);
    expect(done.length).toBeGreaterThanOrEqual(1);
    const backorders = await read<{ id: number }>('stock.picking', [['backorder_id', 'in', done.map((p) => p.id)]], ['id']);
    expect(backorders.length).toBeGreaterThanOrEqual(1);
  }, 60_000);

  it('order-to-delivery delivers its order', async () => {
    if (!target) return;
    const before = (await read<{ id: number }>('stock.picking', [['sale_id.client_order_ref', '=', TAG], ['state', '=', 'done']], ['id'])).length;
    await runJourney(target, journeys['order-to-delivery']!, { tag: RUN });
    const after = (await read<{ id: number }>('stock.picking', [['sale_id.client_order_ref', '=', TAG], ['state', '=', 'done']], ['id'])).length;
    expect(after).toBe(before + 1);
  }, 60_000);

  it('receipt confirms a purchase order and receives it', async () => {
    if (!target) return;
    await runJourney(target, journeys.receipt!, { tag: RUN });
    const pos = await read<{ state: string; picking_ids: number[] }>('purchase.order', [['origin', '=', TAG]], ['state', 'picking_ids']);
    expect(pos.map((p) => p.state)).toEqual(['purchase']);
    const pickings = await admin.call<Array<{ state: string }>>('stock.picking', 'read', [pos[0]?.picking_ids ?? [], ['state']]);
    expect(pickings.map((p) => p.state)).toEqual(['done']);
  }, 60_000);

  it('invoicing posts the invoice and registers its payment', async () => {
    if (!target) return;
    await runJourney(target, journeys.invoicing!, { tag: RUN });
    const invoices = await read<{ state: string; payment_state: string; move_type: string }>('account.move', [['ref', '=', TAG], ['move_type', '=', 'out_invoice']], ['state', 'payment_state', 'move_type']);
    expect(invoices).toHaveLength(1);
    expect(invoices[0]?.state).toBe('posted');
    expect(invoices[0]?.move_type).toBe('out_invoice');
    expect(['paid', 'in_payment']).toContain(invoices[0]?.payment_state);
    const payments = await read<{ state: string }>('account.payment', [['ref', '=', TAG]], ['state']);
    expect(payments.map((p) => p.state)).toEqual(['posted']);
  }, 60_000);

  it('replenishment orders from a reordering rule and confirms the RFQ', async () => {
    if (!target) return;
    await runJourney(target, journeys.replenishment!, { tag: RUN });
    const pos = await read<{ state: string; origin: string }>('purchase.order', [['partner_ref', '=', TAG]], ['state', 'origin']);
    expect(pos.length).toBeGreaterThanOrEqual(1);
    expect(pos.every((p) => p.state === 'purchase' && p.origin.includes('oc-data-OP-'))).toBe(true);
  }, 60_000);

  it.each(['stock-inquiry', 'order-lookup', 'month-end-reports', 'browse'])('%s runs every step (read-only)', async (name) => {
    if (!target) return;
    const journey = journeys[name]!;
    const run = await runJourney(target, journey, { tag: RUN });
    expect(run.steps).toEqual([...journey.steps]);
  }, 60_000);

  it('cleanup --run leaves nothing of the run open: orders deleted, invoices and payments cancelled', async () => {
    if (!target) return;
    const report = await cleanup(admin, { run: RUN, url: target.url, db: target.db });
    expect(report['sale.order']?.found).toBeGreaterThanOrEqual(9);
    expect(report['sale.order']?.deleted).toBe(report['sale.order']?.found);
    expect(await read('sale.order', [['client_order_ref', '=', TAG]], ['id'])).toEqual([]);
    // The invoice and the payment's journal entry (ref = the payment's memo) are both cancelled.
    expect((await read<{ state: string }>('account.move', [['ref', '=', TAG]], ['state'])).map((m) => m.state)).toEqual(['cancel', 'cancel']);
    expect((await read<{ state: string }>('account.payment', [['ref', '=', TAG]], ['state'])).map((p) => p.state)).toEqual(['cancel']);
    // Purchase orders whose receipt is done cannot be cancelled (Odoo refuses): the only ones kept.
    const left = await read<{ state: string; picking_ids: number[] }>('purchase.order', ['|', ['origin', '=', TAG], ['partner_ref', '=', TAG]], ['state', 'picking_ids']);
    expect(left.length).toBe(report['purchase.order']?.kept);
    const second = await cleanup(admin, { run: RUN, url: target.url, db: target.db });
    expect(second['sale.order']?.found).toBe(0);
    expect(second['account.move']).toMatchObject({ cancelled: 0 });
  }, 120_000);
});
