/**
 * The new journeys' calls, against a scripted OdooClient (journey logic only; the real-Odoo tests in
 * test/integration/real-odoo/ check that Odoo 17 accepts them).
 */
import { describe, expect, it } from 'vitest';
import { barcodePick } from '../../../scenarios/journeys/barcode-pick.js';
import { ediOrderImport } from '../../../scenarios/journeys/edi-order-import.js';
import { invoicing } from '../../../scenarios/journeys/invoicing.js';
import { monthEndReports } from '../../../scenarios/journeys/month-end-reports.js';
import { replenishment } from '../../../scenarios/journeys/replenishment.js';
import type { Journey, JourneyContext } from '../../../scenarios/journeys/types.js';
import type { OdooClient } from '../../../src/odoo/types.js';

interface Call {
  via: 'call' | 'button';
  model: string;
  method: string;
  args: unknown[];
  kwargs: Record<string, unknown> | undefined;
}

function scripted(answer: (call: Call) => unknown, withButton = false): { client: OdooClient; calls: Call[] } {
  const calls: Call[] = [];
  const make =
    (via: Call['via']) =>
    async <T>(model: string, method: string, args: unknown[] = [], kwargs?: Record<string, unknown>): Promise<T> => {
      const call = { via, model, method, args, kwargs };
      calls.push(call);
      return answer(call) as T;
    };
  const client: OdooClient = { transport: 'web', uid: 2, authenticate: async () => 2, call: make('call'), close: async () => undefined };
  if (withButton) client.callButton = make('button');
  return { client, calls };
}

async function runOnce<S>(journey: Journey<S>, client: OdooClient, shared: S, params?: Record<string, unknown>, random: () => number = () => 0): Promise<string[]> {
  const steps: string[] = [];
  const ctx: JourneyContext<S> = { client, shared, random, tag: '20260301-080000-x-ab12', vu: 0, iteration: 3, step: async (name, fn) => (steps.push(name), fn()), ...(params ? { params } : {}) };
  await journey.run(ctx);
  return steps;
}

describe('edi-order-import', () => {
  it('resolves refs and barcodes once, creates the whole batch in one call, confirms it in one call', async () => {
    const { client, calls } = scripted((call) => {
      if (call.model === 'res.partner') return [{ id: 10, ref: 'oc-data-C00001' }];
      if (call.model === 'product.product') return [{ id: 41, barcode: '2900000000018' }];
      if (call.method === 'create') return [501, 502, 503];
      return true;
    });
    const steps = await runOnce(ediOrderImport, client, { partnerRefs: ['oc-data-C00001'], barcodes: ['2900000000018'] }, { batchSize: 3, linesPerOrder: 2 });
    expect(steps).toEqual(['resolve-partners', 'resolve-products', 'create-orders', 'confirm-orders']);
    const create = calls.find((c) => c.method === 'create');
    const values = (create?.args[0] ?? []) as Array<Record<string, unknown>>;
    expect(values).toHaveLength(3);
    expect(values[0]).toMatchObject({ partner_id: 10, client_order_ref: 'oc-20260301-080000-x-ab12', origin: 'EDI oc-20260301-080000-x-ab12 #3.1' });
    expect(values[0]?.order_line).toEqual([
      [0, 0, { product_id: 41, product_uom_qty: 1 }],
      [0, 0, { product_id: 41, product_uom_qty: 1 }],
    ]);
    expect(calls.at(-1)).toMatchObject({ model: 'sale.order', method: 'action_confirm', args: [[501, 502, 503]] });
  });
});

describe('invoicing', () => {
  it('goes through both wizards as the web client does: defaults, web_save, call_button; the invoice form and its chatter', async () => {
    const invoiceAction = { type: 'ir.actions.act_window', res_model: 'account.move', res_id: 900, views: [[681, 'form']], context: { default_move_type: 'out_invoice' } };
    const paymentAction = { type: 'ir.actions.act_window', res_model: 'account.payment.register', views: [[false, 'form']], target: 'new', context: { active_model: 'account.move', active_ids: [900] } };
    const { client, calls } = scripted((call) => {
      if (call.method === 'create') return 70;
      if (call.method === 'web_save') return [{ id: call.model === 'sale.advance.payment.inv' ? 5 : 6 }];
      if (call.method === 'onchange') return { value: call.model === 'account.payment.register' ? { amount: 120, journal_id: { id: 7, display_name: 'Bank' } } : { advance_payment_method: 'delivered' } };
      if (call.method === 'web_read') return [{ id: call.args[0] }];
      if (call.method === 'create_invoices') return invoiceAction;
      if (call.method === 'action_register_payment') return paymentAction;
      if (call.method === 'get_views') return { views: {}, models: {} };
      return false;
    }, true);
    const steps = await runOnce(invoicing, client, { customers: [{ id: 10, term: 'Deco' }], productIds: [41] });
    expect(steps).toEqual(['create-order', 'open-order', 'invoice-wizard', 'create-invoice', 'post-invoice', 'payment-wizard', 'register-payment']);
    const brief = calls.map((c) => `${c.via} ${c.model}.${c.method}`);
    expect(brief).toEqual([
      'call sale.order.create',
      'button sale.order.action_confirm',
      'call sale.order.get_views', // the order's views, once a session (a page load the recording leaves out)
      'call sale.order.web_read',
      'call sale.advance.payment.inv.get_views',
      'call sale.advance.payment.inv.onchange',
      'call sale.advance.payment.inv.web_save',
      'button sale.advance.payment.inv.create_invoices',
      'call sale.order.web_read', // the order behind the closing dialog reloads (recorded on Odoo 17)
      'call account.move.get_views',
      'call account.move.web_read',
      'button account.move.action_post',
      'call account.move.web_read',
      'button account.move.action_register_payment',
      'call account.payment.register.get_views',
      'call account.payment.register.onchange',
      'call account.payment.register.web_save',
      'button account.payment.register.action_create_payments',
      'call account.move.web_read',
    ]);
    const saleContext = { active_model: 'sale.order', active_ids: [70], active_id: 70 };
    expect(calls[5]?.args).toEqual([[], {}, [], expect.objectContaining({ advance_payment_method: {} })]);
    expect(calls[5]?.kwargs?.context).toMatchObject(saleContext);
    expect(calls[6]?.args).toEqual([[], { advance_payment_method: 'delivered' }]);
    expect(calls[7]).toMatchObject({ args: [[5]], kwargs: { context: saleContext } });
    expect(calls[10]?.kwargs?.context).toMatchObject({ active_model: 'sale.advance.payment.inv', active_id: 5, default_move_type: 'out_invoice' });
    expect(calls[16]?.args).toEqual([[], { journal_id: 7, amount: 120, communication: 'oc-20260301-080000-x-ab12' }]);
    expect(calls[17]).toMatchObject({ args: [[6]], kwargs: { context: { active_model: 'account.move', active_ids: [900], active_id: 900 } } });
  });

  it("asks the order form only for fields the target's views describe (an Odoo without mrp has no mrp_production_count)", async () => {
    const { client, calls } = scripted((call) => {
      if (call.method === 'create') return 70;
      if (call.method === 'get_views' && call.model === 'sale.order') return { views: {}, models: { 'sale.order': { name: { type: 'char' }, partner_id: { type: 'many2one', relation: 'res.partner' }, state: { type: 'selection' } } } };
      if (call.method === 'get_views') return { views: {}, models: {} };
      if (call.method === 'web_read') return [{ id: call.args[0] }];
      if (call.method === 'web_save') return [{ id: 5 }];
      if (call.method === 'onchange') return { value: {} };
      if (call.method === 'create_invoices') return { type: 'ir.actions.act_window', res_model: 'account.move', res_id: 900, views: [[false, 'form']] };
      return false;
    }, true);
    await runOnce(invoicing, client, { customers: [{ id: 10, term: 'Deco' }], productIds: [41] }).catch(() => undefined);
    const orderRead = calls.find((c) => c.model === 'sale.order' && c.method === 'web_read');
    const asked = Object.keys((orderRead?.kwargs?.specification ?? {}) as Record<string, unknown>);
    expect(asked.sort()).toEqual(['display_name', 'name', 'partner_id', 'state']);
  });
});

describe('barcode-pick', () => {
  it('picks one unit short on the first line and answers the backorder wizard in its own step', async () => {
    const backorder = { type: 'ir.actions.act_window', res_model: 'stock.backorder.confirmation', context: { button_validate_picking_ids: [88] } };
    const { client, calls } = scripted((call) => {
      const key = `${call.model}.${call.method}`;
      if (key === 'sale.order.create') return 70;
      if (key === 'sale.order.read') return [{ id: 70, picking_ids: [88] }];
      if (key === 'stock.picking.read') return [{ id: 88, name: 'WH/OUT/00088', picking_type_code: 'outgoing', state: 'assigned' }];
      if (key === 'stock.picking.search_read') return [{ id: 88, name: 'WH/OUT/00088', state: 'assigned' }];
      if (key === 'stock.move.line.search_read') return [{ id: 301, quantity: 4, picked: false, product_id: [41, 'P1'] }];
      if (key === 'product.product.search_read') return [{ id: 41 }];
      if (key === 'stock.picking.button_validate') return backorder;
      if (key === 'stock.backorder.confirmation.create') return 12;
      return true;
    });
    const steps = await runOnce(barcodePick, client, { customers: [{ id: 10, term: 'Deco' }], products: [{ id: 41, term: '2900000000018' }] }, { shortPickRate: 1, linesPerPicking: 1 });
    expect(steps).toEqual(['release-order', 'scan-picking', 'read-move-lines', 'scan-product', 'pick-line', 'validate', 'backorder']);
    expect(calls.find((c) => c.method === 'write')?.args).toEqual([[301], { quantity: 3, picked: true }]);
    expect(calls.find((c) => c.model === 'product.product')?.args).toEqual([[['barcode', '=', '2900000000018']]]);
    expect(calls.slice(-2).map((c) => [c.method, c.kwargs])).toEqual([
      ['create', { context: backorder.context }],
      ['process', { context: backorder.context }],
    ]);
  });
});

describe('replenishment', () => {
  it('orders once from the rule, then tags and confirms the draft RFQs it produced', async () => {
    const { client, calls } = scripted((call) => {
      if (call.model === 'purchase.order.line') return [{ order_id: [33, 'P00033'] }, { order_id: [33, 'P00033'] }];
      if (call.method === 'search_read') return [{ id: 5 }];
      return true;
    });
    const steps = await runOnce(replenishment, client, { orderpointIds: [5] });
    expect(steps).toEqual(['find-orderpoint', 'set-quantity', 'replenish', 'find-rfqs', 'confirm-rfqs']);
    expect(calls.map((c) => `${c.model}.${c.method}`)).toEqual([
      'stock.warehouse.orderpoint.search_read',
      'stock.warehouse.orderpoint.write',
      'stock.warehouse.orderpoint.action_replenish',
      'purchase.order.line.search_read',
      'purchase.order.write',
      'purchase.order.button_confirm',
    ]);
    expect(calls[1]?.args).toEqual([[5], { qty_to_order: 10 }]);
    expect(calls[4]?.args).toEqual([[33], { partner_ref: 'oc-20260301-080000-x-ab12' }]);
  });
});

describe('month-end-reports', () => {
  it('sends read_group with kwargs as the pivot and graph views do: every row/column prefix of a pivot, one call per graph', async () => {
    const { client, calls } = scripted((call) => (call.method === 'get_views' ? { views: {}, models: {} } : []));
    const steps = await runOnce(monthEndReports, client, undefined);
    expect(steps).toEqual([...monthEndReports.steps]);
    const groups = calls.filter((c) => c.method === 'read_group' || c.method === 'web_read_group');
    expect(groups.map((c) => `${c.model} ${JSON.stringify(c.kwargs?.groupby)}`)).toEqual([
      'account.move.line []',
      'account.move.line ["account_id"]',
      'account.move.line []',
      'account.move.line ["date:month"]',
      'account.move.line ["account_id"]',
      'account.move.line ["account_id","date:month"]',
      'account.move.line ["partner_id"]',
      'stock.valuation.layer []',
      'stock.valuation.layer ["product_id"]',
      'stock.quant []',
      'stock.quant ["product_id"]',
      'stock.quant ["location_id"]',
      'stock.quant ["location_id","product_id"]',
      'stock.move ["picking_type_id","date:day"]',
      'sale.report ["date:month"]',
    ]);
    expect(groups[0]).toMatchObject({ args: [], kwargs: { lazy: false, domain: [['parent_state', '=', 'posted']], fields: ['balance:sum', 'debit:sum', 'credit:sum'] } });
    expect(groups[6]).toMatchObject({ method: 'web_read_group', kwargs: { lazy: true, limit: 80 } });
    expect(calls.filter((c) => c.method === 'get_views').map((c) => c.model)).toEqual(['account.move.line', 'stock.valuation.layer', 'stock.quant', 'stock.move', 'sale.report']);
  });
});
