/**
 * The embedded engine in real time against a real HTTP server on 127.0.0.1:0 that answers JSON
 * after a controlled delay, through a tiny OdooClient that POSTs to it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Journey } from '../../../scenarios/journeys/types.js';
import { realClock } from '../../../src/engine/clock.js';
import type { LoadPlan } from '../../../src/plan/plan.js';
import { runPlan } from '../../../src/engine/run-plan.js';
import type { IterationSample, Sample } from '../../../src/engine/samples.js';
import { mergeEncoded } from '../../../src/run/histogram.js';
import type { MetricWindow, RunEvent } from '../../../src/run/records.js';
import type { OdooClient } from '../../../src/odoo/types.js';

type Handler = (body: { model: string; method: string }, res: ServerResponse) => void;

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  server = undefined;
});

async function startServer(handler: Handler): Promise<string> {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => handler(JSON.parse(text) as { model: string; method: string }, res));
  });
  await new Promise<void>((r) => server?.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const reply = (res: ServerResponse, result: unknown) => {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ jsonrpc: '2.0', id: null, result }));
};

/** Just enough of an OdooClient: every call is one POST. */
function httpClient(url: string): OdooClient {
  let uid: number | undefined;
  return {
    transport: 'jsonrpc',
    get uid() {
      return uid;
    },
    async authenticate() {
      uid = 2;
      return uid;
    },
    async call<T>(model: string, method: string): Promise<T> {
      const response = await fetch(`${url}/call`, { method: 'POST', body: JSON.stringify({ model, method }), headers: { 'content-type': 'application/json' } });
      return ((await response.json()) as { result: T }).result;
    },
    async close() {},
  };
}

const journey: Journey = {
  name: 'stock-inquiry',
  description: 'one call',
  transport: 'web',
  steps: ['search'],
  modules: [],
  async run(ctx) {
    await ctx.step('search', () => ctx.client.call('product.product', 'search', [[]]));
  },
};

function plan(rate: number, durationS: number, maxVUs: number, preAllocatedVUs: number): LoadPlan {
  return {
    version: 1,
    profile: 'http-test',
    seed: 3,
    scale: 1,
    compress: { factor: 1, keep: 'peak-rates' },
    durationS,
    phases: [],
    scenarios: [
      { journey: 'stock-inquiry', executor: 'ramping-arrival-rate', startRate: rate, stages: [{ durationS, target: rate }], preAllocatedVUs, maxVUs, gracefulStopS: 5 },
    ],
    slos: {},
  };
}

class Memory {
  windows: MetricWindow[] = [];
  events: RunEvent[] = [];
  window(r: MetricWindow) {
    this.windows.push(r);
  }
  event(r: RunEvent) {
    this.events.push(r);
  }
}

describe('runPlan against a real HTTP server', () => {
  it('measures from the intended start: arrivals the engine reached late show the stall in latency, not in service time', async () => {
    let stall: { from: number; to: number } | undefined;
    let loadStart = 0;
    const url = await startServer((_body, res) => {
      const now = realClock.now();
      if (!stall && now - loadStart > 500) {
        // Block the whole process for 2 s: the engine cannot start the arrivals due meanwhile.
        const from = now;
        while (realClock.now() - from < 2000) {
          /* stall */
        }
        stall = { from, to: realClock.now() };
        return reply(res, []);
      }
      setTimeout(() => reply(res, []), 20);
    });
    const samples: Sample[] = [];
    const sink = new Memory();
    const result = await runPlan({
      plan: plan(10, 4, 40, 10),
      journeys: { 'stock-inquiry': journey },
      createClient: () => httpClient(url),
      sink,
      onSample: (s) => {
        if (loadStart === 0) loadStart = realClock.now();
        samples.push(s);
      },
    });
    expect(result).toMatchObject({ status: 'completed', scheduled: 40, dropped: 0, iterations: 40, errors: 0 });
    expect(stall).toBeDefined();
    const { from, to } = stall as { from: number; to: number };
    const iterations = samples.filter((s): s is IterationSample => s.type === 'iteration');
    const late = iterations.filter((s) => s.intendedT > from + 200 && s.intendedT < to - 200);
    expect(late.length).toBeGreaterThanOrEqual(14); // ~2 s × 10/s minus the margins
    for (const s of late) {
      const waitedMs = to - s.intendedT;
      // Latency holds the whole wait plus the call itself (latency ≥ wait + service, up to clock
      // granularity); the service time alone does not show the stall. Bounds hold on a busy machine.
      expect(s.latencyUs / 1000).toBeGreaterThanOrEqual(waitedMs - 5);
      expect(s.latencyUs / 1000).toBeGreaterThanOrEqual(waitedMs + s.serviceUs / 1000 - 5);
      expect(s.latencyUs / 1000).toBeLessThan(waitedMs + 3000);
      expect(s.serviceUs).toBeLessThan(s.latencyUs);
    }
    const after = iterations.filter((s) => s.intendedT > to + 300);
    expect(after.length).toBeGreaterThan(5);
    // Back to normal after the stall: far below the ~2 s the stalled arrivals show.
    for (const s of after) expect(s.latencyUs / 1000).toBeLessThan(1000);
    // the windows carry it too
    const merged = mergeEncoded(sink.windows.filter((w) => w.step === null).map((w) => w.latency));
    expect(merged.totalCount).toBe(40);
    expect(merged.maxValue / 1000).toBeGreaterThan(1700);
  });

  it('drops ~80 % at 10/s with maxVUs 2 and a server that takes 1 s', async () => {
    const url = await startServer((_body, res) => setTimeout(() => reply(res, []), 1000));
    const sink = new Memory();
    const result = await runPlan({ plan: plan(10, 2, 2, 2), journeys: { 'stock-inquiry': journey }, createClient: () => httpClient(url), sink });
    expect(result.scheduled).toBe(20);
    expect(result.dropped).toBeGreaterThanOrEqual(15);
    expect(result.dropped).toBeLessThanOrEqual(17);
    expect(result.iterations).toBe(result.started);
    expect(sink.windows.filter((w) => w.step === null).reduce((n, w) => n + (w.dropped ?? 0), 0)).toBe(result.dropped);
  });
});
