import { describe, expect, it } from 'vitest';
import { JourneyError } from '../../../scenarios/journeys/errors.js';
import { getJourney, journeyNames, journeys } from '../../../scenarios/journeys/index.js';
import { chooseOrder, orderToDelivery, type OrderToDeliveryData } from '../../../scenarios/journeys/order-to-delivery.js';
import type { JourneyContext } from '../../../scenarios/journeys/types.js';
import type { OdooClient } from '../../../src/odoo/types.js';

interface Call {
  model: string;
  method: string;
  args: unknown[];
  kwargs: Record<string, unknown> | undefined;
}

type Script = (call: Call) => unknown;

/** A scripted in-memory OdooClient: records every call, answers from `script` (journey logic only). */
function scriptedClient(script: Script): { client: OdooClient; calls: Call[] } {
  const calls: Call[] = [];
  const client: OdooClient = {
    transport: 'web',
    uid: 2,
    authenticate: async () => 2,
    call: async <T>(model: string, method: string, args: unknown[] = [], kwargs?: Record<string, unknown>): Promise<T> => {
      const call = { model, method, args, kwargs };
      calls.push(call);
      return script(call) as T;
    },
    close: async () => undefined,
  };
  return { client, calls };
}

/** Fixed random numbers, cycled. */
function sequence(values: number[]): () => number {
  let index = 0;
  return () => values[index++ % values.length] ?? 0;
}

function context(client: OdooClient, shared: OrderToDeliveryData, random: () => number) {
  const steps: string[] = [];
  const ctx: JourneyContext<OrderToDeliveryData> = {
    client,
    step: async (name, fn) => {
      steps.push(name);
      return fn();
    },
    random,
    shared,
    tag: 'run-20260301-0800',
    vu: 0,
    iteration: 0,
  };
  return { ctx, steps };
}

const SHARED: OrderToDeliveryData = { customerIds: [14, 15, 16, 17], productIds: [21, 22, 23, 24, 25] };
/** partner index 0.5*4 = 2 → 16; lines 1 + floor(0.25*5) = 2; products and units from the rest. */
const RANDOM = [0.5, 0.25, 0.0, 0.99, 0.5, 0.0];

const BACKORDER_ACTION = {
  name: 'Create Backorder?',
  type: 'ir.actions.act_window',
  view_mode: 'form',
  res_model: 'stock.backorder.confirmation',
  views: [[512, 'form']],
  view_id: 512,
  target: 'new',
  context: {
    lang: 'en_US',
    tz: 'Europe/Brussels',
    uid: 2,
    allowed_company_ids: [1],
    button_validate_picking_ids: [88],
    default_show_transfers: false,
    default_pick_ids: [[4, 88]],
  },
};

function happyScript(options: { pickingState: string; validate: unknown }): Script {
  return (call) => {
    const key = `${call.model}.${call.method}`;
    switch (key) {
      case 'sale.order.create':
        return 501;
      case 'sale.order.action_confirm':
        return true;
      case 'stock.picking.search_read':
        return [{ id: 88, state: options.pickingState, name: 'WH/OUT/00088' }];
      case 'stock.picking.action_assign':
        return true;
      case 'stock.move.line.search_read':
        return [
          { id: 301, quantity: 1, picked: false, product_id: [21, '[FURN_7800] Desk Combination'] },
          { id: 302, quantity: 2, picked: false, product_id: [25, '[FURN_0269] Office Chair Black'] },
        ];
      case 'stock.move.line.write':
        return true;
      case 'stock.picking.button_validate':
        return options.validate;
      case 'stock.backorder.confirmation.create':
        return 7;
      case 'stock.backorder.confirmation.process':
        return true;
      default:
        throw new Error(`unexpected call ${key}`);
    }
  };
}

describe('chooseOrder', () => {
  it('picks customer, 1–5 distinct products and 1–3 units from the random stream', () => {
    expect(chooseOrder(SHARED, sequence(RANDOM))).toEqual({
      partnerId: 16,
      lines: [
        { productId: 21, quantity: 3 }, // pool [21..25] index 0 → 21; units 1 + floor(0.99*3) = 3
        { productId: 24, quantity: 1 }, // pool [22..25] index floor(0.5*4) = 2 → 24; units 1 + 0 = 1
      ],
    });
  });

  it('stays within 1–5 lines and 1–3 units for any random value', () => {
    for (const value of [0, 0.2, 0.5, 0.8, 0.999999]) {
      const order = chooseOrder(SHARED, () => value);
      expect(order.lines.length).toBeGreaterThanOrEqual(1);
      expect(order.lines.length).toBeLessThanOrEqual(5);
      for (const line of order.lines) expect([1, 2, 3]).toContain(line.quantity);
      expect(new Set(order.lines.map((line) => line.productId)).size).toBe(order.lines.length);
    }
  });
});

describe('order-to-delivery run', () => {
  it('creates, confirms, reserves, picks every line and validates, with Odoo 17 args', async () => {
    const { client, calls } = scriptedClient(happyScript({ pickingState: 'confirmed', validate: true }));
    const { ctx, steps } = context(client, SHARED, sequence(RANDOM));
    await orderToDelivery.run(ctx);

    expect(steps).toEqual(['create-order', 'confirm-order', 'find-picking', 'reserve', 'read-move-lines', 'pick-lines', 'validate']);
    expect(calls).toEqual([
      {
        model: 'sale.order',
        method: 'create',
        args: [
          {
            partner_id: 16,
            client_order_ref: 'oc-run-20260301-0800',
            order_line: [
              [0, 0, { product_id: 21, product_uom_qty: 3 }],
              [0, 0, { product_id: 24, product_uom_qty: 1 }],
            ],
          },
        ],
        kwargs: undefined,
      },
      { model: 'sale.order', method: 'action_confirm', args: [[501]], kwargs: undefined },
      {
        model: 'stock.picking',
        method: 'search_read',
        args: [
          [
            ['sale_id', '=', 501],
            ['picking_type_code', '=', 'outgoing'],
            ['state', 'not in', ['done', 'cancel']],
          ],
        ],
        kwargs: { fields: ['id', 'state', 'name'] },
      },
      { model: 'stock.picking', method: 'action_assign', args: [[88]], kwargs: undefined },
      { model: 'stock.move.line', method: 'search_read', args: [[['picking_id', '=', 88]]], kwargs: { fields: ['id', 'quantity', 'picked', 'product_id'] } },
      { model: 'stock.move.line', method: 'write', args: [[301], { quantity: 1, picked: true }], kwargs: undefined },
      { model: 'stock.move.line', method: 'write', args: [[302], { quantity: 2, picked: true }], kwargs: undefined },
      { model: 'stock.picking', method: 'button_validate', args: [[88]], kwargs: undefined },
    ]);
  });

  it('skips reserve when the picking is already assigned', async () => {
    const { client, calls } = scriptedClient(happyScript({ pickingState: 'assigned', validate: true }));
    const { ctx, steps } = context(client, SHARED, sequence(RANDOM));
    await orderToDelivery.run(ctx);
    expect(steps).not.toContain('reserve');
    expect(calls.some((call) => call.method === 'action_assign')).toBe(false);
  });

  it('answers the backorder wizard with the returned context (create, then process)', async () => {
    const { client, calls } = scriptedClient(happyScript({ pickingState: 'assigned', validate: BACKORDER_ACTION }));
    const { ctx, steps } = context(client, SHARED, sequence(RANDOM));
    await orderToDelivery.run(ctx);
    expect(steps.at(-1)).toBe('validate');
    expect(calls.slice(-3)).toEqual([
      { model: 'stock.picking', method: 'button_validate', args: [[88]], kwargs: undefined },
      { model: 'stock.backorder.confirmation', method: 'create', args: [{}], kwargs: { context: BACKORDER_ACTION.context } },
      { model: 'stock.backorder.confirmation', method: 'process', args: [[7]], kwargs: { context: BACKORDER_ACTION.context } },
    ]);
  });

  it("acknowledges stock_sms's one-time warning wizard with send_sms, then answers the backorder it leads to", async () => {
    // As seen on a real Odoo 17 (17.0-20240709) with stock_sms installed: the first delivery
    // validated in a company opens confirm.stock.sms (already created, res_id set).
    const SMS_ACTION = { name: 'SMS', type: 'ir.actions.act_window', res_model: 'confirm.stock.sms', res_id: 3, target: 'new', context: { uid: 2 } };
    const base = happyScript({ pickingState: 'assigned', validate: SMS_ACTION });
    const { client, calls } = scriptedClient((call) =>
      call.model === 'confirm.stock.sms' && call.method === 'send_sms' ? BACKORDER_ACTION : base(call),
    );
    await orderToDelivery.run(context(client, SHARED, sequence(RANDOM)).ctx);
    expect(calls.slice(-4)).toEqual([
      { model: 'stock.picking', method: 'button_validate', args: [[88]], kwargs: undefined },
      { model: 'confirm.stock.sms', method: 'send_sms', args: [[3]], kwargs: { context: { uid: 2 } } },
      { model: 'stock.backorder.confirmation', method: 'create', args: [{}], kwargs: { context: BACKORDER_ACTION.context } },
      { model: 'stock.backorder.confirmation', method: 'process', args: [[7]], kwargs: { context: BACKORDER_ACTION.context } },
    ]);
  });

  it('accepts create answering a list of ids', async () => {
    const base = happyScript({ pickingState: 'assigned', validate: true });
    const { client, calls } = scriptedClient((call) => (call.method === 'create' ? [501] : base(call)));
    await orderToDelivery.run(context(client, SHARED, sequence(RANDOM)).ctx);
    expect(calls[1]).toMatchObject({ method: 'action_confirm', args: [[501]] });
  });

  it('stops with a clear error when nothing is reserved (out of stock)', async () => {
    const base = happyScript({ pickingState: 'confirmed', validate: true });
    const { client } = scriptedClient((call) => (call.model === 'stock.move.line' ? [] : base(call)));
    const error = await orderToDelivery.run(context(client, SHARED, sequence(RANDOM)).ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JourneyError);
    expect(error).toMatchObject({ code: 'JOURNEY_UNEXPECTED_REPLY' });
    expect((error as Error).message).toBe(
      'Journey "order-to-delivery", step "read-move-lines": nothing is reserved on WH/OUT/00088: the products are out of stock. Put stock on hand (stock.quant) before the run.',
    );
  });

  it('refuses a wizard it does not know', async () => {
    const { client } = scriptedClient(happyScript({ pickingState: 'assigned', validate: { type: 'ir.actions.act_window', res_model: 'stock.quality.check' } }));
    await expect(orderToDelivery.run(context(client, SHARED, sequence(RANDOM)).ctx)).rejects.toMatchObject({ code: 'JOURNEY_UNEXPECTED_REPLY' });
  });
});

describe('order-to-delivery setup', () => {
  it('loads invoiced customers and storable products with barcodes', async () => {
    const { client, calls } = scriptedClient((call) => (call.model === 'res.partner' ? [{ id: 12 }, { id: 26 }] : [{ id: 5 }, { id: 6 }, { id: 7 }]));
    expect(await orderToDelivery.setup?.(client)).toEqual({ customerIds: [12, 26], productIds: [5, 6, 7] });
    expect(calls).toEqual([
      { model: 'res.partner', method: 'search_read', args: [[['customer_rank', '>', 0]]], kwargs: { fields: ['id'], limit: 500, order: 'id' } },
      {
        model: 'product.product',
        method: 'search_read',
        args: [
          [
            ['detailed_type', '=', 'product'],
            ['barcode', '!=', false],
          ],
        ],
        kwargs: { fields: ['id'], limit: 500, order: 'id' },
      },
    ]);
  });

  it('falls back to companies other than our own when no partner was ever invoiced', async () => {
    const { client, calls } = scriptedClient((call) => {
      if (call.model === 'res.company') return [{ id: 1, partner_id: [1, 'YourCompany'] }];
      if (call.model === 'res.partner') return JSON.stringify(call.args).includes('customer_rank') ? [] : [{ id: 9 }];
      return [{ id: 5 }];
    });
    expect(await orderToDelivery.setup?.(client)).toEqual({ customerIds: [9], productIds: [5] });
    expect(calls[1]).toEqual({ model: 'res.company', method: 'search_read', args: [[]], kwargs: { fields: ['partner_id'] } });
    expect(calls[2]?.args).toEqual([
      [
        ['is_company', '=', true],
        ['id', 'not in', [1]],
      ],
    ]);
  });

  it('says what to create when the target has no products', async () => {
    const { client } = scriptedClient((call) => (call.model === 'res.partner' ? [{ id: 12 }] : []));
    await expect(orderToDelivery.setup?.(client)).rejects.toMatchObject({
      code: 'JOURNEY_NO_DATA',
      message:
        'Journey "order-to-delivery" found no products on the target (product.product with detailed_type = \'product\' and a barcode). Create storable products with barcodes and stock on hand first.',
    });
  });
});

describe('journey registry', () => {
  it('registers order-to-delivery under its name with its step list', () => {
    expect(journeys['order-to-delivery']).toBe(orderToDelivery);
    expect(getJourney('order-to-delivery').steps).toEqual(['create-order', 'confirm-order', 'find-picking', 'reserve', 'read-move-lines', 'pick-lines', 'validate']);
    expect(orderToDelivery.transport).toBe('web');
  });

  it('lists the known names for an unknown journey', () => {
    expect(() => getJourney('order-to-cash')).toThrow(
      'Unknown journey "order-to-cash". Known journeys: barcode-pick, browse, edi-order-import, invoicing, month-end-reports, order-entry, order-to-delivery, receipt, replenishment, stock-inquiry. Check the journey names in the profile.',
    );
    expect(() => getJourney('toString')).toThrow(JourneyError);
    expect(journeyNames()).toEqual(['barcode-pick', 'browse', 'edi-order-import', 'invoicing', 'month-end-reports', 'order-entry', 'order-to-delivery', 'receipt', 'replenishment', 'stock-inquiry']);
  });
});
