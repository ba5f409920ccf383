/**
 * Browse: list and form views as the Odoo 17 web client loads them (web session, read-only).
 *
 *   list-orders     sale.order.web_search_read({domain: [], specification: {name, partner_id: {fields: {display_name}}, date_order, amount_total, state}, limit, order: 'date_order desc'})
 *   open-order      sale.order.web_read([[id]], {specification: {… order_line: {fields: {product_id, product_uom_qty, price_subtotal}}}})
 *   list-partners   res.partner.web_search_read({domain: [customer_rank > 0], specification: {display_name, email, phone, city}, limit: 80})
 *   open-partner    res.partner.web_read([[id]], {specification: {name, street, city, country_id: {fields: {display_name}}, …}})
 *   list-products   product.template.web_search_read({domain: [sale_ok = true], specification: {name, default_code, list_price, qty_available}, limit: 80})
 * Page size: `params.pageSize` (default 80). `web_search_read` answers `{length, records}` (docs/ODOO-PROTOCOL.md).
 */
import type { Journey, JourneyContext } from './types.js';

const NAME = 'browse';

export const BROWSE_STEPS = ['list-orders', 'open-order', 'list-partners', 'open-partner', 'list-products'] as const;

const name = {};
const display = { fields: { display_name: {} } };

interface Page {
  length: number;
  records: Array<{ id: number }>;
}

export const browse: Journey<undefined> = {
  name: NAME,
  description: 'A user pages through the sales order, customer and product lists and opens an order and a customer (web client reads).',
  transport: 'web',
  steps: BROWSE_STEPS,
  modules: ['sale'],

  async run(ctx: JourneyContext<undefined>): Promise<void> {
    const { client } = ctx;
    const limit = typeof ctx.params?.pageSize === 'number' ? ctx.params.pageSize : 80;
    const orders = await ctx.step('list-orders', () =>
      client.call<Page>('sale.order', 'web_search_read', [], {
        domain: [],
        specification: { name, partner_id: display, date_order: name, user_id: display, amount_total: name, currency_id: display, state: name },
        limit,
        order: 'date_order desc',
      }),
    );
    const order = orders.records[Math.floor(ctx.random() * orders.records.length)];
    if (order) {
      await ctx.step('open-order', () =>
        client.call('sale.order', 'web_read', [[order.id]], {
          specification: {
            name,
            partner_id: display,
            date_order: name,
            state: name,
            amount_untaxed: name,
            amount_total: name,
            order_line: { fields: { product_id: display, name, product_uom_qty: name, price_unit: name, price_subtotal: name } },
          },
        }),
      );
    }
    const partners = await ctx.step('list-partners', () =>
      client.call<Page>('res.partner', 'web_search_read', [], {
        domain: [['customer_rank', '>', 0]],
        specification: { display_name: name, email: name, phone: name, city: name, country_id: display },
        limit,
        order: 'display_name',
      }),
    );
    const partner = partners.records[Math.floor(ctx.random() * partners.records.length)];
    if (partner) {
      await ctx.step('open-partner', () =>
        client.call('res.partner', 'web_read', [[partner.id]], {
          specification: { name, street: name, city: name, zip: name, country_id: display, email: name, phone: name, vat: name, property_payment_term_id: display, child_ids: { fields: { display_name: {} } } },
        }),
      );
    }
    await ctx.step('list-products', () =>
      client.call('product.template', 'web_search_read', [], {
        domain: [['sale_ok', '=', true]],
        specification: { name, default_code: name, list_price: name, qty_available: name, uom_id: display },
        limit,
        order: 'name',
      }),
    );
  },
};
