/**
 * Every journey of scenarios/journeys against the lab, through the real transports
 * (src/odoo/connect.ts): `prepare` creates its data set over XML-RPC first (as on a staging Odoo),
 * then each journey runs its setup and a few iterations, and the test checks the effects a real
 * Odoo 17 shows (docs/ODOO-PROTOCOL.md): pickings done with FIFO layers, invoices posted and paid, RFQs
 * confirmed with their receipts, read_group/web_search_read reply shapes.
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journeys } from '../../../scenarios/journeys/index.js';
import type { JourneyContext } from '../../../scenarios/journeys/types.js';
import { createClient } from '../../../src/odoo/connect.js';
import type { OdooClient, OdooTarget } from '../../../src/odoo/types.js';
import { prepareDataset } from '../../../src/prepare/prepare.js';
import { ADMIN_PASSWORD, DB, startFixture, type LabFixture } from './helpers.js';
import { mulberry32 } from '../../../src/plan/random.js';
import { journeyFromDefinition } from '../../../scenarios/journeys/declarative.js';
import { validateJourneyDefinition } from '../../../scenarios/journeys/definition-schema.js';

let lab: LabFixture;
let db: pg.Client;
let target: OdooTarget;
const clients: OdooClient[] = [];

async function client(transport: 'web' | 'xmlrpc' | 'jsonrpc'): Promise<OdooClient> {
  const c = createClient(target, transport);
  await c.authenticate();
  clients.push(c);
  return c;
}

/** Runs `name`'s setup and `iterations` iterations; returns the steps that ran. */
async function runJourney(name: string, iterations: number, params?: Record<string, unknown>, transport?: 'web' | 'xmlrpc' | 'jsonrpc'): Promise<string[]> {
  const journey = journeys[name];
  if (!journey) throw new Error(`no journey ${name}`);
  const c = await client(transport ?? (journey.transport === 'json2' ? 'xmlrpc' : journey.transport));
  const shared = journey.setup ? await journey.setup(c) : undefined;
  const steps: string[] = [];
  for (let iteration = 0; iteration < iterations; iteration++) {
    const ctx: JourneyContext<unknown> = {
      client: c,
      shared,
      random: mulberry32(1000 * iteration + name.length),
      tag: 'labtest',
      params,
      vu: 0,
      iteration,
      step: async <T>(step: string, fn: () => Promise<T>) => {
        steps.push(step);
        return fn();
      },
    };
    await journey.run(ctx);
  }
  return steps;
}

beforeAll(async () => {
  lab = await startFixture({ workers: 2, timeScale: 0.02 });
  target = { url: lab.server.url, db: DB, login: 'admin', password: ADMIN_PASSWORD };
  db = new pg.Client({ connectionString: lab.pg.url(DB) });
  await db.connect();
  const xml = await client('xmlrpc');
  const report = await prepareDataset(xml, { dataset: 'small', url: target.url, db: DB });
  expect(report['res.partner']?.created).toBe(66);
  expect(report['product.product']?.created).toBe(50);
}, 120_000);

afterAll(async () => {
  for (const c of clients) await c.close().catch(() => undefined);
  await db?.end();
  await lab?.stop();
});

describe('prepare against the lab', () => {
  it('created tagged partners, bins, products with vendors and the Buy route, stock in bins and manual rules', async () => {
    const { rows } = await db.query<Record<string, string>>(
      `SELECT (SELECT count(*) FROM res_partner WHERE ref LIKE 'oc-data-C%' AND customer_rank > 0) AS customers,
              (SELECT count(*) FROM res_partner WHERE ref LIKE 'oc-data-V%' AND supplier_rank > 0) AS vendors,
              (SELECT count(*) FROM stock_location WHERE name LIKE 'oc-data-B%' AND complete_name LIKE 'WH/Stock/oc-data-B%' AND parent_path LIKE '1/7/8/%') AS bins,
              (SELECT count(*) FROM product_product p JOIN product_supplierinfo s ON s.product_tmpl_id = p.product_tmpl_id
                 JOIN stock_route_product r ON r.product_id = p.product_tmpl_id AND r.route_id = 1 WHERE p.default_code LIKE 'oc-data-P%') AS bought,
              (SELECT count(DISTINCT q.product_id) FROM stock_quant q JOIN stock_location l ON l.id = q.location_id
                 JOIN product_product p ON p.id = q.product_id WHERE p.default_code LIKE 'oc-data-P%' AND l.name LIKE 'oc-data-B%' AND q.quantity > 0) AS stocked,
              (SELECT count(*) FROM stock_warehouse_orderpoint WHERE name LIKE 'oc-data-OP%' AND trigger = 'manual') AS rules`,
    );
    expect(rows[0]).toEqual({ customers: '60', vendors: '6', bins: '10', bought: '50', stocked: '50', rules: '10' });
  });

  it('finds everything on a second run and creates nothing', async () => {
    const report = await prepareDataset(await client('xmlrpc'), { dataset: 'small', url: target.url, db: DB });
    expect(report['res.partner']).toEqual({ created: 0, existing: 66 });
    expect(report['product.product']).toEqual({ created: 0, existing: 50 });
    expect(report['stock.quant']?.toppedUp).toBe(0);
  });
});

describe('journeys against the lab', () => {
  it('order-to-delivery: delivers from the bins and consumes the FIFO layers', async () => {
    const before = await db.query<{ n: string }>(`SELECT count(*) AS n FROM stock_picking WHERE state = 'done' AND picking_type_id = 2`);
    const steps = await runJourney('order-to-delivery', 3);
    expect(steps.filter((s) => s === 'validate')).toHaveLength(3);
    const after = await db.query<{ n: string; layers: string }>(
      `SELECT count(*) AS n, (SELECT count(*) FROM stock_valuation_layer WHERE quantity < 0) AS layers FROM stock_picking WHERE state = 'done' AND picking_type_id = 2`);
    expect(Number(after.rows[0]?.n) - Number(before.rows[0]?.n)).toBe(3);
    expect(Number(after.rows[0]?.layers)).toBeGreaterThanOrEqual(3);
  });

  it('order-entry: the web client’s onchanges, web_save and a confirmed order of the drawn lines', async () => {
    await runJourney('order-entry', 2, { linesPerOrder: 3 });
    const { rows } = await db.query<{ state: string; lines: string; picking: string }>(
      `SELECT so.state, (SELECT count(*) FROM sale_order_line l WHERE l.order_id = so.id) AS lines,
              (SELECT p.state FROM stock_picking p WHERE p.sale_id = so.id) AS picking
       FROM sale_order so WHERE so.client_order_ref = 'oc-labtest' ORDER BY so.id DESC LIMIT 2`);
    expect(rows).toEqual([{ state: 'sale', lines: '3', picking: 'assigned' }, { state: 'sale', lines: '3', picking: 'assigned' }]);
  });

  it('edi-order-import: one create of a batch returns the list of ids; all confirmed (XML-RPC)', async () => {
    await runJourney('edi-order-import', 1, { batchSize: 4, linesPerOrder: 2 });
    const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM sale_order WHERE origin LIKE 'EDI oc-labtest #0.%' AND state = 'sale'`);
    expect(rows[0]?.n).toBe('4');
  });

  it('barcode-pick: a short pick goes through the backorder wizard and leaves a reserved backorder', async () => {
    const steps = await runJourney('barcode-pick', 2, { linesPerPicking: 2, shortPickRate: 1 });
    expect(steps.filter((s) => s === 'backorder')).toHaveLength(2);
    const { rows } = await db.query<{ state: string; origin_state: string }>(
      `SELECT b.state, o.state AS origin_state FROM stock_picking b JOIN stock_picking o ON o.id = b.backorder_id ORDER BY b.id DESC LIMIT 2`);
    expect(rows).toEqual([{ state: 'assigned', origin_state: 'done' }, { state: 'assigned', origin_state: 'done' }]);
  });

  it('receipt: the receipt of a confirmed PO is validated and creates incoming FIFO layers at the PO price', async () => {
    await runJourney('receipt', 2);
    const { rows } = await db.query<{ po: string; receipt: string; layers: string; received: string }>(
      `SELECT po.state AS po, po.receipt_status AS receipt,
              (SELECT count(*) FROM stock_valuation_layer v JOIN stock_move m ON m.id = v.stock_move_id JOIN purchase_order_line l ON l.id = m.purchase_line_id
                 WHERE l.order_id = po.id AND v.quantity > 0 AND v.unit_cost = l.price_unit) AS layers,
              (SELECT bool_and(qty_received = product_qty)::text FROM purchase_order_line WHERE order_id = po.id) AS received
       FROM purchase_order po WHERE po.origin = 'oc-labtest' ORDER BY po.id`);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row).toMatchObject({ po: 'purchase', receipt: 'full', received: 'true' });
      expect(Number(row.layers)).toBeGreaterThan(0);
    }
  });

  it('invoicing: the wizard invoices the order, action_post posts it, the payment pays it (web client)', async () => {
    await runJourney('invoicing', 2);
    const { rows } = await db.query<{ name: string; state: string; payment_state: string; residual: string }>(
      `SELECT m.name, m.state, m.payment_state, m.amount_residual AS residual FROM account_move m
       WHERE m.move_type = 'out_invoice' AND m.invoice_origin IN (SELECT name FROM sale_order WHERE client_order_ref = 'oc-labtest') ORDER BY m.id`);
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toMatchObject({ name: expect.stringMatching(/^INV\/\d{4}\/\d{5}$/), state: 'posted', payment_state: 'paid', residual: '0' });
  });

  it('invoicing over XML-RPC: create_invoices answers Fault 1 "cannot marshal None" although the invoice exists', async () => {
    // the reply's context carries default_invoice_payment_term_id = None (partner without payment terms)
    await runJourney('invoicing', 1, undefined, 'xmlrpc');
    const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM account_move WHERE move_type = 'out_invoice' AND payment_state = 'paid'`);
    expect(Number(rows[0]?.n)).toBe(3);
  });

  it('replenishment: action_replenish puts the quantity on the vendor RFQ, which is then confirmed', async () => {
    await runJourney('replenishment', 2);
    const { rows } = await db.query<{ state: string; partner_ref: string; receipts: string }>(
      `SELECT po.state, po.partner_ref, (SELECT count(*) FROM stock_picking p WHERE p.origin = po.name AND p.state = 'assigned') AS receipts
       FROM purchase_order po WHERE po.partner_ref = 'oc-labtest' ORDER BY po.id`);
    expect(rows.length).toBeGreaterThanOrEqual(1);
    for (const row of rows) expect(row).toEqual({ state: 'purchase', partner_ref: 'oc-labtest', receipts: '1' });
  });

  it('replenishment in scheduler mode runs procurement.group.run_scheduler (→ {})', async () => {
    const steps = await runJourney('replenishment', 1, { mode: 'scheduler' });
    expect(steps).toContain('replenish');
  });

  it('stock-inquiry, order-lookup, month-end-reports and browse run their reads', async () => {
    // per iteration: the two lists, then search, open, on hand and back per product
    expect(await runJourney('stock-inquiry', 2, { productsPerInquiry: 2 })).toHaveLength(2 * (2 + 2 * 4));
    expect(await runJourney('order-lookup', 1)).toEqual(['open-sales', 'open-orders', 'search', 'open-order', 'back']);
    expect(await runJourney('month-end-reports', 1)).toHaveLength(7);
    expect(await runJourney('browse', 1)).toEqual(['list-orders', 'open-order', 'list-partners', 'open-partner', 'list-products']);
  });
});

describe('the web client against the lab', () => {
  /** Paths of the requests the lab logged (werkzeug lines), from `from` on. */
  function loggedPaths(from: number): { paths: string[]; statuses: string[]; end: number } {
    const lines = readFileSync(lab.logFile, 'utf8').split('\n').slice(from);
    const requests = lines.map((line) => /werkzeug: \S+ - - \[[^\]]+\] "POST (\S+) HTTP\/1\.[01]" (\d+)/.exec(line)).filter((m): m is RegExpExecArray => m !== null);
    return { paths: requests.map((m) => m[1] ?? ''), statuses: requests.map((m) => m[2] ?? ''), end: from + lines.length - 1 };
  }

  it('serves every request of a recorded 5-line order entry, in the recorded order, without an error', async () => {
    const journey = journeys['order-entry']!;
    const c = await client('web');
    const shared = await journey.setup!(c);
    const session: Record<string, unknown> = {};
    const params = { linesPerOrder: 5, qtyPerLine: 2 };
    const run = (iteration: number) =>
      journey.run({ client: c, shared, session, params, random: mulberry32(7 + iteration), tag: 'labtest', vu: 0, iteration, step: (_name, fn) => fn() });
    await run(0); // the page loads the session, the action and the views
    const from = readFileSync(lab.logFile, 'utf8').split('\n').length - 1;
    await run(1);
    const logged = loggedPaths(from);
    const recorded = JSON.parse(readFileSync(new URL('../../fixtures/odoo17-webclient/order-entry.json', import.meta.url), 'utf8')) as { steps: Array<{ requests: Array<{ path: string }> }> };
    expect(logged.paths).toEqual(recorded.steps.flatMap((s) => s.requests.map((r) => r.path)));
    expect(new Set(logged.statuses)).toEqual(new Set(['200']));
    expect(readFileSync(lab.logFile, 'utf8')).not.toMatch(/ERROR|Traceback/);
    const { rows } = await db.query<{ lines: string; messages: string }>(
      `SELECT (SELECT count(*) FROM sale_order_line l WHERE l.order_id = so.id) AS lines,
              (SELECT count(*) FROM mail_message m WHERE m.model = 'sale.order' AND m.res_id = so.id) AS messages
       FROM sale_order so WHERE so.client_order_ref = 'oc-labtest' AND so.state = 'sale' ORDER BY so.id DESC LIMIT 1`);
    expect(rows[0]).toEqual({ lines: '5', messages: '2' });
  });
});

describe('a journey file of the user\'s against the lab', () => {
  it('runs its calls, button and route with references to setup and earlier replies', async () => {
    const definition = validateJourneyDefinition(
      {
        name: 'quick-quote',
        setup: { customers: { model: 'res.partner', method: 'search_read', args: [[['ref', '=like', 'oc-data-C%']]], kwargs: { fields: ['name'], limit: 20 } } },
        steps: [
          { name: 'customer', call: { model: 'res.partner', method: 'name_search', kwargs: { name: '${pick(setup.customers).name}', limit: 8 } }, save: 'found' },
          { name: 'products', call: { model: 'product.product', method: 'search_read', args: [[['default_code', '=like', 'oc-data-P%']]], kwargs: { fields: ['id'], limit: 2 } }, save: 'products' },
          {
            name: 'create',
            call: { model: 'sale.order', method: 'create', args: [{ partner_id: '${found[0][0]}', client_order_ref: 'quick-${tag}', order_line: [[0, 0, { product_id: '${products[0].id}', product_uom_qty: 2 }]] }] },
            save: 'order',
          },
          { name: 'confirm', button: { model: 'sale.order', method: 'action_confirm', args: [['${order}']] } },
          { name: 'chatter', route: { path: '/mail/thread/messages', params: { thread_model: 'sale.order', thread_id: '${order}', limit: 30 } } },
        ],
      },
      'quick-quote.yaml',
    );
    const journey = journeyFromDefinition(definition);
    const c = await client('web');
    const shared = await journey.setup!(c);
    const steps: string[] = [];
    await journey.run({ client: c, shared, random: mulberry32(3), tag: 'labtest', vu: 0, iteration: 0, step: async (name, fn) => (steps.push(name), fn()) });
    expect(steps).toEqual(['customer', 'products', 'create', 'confirm', 'chatter']);
    const { rows } = await db.query<{ state: string; lines: string; messages: string }>(
      `SELECT so.state, (SELECT count(*) FROM sale_order_line l WHERE l.order_id = so.id) AS lines,
              (SELECT count(*) FROM mail_message m WHERE m.model = 'sale.order' AND m.res_id = so.id) AS messages
       FROM sale_order so WHERE so.client_order_ref = 'quick-oc-labtest'`);
    expect(rows).toEqual([{ state: 'sale', lines: '1', messages: '2' }]);
  });
});

describe('reply shapes of the read methods (as a real Odoo 17 answers)', () => {
  it('read_group lazy=false: __count, sums, many2one pairs, __domain AND-ed with the group leaf', async () => {
    const c = await client('xmlrpc');
    const groups = await c.call<Array<Record<string, unknown>>>('stock.quant', 'read_group', [[['location_id.usage', '=', 'internal']], ['quantity:sum', 'reserved_quantity:sum'], ['location_id']], { lazy: false, limit: 2 });
    expect(groups).toHaveLength(2);
    expect(groups[0]).toEqual({
      __count: expect.any(Number),
      __domain: ['&', ['location_id.usage', '=', 'internal'], ['location_id', '=', expect.any(Number)]],
      location_id: [expect.any(Number), expect.stringMatching(/^WH\/Stock/)],
      quantity: expect.any(Number),
      reserved_quantity: expect.any(Number),
    });
  });

  it('read_group lazy (default): <field>_count and the other groupbys in __context', async () => {
    const c = await client('xmlrpc');
    const [group] = await c.call<Array<Record<string, unknown>>>('stock.quant', 'read_group', [[], ['quantity:sum'], ['location_id', 'product_id']], { limit: 1 });
    expect(Object.keys(group ?? {}).sort()).toEqual(['__context', '__domain', 'location_id', 'location_id_count', 'quantity']);
    expect(group?.__context).toEqual({ group_by: ['product_id'] });
  });

  it('web_read_group refuses 16\'s expand keyword as Odoo 17 does (a real 17 answered this TypeError)', async () => {
    const c = await client('web');
    const call = c.call('account.move.line', 'web_read_group', [], { domain: [], fields: ['balance:sum'], groupby: ['partner_id'], lazy: true, expand: false, limit: 80 });
    await expect(call).rejects.toThrow("Base.web_read_group() got an unexpected keyword argument 'expand'");
    const { length } = await c.call<{ length: number }>('account.move.line', 'web_read_group', [], { domain: [], fields: ['balance:sum'], groupby: ['partner_id'], lazy: true, limit: 80 });
    expect(length).toBeGreaterThan(0);
  });

  it('read_group by date:month and date:day: labels and __range as Odoo formats them (en_US)', async () => {
    const c = await client('xmlrpc');
    const [month] = await c.call<Array<Record<string, unknown>>>('account.move.line', 'read_group', [[['parent_state', '=', 'posted']], ['balance:sum'], ['account_id', 'date:month']], { lazy: false, limit: 1 });
    const now = new Date();
    const monthName = now.toLocaleString('en-US', { month: 'long', timeZone: 'UTC' });
    expect(month?.['date:month']).toBe(`${monthName} ${now.getUTCFullYear()}`);
    expect(month?.__range).toEqual({ 'date:month': { from: expect.stringMatching(/^\d{4}-\d\d-01$/), to: expect.stringMatching(/^\d{4}-\d\d-01$/) } });
    const [day] = await c.call<Array<Record<string, unknown>>>('stock.move', 'read_group', [[['state', '=', 'done']], ['product_qty:sum'], ['picking_type_id', 'date:day']], { lazy: false, limit: 1 });
    expect(day?.['date:day']).toMatch(/^\d\d [A-Z][a-z]{2} \d{4}$/);
    expect((day?.__range as Record<string, { from: string }>)['date:day']?.from).toMatch(/^\d{4}-\d\d-\d\d 00:00:00$/);
  });

  it('web_search_read → {length, records} with nested many2one dicts; web_read_group → {groups, length}', async () => {
    const c = await client('web');
    const page = await c.call<{ length: number; records: Array<Record<string, unknown>> }>('sale.order', 'web_search_read', [], {
      domain: [], specification: { name: {}, partner_id: { fields: { display_name: {} } }, state: {} }, limit: 2, order: 'date_order desc',
    });
    const count = await c.call<number>('sale.order', 'search_count', [[]]);
    expect(page.length).toBe(count);
    expect(page.records[0]).toEqual({ id: expect.any(Number), name: expect.stringMatching(/^S\d{5}$/), partner_id: { id: expect.any(Number), display_name: expect.any(String) }, state: expect.any(String) });
    const grouped = await c.call<{ groups: unknown[]; length: number }>('account.move.line', 'web_read_group', [[['parent_state', '=', 'posted']], ['balance:sum'], ['partner_id']], { lazy: false, limit: 80 });
    expect(grouped.length).toBe(grouped.groups.length);
  });

  it('stock.quant.create in inventory mode sets (not adds) the quantity and returns the quant id; action_apply_inventory returns None', async () => {
    const c = await client('xmlrpc');
    const first = await c.call<number[]>('stock.quant', 'create', [[{ product_id: 7, location_id: 8, inventory_quantity_auto_apply: 123 }]], { context: { inventory_mode: true } });
    const again = await c.call<number>('stock.quant', 'create', [{ product_id: 7, location_id: 8, inventory_quantity_auto_apply: 123 }], { context: { inventory_mode: true } });
    expect(first).toEqual([again]);
    const [product] = await c.call<Array<{ qty_available: number }>>('product.product', 'read', [[7], ['qty_available']]);
    expect(product?.qty_available).toBe(123);
    await c.call('stock.quant', 'create', [{ product_id: 7, location_id: 8, inventory_quantity: 100 }], { context: { inventory_mode: true } });
    expect(await c.call('stock.quant', 'action_apply_inventory', [[again]])).toBeUndefined();
    const [after] = await c.call<Array<{ qty_available: number }>>('product.product', 'read', [[7], ['qty_available']]);
    expect(after?.qty_available).toBe(100);
  });
});
