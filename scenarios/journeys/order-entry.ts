/**
 * Order entry: a sales rep takes an order on the phone in the web client (web session transport).
 *
 *   customer-lookup   res.partner.name_search([term], {limit: 8})                      the customer field's autocomplete
 *   customer-details  res.partner.search_read([[id = c]], {fields: [...], limit: 1})     what the form shows next
 *   product-search    product.product.name_search([code], {limit: 8})                  once per line, like typing codes
 *   create-order      sale.order.create([{partner_id, client_order_ref: tag, order_line: [[0,0,{product_id, product_uom_qty}], …]}])
 *   confirm-order     sale.order.action_confirm([[order]])  (a button: /web/dataset/call_button)
 *
 * Lines per order: `params.linesPerOrder` (a number or {min, max}), default 1–10.
 */
import type { OdooClient } from '../../src/odoo/types.js';
import { between, idOf, noData, pickOne, pickSome, preparedOr, pressButton, runTag, numberParam, SETUP_LIMIT } from './common.js';
import type { Journey, JourneyContext } from './types.js';

const NAME = 'order-entry';

export const ORDER_ENTRY_STEPS = ['customer-lookup', 'customer-details', 'product-search', 'create-order', 'confirm-order'] as const;

export interface Named {
  id: number;
  /** What the user types: the start of the name, or the internal reference. */
  term: string;
}

export interface OrderEntryData {
  customers: Named[];
  products: Named[];
}

/** Customers: partners of prepare (`ref =like 'oc-data-C%'`), else any with customer_rank > 0. */
export const CUSTOMER_FALLBACK = [['customer_rank', '>', 0]] as const;
/** Products: saleable storable products (with a code when possible). */
export const SALEABLE_PRODUCTS = [
  ['detailed_type', '=', 'product'],
  ['sale_ok', '=', true],
] as const;

export const DEFAULT_LINES = { min: 1, max: 10 };

export async function loadCustomers(client: OdooClient, journey: string): Promise<Named[]> {
  const ids = await preparedOr(client, 'res.partner', 'ref', 'C', [], CUSTOMER_FALLBACK);
  if (ids.length === 0) throw noData(journey, 'customers', "res.partner with ref 'oc-data-C…' or customer_rank > 0");
  const rows = await client.call<Array<{ id: number; name: string }>>('res.partner', 'read', [ids.slice(0, SETUP_LIMIT), ['name']]);
  return rows.map((row) => ({ id: row.id, term: row.name.slice(0, 6) }));
}

export async function loadProducts(client: OdooClient, journey: string, extra: ReadonlyArray<readonly unknown[]> = []): Promise<Named[]> {
  const ids = await preparedOr(client, 'product.product', 'default_code', 'P', [...SALEABLE_PRODUCTS, ...extra], [...SALEABLE_PRODUCTS, ...extra]);
  if (ids.length === 0) throw noData(journey, 'products', "saleable storable product.product (detailed_type = 'product')");
  const rows = await client.call<Array<{ id: number; name: string; default_code: string | false }>>('product.product', 'read', [ids.slice(0, SETUP_LIMIT), ['name', 'default_code']]);
  return rows.map((row) => ({ id: row.id, term: row.default_code || row.name.slice(0, 6) }));
}

export const orderEntry: Journey<OrderEntryData> = {
  name: NAME,
  description: 'Sales rep looks the customer up, searches products by code, enters an order of N lines and confirms it (web client).',
  transport: 'web',
  steps: ORDER_ENTRY_STEPS,
  modules: ['sale_management', 'sale_stock'],

  async setup(client: OdooClient): Promise<OrderEntryData> {
    return { customers: await loadCustomers(client, NAME), products: await loadProducts(client, NAME) };
  },

  async run(ctx: JourneyContext<OrderEntryData>): Promise<void> {
    const { client, shared } = ctx;
    const customer = pickOne(shared.customers, ctx.random, NAME);
    const lineCount = Math.max(1, numberParam(ctx, 'linesPerOrder', DEFAULT_LINES));
    const products = pickSome(shared.products, lineCount, ctx.random, NAME);
    const quantities = products.map(() => between(1, 5, ctx.random));

    await ctx.step('customer-lookup', () => client.call('res.partner', 'name_search', [customer.term], { limit: 8 }));
    await ctx.step('customer-details', () =>
      client.call('res.partner', 'search_read', [[['id', '=', customer.id]]], {
        fields: ['name', 'street', 'city', 'property_payment_term_id', 'property_product_pricelist', 'credit'],
        limit: 1,
      }),
    );
    await ctx.step('product-search', async () => {
      for (const product of products) await client.call('product.product', 'name_search', [product.term], { limit: 8 });
    });
    const orderId = await ctx.step('create-order', async () =>
      idOf(
        await client.call('sale.order', 'create', [
          {
            partner_id: customer.id,
            client_order_ref: runTag(ctx.tag),
            order_line: products.map((product, index) => [0, 0, { product_id: product.id, product_uom_qty: quantities[index] }]),
          },
        ]),
        NAME,
        'create-order',
      ),
    );
    await ctx.step('confirm-order', () => pressButton(client, 'sale.order', 'action_confirm', [orderId]));
  },
};
