/**
 * DNS, TLS and timeouts get a clear kind and a one-line message naming the host (issue 10,
 * "Faults"), through the real transports on loopback.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from '../../../src/odoo/connect.js';
import { OdooError } from '../../../src/odoo/errors.js';

let plain: Server;
let silent: Server;
let port: number;
let silentPort: number;

beforeAll(async () => {
  plain = createServer((_req, res) => res.writeHead(200).end('{}'));
  silent = createServer(() => undefined); // never answers
  await Promise.all([plain, silent].map((s) => new Promise<void>((resolve) => s.listen(0, '127.0.0.1', () => resolve()))));
  port = (plain.address() as AddressInfo).port;
  silentPort = (silent.address() as AddressInfo).port;
});
afterAll(async () => {
  silent.closeAllConnections();
  await Promise.all([plain, silent].map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
});

async function failure(url: string, timeoutMs = 5000): Promise<OdooError> {
  const client = createClient({ url, db: 'x', login: 'u', password: 'never-shown', timeoutMs }, 'web');
  try {
    await client.authenticate();
  } catch (error) {
    expect(error).toBeInstanceOf(OdooError);
    const e = error as OdooError;
    expect(e.message).not.toContain('\n');
    expect(e.message).not.toContain('never-shown');
    return e;
  } finally {
    await client.close();
  }
  throw new Error('expected a failure');
}

describe('failure classification on real sockets', () => {
  it('an https URL to a plain HTTP port is a tls_error naming the URL', async () => {
    const e = await failure(`https://127.0.0.1:${port}`);
    expect(e.kind).toBe('tls_error');
    expect(e.message).toMatch(new RegExp(`^TLS failure talking to https://127\\.0\\.0\\.1:${port}/`));
  });

  it('an unknown host (.invalid, RFC 2606) is a dns_error naming the host', async () => {
    const e = await failure('http://odoo-capacity-test.invalid:8069');
    expect(e.kind).toBe('dns_error');
    expect(e.message).toContain('"odoo-capacity-test.invalid:8069"');
  });

  it('a server that never answers is a timeout after the per-request timeout', async () => {
    const started = Date.now();
    const e = await failure(`http://127.0.0.1:${silentPort}`, 300);
    expect(e.kind).toBe('timeout');
    expect(e.message).toContain('within 300 ms');
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
