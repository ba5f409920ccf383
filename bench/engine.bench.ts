/**
 * The embedded engine against a trivial loopback JSON-RPC endpoint (Odoo's /jsonrpc shape), side by
 * side with autocannon on the same endpoint:
 *
 *   1. accuracy   constant arrival rate (default 1000/s for 10 s): achieved vs target rate, start-lag p99
 *   2. capacity   up to 1 000 000 requests (10 calls per iteration) at BENCH_CAP_RATE iterations/s
 *                 (default 450, about what one core sustains): requests/s, then RSS and heap after
 *                 them; stopped after BENCH_MAX_S (default 300 s: about 1 million requests at ~4 000 requests/s)
 *   3. autocannon the same endpoint, 50 connections, 10 s: requests/s (autocannon times from the
 *                 send, no pacing: an upper bound for a closed loop)
 *
 * The endpoint runs in a worker thread so it does not share the engine's event loop.
 * Env: BENCH_RATE, BENCH_REQUESTS, BENCH_CAP_RATE, BENCH_MAX_S.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Journey } from '../scenarios/journeys/types.js';
import { runPlan, type RunPlanResult } from '../src/engine/run-plan.js';
import type { LoadPlan } from '../src/plan/plan.js';
import type { Sample } from '../src/engine/samples.js';
import { newHistogram } from '../src/run/histogram.js';
import { createClient } from '../src/odoo/connect.js';

const SERVER = `
const http = require('node:http');
const { parentPort } = require('node:worker_threads');
const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    const params = JSON.parse(body).params || {};
    const result = params.service === 'common' ? 2 : [];
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ jsonrpc: '2.0', id: null, result }));
  });
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
`;

interface Autocannon {
  (options: Record<string, unknown>): Promise<{ requests: { average: number; total: number }; latency: { p99: number }; errors: number; non2xx: number }>;
}

async function startServer(): Promise<{ url: string; stop: () => Promise<number> }> {
  const worker = new Worker(SERVER, { eval: true });
  const port = await new Promise<number>((resolve) => worker.once('message', resolve));
  return { url: `http://127.0.0.1:${port}`, stop: () => worker.terminate() };
}

const journey = (calls: number): Journey => ({
  name: 'stock-inquiry',
  description: `${calls} search_read calls`,
  transport: 'jsonrpc',
  steps: ['search'],
  modules: [],
  async run(ctx) {
    for (let i = 0; i < calls; i += 1) await ctx.step('search', () => ctx.client.call('product.product', 'search_read', [[]], { limit: 1 }));
  },
});

function plan(rate: number, durationS: number, maxVUs: number): LoadPlan {
  return {
    version: 1,
    profile: 'bench',
    seed: 1,
    scale: 1,
    compress: { factor: 1, keep: 'peak-rates' },
    durationS,
    phases: [],
    scenarios: [{ journey: 'stock-inquiry', executor: 'ramping-arrival-rate', startRate: rate, stages: [{ durationS, target: rate }], preAllocatedVUs: Math.min(maxVUs, 50), maxVUs, gracefulStopS: 5 }],
    slos: {},
  };
}

async function engineRun(url: string, p: LoadPlan, calls: number, signal?: AbortSignal) {
  const lag = newHistogram();
  let firstStart = Infinity;
  let lastStart = -Infinity;
  let started = 0;
  const t0 = performance.now();
  const result: RunPlanResult = await runPlan({
    plan: p,
    journeys: { 'stock-inquiry': journey(calls) },
    createClient: () => createClient({ url, db: 'bench', login: 'bench', password: 'bench' }, 'jsonrpc'),
    sink: { window() {}, event() {} },
    selfMonitor: false,
    signal,
    thresholds: [],
    onSample: (s: Sample) => {
      if (s.type !== 'arrival' || s.dropped) return;
      started += 1;
      const actual = s.t + (s.lagMs ?? 0);
      firstStart = Math.min(firstStart, actual);
      lastStart = Math.max(lastStart, actual);
      lag.recordValue(Math.round((s.lagMs ?? 0) * 1000));
    },
  });
  const wallS = (performance.now() - t0) / 1000;
  return { result, wallS, started, achievedRate: (started - 1) / ((lastStart - firstStart) / 1000), startLagP99Ms: lag.getValueAtPercentile(99) / 1000 };
}

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;

export async function run(): Promise<void> {
  const rate = Number(process.env.BENCH_RATE ?? 1000);
  const requests = Number(process.env.BENCH_REQUESTS ?? 1_000_000);
  const maxS = Number(process.env.BENCH_MAX_S ?? 300);
  const server = await startServer();
  try {
    // 1. accuracy
    const accuracy = await engineRun(server.url, plan(rate, 10, 500), 1);
    process.stdout.write(
      `accuracy   target ${rate}/s for 10 s: started ${accuracy.started}/${accuracy.result.scheduled} (dropped ${accuracy.result.dropped}), ` +
        `achieved ${accuracy.achievedRate.toFixed(1)}/s (${((accuracy.achievedRate / rate - 1) * 100).toFixed(2)} %), start lag p99 ${accuracy.startLagP99Ms.toFixed(2)} ms\n`,
    );

    // 2. capacity and memory: 10 calls per iteration at a rate one core sustains.
    const calls = 10;
    const iterations = Math.ceil(requests / calls);
    const capRate = Number(process.env.BENCH_CAP_RATE ?? 450);
    const stop = AbortSignal.timeout(maxS * 1000);
    const capacity = await engineRun(server.url, plan(capRate, iterations / capRate, 200), calls, stop);
    const done = capacity.result.iterations * calls;
    if (typeof global.gc === 'function') global.gc();
    const memory = process.memoryUsage();
    const engineRps = done / capacity.wallS;
    process.stdout.write(
      `capacity   ${done} requests in ${capacity.wallS.toFixed(1)} s = ${engineRps.toFixed(0)} requests/s ` +
        `(${capacity.result.iterations} iterations, dropped ${capacity.result.dropped}, status ${capacity.result.status}); ` +
        `after them RSS ${mb(memory.rss)}, heap ${mb(memory.heapUsed)}\n`,
    );

    // 3. autocannon on the same endpoint
    const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
    const ac = await autocannon({
      url: `${server.url}/jsonrpc`,
      method: 'POST',
      connections: 50,
      duration: 10,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', method: 'call', id: 1, params: { service: 'object', method: 'execute_kw', args: ['bench', 2, 'bench', 'product.product', 'search_read', [[]], { limit: 1 }] } }),
    });
    process.stdout.write(`autocannon ${ac.requests.average.toFixed(0)} requests/s (50 connections, 10 s, p99 ${ac.latency.p99} ms, errors ${ac.errors + ac.non2xx})\n`);
    process.stdout.write(`ratio      embedded engine / autocannon requests/s = ${(engineRps / ac.requests.average).toFixed(2)}\n`);
  } finally {
    await server.stop();
  }
}
