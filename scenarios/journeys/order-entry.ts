/**
 * Order entry: a sales rep keys an order in the web client and confirms it — the calls Odoo's own
 * web client sends for that task (test/fixtures/odoo17-webclient/order-entry.json: a 5-line order
 * is 54 requests), per server version (./web-client/version.ts):
 *
 *   open-quotations  Sales → Quotations: sale.order.web_search_read + /onboarding/sale_quotation
 *                    (the first time in a VU's session also /web/action/load + sale.order.get_views)
 *   new-quotation    sale.order.onchange([], {}, [], spec)                             the form's defaults
 *   customer         res.partner.name_search "" and typed, res.partner.autocomplete (partner_autocomplete),
 *                    sale.order.onchange(…, ["partner_id"])
 *   add-line         per line: sale.order.line.onchange (new row), product.template.name_search "" and
 *                    typed, get_single_product_variant, sale.order.line.onchange(["product_id"]),
 *                    sale.order.onchange(["order_line"]); the quantity: sale.order.line.onchange(["product_uom_qty"]),
 *                    sale.order.onchange(["order_line"])
 *   save             sale.order.web_save([], vals, {specification}) + /mail/thread/data + /mail/thread/messages
 *   confirm          call_button action_confirm, /mail/thread/messages(after), sale.order.web_read, /mail/thread/data
 *
 * Lines per order: `params.linesPerOrder` (a number or a distribution), default 1–10; units per line
 * `params.qtyPerLine`, default 1–5. The run's tag goes into the customer reference (cleanup finds it).
 */
import type { OdooClient } from '../../src/odoo/types.js';
import { noData, param, pickOne, pickSome, preparedOr, runTag, SETUP_LIMIT } from './common.js';
import type { Journey, JourneyContext, JourneyParam } from './types.js';
import { openMenu } from './web-client/navigation.js';
import { QuotationForm, type Customer } from './web-client/sale-order-form.js';
import { openWeb, type Web } from './web-client/web.js';

const NAME = 'order-entry';

export const ORDER_ENTRY_STEPS = ['open-quotations', 'new-quotation', 'customer', 'add-line', 'save', 'confirm'] as const;

export interface Named {
  id: number;
  /** What the user types: the start of the name, or the internal reference. */
  term: string;
}

/** A saleable product: its variant id, its template (what the order line's product cell searches) and what is typed. */
export interface SaleProduct extends Named {
  templateId: number;
}

export interface OrderEntryData {
  customers: Named[];
  products: SaleProduct[];
  /** partner_autocomplete installed: the customer field also calls res.partner.autocomplete. */
  partnerAutocomplete: boolean;
}

/** Customers: partners of prepare (`ref =like 'oc-data-C%'`), else any with customer_rank > 0. */
export const CUSTOMER_FALLBACK = [['customer_rank', '>', 0]] as const;
/** Products: saleable storable products (with a code when possible). */
export const SALEABLE_PRODUCTS = [
  ['detailed_type', '=', 'product'],
  ['sale_ok', '=', true],
] as const;

/** What an order's keying reads (order-entry and order-to-delivery). */
export const ORDER_PARAMS = {
  linesPerOrder: { kind: 'count', default: { min: 1, max: 10 }, about: 'sale order lines keyed per order' },
  qtyPerLine: { kind: 'count', default: { min: 1, max: 5 }, about: 'units per line' },
} as const satisfies Record<string, JourneyParam>;

export async function loadCustomers(client: OdooClient, journey: string): Promise<Named[]> {
  const ids = await preparedOr(client, 'res.partner', 'ref', 'C', [], CUSTOMER_FALLBACK);
  if (ids.length === 0) throw noData(journey, 'customers', "res.partner with ref 'oc-data-C…' or customer_rank > 0");
  const rows = await client.call<Array<{ id: number; name: string }>>('res.partner', 'read', [ids.slice(0, SETUP_LIMIT), ['name']]);
  return rows.map((row) => ({ id: row.id, term: row.name.slice(0, 6) }));
}

export async function loadProducts(client: OdooClient, journey: string, extra: ReadonlyArray<readonly unknown[]> = []): Promise<SaleProduct[]> {
  const ids = await preparedOr(client, 'product.product', 'default_code', 'P', [...SALEABLE_PRODUCTS, ...extra], [...SALEABLE_PRODUCTS, ...extra]);
  if (ids.length === 0) throw noData(journey, 'products', "saleable storable product.product (detailed_type = 'product')");
  const rows = await client.call<Array<{ id: number; name: string; default_code: string | false; product_tmpl_id: [number, string] | false }>>('product.product', 'read', [
    ids.slice(0, SETUP_LIMIT),
    ['name', 'default_code', 'product_tmpl_id'],
  ]);
  return rows.map((row) => ({ id: row.id, term: row.default_code || row.name.slice(0, 6), templateId: row.product_tmpl_id ? row.product_tmpl_id[0] : row.id }));
}

/** Whether `module` is installed (its calls are only sent when it is, as the web client does). */
export async function moduleInstalled(client: OdooClient, module: string): Promise<boolean> {
  const rows = await client.call<unknown[]>('ir.module.module', 'search_read', [[['name', '=', module], ['state', '=', 'installed']]], { fields: ['id'], limit: 1 });
  return Array.isArray(rows) && rows.length > 0;
}

/** Customer, lines and quantities of one order, drawn before any call (a seed gives the same orders). */
export function chooseOrder(ctx: JourneyContext<OrderEntryData>, journey: string): { customer: Customer; lines: Array<{ product: SaleProduct; quantity: number }> } {
  const customer = pickOne(ctx.shared.customers, ctx.random, journey);
  const count = Math.max(1, param(ctx, ORDER_PARAMS, 'linesPerOrder'));
  const products = pickSome(ctx.shared.products, count, ctx.random, journey);
  return { customer, lines: products.map((product) => ({ product, quantity: Math.max(1, param(ctx, ORDER_PARAMS, 'qtyPerLine')) })) };
}

/** The order as the rep keys it: Quotations list, New, customer, lines, Save, Confirm. Resolves to the order id. */
export async function enterOrder(ctx: JourneyContext<OrderEntryData>, web: Web, journey: string): Promise<number> {
  const order = chooseOrder(ctx, journey);
  await ctx.step('open-quotations', () => openMenu(web, 'sale.action_quotations_with_onboarding'));
  const form = await ctx.step('new-quotation', () => QuotationForm.open(web));
  await ctx.step('customer', () => form.setCustomer(order.customer, ctx.shared.partnerAutocomplete));
  for (const line of order.lines) {
    await ctx.step('add-line', () => form.addLine({ templateId: line.product.templateId, term: line.product.term, quantity: line.quantity }));
  }
  const id = await ctx.step('save', () => form.save(runTag(ctx.tag)));
  await ctx.step('confirm', () => form.confirm());
  return id;
}

export async function setupOrderEntry(client: OdooClient, journey: string): Promise<OrderEntryData> {
  return {
    customers: await loadCustomers(client, journey),
    products: await loadProducts(client, journey),
    partnerAutocomplete: await moduleInstalled(client, 'partner_autocomplete'),
  };
}

export const orderEntry: Journey<OrderEntryData> = {
  name: NAME,
  description: "Sales rep keys an order of N lines in the web client (every onchange, autocomplete and chatter call Odoo's web client sends) and confirms it.",
  transport: 'web',
  steps: ORDER_ENTRY_STEPS,
  modules: ['sale_management', 'sale_stock'],
  params: ORDER_PARAMS,

  setup: (client) => setupOrderEntry(client, NAME),

  async run(ctx: JourneyContext<OrderEntryData>): Promise<void> {
    await enterOrder(ctx, await openWeb(ctx), NAME);
  },
};

