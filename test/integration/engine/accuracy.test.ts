/**
 * The embedded engine in real time against a real JSON-RPC server on 127.0.0.1:0: arrival-rate
 * accuracy over a run, and latency from the intended start while the server stalls for 2 s.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Journey } from '../../../scenarios/journeys/types.js';
import { realClock } from '../../../src/engine/clock.js';
import type { LoadPlan } from '../../../src/plan/plan.js';
import { runPlan } from '../../../src/engine/run-plan.js';
import type { ArrivalSample, IterationSample, Sample } from '../../../src/engine/samples.js';
import { createClient } from '../../../src/odoo/connect.js';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  server = undefined;
});

/** Odoo's /jsonrpc shape; replies are held until `holdUntil()` (engine-clock ms; Date.now() may differ from it) has passed. */
async function jsonRpcServer(holdUntil: () => number): Promise<string> {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const params = (JSON.parse(body) as { params?: { service?: string } }).params ?? {};
      const send = () => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ jsonrpc: '2.0', id: null, result: params.service === 'common' ? 2 : [] }));
      };
      const wait = holdUntil() - realClock.now();
      if (wait > 0) setTimeout(send, wait);
      else send();
    });
  });
  await new Promise<void>((r) => server?.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server?.address() as AddressInfo).port}`;
}

const journey: Journey = {
  name: 'stock-inquiry',
  description: 'one call',
  transport: 'jsonrpc',
  steps: ['search'],
  modules: [],
  async run(ctx) {
    await ctx.step('search', () => ctx.client.call('product.product', 'search_read', [[]]));
  },
};

const plan = (rate: number, durationS: number, maxVUs: number, preAllocatedVUs = 20): LoadPlan => ({
  version: 1, profile: 'accuracy', seed: 1, scale: 1, compress: { factor: 1, keep: 'peak-rates' }, durationS, phases: [], slos: {},
  scenarios: [{ journey: 'stock-inquiry', executor: 'ramping-arrival-rate', startRate: rate, stages: [{ durationS, target: rate }], preAllocatedVUs, maxVUs, gracefulStopS: 5 }],
});

async function run(url: string, p: LoadPlan) {
  const samples: Sample[] = [];
  const result = await runPlan({
    plan: p,
    journeys: { 'stock-inquiry': journey },
    createClient: () => createClient({ url, db: 'd', login: 'l', password: 'p' }, 'jsonrpc'),
    sink: { window() {}, event() {} },
    thresholds: [],
    onSample: (s) => samples.push(s),
  });
  return { result, samples };
}

describe('embedded engine in real time', () => {
  // The engine's precision (0.01 % at 1000/s) is measured in bench/engine.bench.ts on a quiet machine;
  // this test checks the behaviour with a margin that holds beside other work on 2 cores.
  it('achieves the arrival rate within 10 % over a run (200/s for 3 s)', async () => {
    const url = await jsonRpcServer(() => 0);
    const { result, samples } = await run(url, plan(200, 3, 100));
    expect(result).toMatchObject({ status: 'completed', scheduled: 600, started: 600, dropped: 0 });
    const starts = samples.filter((s): s is ArrivalSample => s.type === 'arrival').map((s) => s.t + (s.lagMs ?? 0));
    const achieved = (starts.length - 1) / ((Math.max(...starts) - Math.min(...starts)) / 1000);
    expect(Math.abs(achieved / 200 - 1)).toBeLessThan(0.1);
  });

  it('shows a 2 s server stall as ~2 s of latency for the requests scheduled as it began (intended start)', async () => {
    let stallFrom = Infinity;
    const now = () => realClock.now();
    const url = await jsonRpcServer(() => (now() >= stallFrom && now() < stallFrom + 2000 ? stallFrom + 2000 : 0));
    const t0 = now();
    stallFrom = t0 + 1000;
    // Every VU logged in before the start: a VU created during the stall would wait in its login,
    // which latency leaves out by design (iteration.ts).
    const { result, samples } = await run(url, plan(20, 4, 60, 60));
    expect(result).toMatchObject({ status: 'completed', dropped: 0 });
    const during = samples.filter((s): s is IterationSample => s.type === 'iteration' && s.intendedT >= stallFrom + 20 && s.intendedT < stallFrom + 1900);
    expect(during.length).toBeGreaterThan(30);
    for (const s of during) {
      // Held until the stall ends: latency = stall end − intended start, plus scheduling and HTTP
      // (never less; generous above, for a busy machine).
      const heldMs = stallFrom + 2000 - s.intendedT;
      expect(s.latencyUs / 1000).toBeGreaterThanOrEqual(heldMs - 5);
      expect(s.latencyUs / 1000).toBeLessThan(heldMs + 1000);
    }
    const first = during.reduce((a, b) => (b.intendedT < a.intendedT ? b : a));
    expect(first.latencyUs / 1e6).toBeGreaterThan(1.9);
  });
});
