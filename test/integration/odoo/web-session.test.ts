import { afterEach, describe, expect, it } from 'vitest';
import { OdooError } from '../../../src/odoo/errors.js';
import { WebSessionClient } from '../../../src/odoo/transports/web-session.js';
import type { OdooTarget } from '../../../src/odoo/types.js';
import { jsonRpcError, PRIVATE_METHOD_TEXT, USER_ERROR_TEXT } from '../../unit/odoo/odoo17-replies.js';
import { jsonRpcErrorReply, jsonRpcResult, parseJsonRpc, sessionCookie, startServer, type SeenRequest, type TestServer } from './odoo17-server.js';

const PASSWORD = 'S3cret-Passw0rd!';
const SID = 'a1b2c3d4e5f60718293a4b5c6d7e8f9001122334';

let server: TestServer | undefined;
let client: WebSessionClient | undefined;
afterEach(async () => {
  await client?.close();
  await server?.close();
  client = undefined;
  server = undefined;
});

function target(url: string, overrides: Partial<OdooTarget> = {}): OdooTarget {
  return { url, db: 'staging', login: 'loadtest', password: PASSWORD, timeoutMs: 5000, ...overrides };
}

/** A web-session Odoo: authenticate sets the cookie; call_kw needs it (SessionExpired otherwise). */
function odooWeb(calls: (request: SeenRequest, params: Record<string, unknown>) => unknown) {
  return (request: SeenRequest) => {
    const rpc = parseJsonRpc(request.body);
    if (request.path === '/web/session/authenticate') {
      if (rpc.params.password !== PASSWORD) return jsonRpcErrorReply(rpc.id, jsonRpcError('odoo.exceptions.AccessDenied', 'Access Denied'));
      return { ...jsonRpcResult(rpc.id, { uid: 6, is_system: false, db: 'staging', name: 'Load Test' }), headers: { 'Content-Type': 'application/json', 'Set-Cookie': sessionCookie(SID) } };
    }
    if (request.headers.cookie !== `session_id=${SID}`) {
      return jsonRpcErrorReply(rpc.id, jsonRpcError('odoo.http.SessionExpiredException', 'Session expired', 100, 'Odoo Session Expired'));
    }
    const result = calls(request, rpc.params);
    if (result instanceof OdooReply) return result.reply;
    return jsonRpcResult(rpc.id, result);
  };
}

class OdooReply {
  constructor(readonly reply: ReturnType<typeof jsonRpcErrorReply>) {}
}

function expectNoPassword(error: unknown): void {
  expect(error).toBeInstanceOf(OdooError);
  const e = error as OdooError;
  for (const text of [e.message, e.odooMessage, e.debug, e.url, JSON.stringify(e)]) expect(text ?? '').not.toContain(PASSWORD);
}

describe('WebSessionClient against an Odoo 17-shaped server', () => {
  it('authenticates once, keeps the session_id cookie and sends it with every call_kw', async () => {
    server = await startServer(
      odooWeb((request, params) => {
        expect(request.path).toBe('/web/dataset/call_kw/res.partner/search_read');
        expect(params).toEqual({ model: 'res.partner', method: 'search_read', args: [[['customer_rank', '>', 0]]], kwargs: { fields: ['id'], limit: 2 } });
        return [{ id: 12 }, { id: 13 }];
      }),
    );
    client = new WebSessionClient(target(server.url));
    expect(await client.authenticate()).toBe(6);
    expect(client.uid).toBe(6);
    for (let i = 0; i < 3; i += 1) {
      expect(await client.call('res.partner', 'search_read', [[['customer_rank', '>', 0]]], { fields: ['id'], limit: 2 })).toEqual([{ id: 12 }, { id: 13 }]);
    }
    const logins = server.requests.filter((r) => r.path === '/web/session/authenticate');
    expect(logins).toHaveLength(1);
    expect(parseJsonRpc(logins[0]?.body ?? '')).toMatchObject({ jsonrpc: '2.0', method: 'call', params: { db: 'staging', login: 'loadtest', password: PASSWORD } });
    expect(logins[0]?.headers['content-type']).toBe('application/json');
    const calls = server.requests.filter((r) => r.path.startsWith('/web/dataset/'));
    expect(calls.map((r) => r.headers.cookie)).toEqual([`session_id=${SID}`, `session_id=${SID}`, `session_id=${SID}`]);
    // Keep-alive: the HTTP/1.1 server (as a proxy) serves every request on one connection.
    expect(server.connections()).toBe(1);
  });

  it('logs in once for concurrent first calls', async () => {
    server = await startServer(odooWeb(() => true));
    client = new WebSessionClient(target(server.url));
    const results = await Promise.all([1, 2, 3, 4].map((id) => client!.call('sale.order', 'action_confirm', [[id]])));
    expect(results).toEqual([true, true, true, true]);
    expect(server.requests.filter((r) => r.path === '/web/session/authenticate')).toHaveLength(1);
  });

  it('returns undefined for a reply without result (None) and false for result false', async () => {
    server = await startServer(odooWeb((request) => (request.path.endsWith('/action_apply_inventory') ? undefined : false)));
    client = new WebSessionClient(target(server.url));
    expect(await client.call('stock.quant', 'action_apply_inventory', [[3]])).toBeUndefined();
    expect(await client.call('account.move', 'action_post', [[9]])).toBe(false);
  });

  it('calls buttons through /web/dataset/call_button', async () => {
    const action = { type: 'ir.actions.act_window', res_model: 'account.move', res_id: 42 };
    server = await startServer(
      odooWeb((request, params) => {
        expect(request.path).toBe('/web/dataset/call_button');
        expect(params).toEqual({ model: 'sale.advance.payment.inv', method: 'create_invoices', args: [[5]], kwargs: { context: { active_ids: [7] } } });
        return action;
      }),
    );
    client = new WebSessionClient(target(server.url));
    expect(await client.callButton('sale.advance.payment.inv', 'create_invoices', [[5]], { context: { active_ids: [7] } })).toEqual(action);
  });

  it('maps Odoo errors sent with HTTP 200 and never shows the password', async () => {
    server = await startServer(
      odooWeb((request) => {
        const rpc = parseJsonRpc(request.body);
        const name = request.path.endsWith('unlink') ? 'odoo.exceptions.UserError' : 'odoo.exceptions.AccessError';
        return new OdooReply(jsonRpcErrorReply(rpc.id, jsonRpcError(name, name.endsWith('UserError') ? USER_ERROR_TEXT : PRIVATE_METHOD_TEXT)));
      }),
    );
    client = new WebSessionClient(target(server.url));
    const userError = await client.call('sale.order', 'unlink', [[1]]).catch((e: unknown) => e);
    expect(userError).toMatchObject({ kind: 'user_error', code: 'ODOO_USER_ERROR', odooMessage: USER_ERROR_TEXT });
    expect((userError as OdooError).message).toBe(
      `Odoo at ${server.url}/web/dataset/call_kw/sale.order/unlink refused sale.order.unlink with a user error: ${USER_ERROR_TEXT}`,
    );
    expectNoPassword(userError);
    const privateError = await client.call('sale.order', '_create_invoices', [[1]]).catch((e: unknown) => e);
    expect(privateError).toMatchObject({ kind: 'private_method', code: 'ODOO_PRIVATE_METHOD' });
    expectNoPassword(privateError);
  });

  it('rejects a bad password once, naming login and URL, and does not ask the server again', async () => {
    server = await startServer(odooWeb(() => true));
    client = new WebSessionClient(target(server.url, { password: 'wrong-password-123' }));
    const first = await client.authenticate().catch((e: unknown) => e);
    expect(first).toMatchObject({ kind: 'access_denied', code: 'ODOO_ACCESS_DENIED' });
    expect((first as OdooError).message).toBe(
      `Odoo at ${server.url}/web/session/authenticate rejected login "loadtest" on database "staging" (wrong login or password, or unknown database). Do not retry: Odoo locks the client's IP out after 5 failed logins; fix the credentials first.`,
    );
    expect((first as OdooError).message).not.toContain('wrong-password-123');
    const again = await client.call('res.partner', 'search_read', [[]]).catch((e: unknown) => e);
    expect(again).toMatchObject({ kind: 'access_denied' });
    expect(server.requests).toHaveLength(1);
  });

  it('reports a two-factor login ({uid: null}) as access_denied ODOO_TWO_FACTOR_REQUIRED', async () => {
    server = await startServer((request) => jsonRpcResult(parseJsonRpc(request.body).id, { uid: null }));
    client = new WebSessionClient(target(server.url));
    await expect(client.authenticate()).rejects.toMatchObject({ kind: 'access_denied', code: 'ODOO_TWO_FACTOR_REQUIRED' });
  });

  it('maps a lost session (code 100) to session_expired', async () => {
    let sessions = 0;
    server = await startServer((request) => {
      const rpc = parseJsonRpc(request.body);
      if (request.path === '/web/session/authenticate') {
        sessions += 1;
        return { ...jsonRpcResult(rpc.id, { uid: 6 }), headers: { 'Content-Type': 'application/json', 'Set-Cookie': sessionCookie(`sid${sessions}`) } };
      }
      return jsonRpcErrorReply(rpc.id, jsonRpcError('odoo.http.SessionExpiredException', 'Session expired', 100, 'Odoo Session Expired'));
    });
    client = new WebSessionClient(target(server.url));
    await expect(client.call('res.partner', 'read', [[1]])).rejects.toMatchObject({ kind: 'session_expired', code: 'ODOO_SESSION_EXPIRED' });
    // It logged in again once (issue 10), then gave up: still expired.
    expect(sessions).toBe(2);
    expect(client.sessionCookie).toBe('sid2');
  });

  it('logs in again once when the session expired (an Odoo restart) and retries the call', async () => {
    let sessions = 0;
    const calls: string[] = [];
    server = await startServer((request) => {
      const rpc = parseJsonRpc(request.body);
      if (request.path === '/web/session/authenticate') {
        sessions += 1;
        return { ...jsonRpcResult(rpc.id, { uid: 6 }), headers: { 'Content-Type': 'application/json', 'Set-Cookie': sessionCookie(`sid${sessions}`) } };
      }
      const cookie = request.headers.cookie ?? '';
      calls.push(cookie);
      // The restarted server knows only sessions made after the restart (sid2 onwards).
      if (cookie.includes('session_id=sid1')) {
        return jsonRpcErrorReply(rpc.id, jsonRpcError('odoo.http.SessionExpiredException', 'Session expired', 100, 'Odoo Session Expired'));
      }
      return jsonRpcResult(rpc.id, [{ id: 1 }]);
    });
    client = new WebSessionClient(target(server.url));
    await expect(client.call('res.partner', 'read', [[1]])).resolves.toEqual([{ id: 1 }]);
    expect(sessions).toBe(2);
    expect(calls).toEqual(['session_id=sid1', 'session_id=sid2']);
    await expect(client.callButton('sale.order', 'action_confirm', [[1]])).resolves.toEqual([{ id: 1 }]);
    expect(sessions).toBe(2);
  });
});

describe('WebSessionClient login errors', () => {
  it('names the database when Odoo answers "Database not found."', async () => {
    server = await startServer((request) => jsonRpcErrorReply(parseJsonRpc(request.body).id, jsonRpcError('odoo.exceptions.AccessError', 'Database not found.')));
    client = new WebSessionClient(target(server.url, { db: 'stagnig' }));
    const error = await client.authenticate().catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'access_error', code: 'ODOO_DATABASE_NOT_FOUND' });
    expect((error as Error).message).toBe(
      `Odoo at ${server.url}/web/session/authenticate has no database "stagnig" (or its dbfilter hides it). Check the database name of the target.`,
    );
  });
});
