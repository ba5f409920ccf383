/**
 * Receipt: a buyer confirms a purchase order and the warehouse receives it (web session).
 *
 *   create-po        purchase.order.create([{partner_id, origin: tag, order_line: [[0,0,{product_id, product_qty, price_unit}], …]}])
 *   confirm-po       purchase.order.button_confirm([[po]])                     → True (call_button: false)
 *   find-receipt     stock.picking.search_read([[purchase_id = po, picking_type_code = incoming, state not in done/cancel]])
 *   read-move-lines  stock.move.line.search_read([[picking_id = receipt]], {fields: ['quantity', 'picked']})
 *   receive-lines    stock.move.line.write([[line], {quantity, picked: true}])  one per line
 *   validate         stock.picking.button_validate([[receipt]])
 *
 * Vendors: prepare's (`ref =like 'oc-data-V%'`), else partners with supplier_rank > 0. Products:
 * purchasable storable ones, prepare's first.
 */
import type { OdooClient } from '../../src/odoo/types.js';
import { between, idOf, noData, param, pickOne, pickSome, preparedOr, pressButton, runTag, validatePicking } from './common.js';
import { JourneyError, journeyMessages } from './errors.js';
import type { Journey, JourneyContext, JourneyParam } from './types.js';

const NAME = 'receipt';

const RECEIPT_PARAMS = {
  linesPerPicking: { kind: 'count', default: { min: 1, max: 5 }, about: 'lines of the purchase order, received one by one' },
} as const satisfies Record<string, JourneyParam>;

export const RECEIPT_STEPS = ['create-po', 'confirm-po', 'find-receipt', 'read-move-lines', 'receive-lines', 'validate'] as const;

export interface ReceiptData {
  vendorIds: number[];
  productIds: number[];
}

export const VENDOR_FALLBACK = [['supplier_rank', '>', 0]] as const;
export const PURCHASABLE_PRODUCTS = [
  ['detailed_type', '=', 'product'],
  ['purchase_ok', '=', true],
] as const;

export async function loadVendors(client: OdooClient, journey: string): Promise<number[]> {
  const ids = await preparedOr(client, 'res.partner', 'ref', 'V', [], VENDOR_FALLBACK);
  if (ids.length === 0) throw noData(journey, 'vendors', "res.partner with ref 'oc-data-V…' or supplier_rank > 0");
  return ids;
}

export const receipt: Journey<ReceiptData> = {
  name: NAME,
  description: 'A buyer confirms a purchase order of 1–5 lines; the warehouse receives and validates the receipt.',
  transport: 'web',
  steps: RECEIPT_STEPS,
  modules: ['purchase_stock', 'purchase', 'stock'],
  params: RECEIPT_PARAMS,

  async setup(client: OdooClient): Promise<ReceiptData> {
    const vendorIds = await loadVendors(client, NAME);
    const productIds = await preparedOr(client, 'product.product', 'default_code', 'P', [...PURCHASABLE_PRODUCTS], [...PURCHASABLE_PRODUCTS]);
    if (productIds.length === 0) throw noData(NAME, 'products', "purchasable storable product.product");
    return { vendorIds, productIds };
  },

  async run(ctx: JourneyContext<ReceiptData>): Promise<void> {
    const { client, shared } = ctx;
    const vendorId = pickOne(shared.vendorIds, ctx.random, NAME);
    const lines = pickSome(shared.productIds, Math.max(1, param(ctx, RECEIPT_PARAMS, 'linesPerPicking')), ctx.random, NAME).map((productId) => ({
      productId,
      quantity: between(10, 50, ctx.random),
      price: between(5, 200, ctx.random),
    }));

    const poId = await ctx.step('create-po', async () =>
      idOf(
        await client.call('purchase.order', 'create', [
          {
            partner_id: vendorId,
            origin: runTag(ctx.tag),
            order_line: lines.map((line) => [0, 0, { product_id: line.productId, product_qty: line.quantity, price_unit: line.price }]),
          },
        ]),
        NAME,
        'create-po',
      ),
    );
    await ctx.step('confirm-po', () => pressButton(client, 'purchase.order', 'button_confirm', [poId]));
    const picking = await ctx.step('find-receipt', async () => {
      const rows = await client.call<Array<{ id: number; name: string; state: string }>>(
        'stock.picking',
        'search_read',
        [[['purchase_id', '=', poId], ['picking_type_code', '=', 'incoming'], ['state', 'not in', ['done', 'cancel']]]],
        { fields: ['id', 'name', 'state'] },
      );
      const row = rows[0];
      if (!row) throw new JourneyError('JOURNEY_UNEXPECTED_REPLY', journeyMessages.unexpectedReply(NAME, 'find-receipt', `purchase order ${poId} has no open receipt (is purchase_stock installed, are the products storable?)`));
      return row;
    });
    const moveLines = await ctx.step('read-move-lines', () =>
      client.call<Array<{ id: number; quantity: number }>>('stock.move.line', 'search_read', [[['picking_id', '=', picking.id]]], { fields: ['id', 'quantity', 'picked', 'product_id'] }),
    );
    await ctx.step('receive-lines', async () => {
      for (const line of moveLines) await client.call('stock.move.line', 'write', [[line.id], { quantity: line.quantity, picked: true }]);
    });
    await ctx.step('validate', () => validatePicking(client, picking, NAME, 'validate', 'create'));
  },
};
