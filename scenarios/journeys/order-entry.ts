/**
 * Order entry: a sales rep takes an order on the phone in the Odoo web client (web session
 * transport), call for call as the real Odoo 17 web client sends it
 * (test/fixtures/odoo17-webclient/order-entry.json: 54 requests for 5 lines; web-client/order-form.ts):
 *
 *   open-quotations  sale.order web_search_read (list specification) + /onboarding/sale_quotation
 *                    (get_views of sale.order once per session, before it)
 *   new-quotation    sale.order onchange([], {}, [], spec): the defaults
 *   pick-customer    res.partner name_search '' then the typed name, res.partner autocomplete
 *                    (partner_autocomplete), sale.order onchange on partner_id
 *   add-lines        per line: line onchange (new row), product.template name_search '' and typed,
 *                    get_single_product_variant, line onchange on product_id, order onchange on
 *                    order_line, line onchange on product_uom_qty, order onchange on order_line
 *   save             sale.order web_save([], vals, specification) + the chatter (/mail/thread/data, messages)
 *   confirm          call_button action_confirm, /mail/thread/messages (after), web_read, /mail/thread/data
 *
 * 6 + 8 per line requests (+ get_views on a session's first order). Lines per order:
 * `params.linesPerOrder` (a number, {min, max} or a distribution), default 1–10.
 */
import type { OdooClient } from '../../src/odoo/types.js';
import { between, noData, pickOne, pickSome, preparedOr, runTag, numberParam, SETUP_LIMIT } from './common.js';
import type { Journey, JourneyContext } from './types.js';
import { OrderForm, openQuotations, orderSpecs } from './web-client/order-form.js';
import type { UserContext } from './web-client/views.js';

const NAME = 'order-entry';

export const ORDER_ENTRY_STEPS = ['open-quotations', 'new-quotation', 'pick-customer', 'add-lines', 'save', 'confirm'] as const;

export interface Named {
  id: number;
  /** What the user types: the start of the name, or the internal reference. */
  term: string;
  /** product.product: its template (the sale line's product field picks templates). */
  templateId?: number;
}

export interface OrderEntryData {
  customers: Named[];
  products: Named[];
  /** The user's company (the web client's `allowed_company_ids`). */
  companyId: number;
  /** partner_autocomplete is installed: the customer field also calls res.partner.autocomplete. */
  partnerAutocomplete: boolean;
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
  const rows = await client.call<Array<{ id: number; name: string; default_code: string | false; product_tmpl_id: [number, string] | false }>>('product.product', 'read', [
    ids.slice(0, SETUP_LIMIT),
    ['name', 'default_code', 'product_tmpl_id'],
  ]);
  return rows.map((row) => ({ id: row.id, term: row.default_code || row.name.slice(0, 6), ...(Array.isArray(row.product_tmpl_id) ? { templateId: row.product_tmpl_id[0] } : {}) }));
}

/** The logged-in user's company and whether partner_autocomplete is installed (what the web client's session knows). */
export async function webClientSession(client: OdooClient): Promise<{ companyId: number; partnerAutocomplete: boolean }> {
  const uid = client.uid ?? (await client.authenticate());
  const [user] = await client.call<Array<{ company_id: [number, string] | false }>>('res.users', 'read', [[uid], ['company_id']]);
  const installed = await client.call<number>('ir.module.module', 'search_count', [[['name', '=', 'partner_autocomplete'], ['state', '=', 'installed']]]);
  return { companyId: Array.isArray(user?.company_id) ? user.company_id[0] : 1, partnerAutocomplete: installed > 0 };
}

/** The web client's context for this user. */
export function userContext(client: OdooClient, companyId: number): UserContext {
  return { lang: 'en_US', tz: 'UTC', uid: client.uid ?? 2, allowed_company_ids: [companyId] };
}

export const orderEntry: Journey<OrderEntryData> = {
  name: NAME,
  description: 'Sales rep enters an order of N lines in the web client (each edit an onchange, as Odoo 17 sends them), saves and confirms it.',
  transport: 'web',
  steps: ORDER_ENTRY_STEPS,
  modules: ['sale_management', 'sale_stock'],

  async setup(client: OdooClient): Promise<OrderEntryData> {
    const products = (await loadProducts(client, NAME)).filter((p) => p.templateId !== undefined);
    return { customers: await loadCustomers(client, NAME), products, ...(await webClientSession(client)) };
  },

  async run(ctx: JourneyContext<OrderEntryData>): Promise<void> {
    const { client, shared } = ctx;
    const customer = pickOne(shared.customers, ctx.random, NAME);
    const lineCount = Math.max(1, numberParam(ctx, 'linesPerOrder', DEFAULT_LINES));
    const products = pickSome(shared.products, lineCount, ctx.random, NAME);
    const context = userContext(client, shared.companyId);

    const specs = await ctx.step('open-quotations', async () => {
      const pruned = await orderSpecs(client, context);
      await openQuotations(client, context, pruned);
      return pruned;
    });
    const form = new OrderForm(client, context, specs);
    await ctx.step('new-quotation', () => form.open());
    await ctx.step('pick-customer', () => form.pickCustomer(customer.id, customer.term, shared.partnerAutocomplete));
    await ctx.step('add-lines', async () => {
      for (const product of products) {
        await form.addLine({ productId: product.id, templateId: product.templateId as number, term: product.term, quantity: between(1, 5, ctx.random) });
      }
    });
    const orderId = await ctx.step('save', () => form.save({ client_order_ref: runTag(ctx.tag) }));
    await ctx.step('confirm', () => form.button(orderId, 'action_confirm'));
  },
};
