/**
 * Order to delivery: a sales rep keys and confirms an order in the web client, then the delivery is
 * validated from the order — the calls Odoo's web client sends for both tasks
 * (test/fixtures/odoo17-webclient/order-entry.json then delivery-validate.json):
 *
 *   open-quotations … confirm   as order-entry (./order-entry.ts): list, New, customer, one add-line
 *                               step per line (product, quantity), Save, Confirm
 *   open-delivery   the Delivery smart button: call_button sale.order.action_view_delivery → the
 *                   picking's action; stock.picking.web_read + /mail/thread/data + /mail/thread/messages
 *                   (its views load the first time in a VU's session)
 *   validate        call_button stock.picking.button_validate, /mail/thread/messages(after),
 *                   stock.picking.web_read, /mail/thread/data. Odoo 17 validates what was reserved
 *                   when nothing is picked (no immediate-transfer wizard since 17.0).
 *   backorder       only when stock was short: the backorder wizard (common.ts answerBackorder,
 *                   "Create Backorder"); confirm.stock.sms is acknowledged inside `validate`.
 *
 * Lines per order: `params.linesPerOrder` (default 1–10), units `params.qtyPerLine` (default 1–5).
 */
import { answerBackorder, type WindowAction } from './common.js';
import { JourneyError, journeyMessages } from './errors.js';
import { enterOrder, ORDER_ENTRY_STEPS, ORDER_PARAMS, setupOrderEntry, type OrderEntryData } from './order-entry.js';
import type { Journey, JourneyContext } from './types.js';
import { pressButton } from './web-client/buttons.js';
import { threadData, threadMessages } from './web-client/chatter.js';
import { followAction } from './web-client/navigation.js';
import { readForm } from './web-client/records.js';
import type { WindowActionData } from './web-client/session.js';
import { recordedForm } from './web-client/specs.js';
import { openWeb, type Web } from './web-client/web.js';

const NAME = 'order-to-delivery';

export type OrderToDeliveryData = OrderEntryData;

export const ORDER_TO_DELIVERY_STEPS = [...ORDER_ENTRY_STEPS, 'open-delivery', 'validate', 'backorder'] as const;

const PICKING = 'stock.picking';

export const orderToDelivery: Journey<OrderToDeliveryData> = {
  name: NAME,
  description: 'Sales rep keys and confirms an order in the web client; the delivery is opened from the order and validated.',
  transport: 'web',
  steps: ORDER_TO_DELIVERY_STEPS,
  modules: ['sale_stock', 'sale', 'stock'],
  params: ORDER_PARAMS,

  setup: (client) => setupOrderEntry(client, NAME),

  async run(ctx: JourneyContext<OrderToDeliveryData>): Promise<void> {
    const web = await openWeb(ctx);
    const orderId = await enterOrder(ctx, web, NAME);
    const picking = await ctx.step('open-delivery', async () => {
      const action = await pressButton<WindowActionData | false>(web, 'sale.order', 'action_view_delivery', orderId);
      if (!action || action.res_model !== PICKING || typeof action.res_id !== 'number' || !action.res_id) {
        throw new JourneyError(
          'JOURNEY_UNEXPECTED_REPLY',
          journeyMessages.unexpectedReply(NAME, 'open-delivery', `order ${orderId} has no single delivery to open (action_view_delivery gave ${JSON.stringify(action && action.res_model)}): are the products storable, is sale_stock installed?`),
        );
      }
      return followAction(web, action, recordedForm(PICKING).read || {}, { model: 'sale.order', id: orderId });
    });
    const wizard = await ctx.step('validate', () => validate(web, picking));
    if (wizard) await ctx.step('backorder', () => answerBackorder(web.client, wizard, 'create', NAME, 'backorder'));
  },
};

/**
 * Validate on the picking form: the button, the wizards Odoo 17 may open instead (confirm.stock.sms
 * is acknowledged; the backorder wizard is returned for its own step), then the form refreshes.
 */
async function validate(web: Web, picking: { id: number; context: Record<string, unknown> }): Promise<WindowAction | undefined> {
  let result = await pressButton<unknown>(web, PICKING, 'button_validate', picking.id, picking.context);
  for (let round = 0; round < 3 && isAction(result); round += 1) {
    const action = result as WindowAction;
    if (action.res_model === 'stock.backorder.confirmation') return action;
    if (action.res_model !== 'confirm.stock.sms' || typeof action.res_id !== 'number') {
      throw new JourneyError('JOURNEY_UNEXPECTED_REPLY', journeyMessages.unexpectedReply(NAME, 'validate', `button_validate opened ${JSON.stringify(action.res_model)}, which this journey does not handle`));
    }
    result = await pressButton(web, 'confirm.stock.sms', 'send_sms', action.res_id, action.context);
  }
  await threadMessages(web, PICKING, picking.id, true);
  await readForm(web, PICKING, picking.id, recordedForm(PICKING).read || {}, picking.context);
  await threadData(web, PICKING, picking.id);
  return undefined;
}

function isAction(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as WindowAction).res_model === 'string';
}
