import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../../../src/odoo/connect.js';
import { readStagingMarker } from '../../../src/odoo/staging.js';
import type { OdooClient } from '../../../src/odoo/types.js';
import { detectVersion } from '../../../src/odoo/version.js';
import { ACCESS_ERROR_TEXT, VERSION_INFO } from '../../unit/odoo/odoo17-replies.js';
import { jsonRpcResult, parseJsonRpc, parseMethodCall, startServer, xmlFault, xmlResult, type TestServer } from './odoo17-server.js';

let server: TestServer | undefined;
let client: OdooClient | undefined;
afterEach(async () => {
  await client?.close();
  await server?.close();
  client = undefined;
  server = undefined;
});

describe('detectVersion', () => {
  it('reads /web/webclient/version_info of Odoo 17', async () => {
    server = await startServer((request) => {
      expect(request.path).toBe('/web/webclient/version_info');
      expect(parseJsonRpc(request.body)).toMatchObject({ jsonrpc: '2.0', method: 'call', params: {} });
      return jsonRpcResult(parseJsonRpc(request.body).id, VERSION_INFO);
    });
    expect(await detectVersion(server.url)).toEqual({ serverVersion: '17.0', serverVersionInfo: [17, 0, 0, 'final', 0, ''], major: 17 });
  });

  it('reads the major version of SaaS builds and Enterprise', async () => {
    server = await startServer((request) =>
      jsonRpcResult(parseJsonRpc(request.body).id, { server_version: 'saas~17.2+e', server_version_info: ['saas~17', 2, 0, 'final', 0, 'e'] }),
    );
    expect(await detectVersion(server.url)).toMatchObject({ major: 17, serverVersion: 'saas~17.2+e' });
  });

  it('rejects a reply without version fields as protocol_error', async () => {
    server = await startServer((request) => jsonRpcResult(parseJsonRpc(request.body).id, { hello: 'world' }));
    await expect(detectVersion(server.url)).rejects.toMatchObject({ kind: 'protocol_error' });
  });
});

describe('readStagingMarker over XML-RPC', () => {
  function stagingServer(reply: () => ReturnType<typeof xmlResult>) {
    return startServer(async (request) => {
      if (request.path === '/xmlrpc/2/common') return xmlResult(2);
      const { params } = await parseMethodCall(request.body);
      expect(params.slice(3)).toEqual([
        'ir.config_parameter',
        'search_read',
        [[['key', '=', 'database.is_neutralized']]],
        { fields: ['key', 'value'], limit: 1 },
      ]);
      return reply();
    });
  }
  const target = (url: string) => ({ url, db: 'staging', login: 'admin', password: 'admin-pass-9' });

  it('is true when odoo-bin neutralize stored "true"', async () => {
    server = await stagingServer(() => xmlResult([{ id: 41, key: 'database.is_neutralized', value: 'true' }]));
    client = createClient(target(server.url), 'xmlrpc');
    expect(await readStagingMarker(client)).toBe(true);
  });

  it('is false without the parameter, or with a false value', async () => {
    server = await stagingServer(() => xmlResult([]));
    client = createClient(target(server.url), 'xmlrpc');
    expect(await readStagingMarker(client)).toBe(false);
    await client.close();
    await server.close();
    server = await stagingServer(() => xmlResult([{ id: 41, key: 'database.is_neutralized', value: 'False' }]));
    client = createClient(target(server.url), 'xmlrpc');
    expect(await readStagingMarker(client)).toBe(false);
  });

  it('explains that only administrators can read it', async () => {
    server = await stagingServer(() => xmlFault(4, ACCESS_ERROR_TEXT));
    client = createClient(target(server.url), 'xmlrpc');
    const error = await readStagingMarker(client, { url: server.url, login: 'loadtest' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'access_error', code: 'ODOO_STAGING_MARKER_UNREADABLE' });
    expect((error as Error).message).toBe(
      `Login "loadtest" cannot read the staging marker (ir.config_parameter "database.is_neutralized") at ${server.url}/: only administrators can. Use an administrator login to check the target.`,
    );
  });
});
