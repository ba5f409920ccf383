/**
 * Invoicing: an accountant invoices a confirmed order from the back office, posts the invoice and
 * registers its payment, in the web client. `sale.order._create_invoices` is private: the web client
 * goes through the wizard. Shapes as ./web-client/ sends them; the wizards' and the invoice's field
 * specifications and the call sequence were recorded on a real Odoo 17
 * (test/fixtures/odoo17-webclient/invoicing-recorded.yaml).
 *
 *   create-order      the order to invoice: sale.order.create([{partner_id, client_order_ref: tag, order_line}])
 *                     + call_button action_confirm (products invoiced on ordered quantities) — a stand-in
 *                     for the order the sales team entered, not part of the accountant's work
 *   open-order        sale.order.web_read + /mail/thread/data + /mail/thread/messages
 *   invoice-wizard    "Create Invoice": /web/action/load sale.action_view_sale_advance_payment_inv and
 *                     get_views (first time), sale.advance.payment.inv.onchange([], {}, [], spec) with
 *                     {active_model: sale.order, active_ids, active_id}
 *   create-invoice    "Create Draft": web_save of the wizard, call_button create_invoices, the order
 *                     reloads (chatter messages, web_read), then the invoice's action: account.move
 *                     get_views (first time), web_read + chatter
 *   post-invoice      call_button account.move.action_post, chatter messages, web_read, chatter data
 *   payment-wizard    call_button action_register_payment → account.payment.register.onchange + web_save
 *   register-payment  call_button action_create_payments, then the invoice refreshes
 */
import type { OdooClient } from '../../src/odoo/types.js';
import { between, idOf, noData, pickSome, pressButton as pressApiButton, runTag } from './common.js';
import { JourneyError, journeyMessages } from './errors.js';
import { loadCustomers, type Named } from './order-entry.js';
import type { Journey, JourneyContext } from './types.js';
import { pressAndReload, pressButton } from './web-client/buttons.js';
import { threadData, threadMessages } from './web-client/chatter.js';
import { buttonActionContext, followAction, openForm } from './web-client/navigation.js';
import { FormRecord, onchange } from './web-client/onchange.js';
import { readForm } from './web-client/records.js';
import { saveForm } from './web-client/save.js';
import { loadAction, loadViews, type WindowActionData } from './web-client/session.js';
import { filterSpec, recordedForm } from './web-client/specs.js';
import { openWeb, userContext, type Web } from './web-client/web.js';

const NAME = 'invoicing';

export const INVOICING_STEPS = ['create-order', 'open-order', 'invoice-wizard', 'create-invoice', 'post-invoice', 'payment-wizard', 'register-payment'] as const;

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

/** Sales > Orders (the order form's views). */
const ORDERS_ACTION = 'sale.action_orders';
const MOVE = 'account.move';

/** A wizard in a dialog: its views once, the defaults, the user's choices, saved (`web_save`). Resolves to its id. */
async function wizard(web: Web, action: WindowActionData, model: string, context: Record<string, unknown>, choices: Record<string, unknown>): Promise<number> {
  await loadViews(web.client, web.session, model, action, { dialog: true, views: action.views || [[false, 'form']] });
  const form = recordedForm(model);
  const spec = filterSpec(form.onchange || {}, model, web.session.fields);
  const record = new FormRecord(model, Object.keys(spec), web.session.fields);
  const defaults = await onchange(web, { model, ids: [], values: {}, changed: [], spec, context: userContext(web, context) });
  record.apply(defaults);
  for (const name of Object.keys(choices)) record.set(name, choices[name]);
  // the fields the dialog shows with a value: its defaults and what the user chose
  const shown = (form.saved || []).filter((name) => name in defaults || name in choices);
  const saved = await saveForm(web, model, undefined, record.pick(shown), spec, context);
  return saved.id;
}

/** The newest invoice of an order (`sale.order.invoice_ids`), 0 when none. */
async function lastInvoice(client: OdooClient, orderId: number): Promise<number> {
  const [order] = await client.call<Array<{ invoice_ids: number[] }>>('sale.order', 'read', [[orderId], ['invoice_ids']]);
  const ids = order ? order.invoice_ids : [];
  return ids.length > 0 ? (ids[ids.length - 1] as number) : 0;
}

export const invoicing: Journey<InvoicingData> = {
  name: NAME,
  description: 'An accountant invoices a confirmed order through the wizard, posts the invoice and registers its payment (web client).',
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
    const quantities = productIds.map(() => between(1, 5, ctx.random));
    const tag = runTag(ctx.tag);

    const orderId = await ctx.step('create-order', async () => {
      const id = idOf(
        await client.call('sale.order', 'create', [
          { partner_id: customer.id, client_order_ref: tag, order_line: productIds.map((productId, i) => [0, 0, { product_id: productId, product_uom_qty: quantities[i] }]) },
        ]),
        NAME,
        'create-order',
      );
      await pressApiButton(client, 'sale.order', 'action_confirm', [id]);
      return id;
    });
    const web = await openWeb(ctx);
    await ctx.step('open-order', async () => {
      // The order's views load once a session, as in the browser (left out of the recording as page
      // loads): the recorded form asks for fields of the modules installed where it was recorded
      // (mrp_production_count …), and the session's views cut it down to the target's.
      await loadViews(web.client, web.session, 'sale.order', await loadAction(client, web.session, ORDERS_ACTION));
      return openForm(web, 'sale.order', orderId, recordedForm('sale.order').read || {});
    });
    const saleContext = { active_model: 'sale.order', active_ids: [orderId], active_id: orderId };
    const wizardId = await ctx.step('invoice-wizard', async () => {
      const action = await loadAction(client, web.session, 'sale.action_view_sale_advance_payment_inv');
      return wizard(web, action, 'sale.advance.payment.inv', saleContext, { advance_payment_method: 'delivered' });
    });
    const invoice = await ctx.step('create-invoice', async () => {
      let action = await pressButton<WindowActionData | false | undefined>(web, 'sale.advance.payment.inv', 'create_invoices', wizardId, saleContext);
      if (action === undefined) {
        // XML-RPC (a --transport override) answers "cannot marshal None" for the action: the invoice exists, read it back
        action = { type: 'ir.actions.act_window', res_model: MOVE, res_id: await lastInvoice(client, orderId), views: [[false, 'form']] };
      }
      if (!action || action.res_model !== MOVE || typeof action.res_id !== 'number' || !action.res_id) {
        throw new JourneyError('JOURNEY_UNEXPECTED_REPLY', journeyMessages.unexpectedReply(NAME, 'create-invoice', `create_invoices on order ${orderId} did not open one invoice (got ${JSON.stringify(action && action.res_model)})`));
      }
      // the dialog closes and the order behind it reloads (its chatter, then the record) before the
      // invoice opens: recorded on a real Odoo 17 (test/fixtures/odoo17-webclient/invoicing-recorded.yaml)
      await threadMessages(web, 'sale.order', orderId, true);
      await readForm(web, 'sale.order', orderId, recordedForm('sale.order').read || {});
      return followAction(web, action, recordedForm(MOVE).read || {}, { model: 'sale.advance.payment.inv', id: wizardId });
    });
    const form = { model: MOVE, id: invoice.id, spec: recordedForm(MOVE).read || {}, context: invoice.context };
    await ctx.step('post-invoice', () => pressAndReload(web, form, 'action_post'));
    const registerId = await ctx.step('payment-wizard', async () => {
      const action = await pressButton<WindowActionData | false>(web, MOVE, 'action_register_payment', invoice.id, invoice.context);
      const context = action ? buttonActionContext(action, { model: MOVE, id: invoice.id }) : { active_model: MOVE, active_ids: [invoice.id], active_id: invoice.id };
      return wizard(web, action || {}, 'account.payment.register', context, { communication: tag });
    });
    await ctx.step('register-payment', async () => {
      await pressButton(web, 'account.payment.register', 'action_create_payments', registerId, { active_model: MOVE, active_ids: [invoice.id], active_id: invoice.id });
      await threadMessages(web, MOVE, invoice.id, true);
      await readForm(web, MOVE, invoice.id, form.spec, form.context);
      await threadData(web, MOVE, invoice.id);
    });
  },
};
