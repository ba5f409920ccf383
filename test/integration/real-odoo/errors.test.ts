/**
 * Typed errors provoked on a real Odoo 17 — skipped unless ODOO_URL, ODOO_DB, ODOO_LOGIN and
 * ODOO_PASSWORD are set. One wrong password only (five lock the IP out for 60 s).
 * Serialization failures need concurrent writers: covered against real-shaped servers in
 * test/unit/odoo/errors.test.ts and test/integration/odoo/json2.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../../src/odoo/connect.js';
import { OdooError } from '../../../src/odoo/errors.js';
import { HttpChannel } from '../../../src/odoo/http.js';
import { postJsonRpc } from '../../../src/odoo/json-rpc.js';
import type { OdooClient, TransportName } from '../../../src/odoo/types.js';
import { realTarget } from './harness.js';

const target = realTarget();
const TAG = `oc-it-errors-${Date.now().toString(36)}`;

async function failure(promise: Promise<unknown>): Promise<OdooError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof OdooError) return error;
    throw error;
  }
  throw new Error('expected an OdooError');
}

describe.skipIf(target === undefined)('typed errors from a real Odoo', () => {
  const clients: Partial<Record<TransportName, OdooClient>> = {};
  let orderId = 0;
  let countedProductId = 0;

  beforeAll(async () => {
    if (!target) return;
    for (const transport of ['web', 'xmlrpc', 'jsonrpc'] as const) {
      clients[transport] = createClient(target, transport);
      await clients[transport]?.authenticate();
    }
    const xml = clients.xmlrpc as OdooClient;
    const [customer] = await xml.call<Array<{ id: number }>>('res.partner', 'search_read', [[['customer_rank', '>', 0]]], { fields: ['id'], limit: 1 });
    const [product] = await xml.call<Array<{ id: number }>>('product.product', 'search_read', [[['sale_ok', '=', true], ['invoice_policy', '=', 'order']]], { fields: ['id'], limit: 1 });
    orderId = await xml.call<number>('sale.order', 'create', [{ partner_id: customer?.id, client_order_ref: TAG, order_line: [[0, 0, { product_id: product?.id, product_uom_qty: 1 }]] }]);
    await xml.call('sale.order', 'action_confirm', [[orderId]]);
  }, 60_000);

  afterAll(async () => {
    const xml = clients.xmlrpc;
    if (xml && countedProductId) await xml.call('product.product', 'write', [[countedProductId], { active: false }]);
    if (xml && orderId) {
      await xml.call('sale.order', 'action_cancel', [[orderId]], { context: { disable_cancel_warning: true } });
      await xml.call('sale.order', 'unlink', [[orderId]]);
    }
    for (const client of Object.values(clients)) await client?.close();
  });

  it.each(['web', 'xmlrpc', 'jsonrpc'] as const)('%s: UserError, MissingError and private method', async (transport) => {
    const client = clients[transport] as OdooClient;
    const user = await failure(client.call('sale.order', 'unlink', [[orderId]]));
    expect(user.kind).toBe('user_error');
    expect(user.odooMessage).toMatch(/cancel/i);
    const missing = await failure(client.call('res.partner', 'write', [[987654321], { comment: 'x' }]));
    expect(missing.kind).toBe('missing_error');
    const privateMethod = await failure(client.call('sale.order', '_create_invoices', [[orderId]]));
    expect(privateMethod.kind).toBe('private_method');
  }, 30_000);

  it('web and jsonrpc tell a ValidationError apart (XML-RPC folds it into fault 2, a user error)', async () => {
    const xml = clients.xmlrpc as OdooClient;
    const rows = await xml.call<Array<{ id: number; barcode: string }>>('product.product', 'search_read', [[['barcode', '!=', false]]], { fields: ['barcode'], limit: 2 });
    const [first, second] = rows;
    if (!first || !second) throw new Error('need two products with barcodes: run prepare');
    const web = await failure((clients.web as OdooClient).call('product.product', 'write', [[second.id], { barcode: first.barcode }]));
    expect(web.kind).toBe('validation_error');
    expect(web.odooName).toBe('odoo.exceptions.ValidationError');
    const viaXml = await failure(xml.call('product.product', 'write', [[second.id], { barcode: first.barcode }]));
    expect(viaXml.kind).toBe('user_error');
    expect(viaXml.faultCode).toBe(2);
  }, 30_000);

  it('XML-RPC "cannot marshal None" (stock.quant.action_apply_inventory returns None) is a success', async () => {
    const xml = clients.xmlrpc as OdooClient;
    // Its own storable product and stock (prepare's may not exist yet: journeys.test.ts runs beside this file).
    const productId = await xml.call<number>('product.product', 'create', [{ name: `${TAG} counted`, default_code: `${TAG}-P`, detailed_type: 'product' }]);
    countedProductId = productId;
    const [warehouse] = await xml.call<Array<{ lot_stock_id: [number, string] }>>('stock.warehouse', 'search_read', [[]], { fields: ['lot_stock_id'], limit: 1 });
    const quantId = await xml.call<number>('stock.quant', 'create', [{ product_id: productId, location_id: warehouse?.lot_stock_id[0], inventory_quantity: 7 }], { context: { inventory_mode: true } });
    // Apply the count: Odoo commits, then fails to marshal the None it returned.
    await expect(xml.call('stock.quant', 'action_apply_inventory', [[quantId]])).resolves.toBeUndefined();
    const [after] = await xml.call<Array<{ quantity: number; inventory_quantity_set: boolean }>>('stock.quant', 'read', [[quantId], ['quantity', 'inventory_quantity_set']]);
    expect(after).toEqual({ id: quantId, quantity: 7, inventory_quantity_set: false });
  }, 30_000);

  it('a call without a session is session_expired (JSON-RPC code 100)', async () => {
    if (!target) return;
    const channel = new HttpChannel(target.url);
    try {
      const error = await failure(postJsonRpc(channel, 'web/dataset/call_kw/res.partner/search_count', { model: 'res.partner', method: 'search_count', args: [[]], kwargs: {} }, 1));
      expect(error.kind).toBe('session_expired');
    } finally {
      await channel.close();
    }
  });

  it('the staging marker is an AccessError for a non-admin user (demo/demo on the demo database)', async () => {
    if (!target) return;
    const demo = createClient({ ...target, login: 'demo', password: 'demo' }, 'xmlrpc');
    try {
      await demo.authenticate();
      const error = await failure(demo.call('ir.config_parameter', 'search_read', [[['key', '=', 'database.is_neutralized']]], { fields: ['value'] }));
      expect(error.kind).toBe('access_error');
      expect(error.faultCode).toBe(4);
    } catch (error) {
      // Not the demo database: no demo user. Nothing else to check here.
      if (!(error instanceof OdooError && error.kind === 'access_denied')) throw error;
    } finally {
      await demo.close();
    }
  });

  it('one wrong password is access_denied and is not retried', async () => {
    if (!target) return;
    const wrong = createClient({ ...target, password: `${target.password}-wrong` }, 'xmlrpc');
    try {
      const first = await failure(wrong.authenticate());
      expect(first.kind).toBe('access_denied');
      expect(first.message).toContain(`rejected login "${target.login}" on database "${target.db}"`);
      expect(first.message).not.toContain(`${target.password}-wrong`);
      const again = await failure(wrong.call('res.partner', 'search_count', [[]]));
      expect(again).toBe(first);
    } finally {
      await wrong.close();
    }
  });
});
