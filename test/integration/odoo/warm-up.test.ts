/**
 * warmUp against a real HTTP server standing in for Odoo's prefork workers: the first request each
 * "worker" serves is slow (registry load), later ones fast.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { warmUp } from '../../../src/odoo/warm-up.js';
import { jsonRpcResult, parseJsonRpc, startServer, sessionCookie, type TestServer } from './odoo17-server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('warmUp', () => {
  it('sends rounds of 2 × workers concurrent calls until a round is fast, after one login', async () => {
    let calls = 0;
    let inFlight = 0;
    let maxInFlight = 0;
    server = await startServer(async (request) => {
      const { id } = parseJsonRpc(request.body);
      if (request.path === '/web/session/authenticate') return { ...jsonRpcResult(id, { uid: 2 }), headers: { 'Set-Cookie': sessionCookie('s1') } };
      calls += 1;
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      // The first 6 calls are "cold" (1.2 s), the rest fast (1 ms): far apart, so a busy machine cannot blur them.
      await new Promise((resolve) => setTimeout(resolve, calls <= 6 ? 1200 : 1));
      inFlight -= 1;
      return jsonRpcResult(id, 1);
    });
    const result = await warmUp({ url: server.url, db: 'd', login: 'l', password: 'p' }, 'web', 3, { fastMs: 600 });
    expect(result.concurrency).toBe(6);
    expect(result.warm).toBe(true);
    expect(result.rounds).toHaveLength(2);
    expect(result.rounds[0]?.slowestMs).toBeGreaterThanOrEqual(1150);
    expect(result.rounds[1]?.slowestMs).toBeLessThan(600);
    expect(maxInFlight).toBe(6);
    expect(server.requests.filter((r) => r.path === '/web/session/authenticate')).toHaveLength(1);
    expect(server.connections()).toBeGreaterThanOrEqual(6);
  });

  it('gives up after maxRounds and says the target is not warm', async () => {
    server = await startServer(async (request) => {
      const { id } = parseJsonRpc(request.body);
      if (request.path === '/web/session/authenticate') return { ...jsonRpcResult(id, { uid: 2 }), headers: { 'Set-Cookie': sessionCookie('s1') } };
      await new Promise((resolve) => setTimeout(resolve, 30));
      return jsonRpcResult(id, 1);
    });
    const result = await warmUp({ url: server.url, db: 'd', login: 'l', password: 'p' }, 'web', 1, { fastMs: 5, maxRounds: 2 });
    expect(result).toMatchObject({ warm: false, concurrency: 4 });
    expect(result.rounds).toHaveLength(2);
  });
});
