import { afterEach, describe, expect, it } from 'vitest';
import { OdooError } from '../../../src/odoo/errors.js';
import { JsonRpcClient } from '../../../src/odoo/transports/json-rpc.js';
import { XmlRpcClient } from '../../../src/odoo/transports/xml-rpc.js';
import type { OdooTarget } from '../../../src/odoo/types.js';
import { jsonRpcError, MARSHAL_NONE_FAULT, PRIVATE_METHOD_TEXT, SERIALIZATION_TRACEBACK, USER_ERROR_TEXT } from '../../unit/odoo/odoo17-replies.js';
import { jsonRpcErrorReply, jsonRpcResult, parseJsonRpc, parseMethodCall, startServer, xmlFault, xmlResult, type TestServer } from './odoo17-server.js';

const PASSWORD = 'Xml-Rpc-Pass-42';

let server: TestServer | undefined;
let client: XmlRpcClient | JsonRpcClient | undefined;
afterEach(async () => {
  await client?.close();
  await server?.close();
  client = undefined;
  server = undefined;
});

function target(url: string, password = PASSWORD): OdooTarget {
  return { url, db: 'staging', login: 'edi', password, timeoutMs: 5000 };
}

function expectNoPassword(error: unknown, password = PASSWORD): void {
  expect(error).toBeInstanceOf(OdooError);
  const e = error as OdooError;
  for (const text of [e.message, e.odooMessage, e.debug, e.url, JSON.stringify(e)]) expect(text ?? '').not.toContain(password);
}

describe('XmlRpcClient against an Odoo 17-shaped /xmlrpc/2 server', () => {
  it('authenticates on /xmlrpc/2/common, then sends execute_kw with uid and password', async () => {
    server = await startServer(async (request) => {
      const { method, params } = await parseMethodCall(request.body);
      if (request.path === '/xmlrpc/2/common') {
        expect([method, params]).toEqual(['authenticate', ['staging', 'edi', PASSWORD, {}]]);
        return xmlResult(7);
      }
      expect(request.path).toBe('/xmlrpc/2/object');
      expect(method).toBe('execute_kw');
      expect(params).toEqual([
        'staging',
        7,
        PASSWORD,
        'sale.order',
        'create',
        [{ partner_id: 12, order_line: [[0, 0, { product_id: 5, product_uom_qty: 2 }]] }],
        {},
      ]);
      return xmlResult(31);
    });
    client = new XmlRpcClient(target(server.url));
    expect(await client.authenticate()).toBe(7);
    expect(await client.call('sale.order', 'create', [{ partner_id: 12, order_line: [[0, 0, { product_id: 5, product_uom_qty: 2 }]] }])).toBe(31);
    expect(server.requests.map((r) => r.headers['content-type'])).toEqual(['text/xml', 'text/xml']);
  });

  it('treats fault 1 "cannot marshal None" as success with no value', async () => {
    server = await startServer((request) =>
      request.path === '/xmlrpc/2/common' ? xmlResult(7) : xmlFault(MARSHAL_NONE_FAULT.faultCode, MARSHAL_NONE_FAULT.faultString),
    );
    client = new XmlRpcClient(target(server.url));
    expect(await client.call('sale.advance.payment.inv', 'create_invoices', [[3]], { context: { active_ids: [9] } })).toBeUndefined();
  });

  it('maps faults 2, 4 and a fault-1 serialization failure', async () => {
    server = await startServer(async (request) => {
      if (request.path === '/xmlrpc/2/common') return xmlResult(7);
      const { params } = await parseMethodCall(request.body);
      const method = params[4];
      if (method === 'unlink') return xmlFault(2, USER_ERROR_TEXT);
      if (method === '_create_invoices') return xmlFault(4, PRIVATE_METHOD_TEXT);
      return xmlFault(1, SERIALIZATION_TRACEBACK);
    });
    client = new XmlRpcClient(target(server.url));
    const user = await client.call('sale.order', 'unlink', [[1]]).catch((e: unknown) => e);
    expect(user).toMatchObject({ kind: 'user_error', faultCode: 2, odooMessage: USER_ERROR_TEXT });
    expect((user as OdooError).message).toBe(`Odoo at ${server.url}/xmlrpc/2/object refused sale.order.unlink with a user error: ${USER_ERROR_TEXT}`);
    expectNoPassword(user);
    const privateMethod = await client.call('sale.order', '_create_invoices', [[1]]).catch((e: unknown) => e);
    expect(privateMethod).toMatchObject({ kind: 'private_method', faultCode: 4 });
    const serialization = await client.call('stock.picking', 'button_validate', [[1]]).catch((e: unknown) => e);
    expect(serialization).toMatchObject({ kind: 'serialization_failure', faultCode: 1, odooName: 'psycopg2.errors.SerializationFailure' });
    expectNoPassword(serialization);
  });

  it('turns authenticate → False into access_denied, once, without the password', async () => {
    const wrong = 'definitely-wrong-pw';
    server = await startServer(() => xmlResult(false));
    client = new XmlRpcClient(target(server.url, wrong));
    const error = await client.call('res.partner', 'search_read', [[]]).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'access_denied', code: 'ODOO_ACCESS_DENIED' });
    expect((error as OdooError).message).toBe(
      `Odoo at ${server.url}/xmlrpc/2/common rejected login "edi" on database "staging" (wrong login or password, or unknown database). Do not retry: Odoo locks the client's IP out after 5 failed logins; fix the credentials first.`,
    );
    expectNoPassword(error, wrong);
    await expect(client.authenticate()).rejects.toMatchObject({ kind: 'access_denied' });
    expect(server.requests).toHaveLength(1);
  });

  it('reports an HTML page answered with 200 as protocol_error', async () => {
    server = await startServer(() => ({ headers: { 'Content-Type': 'text/html' }, body: '<!DOCTYPE html><html><body>Login</body></html>' }));
    client = new XmlRpcClient(target(server.url));
    const error = await client.authenticate().catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'protocol_error', code: 'ODOO_PROTOCOL_ERROR' });
    expect((error as OdooError).message).toContain(`${server.url}/xmlrpc/2/common`);
  });
});

describe('JsonRpcClient against an Odoo 17-shaped /jsonrpc endpoint', () => {
  it('authenticates with service common and calls execute_kw with service object', async () => {
    server = await startServer((request) => {
      expect(request.path).toBe('/jsonrpc');
      const rpc = parseJsonRpc(request.body);
      if (rpc.params.service === 'common') {
        expect(rpc.params).toEqual({ service: 'common', method: 'authenticate', args: ['staging', 'edi', PASSWORD, {}] });
        return jsonRpcResult(rpc.id, 7);
      }
      expect(rpc.params).toEqual({
        service: 'object',
        method: 'execute_kw',
        args: ['staging', 7, PASSWORD, 'stock.quant', 'action_apply_inventory', [[4]], {}],
      });
      return jsonRpcResult(rpc.id, undefined);
    });
    client = new JsonRpcClient(target(server.url));
    expect(await client.call('stock.quant', 'action_apply_inventory', [[4]])).toBeUndefined();
    expect(client.uid).toBe(7);
  });

  it('maps errors and a False login', async () => {
    server = await startServer((request) => {
      const rpc = parseJsonRpc(request.body);
      if (rpc.params.service === 'common') return jsonRpcResult(rpc.id, 7);
      return jsonRpcErrorReply(rpc.id, jsonRpcError('odoo.exceptions.UserError', USER_ERROR_TEXT));
    });
    client = new JsonRpcClient(target(server.url));
    const error = await client.call('sale.order', 'unlink', [[1]]).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'user_error', odooName: 'odoo.exceptions.UserError' });
    expectNoPassword(error);
    await client.close();
    await server.close();

    server = await startServer((request) => jsonRpcResult(parseJsonRpc(request.body).id, false));
    client = new JsonRpcClient(target(server.url));
    await expect(client.authenticate()).rejects.toMatchObject({ kind: 'access_denied', code: 'ODOO_ACCESS_DENIED' });
  });
});
