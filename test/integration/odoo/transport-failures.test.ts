import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { messages, OdooError } from '../../../src/odoo/errors.js';
import { HttpChannel } from '../../../src/odoo/http.js';
import { JsonRpcClient } from '../../../src/odoo/transports/json-rpc.js';
import { WebSessionClient } from '../../../src/odoo/transports/web-session.js';
import { XmlRpcClient } from '../../../src/odoo/transports/xml-rpc.js';
import type { OdooClient } from '../../../src/odoo/types.js';
import { jsonRpcResult, parseJsonRpc, parseMethodCall, sessionCookie, startHttp10Server, startServer, xmlResult, type TestServer } from './odoo17-server.js';

const PASSWORD = 'Tr4nsport-Secret';

let server: TestServer | undefined;
let client: OdooClient | HttpChannel | undefined;
afterEach(async () => {
  await client?.close();
  await server?.close();
  client = undefined;
  server = undefined;
});

function jsonTarget(url: string, timeoutMs = 5000) {
  return { url, db: 'staging', login: 'loadtest', password: PASSWORD, timeoutMs };
}

async function failure(promise: Promise<unknown>): Promise<OdooError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OdooError);
  const odooError = error as OdooError;
  expect(odooError.message).not.toContain(PASSWORD);
  return odooError;
}

describe('transport failures, from real sockets', () => {
  it('maps a 502 from a proxy to http_error with the status', async () => {
    server = await startServer(() => ({ status: 502, headers: { 'Content-Type': 'text/html' }, body: '<html><body><h1>502 Bad Gateway</h1></body></html>' }));
    client = new JsonRpcClient(jsonTarget(server.url));
    const error = await failure(client.authenticate());
    expect([error.kind, error.code, error.httpStatus]).toEqual(['http_error', 'ODOO_HTTP_ERROR', 502]);
    expect(error.message).toBe(messages.httpError(`${server.url}/jsonrpc`, 502));
  });

  it('maps a socket destroyed before any reply to connection_reset', async () => {
    server = await startServer(() => 'reset');
    client = new XmlRpcClient(jsonTarget(server.url));
    const error = await failure(client.authenticate());
    expect([error.kind, error.code]).toEqual(['connection_reset', 'ODOO_CONNECTION_RESET']);
    expect(error.message).toBe(messages.connectionReset(`${server.url}/xmlrpc/2/common`));
  });

  it('gives up after timeoutMs on a server that never answers', async () => {
    server = await startServer(() => 'hang');
    client = new WebSessionClient(jsonTarget(server.url, 300));
    const started = Date.now();
    const error = await failure(client.authenticate());
    const elapsed = Date.now() - started;
    expect([error.kind, error.code]).toEqual(['timeout', 'ODOO_TIMEOUT']);
    expect(error.message).toBe(messages.timeout(`${server.url}/web/session/authenticate`, 300));
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(3000);
  });

  it('maps a closed port to connection_refused', async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    client = new XmlRpcClient(jsonTarget(`http://127.0.0.1:${port}`));
    const error = await failure(client.authenticate());
    expect([error.kind, error.code]).toEqual(['connection_refused', 'ODOO_CONNECTION_REFUSED']);
    expect(error.message).toBe(`Cannot connect to Odoo at http://127.0.0.1:${port}/xmlrpc/2/common: connection refused. Check the URL and port, and that Odoo (or its proxy) is running.`);
  });

  it('maps a reply that is not JSON to protocol_error', async () => {
    server = await startServer(() => ({ headers: { 'Content-Type': 'text/html' }, body: '<html>Odoo is starting</html>' }));
    client = new JsonRpcClient(jsonTarget(server.url));
    const error = await failure(client.authenticate());
    expect(error.kind).toBe('protocol_error');
    expect(error.message).toContain('expected JSON, got "<html>Odoo is starting</html>"');
  });
});

describe('keep-alive agent', () => {
  it('works with Odoo prefork workers that answer HTTP/1.0 and close every connection', async () => {
    server = await startHttp10Server((body) => ({
      contentType: 'application/json',
      body: JSON.stringify({ jsonrpc: '2.0', id: parseJsonRpc(body).id, result: 7 }),
    }));
    client = new JsonRpcClient(jsonTarget(server.url));
    expect(await client.authenticate()).toBe(7);
    for (let i = 0; i < 3; i += 1) expect(await client.call('res.partner', 'search_count', [[]])).toBe(7);
    // One connection per request: the agent noticed each close and did not reuse the socket.
    expect(server.connections()).toBe(4);
    expect(server.requests.map((r) => r.path)).toEqual(['/jsonrpc', '/jsonrpc', '/jsonrpc', '/jsonrpc']);
  });

  it('reuses one connection with a keep-alive server (a proxy)', async () => {
    server = await startServer(async (request) => (request.path === '/xmlrpc/2/common' ? xmlResult(7) : xmlResult((await parseMethodCall(request.body)).params.length)));
    client = new XmlRpcClient(jsonTarget(server.url));
    for (let i = 0; i < 5; i += 1) expect(await client.call('res.partner', 'search_count', [[]])).toBe(7);
    expect(server.requests).toHaveLength(6);
    expect(server.connections()).toBe(1);
  });

  it('resends once on a fresh socket when a kept-alive socket was closed under it', async () => {
    // The proxy drops the idle connection as the second request arrives on it: it never got processed.
    server = await startServer((request) => {
      if (request.connection === 1 && request.onConnection === 2) return 'reset';
      const rpc = parseJsonRpc(request.body);
      if (request.path === '/web/session/authenticate') {
        return { ...jsonRpcResult(rpc.id, { uid: 2 }), headers: { 'Content-Type': 'application/json', 'Set-Cookie': sessionCookie('sid-1') } };
      }
      return jsonRpcResult(rpc.id, [{ id: 1 }]);
    });
    client = new WebSessionClient(jsonTarget(server.url));
    await client.authenticate();
    expect(await client.call('res.partner', 'search_read', [[]], { fields: ['id'] })).toEqual([{ id: 1 }]);
    expect(server.connections()).toBe(2);
    expect(server.requests.map((r) => [r.connection, r.onConnection])).toEqual([
      [1, 1],
      [1, 2],
      [2, 1],
    ]);
  });
});
