/**
 * Order lookup: someone in sales finds a customer's order and reads it, as in the web client
 * (test/fixtures/odoo17-webclient/order-lookup.json, 8 requests):
 *
 *   open-sales    Sales: the Quotations list (sale.order.web_search_read + /onboarding/sale_quotation)
 *   open-orders   Orders → Orders: sale.order.web_search_read, domain state not in draft/sent/cancel
 *   search        the customer's name in the search bar + Enter: web_search_read with
 *                 ["&", <orders domain>, "|", "|", name ilike, client_order_ref ilike, partner_id child_of]
 *   open-order    the first row: sale.order.web_read + /mail/thread/data + /mail/thread/messages
 *   back          the breadcrumb: the filtered list again
 *
 * The first time in a VU's session each list's action and views load (/web/action/load, get_views).
 */
import { noData, pickOne, SETUP_LIMIT } from './common.js';
import { loadCustomers, type Named } from './order-entry.js';
import type { Journey, JourneyContext } from './types.js';
import { openForm, openMenu, reloadList, searchMenu } from './web-client/navigation.js';
import { recordedForm } from './web-client/specs.js';
import { openWeb } from './web-client/web.js';

const NAME = 'order-lookup';

export const ORDER_LOOKUP_STEPS = ['open-sales', 'open-orders', 'search', 'open-order', 'back'] as const;

export interface OrderLookupData {
  customers: Named[];
}

/** The sale.order search view's Order filter (sale_order_views.xml `filter_domain` of `name`). */
export function orderSearchDomain(text: string): unknown[] {
  return ['|', '|', ['name', 'ilike', text], ['client_order_ref', 'ilike', text], ['partner_id', 'child_of', text]];
}

export const orderLookup: Journey<OrderLookupData> = {
  name: NAME,
  description: "Someone in sales searches a customer's orders, opens the first one with its chatter and goes back to the list (web client).",
  transport: 'web',
  steps: ORDER_LOOKUP_STEPS,
  modules: ['sale'],

  /** Customers with confirmed orders (what people look up), else any customer. */
  async setup(client) {
    const orders = await client.call<Array<{ partner_id: [number, string] | false }>>('sale.order', 'search_read', [[['state', '=', 'sale']]], {
      fields: ['partner_id'], limit: SETUP_LIMIT, order: 'id desc',
    });
    const seen: Record<number, boolean> = {};
    const customers: Named[] = [];
    for (const order of orders) {
      if (!order.partner_id || seen[order.partner_id[0]]) continue;
      seen[order.partner_id[0]] = true;
      customers.push({ id: order.partner_id[0], term: order.partner_id[1] });
    }
    if (customers.length > 0) return { customers };
    const any = await loadCustomers(client, NAME);
    if (any.length === 0) throw noData(NAME, 'customers', 'res.partner');
    return { customers: any };
  },

  async run(ctx: JourneyContext<OrderLookupData>): Promise<void> {
    const customer = pickOne(ctx.shared.customers, ctx.random, NAME);
    const web = await openWeb(ctx);
    await ctx.step('open-sales', () => openMenu(web, 'sale.action_quotations_with_onboarding'));
    const orders = await ctx.step('open-orders', () => openMenu(web, 'sale.action_orders'));
    const found = await ctx.step('search', () => searchMenu(web, orders, orderSearchDomain(customer.term)));
    const first = found.page.records[0];
    if (!first) return;
    await ctx.step('open-order', () => openForm(web, 'sale.order', first.id, recordedForm('sale.order').read || {}));
    await ctx.step('back', () => reloadList(web, found));
  },
};
