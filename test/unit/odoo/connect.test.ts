import { describe, expect, it } from 'vitest';
import { createClient } from '../../../src/odoo/connect.js';
import { OdooError } from '../../../src/odoo/errors.js';
import { majorOf } from '../../../src/odoo/version.js';

const target = { url: 'http://127.0.0.1:8069', db: 'staging', login: 'loadtest', password: 'pw-123456' };

describe('createClient', () => {
  it('builds the transport asked for, without sending anything', async () => {
    for (const transport of ['web', 'xmlrpc', 'jsonrpc'] as const) {
      const client = createClient(target, transport);
      expect(client.transport).toBe(transport);
      expect(client.uid).toBeUndefined();
      await client.close();
    }
  });

  it('refuses json2 with ODOO_TRANSPORT_NOT_IMPLEMENTED', () => {
    let caught: unknown;
    try {
      createClient(target, 'json2');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(OdooError);
    expect(caught).toMatchObject({ code: 'ODOO_TRANSPORT_NOT_IMPLEMENTED' });
    expect((caught as Error).message).toBe(
      'The "json2" transport is not implemented yet (JSON-2 exists from Odoo 19 on). Use "web", "xmlrpc" or "jsonrpc".',
    );
  });
});

describe('majorOf', () => {
  it('reads the major version from server_version_info or server_version', () => {
    expect(majorOf('17.0', [17, 0, 0, 'final', 0, ''])).toBe(17);
    expect(majorOf('saas~17.4', ['saas~17', 4, 0, 'final', 0, ''])).toBe(17);
    expect(majorOf('18.0+e', [])).toBe(18);
    expect(majorOf('unknown', [])).toBeNaN();
  });
});
