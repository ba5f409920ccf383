/**
 * Barcode pick: a picker with a scanner prepares one delivery (web session, as the barcode app).
 * Community has no stock_barcode app; its calls reduce to these (docs/ODOO-PROTOCOL.md, "Barcode-style"):
 *
 *   release-order     sale.order.create([{…, client_order_ref: tag}]) + action_confirm([[order]]) +
 *                     sale.order.read([[order], ['picking_ids']]) + stock.picking.read([ids, ['name', 'picking_type_code']])
 *                     — the upstream order that releases the picking (not the picker's work; its own step)
 *   scan-picking      stock.picking.search_read([[['name', '=', 'WH/OUT/00013']]], {fields, limit: 1})
 *   read-move-lines   stock.move.line.search_read([[['picking_id', '=', p]]], {fields: ['quantity', 'picked', 'product_id']})
 *   scan-product      product.product.search_read([[['barcode', '=', code]]], {fields, limit: 1})   one per line
 *   pick-line         stock.move.line.write([[line], {quantity, picked: true}])                  one per line
 *   validate          stock.picking.button_validate([[p]]) (+ confirm.stock.sms.send_sms when stock_sms asks)
 *   backorder         stock.backorder.confirmation.create([{}], {context}) + process([[w]], {context})  when short
 *
 * Params (BARCODE_PICK_PARAMS): `linesPerPicking` (default 1–5), `scansPerLine` (default 1: the product
 * scan per line), `scanIntervalS` (think time between lines, when the engine sleeps). With probability
 * `shortPickRate` (default 0.1) the picker finds less than reserved on the first line (a short pick)
 * and Odoo asks about a backorder.
 */
import type { OdooClient } from '../../src/odoo/types.js';
import { between, idOf, noData, param, pickSome, pressButton, pressValidate, answerBackorder, runTag, thinkTime, type Many2one } from './common.js';
import { JourneyError, journeyMessages } from './errors.js';
import { loadCustomers, loadProducts, type Named } from './order-entry.js';
import type { Journey, JourneyContext, JourneyParam } from './types.js';

const NAME = 'barcode-pick';

export const BARCODE_PICK_STEPS = ['release-order', 'scan-picking', 'read-move-lines', 'scan-product', 'pick-line', 'validate', 'backorder'] as const;

export interface BarcodePickData {
  customers: Named[];
  /** Products with barcodes, `term` = the barcode. */
  products: Named[];
}

export const BARCODE_PICK_PARAMS = {
  linesPerPicking: { kind: 'count', default: { min: 1, max: 5 }, about: 'lines of the delivery picked' },
  scansPerLine: { kind: 'count', default: 1, about: 'product scans per line (each unit or package scanned)' },
  scanIntervalS: { kind: 'seconds', default: 0, about: 'think time between lines, when the engine sleeps' },
  shortPickRate: { kind: 'share', default: 0.1, about: 'share of pickings whose first line comes up one unit short (a backorder)' },
} as const satisfies Record<string, JourneyParam>;

interface MoveLineRow {
  id: number;
  quantity: number;
  picked: boolean;
  product_id: Many2one;
}

export const barcodePick: Journey<BarcodePickData> = {
  name: NAME,
  description: 'A picker scans a delivery by name, scans each product, sets quantities (sometimes short) and validates, answering the backorder wizard.',
  transport: 'web',
  steps: BARCODE_PICK_STEPS,
  modules: ['stock', 'sale_stock', 'barcodes'],
  params: BARCODE_PICK_PARAMS,

  async setup(client: OdooClient): Promise<BarcodePickData> {
    const customers = await loadCustomers(client, NAME);
    const withBarcode = await loadProducts(client, NAME, [['barcode', '!=', false], ['qty_available', '>', 0]]);
    const rows = await client.call<Array<{ id: number; barcode: string | false }>>('product.product', 'read', [withBarcode.map((p) => p.id), ['barcode']]);
    const products = rows.filter((row) => typeof row.barcode === 'string').map((row) => ({ id: row.id, term: row.barcode as string }));
    if (products.length === 0) throw noData(NAME, 'products with barcodes and stock', 'product.product with barcode and qty_available > 0');
    return { customers, products };
  },

  async run(ctx: JourneyContext<BarcodePickData>): Promise<void> {
    const { client, shared } = ctx;
    const customer = shared.customers[Math.floor(ctx.random() * shared.customers.length)] ?? shared.customers[0];
    const products = pickSome(shared.products, Math.max(1, param(ctx, BARCODE_PICK_PARAMS, 'linesPerPicking')), ctx.random, NAME);
    const short = ctx.random() < param(ctx, BARCODE_PICK_PARAMS, 'shortPickRate');
    const barcodeOf: Record<number, string> = {};
    for (const product of shared.products) barcodeOf[product.id] = product.term;

    const pickingName = await ctx.step('release-order', async () => {
      const orderId = idOf(
        await client.call('sale.order', 'create', [
          {
            partner_id: customer?.id,
            client_order_ref: runTag(ctx.tag),
            order_line: products.map((product) => [0, 0, { product_id: product.id, product_uom_qty: between(2, 6, ctx.random) }]),
          },
        ]),
        NAME,
        'release-order',
      );
      await pressButton(client, 'sale.order', 'action_confirm', [orderId]);
      const [order] = await client.call<Array<{ picking_ids: number[] }>>('sale.order', 'read', [[orderId], ['picking_ids']]);
      const pickings = await client.call<Array<{ name: string; picking_type_code: string; state: string }>>('stock.picking', 'read', [order?.picking_ids ?? [], ['name', 'picking_type_code', 'state']]);
      const outgoing = pickings.filter((p) => p.picking_type_code === 'outgoing' && p.state !== 'done' && p.state !== 'cancel')[0];
      if (!outgoing) throw unexpected('release-order', `order ${orderId} made no open delivery (are the products storable, is sale_stock installed?)`);
      return outgoing.name;
    });

    const picking = await ctx.step('scan-picking', async () => {
      const rows = await client.call<Array<{ id: number; name: string; state: string }>>('stock.picking', 'search_read', [[['name', '=', pickingName]]], {
        fields: ['id', 'name', 'state', 'partner_id', 'scheduled_date'],
        limit: 1,
      });
      const row = rows[0];
      if (!row) throw unexpected('scan-picking', `no picking named ${pickingName}`);
      return row;
    });
    if (picking.state !== 'assigned') await client.call('stock.picking', 'action_assign', [[picking.id]]);

    const lines = await ctx.step('read-move-lines', async () => {
      const rows = await client.call<MoveLineRow[]>('stock.move.line', 'search_read', [[['picking_id', '=', picking.id]]], { fields: ['id', 'quantity', 'picked', 'product_id'] });
      if (rows.length === 0) throw unexpected('read-move-lines', `nothing is reserved on ${picking.name}: the products are out of stock (run "odoo-capacity prepare" to top stock up)`);
      return rows;
    });

    for (let index = 0; index < lines.length; index += 1) {
      const line = lines[index] as MoveLineRow;
      const productId = line.product_id ? line.product_id[0] : 0;
      const barcode = barcodeOf[productId];
      if (index > 0) await thinkTime(ctx, BARCODE_PICK_PARAMS, 'scanIntervalS');
      if (barcode !== undefined) {
        const scans = Math.max(1, param(ctx, BARCODE_PICK_PARAMS, 'scansPerLine'));
        for (let scan = 0; scan < scans; scan += 1) {
          await ctx.step('scan-product', () => client.call('product.product', 'search_read', [[['barcode', '=', barcode]]], { fields: ['id', 'display_name', 'uom_id', 'tracking'], limit: 1 }));
        }
      }
      // A short pick: the first line comes up one unit short (at least one unit is still picked).
      const quantity = short && index === 0 && line.quantity > 1 ? line.quantity - 1 : line.quantity;
      await ctx.step('pick-line', () => client.call('stock.move.line', 'write', [[line.id], { quantity, picked: true }]));
    }

    const wizard = await ctx.step('validate', () => pressValidate(client, picking, NAME, 'validate'));
    if (wizard) await ctx.step('backorder', () => answerBackorder(client, wizard, 'create', NAME, 'backorder'));
  },
};

function unexpected(step: string, detail: string): JourneyError {
  return new JourneyError('JOURNEY_UNEXPECTED_REPLY', journeyMessages.unexpectedReply(NAME, step, detail));
}
