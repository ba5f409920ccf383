/**
 * Browse: someone pages through orders, customers and products and opens a record of each list, as
 * the web client loads them (web session, read-only):
 *
 *   list-orders     Sales → Orders: sale.order.web_search_read (recorded list specification)
 *   open-order      a row: sale.order.web_read + /mail/thread/data + /mail/thread/messages
 *   list-partners   Customers: res.partner.web_search_read (recorded: test/fixtures/odoo17-webclient/browse-recorded.yaml)
 *   open-partner    a card: res.partner.web_read + chatter
 *   list-products   Inventory → Products: product.template.web_search_read (recorded kanban specification)
 *
 * The first time in a VU's session each action and its views load (/web/action/load, get_views).
 * Page size: the web client's lists read 80 rows, as recorded; the journey takes no params.
 */
import type { Journey, JourneyContext } from './types.js';
import { openForm, openMenu } from './web-client/navigation.js';
import { recordedForm } from './web-client/specs.js';
import { openWeb } from './web-client/web.js';

const NAME = 'browse';

export const BROWSE_STEPS = ['list-orders', 'open-order', 'list-partners', 'open-partner', 'list-products'] as const;

export const browse: Journey<undefined> = {
  name: NAME,
  description: 'A user pages through the sales order, customer and product lists and opens an order and a customer (web client).',
  transport: 'web',
  steps: BROWSE_STEPS,
  modules: ['sale'],

  async run(ctx: JourneyContext<undefined>): Promise<void> {
    const web = await openWeb(ctx);
    const orders = await ctx.step('list-orders', () => openMenu(web, 'sale.action_orders'));
    const order = orders.page.records[Math.floor(ctx.random() * orders.page.records.length)];
    if (order) await ctx.step('open-order', () => openForm(web, 'sale.order', order.id, recordedForm('sale.order').read || {}));
    const partners = await ctx.step('list-partners', () => openMenu(web, 'account.res_partner_action_customer'));
    const partner = partners.page.records[Math.floor(ctx.random() * partners.page.records.length)];
    if (partner) await ctx.step('open-partner', () => openForm(web, 'res.partner', partner.id, recordedForm('res.partner').read || {}, partners.context));
    await ctx.step('list-products', () => openMenu(web, 'stock.product_template_action_product'));
  },
};
