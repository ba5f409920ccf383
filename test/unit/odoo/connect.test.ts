import { describe, expect, it } from 'vitest';
import { createClient } from '../../../src/odoo/connect.js';
import { majorOf } from '../../../src/odoo/version.js';

const target = { url: 'http://127.0.0.1:8069', db: 'staging', login: 'loadtest', password: 'pw-123456' };

describe('createClient', () => {
  it('builds the transport asked for, json2 included, without sending anything', async () => {
    for (const transport of ['web', 'xmlrpc', 'jsonrpc', 'json2'] as const) {
      const client = createClient(target, transport);
      expect(client.transport).toBe(transport);
      expect(client.uid).toBeUndefined();
      await client.close();
    }
  });

  it('gives callButton to the web session transport only', async () => {
    const web = createClient(target, 'web');
    const xml = createClient(target, 'xmlrpc');
    expect(typeof web.callButton).toBe('function');
    expect(xml.callButton).toBeUndefined();
    await web.close();
    await xml.close();
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
