/**
 * The lab server against real PostgreSQL: Odoo 17's RPC surface (shapes, errors and quirks from
 * docs/ODOO-PROTOCOL.md and the Odoo 17 sources), the order-to-delivery flow with its effect
 * in the database, prefork queueing, REPEATABLE READ and the request log format.
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, DB, executeKw, jsonCall, startFixture, xmlrpc, type LabFixture } from './helpers.js';

let lab: LabFixture;
let db: pg.Client;

beforeAll(async () => {
  lab = await startFixture({ workers: 2, timeScale: 0.1 });
  db = new pg.Client({ connectionString: lab.pg.url(DB) });
  await db.connect();
});

afterAll(async () => {
  await db?.end();
  await lab?.stop();
});

/** werkzeug request line of Odoo 17 (fixtures/odoo17-log/odoo.log). */
const REQUEST_LINE =
  /^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}) (\d+) INFO (\S+) werkzeug: ([\d.]+) - - \[(\d\d\/\w{3}\/\d{4} \d\d:\d\d:\d\d)\] "(POST|GET) (\S+) HTTP\/1\.1" (\d{3}) - (\d+) (\d+\.\d{3}) (\d+\.\d{3})$/;

function logLines(): string[] {
  return readFileSync(lab.logFile, 'utf8').split('\n');
}

describe('version and authentication', () => {
  it('answers version_info with Odoo 17.0 RPC_VERSION_1', async () => {
    const { status, body } = await jsonCall(lab.server.url, '/web/webclient/version_info', {});
    expect(status).toBe(200);
    expect(body).toEqual({
      jsonrpc: '2.0',
      id: 7,
      result: { server_version: '17.0', server_version_info: [17, 0, 0, 'final', 0, ''], server_serie: '17.0', protocol_version: 1 },
    });
  });

  it('authenticates over XML-RPC: uid 2, or False for a bad password', async () => {
    expect(await xmlrpc(lab.server.url, 'common', 'authenticate', [DB, 'admin', ADMIN_PASSWORD, {}])).toEqual({ value: 2 });
    expect(await xmlrpc(lab.server.url, 'common', 'authenticate', [DB, 'admin', 'wrong', {}])).toEqual({ value: false });
  });

  it('authenticates a web session with a session_id cookie; a bad password is AccessDenied', async () => {
    const good = await jsonCall(lab.server.url, '/web/session/authenticate', { db: DB, login: 'admin', password: ADMIN_PASSWORD });
    expect((good.body.result as { uid: number }).uid).toBe(2);
    expect(good.headers.get('set-cookie')).toMatch(/^session_id=[^;]+; Expires=.+; Max-Age=604800; HttpOnly; Path=\/$/);

    const bad = await jsonCall(lab.server.url, '/web/session/authenticate', { db: DB, login: 'admin', password: 'wrong' });
    expect(bad.status).toBe(200);
    expect(bad.body.result).toBeUndefined();
    const error = bad.body.error as { code: number; message: string; data: Record<string, unknown> };
    expect(error.code).toBe(200);
    expect(error.message).toBe('Odoo Server Error');
    expect(error.data).toMatchObject({ name: 'odoo.exceptions.AccessDenied', message: 'Access Denied', arguments: ['Access Denied'], context: {} });
  });

  it('refuses call_kw without a session: code 100 SessionExpiredException', async () => {
    const { body } = await jsonCall(lab.server.url, '/web/dataset/call_kw/res.partner/search_read', { model: 'res.partner', method: 'search_read', args: [[]], kwargs: { limit: 1 } });
    const error = body.error as { code: number; message: string; data: Record<string, unknown> };
    expect(error.code).toBe(100);
    expect(error.message).toBe('Odoo Session Expired');
    expect(error.data).toMatchObject({ name: 'odoo.http.SessionExpiredException', message: 'Session expired' });
  });

  it('serves call_kw on any worker with the session cookie', async () => {
    const login = await jsonCall(lab.server.url, '/web/session/authenticate', { db: DB, login: 'admin', password: ADMIN_PASSWORD });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const replies = await Promise.all(
      [1, 2, 3].map(() =>
        jsonCall(lab.server.url, '/web/dataset/call_kw/product.product/search_read', {
          model: 'product.product', method: 'search_read', args: [[['barcode', '=', '2000000000015']]], kwargs: { fields: ['barcode', 'default_code'], limit: 1 },
        }, cookie),
      ),
    );
    for (const reply of replies) expect(reply.body.result).toEqual([{ id: 1, barcode: '2000000000015', default_code: 'SKU-000001' }]);
  });
});

describe('errors and quirks', () => {
  it('refuses private methods with AccessError: XML-RPC fault 4 and the web error name', async () => {
    const reply = await executeKw(lab.server.url, 'sale.order', '_create_invoices', [[1]]);
    expect(reply.fault).toEqual({ faultCode: 4, faultString: 'Private methods (such as _create_invoices) cannot be called remotely.' });
  });

  it('reports an unknown model as UserError (fault 2) and an unknown method as AttributeError (fault 1)', async () => {
    expect((await executeKw(lab.server.url, 'no.such.model', 'search', [[]])).fault).toEqual({ faultCode: 2, faultString: "Object no.such.model doesn't exist" });
    const method = await executeKw(lab.server.url, 'res.partner', 'frobnicate', [[]]);
    expect(method.fault?.faultCode).toBe(1);
    expect(method.fault?.faultString).toMatch(/\nAttributeError: The method 'frobnicate' does not exist on the model 'res.partner'\n$/);
  });

  it('answers a bad password on execute_kw with fault 3 Access Denied', async () => {
    const reply = await xmlrpc(lab.server.url, 'object', 'execute_kw', [DB, 2, 'wrong', 'res.partner', 'search', [[]], {}]);
    expect(reply.fault).toEqual({ faultCode: 3, faultString: 'Access Denied' });
  });

  it('turns a None result into fault 1 "cannot marshal None" (XML-RPC) and a reply without result (JSON-RPC)', async () => {
    // get_param of a missing key with default=None returns None
    const xml = await executeKw(lab.server.url, 'ir.config_parameter', 'get_param', ['no.such.key', null]);
    expect(xml.fault?.faultCode).toBe(1);
    expect(xml.fault?.faultString).toMatch(/\nTypeError: cannot marshal None unless allow_none is enabled\n$/);
    const json = await jsonCall(lab.server.url, '/jsonrpc', {
      service: 'object', method: 'execute_kw', args: [DB, 2, ADMIN_PASSWORD, 'ir.config_parameter', 'get_param', ['no.such.key', null], {}],
    });
    expect(json.body).toEqual({ jsonrpc: '2.0', id: 7 });
    expect(logLines().some((l) => l.includes('odoo.service.model: The method get_param of the object ir.config_parameter can not return `None`! '))).toBe(true);
  });

  it('reports the staging marker and installed modules', async () => {
    const marker = await executeKw(lab.server.url, 'ir.config_parameter', 'search_read', [[['key', '=', 'database.is_neutralized']]], { fields: ['key', 'value'] });
    expect(marker.value).toEqual([{ id: expect.any(Number), key: 'database.is_neutralized', value: 'True' }]);
    const modules = await executeKw(lab.server.url, 'ir.module.module', 'search_read', [[['state', '=', 'installed'], ['name', 'in', ['stock_account', 'mrp']]]], { fields: ['name'] });
    expect(modules.value).toEqual([{ id: expect.any(Number), name: 'stock_account' }]);
  });
});

describe('order to delivery over XML-RPC', () => {
  it('creates, confirms, reserves, picks and validates, and the database shows it', async () => {
    const url = lab.server.url;
    const productId = 5;
    const before = await db.query<{ quantity: string; remaining_qty: string }>(
      `SELECT (SELECT quantity FROM stock_quant WHERE product_id = $1 AND location_id = 8) AS quantity,
              (SELECT remaining_qty FROM stock_valuation_layer WHERE product_id = $1 AND quantity > 0 ORDER BY id LIMIT 1) AS remaining_qty`,
      [productId],
    );
    const orderId = (await executeKw(url, 'sale.order', 'create', [{ partner_id: 10, order_line: [[0, 0, { product_id: productId, product_uom_qty: 3 }]] }])).value;
    expect(orderId).toEqual(expect.any(Number));
    const [order] = (await executeKw(url, 'sale.order', 'read', [[orderId], ['name', 'state', 'amount_total', 'partner_id']])).value as Array<Record<string, unknown>>;
    expect(order?.name).toMatch(/^S\d{5}$/);
    expect(order?.state).toBe('draft');
    expect(order?.partner_id).toEqual([10, expect.any(String)]);

    expect(await executeKw(url, 'sale.order', 'action_confirm', [[orderId]])).toEqual({ value: true });
    const pickings = (await executeKw(url, 'stock.picking', 'search_read', [[['sale_id', '=', orderId], ['picking_type_code', '=', 'outgoing'], ['state', 'not in', ['done', 'cancel']]]], { fields: ['name', 'state'] })).value as Array<{ id: number; name: string; state: string }>;
    expect(pickings).toHaveLength(1);
    expect(pickings[0]?.name).toMatch(/^WH\/OUT\/\d{5}$/);
    expect(pickings[0]?.state).toBe('assigned');
    const pickingId = pickings[0]?.id;
    expect(await executeKw(url, 'stock.picking', 'action_assign', [[pickingId]])).toEqual({ value: true });

    const lines = (await executeKw(url, 'stock.move.line', 'search_read', [[['picking_id', '=', pickingId]]], { fields: ['quantity', 'picked', 'product_id'] })).value as Array<Record<string, unknown>>;
    expect(lines).toEqual([{ id: expect.any(Number), quantity: 3, picked: false, product_id: [productId, expect.stringMatching(/^\[SKU-000005\] /)] }]);
    const qtyDone = await executeKw(url, 'stock.move.line', 'search_read', [[['picking_id', '=', pickingId]]], { fields: ['qty_done'] });
    expect(qtyDone.fault?.faultString).toMatch(/ValueError: Invalid field 'qty_done' on model 'stock.move.line'\n$/);

    expect(await executeKw(url, 'stock.move.line', 'write', [[lines[0]?.id], { quantity: 3, picked: true }])).toEqual({ value: true });
    expect(await executeKw(url, 'stock.picking', 'button_validate', [[pickingId]])).toEqual({ value: true });

    const after = await db.query<{ so: string; picking: string; date_done: Date | null; quantity: string; remaining_qty: string; out_qty: string; delivered: string }>(
      `SELECT (SELECT state FROM sale_order WHERE id = $2) AS so,
              (SELECT state FROM stock_picking WHERE id = $3) AS picking,
              (SELECT date_done FROM stock_picking WHERE id = $3) AS date_done,
              (SELECT quantity FROM stock_quant WHERE product_id = $1 AND location_id = 8) AS quantity,
              (SELECT remaining_qty FROM stock_valuation_layer WHERE product_id = $1 AND quantity > 0 ORDER BY id LIMIT 1) AS remaining_qty,
              (SELECT quantity FROM stock_valuation_layer WHERE product_id = $1 AND quantity < 0) AS out_qty,
              (SELECT qty_delivered FROM sale_order_line WHERE order_id = $2) AS delivered`,
      [productId, orderId, pickingId],
    );
    const row = after.rows[0];
    expect(row?.so).toBe('sale');
    expect(row?.picking).toBe('done');
    expect(row?.date_done).not.toBeNull();
    expect(Number(row?.quantity)).toBe(Number(before.rows[0]?.quantity) - 3);
    expect(Number(row?.remaining_qty)).toBe(Number(before.rows[0]?.remaining_qty) - 3);
    expect(Number(row?.out_qty)).toBe(-3);
    expect(Number(row?.delivered)).toBe(3);
  });

  it('returns the backorder wizard action when less than the demand is picked', async () => {
    const url = lab.server.url;
    const orderId = (await executeKw(url, 'sale.order', 'create', [{ partner_id: 11, order_line: [[0, 0, { product_id: 6, product_uom_qty: 4 }]] }])).value;
    await executeKw(url, 'sale.order', 'action_confirm', [[orderId]]);
    const [picking] = (await executeKw(url, 'stock.picking', 'search_read', [[['sale_id', '=', orderId]]], { fields: ['id'] })).value as Array<{ id: number }>;
    const [line] = (await executeKw(url, 'stock.move.line', 'search_read', [[['picking_id', '=', picking?.id]]], { fields: ['id'] })).value as Array<{ id: number }>;
    await executeKw(url, 'stock.move.line', 'write', [[line?.id], { quantity: 1, picked: true }]);
    const action = (await executeKw(url, 'stock.picking', 'button_validate', [[picking?.id]])).value as Record<string, unknown>;
    expect(action).toMatchObject({
      name: 'Create Backorder?', type: 'ir.actions.act_window', res_model: 'stock.backorder.confirmation', target: 'new',
      context: { button_validate_picking_ids: [picking?.id], default_pick_ids: [[4, picking?.id]] },
    });
  });
});

describe('prefork model, transactions and log', () => {
  it('queues requests beyond the worker count (4 concurrent on 2 workers)', async () => {
    const url = lab.server.url;
    const started = Date.now();
    const finished: number[] = [];
    // authenticate runs a real 600 000-round PBKDF2 (~0.3 s, not scaled by timeScale)
    await Promise.all(
      [0, 1, 2, 3].map(async () => {
        expect(await xmlrpc(url, 'common', 'authenticate', [DB, 'admin', ADMIN_PASSWORD, {}])).toEqual({ value: 2 });
        finished.push(Date.now() - started);
      }),
    );
    finished.sort((a, b) => a - b);
    // the 3rd and 4th wait for a free worker: they finish about one service time after the first two
    const service = finished[0] ?? 0;
    expect(finished[2]).toBeGreaterThanOrEqual(service * 1.6);
    const pids = lab.server.workerPids();
    expect(pids).toHaveLength(2);
  });

  it('serves a queued request behind requests whose clients gave up (no idle worker left waiting)', async () => {
    const url = lab.server.url;
    // Both workers busy with a login (real PBKDF2, ~0.3 s); behind them three requests whose
    // clients hang up while queued, then a live one. When the workers free up, the abandoned
    // requests must not take the workers' turns and leave the live one queued behind idle workers.
    const logins = [0, 1].map(() => xmlrpc(url, 'common', 'authenticate', [DB, 'admin', ADMIN_PASSWORD, {}]));
    await new Promise((r) => setTimeout(r, 30));
    const abandoned = [0, 1, 2].map(async () => {
      const controller = new AbortController();
      const request = fetch(`${url}/web/webclient/version_info`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"jsonrpc":"2.0","method":"call","params":{},"id":1}', signal: controller.signal });
      setTimeout(() => controller.abort(), 40);
      await request.catch(() => undefined);
    });
    await Promise.all(abandoned);
    const live = jsonCall(url, '/web/webclient/version_info', {});
    await Promise.all(logins);
    const answer = await Promise.race([live, new Promise<'stalled'>((r) => setTimeout(() => r('stalled'), 10_000))]);
    expect(answer === 'stalled' ? answer : answer.status).toBe(200);
  });

  it('runs calls in REPEATABLE READ on connections named odoo-<worker pid>', async () => {
    await executeKw(lab.server.url, 'res.partner', 'search', [[]], { limit: 1 });
    const names = await db.query<{ application_name: string }>(`SELECT DISTINCT application_name FROM pg_stat_activity WHERE application_name LIKE 'odoo-%'`);
    const expected = lab.server.workerPids().map((pid) => `odoo-${pid}`).sort();
    expect(names.rows.map((r) => r.application_name).sort()).toEqual(expected);
    const statements = await db.query<{ query: string }>(`SELECT query FROM pg_stat_statements WHERE query LIKE 'BEGIN ISOLATION LEVEL REPEATABLE READ%'`);
    expect(statements.rowCount).toBeGreaterThan(0);
  });

  it('writes werkzeug request lines in Odoo 17 format from the worker pids', () => {
    const requests = logLines().filter((l) => l.includes(' werkzeug: '));
    expect(requests.length).toBeGreaterThan(10);
    const pids = new Set(lab.server.workerPids().map(String));
    for (const line of requests) {
      const match = REQUEST_LINE.exec(line);
      expect(match, line).not.toBeNull();
      expect(pids.has(match?.[2] ?? '')).toBe(true);
    }
    expect(requests.some((l) => /"POST \/xmlrpc\/2\/object HTTP\/1\.1" 200 - \d+ /.test(l))).toBe(true);
    expect(requests.some((l) => l.includes(' INFO None werkzeug: ') || l.includes('/xmlrpc/2/common'))).toBe(true);
  });

  it("retries a serialization failure with Odoo's back-off log line when two deliveries consume one valuation layer", async () => {
    const url = lab.server.url;
    const retryLine = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} \d+ INFO distri odoo\.service\.model: SERIALIZATION_FAILURE, 4 tries left, try again in \d+\.\d{4} sec\.\.\. $/;
    for (let round = 0; round < 4 && !logLines().some((l) => retryLine.test(l)); round++) {
      const pickings: number[] = [];
      for (const partner of [13, 14]) {
        const order = (await executeKw(url, 'sale.order', 'create', [{ partner_id: partner, order_line: [[0, 0, { product_id: 9, product_uom_qty: 1 }]] }])).value;
        await executeKw(url, 'sale.order', 'action_confirm', [[order]]);
        const [picking] = (await executeKw(url, 'stock.picking', 'search_read', [[['sale_id', '=', order]]], { fields: ['id'] })).value as Array<{ id: number }>;
        pickings.push(picking?.id ?? 0);
      }
      // both deliveries UPDATE the product's oldest FIFO layer: the later one fails and is retried
      const validated = await Promise.all(pickings.map((id) => executeKw(url, 'stock.picking', 'button_validate', [[id]])));
      for (const reply of validated) expect(reply).toEqual({ value: true });
    }
    const lines = logLines();
    expect(lines.some((l) => retryLine.test(l))).toBe(true);
    expect(lines.some((l) => /ERROR distri odoo\.sql_db: bad query: (UPDATE "stock_valuation_layer"|UPDATE "stock_quant"|SELECT id FROM stock_quant)/.test(l))).toBe(true);
    expect(lines).toContain('ERROR: could not serialize access due to concurrent update');
  });

  it('replaces a worker that dies and keeps serving', async () => {
    const [victim, survivor] = lab.server.workerPids();
    process.kill(victim ?? 0, 'SIGKILL');
    for (let i = 0; i < 50 && (lab.server.workerPids().length < 2 || lab.server.workerPids().includes(victim ?? 0)); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const pids = lab.server.workerPids();
    expect(pids).toHaveLength(2);
    expect(pids).toContain(survivor);
    expect(pids).not.toContain(victim);
    expect(await executeKw(lab.server.url, 'res.partner', 'search_count', [[['id', '=', 3]]])).toEqual({ value: 1 });
  });
});
