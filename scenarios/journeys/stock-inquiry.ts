/**
 * Params: `productsPerInquiry` (default 1).
 *
 * Stock inquiry: a sales rep or warehouse clerk asks "how many do we have, where, and what is
 * coming?" (web session, read-only).
 *
 *   find-product        product.product.search_read([[barcode = code]] or [[default_code = code]], {fields: [qty_available, virtual_available, free_qty, incoming_qty, outgoing_qty], limit: 1})
 *   stock-by-location   stock.quant.read_group([[product_id = p, location_id.usage = internal]], ['quantity:sum', 'reserved_quantity:sum'], ['location_id'], {lazy: false})
 *   pending-moves       stock.move.search_read([[product_id = p, state not in done/cancel/draft]], {fields: [...], limit: 20, order: 'date'})
 */
import type { OdooClient } from '../../src/odoo/types.js';
import { noData, numberParam, pickOne } from './common.js';
import { loadProducts, type Named } from './order-entry.js';
import type { Journey, JourneyContext } from './types.js';

const NAME = 'stock-inquiry';

export const STOCK_INQUIRY_STEPS = ['find-product', 'stock-by-location', 'pending-moves'] as const;

export interface StockInquiryData {
  products: Array<Named & { field: 'barcode' | 'default_code' | 'id' }>;
}

export const stockInquiry: Journey<StockInquiryData> = {
  name: NAME,
  description: 'Someone looks a product up by barcode or code and reads its stock per location and its pending moves.',
  transport: 'web',
  steps: STOCK_INQUIRY_STEPS,
  modules: ['stock'],

  async setup(client: OdooClient): Promise<StockInquiryData> {
    const named = await loadProducts(client, NAME);
    const rows = await client.call<Array<{ id: number; barcode: string | false; default_code: string | false }>>('product.product', 'read', [named.map((p) => p.id), ['barcode', 'default_code']]);
    const products = rows.map((row) =>
      row.barcode ? { id: row.id, term: row.barcode, field: 'barcode' as const } : row.default_code ? { id: row.id, term: row.default_code, field: 'default_code' as const } : { id: row.id, term: String(row.id), field: 'id' as const },
    );
    if (products.length === 0) throw noData(NAME, 'products', 'storable product.product');
    return { products };
  },

  async run(ctx: JourneyContext<StockInquiryData>): Promise<void> {
    const count = Math.max(1, numberParam(ctx, 'productsPerInquiry', 1));
    for (let i = 0; i < count; i += 1) await inquire(ctx, pickOne(ctx.shared.products, ctx.random, NAME));
  },
};

async function inquire(ctx: JourneyContext<StockInquiryData>, product: StockInquiryData['products'][number]): Promise<void> {
  const { client } = ctx;
  {
    const lookup = product.field === 'id' ? ['id', '=', product.id] : [product.field, '=', product.term];
    await ctx.step('find-product', () =>
      client.call('product.product', 'search_read', [[lookup]], {
        fields: ['display_name', 'qty_available', 'virtual_available', 'free_qty', 'incoming_qty', 'outgoing_qty', 'uom_id'],
        limit: 1,
      }),
    );
    await ctx.step('stock-by-location', () =>
      client.call('stock.quant', 'read_group', [[['product_id', '=', product.id], ['location_id.usage', '=', 'internal']], ['quantity:sum', 'reserved_quantity:sum'], ['location_id']], { lazy: false }),
    );
    await ctx.step('pending-moves', () =>
      client.call('stock.move', 'search_read', [[['product_id', '=', product.id], ['state', 'not in', ['done', 'cancel', 'draft']]]], {
        fields: ['reference', 'date', 'product_uom_qty', 'location_id', 'location_dest_id', 'state'],
        limit: 20,
        order: 'date',
      }),
    );
  }
}
