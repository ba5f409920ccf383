/**
 * Invoicing: an accountant invoices a confirmed order, posts the invoice and registers the payment
 * (web session). `sale.order._create_invoices` is private: the web client goes through the wizard.
 *
 *   create-order      sale.order.create([{partner_id, client_order_ref: tag, order_line}])  + action_confirm([[so]])
 *                     (the order to invoice; products invoiced on ordered quantities, invoice_policy 'order')
 *   invoice-wizard    sale.advance.payment.inv.create([{advance_payment_method: 'delivered'}], {context: {active_model: 'sale.order', active_ids: [so], active_id: so}})
 *   create-invoice    sale.advance.payment.inv.create_invoices([[wizard]], {context})
 *   find-invoice      sale.order.read([[so], ['invoice_ids']])   (XML-RPC may answer "cannot marshal None": read it back)
 *   post-invoice      account.move.action_post([[invoice]])
 *   payment-wizard    account.payment.register.create([{communication: tag}], {context: {active_model: 'account.move', active_ids: [invoice]}})
 *   register-payment  account.payment.register.action_create_payments([[wizard]], {context})
 */
import type { OdooClient } from '../../src/odoo/types.js';
import { between, idOf, noData, pickSome, pressButton, runTag } from './common.js';
import { JourneyError, journeyMessages } from './errors.js';
import { loadCustomers, type Named } from './order-entry.js';
import type { Journey, JourneyContext } from './types.js';

const NAME = 'invoicing';

export const INVOICING_STEPS = ['create-order', 'invoice-wizard', 'create-invoice', 'find-invoice', 'post-invoice', 'payment-wizard', 'register-payment'] as const;

export interface InvoicingData {
  customers: Named[];
  /** Saleable products invoiced on ordered quantities (no delivery needed first). */
  productIds: number[];
}

export const INVOICE_ON_ORDER = [
  ['sale_ok', '=', true],
  ['invoice_policy', '=', 'order'],
  ['detailed_type', 'in', ['product', 'consu']],
] as const;

export const invoicing: Journey<InvoicingData> = {
  name: NAME,
  description: 'An accountant invoices a confirmed order through the wizard, posts the invoice and registers its payment.',
  transport: 'web',
  steps: INVOICING_STEPS,
  modules: ['sale', 'account'],

  async setup(client: OdooClient): Promise<InvoicingData> {
    const customers = await loadCustomers(client, NAME);
    const tagged = await client.call<Array<{ id: number }>>('product.product', 'search_read', [[['default_code', '=like', 'oc-data-P%'], ...INVOICE_ON_ORDER]], { fields: ['id'], limit: 500 });
    const rows = tagged.length > 0 ? tagged : await client.call<Array<{ id: number }>>('product.product', 'search_read', [[...INVOICE_ON_ORDER]], { fields: ['id'], limit: 500 });
    if (rows.length === 0) throw noData(NAME, 'products invoiced on ordered quantities', "product.product with invoice_policy = 'order'");
    return { customers, productIds: rows.map((row) => row.id) };
  },

  async run(ctx: JourneyContext<InvoicingData>): Promise<void> {
    const { client, shared } = ctx;
    const customer = shared.customers[Math.floor(ctx.random() * shared.customers.length)];
    if (!customer) throw noData(NAME, 'customers', 'res.partner');
    const productIds = pickSome(shared.productIds, between(1, 5, ctx.random), ctx.random, NAME);
    const tag = runTag(ctx.tag);

    const orderId = await ctx.step('create-order', async () => {
      const id = idOf(
        await client.call('sale.order', 'create', [
          { partner_id: customer.id, client_order_ref: tag, order_line: productIds.map((productId) => [0, 0, { product_id: productId, product_uom_qty: between(1, 5, ctx.random) }]) },
        ]),
        NAME,
        'create-order',
      );
      await pressButton(client, 'sale.order', 'action_confirm', [id]);
      return id;
    });
    const saleContext = { active_model: 'sale.order', active_ids: [orderId], active_id: orderId };
    const wizardId = await ctx.step('invoice-wizard', async () =>
      idOf(await client.call('sale.advance.payment.inv', 'create', [{ advance_payment_method: 'delivered' }], { context: saleContext }), NAME, 'invoice-wizard'),
    );
    await ctx.step('create-invoice', () => pressButton(client, 'sale.advance.payment.inv', 'create_invoices', [wizardId], { context: saleContext }));
    const invoiceId = await ctx.step('find-invoice', async () => {
      const [order] = await client.call<Array<{ invoice_ids: number[] }>>('sale.order', 'read', [[orderId], ['invoice_ids']]);
      const id = order?.invoice_ids[order.invoice_ids.length - 1];
      if (id === undefined) throw new JourneyError('JOURNEY_UNEXPECTED_REPLY', journeyMessages.unexpectedReply(NAME, 'find-invoice', `order ${orderId} has no invoice after create_invoices`));
      return id;
    });
    await ctx.step('post-invoice', () => pressButton(client, 'account.move', 'action_post', [invoiceId]));
    const paymentContext = { active_model: 'account.move', active_ids: [invoiceId], active_id: invoiceId };
    const registerId = await ctx.step('payment-wizard', async () =>
      idOf(await client.call('account.payment.register', 'create', [{ communication: tag }], { context: paymentContext }), NAME, 'payment-wizard'),
    );
    await ctx.step('register-payment', () => pressButton(client, 'account.payment.register', 'action_create_payments', [registerId], { context: paymentContext }));
  },
};
