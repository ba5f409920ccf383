/**
 * Odoo falling over mid-run (issue 10, "Faults"): worker processes killed, a proxy answering 503,
 * the port refusing connections, the whole lab restarted on the same port (new session secret:
 * every web session expires) and the collectors' PostgreSQL connection cut. The run goes on,
 * counts each failure by kind, logs in again, and ends `completed`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { startLab, type Lab } from '../../../src/lab/lab.js';
import { compileProfile } from '../../../src/engine/compile.js';
import { getProfile } from '../../../scenarios/profiles/index.js';
import { journeys } from '../../../scenarios/journeys/index.js';
import { runLoad } from '../../../src/pipeline/run-load.js';
import { readRun } from '../../../src/run/reader.js';
import type { MetricWindow } from '../../../src/run/records.js';
import type { LoadPlan } from '../../../src/plan/plan.js';
import { startTestLab, stopTestLab, TEST_LAB } from '../../helpers/lab-fixture.js';
import { FaultProxy } from './fault-proxy.js';

let dir: string;
let lab: Lab;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  ({ dir, lab } = await startTestLab());
}, 120_000);

afterAll(() => stopTestLab(lab, dir));

/**
 * 0.5 orders/s for 12 s: steady traffic, so every fault window sees requests (2 lab workers keep up).
 * One line per order: a web-client order with its delivery is ~25 requests, ~0.25 CPU-s at the test
 * lab's 0.1× service times, ~12 requests/s in all.
 */
const plan = (): LoadPlan => {
  const base = compileProfile(getProfile('morning-order-wave'), { scale: 12, compress: { durationS: 12, keep: 'peak-rates' }, seed: 3 });
  return {
    ...base,
    scenarios: [{
      executor: 'constant-arrival-rate', journey: 'order-to-delivery', rate: 0.5, durationS: 12, preAllocatedVUs: 4, maxVUs: 30, gracefulStopS: 10,
      params: { linesPerOrder: 1, qtyPerLine: 1 },
    }],
  };
};

/** Resolves when `done()` holds, or after `maxMs`. */
async function until(done: () => boolean, maxMs: number): Promise<void> {
  const deadline = Date.now() + maxMs;
  while (!done() && Date.now() < deadline) await sleep(50);
}

/** Errors by kind over the whole iterations of a run. */
function errorsByKind(windows: MetricWindow[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const w of windows) if (w.step === null) for (const [k, n] of Object.entries(w.errors)) out[k] = (out[k] ?? 0) + (n ?? 0);
  return out;
}
const okAfter = (windows: MetricWindow[], t: number) => windows.filter((w) => w.step === null && w.t >= t).reduce((s, w) => s + w.ok, 0);

describe('faults mid-run against the lab', () => {
  it('survives its Odoo workers being killed: the in-flight requests fail, the rest goes on', async () => {
    const killed: number[] = [];
    let lastKillT = 0;
    let killer: Promise<void> = Promise.resolve();
    let started = false;
    const result = await runLoad({
      plan: plan(),
      journeys,
      target: { url: lab.odoo.url, db: lab.odoo.db, login: lab.odoo.login, password: lab.odoo.password },
      runsDir: path.join(dir, 'runs'),
      odooWorkers: 2,
      // onProgress: the load has started (VUs logged in), once per second.
      onProgress: () => {
        if (started) return;
        started = true;
        killer = (async () => {
          for (let kill = 0; kill < 3; kill++) {
            await sleep(2000);
            // As on Odoo, only the request a killed worker was serving fails (queued ones wait for the
            // replacement): kill while one is busy so there is such a request.
            await until(() => lab.server.busyWorkerPids().length > 0, 5000);
            for (const pid of lab.server.workerPids()) {
              process.kill(pid, 'SIGKILL');
              killed.push(pid);
            }
            lastKillT = Date.now();
          }
        })();
      },
    });
    await killer;
    expect(killed.length).toBeGreaterThanOrEqual(6);
    expect({ status: result.status, reason: result.reason }).toEqual({ status: 'completed', reason: undefined });
    const run = await readRun(result.runDir);
    const errors = errorsByKind(run.windows);
    // The lab's master answers 502 for a request whose worker died (a proxy's Bad Gateway).
    expect((errors.http_error ?? 0) + (errors.connection_reset ?? 0)).toBeGreaterThanOrEqual(1);
    expect(okAfter(run.windows, Math.ceil(lastKillT / 1000) * 1000)).toBeGreaterThan(0);
    expect(lab.server.workerPids()).toHaveLength(2); // replaced by the master
  }, 90_000);

  it('goes on through a 503 proxy, a refused port and a lab restart, logging in again and marking the collector gap', async () => {
    const odoo = await FaultProxy.start(lab.server.port);
    const pgPort = new URL(lab.pgUrl).port;
    const pgProxy = await FaultProxy.start(Number(pgPort));
    const pgUrl = lab.pgUrl.replace(`:${pgPort}/`, `:${pgProxy.port}/`);
    const marks: Record<string, number> = {};
    let faults: Promise<void> = Promise.resolve();
    let started = false;
    try {
      const result = await runLoad({
        plan: plan(),
        journeys,
        target: { url: odoo.url, db: lab.odoo.db, login: lab.odoo.login, password: lab.odoo.password },
        pgUrl,
        runsDir: path.join(dir, 'runs'),
        odooWorkers: 2,
        sampleIntervalMs: 250,
        // Five seconds of faults are a third of this 12-s run: the breaker would rightly stop it.
        breaker: false,
        onProgress: () => {
          if (started) return;
          started = true;
          faults = (async () => {
            await sleep(1000);
            marks.proxy503 = Date.now();
            odoo.mode = 'http-503';
            await until(() => odoo.served503 >= 2, 5000);
            odoo.mode = 'forward';
            marks.refused = Date.now();
            await odoo.cut();
            await sleep(2000);
            await odoo.restore();
            // The whole lab down and up again on the same port: a new PostgreSQL process and a
            // new Odoo with a new session secret.
            marks.restart = Date.now();
            await pgProxy.cut();
            const port = lab.server.port;
            await lab.stop();
            lab = await startLab({ dir, ...TEST_LAB, port });
            pgProxy.upstreamPort = lab.pg.port;
            await pgProxy.restore();
            marks.up = Date.now();
          })();
        },
      });
      await faults;
      expect({ status: result.status, reason: result.reason }).toEqual({ status: 'completed', reason: undefined });
      const run = await readRun(result.runDir);
      const errors = errorsByKind(run.windows);
      expect(errors.http_error ?? 0, JSON.stringify(errors)).toBeGreaterThanOrEqual(1); // the proxy's 503s
      // The cut port and the restart: refused for new connections, reset for those in flight
      // (which of the two depends on timing on a loaded machine).
      const network = (errors.connection_refused ?? 0) + (errors.connection_reset ?? 0);
      expect(network, JSON.stringify(errors)).toBeGreaterThanOrEqual(1);
      // Web sessions of the old server are unknown to the new one: the client logged in again and
      // iterations succeed after the restart.
      expect(marks.up).toBeDefined();
      expect(okAfter(run.windows, Math.ceil((marks.up as number) / 1000) * 1000)).toBeGreaterThan(0);
      expect(errors.session_expired ?? 0).toBe(0);
      const gaps = run.events.filter((e) => e.type === 'collector-gap');
      expect(gaps.length).toBeGreaterThanOrEqual(1);
      const samplesAfter = run.pgActivity.filter((s) => s.t > (marks.up as number));
      expect(samplesAfter.length).toBeGreaterThan(0); // reconnected
    } finally {
      await odoo.stop();
      await pgProxy.stop();
    }
  }, 120_000);
});
