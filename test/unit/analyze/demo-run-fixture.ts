/**
 * The collapsed demo run (tests only): the lab with 2 Odoo workers on a 2-core machine, the
 * morning-order-wave at 20× volume, 1.67 order-to-delivery flows/s offered at the peak. Numbers are
 * chosen so the arithmetic can be done by hand (see recommend-set.test.ts):
 *
 *   phase quiet (0–120 s):  96 requests, worker time alternately 0.06 / 0.18 s (mean 0.12 s, SCV 0.25),
 *                           70 % Python / 30 % SQL, no retries            → N = 11.52 / 120 = 0.096
 *   phase wave (120–600 s): 3758 requests (7.83/s), every attempt 0.17 s (CPU contention), every 20th
 *                           request retried once after 1.5 s back-off (188 retries, 282 s)
 *                           busy = (3758 + 188) × 0.17 + 282 = 952.82 s     → N = 952.82 / 480 = 1.985
 *   workers: pids 101 and 102 — 101 serves the quiet 0.06 s requests (2.88 s), every other retried request
 *   (94 × 1.84 s = 172.96 s) and 1825 of the 3570 others (310.25 s): 486.09 s of 600 → busy 81 % of the run.
 * Client side (order-to-delivery, 4.7 calls a flow): quiet steps p50 143 ms; wave steps p50 900 ms,
 * flows p95 42.8 s.
 */
import { odooEvidence } from '../../../src/analyze/evidence.js';
import type { LatencyStats, RunSummary } from '../../../src/analyze/types.js';
import type { OdooLogRecord, OdooRequestRecord } from '../../../src/run/records.js';
import { stats, summaryWith } from './summary-fixture.js';

export const DEMO_START_MS = Date.UTC(2026, 2, 2, 8, 0, 0);
const QUIET_S = 120;
const WAVE_S = 480;

function request(t: number, pid: number, workerS: number): OdooRequestRecord {
  return {
    v: 1, type: 'odoo_request', t, pid, db: 'lab', method: 'POST', path: '/xmlrpc/2/object', status: 200,
    queries: 40, sqlS: Math.round(workerS * 0.3 * 1e6) / 1e6, otherS: Math.round(workerS * 0.7 * 1e6) / 1e6,
  };
}

/** The Odoo log of the demo run. */
export function demoOdooLog(): OdooLogRecord[] {
  const records: OdooLogRecord[] = [];
  for (let i = 0; i < 96; i++) {
    records.push(request(DEMO_START_MS + ((i + 0.5) * QUIET_S * 1000) / 96, i % 2 === 0 ? 101 : 102, i % 2 === 0 ? 0.06 : 0.18));
  }
  let others = 0;
  for (let i = 0; i < 3758; i++) {
    const t = DEMO_START_MS + QUIET_S * 1000 + ((i + 0.5) * WAVE_S * 1000) / 3758;
    const retried = i % 20 === 0;
    const j = retried ? 0 : others++;
    const pid = retried ? ((i / 20) % 2 === 0 ? 101 : 102) : j < 80 || j % 2 === 0 ? 101 : 102;
    if (retried) {
      records.push({ v: 1, type: 'odoo_retry', t: t - 10, pid, db: 'lab', code: 'SERIALIZATION_FAILURE', triesLeft: 4, waitS: 1.5, exhausted: false });
    }
    records.push(request(t, pid, retried ? 0.17 * 2 + 1.5 : 0.17));
  }
  return records;
}

const flow = (step: string | null, count: number, seconds: number, p50Ms: number, extra: Partial<LatencyStats> = {}): LatencyStats => ({
  ...stats(step, count, seconds, p50Ms, extra),
  journey: 'order-to-delivery',
});

/** The RunSummary of the demo run, with summary.odoo from the log above and the host's 2 cores. */
export function demoSummary(): RunSummary {
  const quiet = [flow(null, 20, QUIET_S, 700, { serviceMeanMs: 700, serviceScv: 0.3 }), flow('create', 96, QUIET_S, 143, { serviceMeanMs: 143, serviceScv: 0.3 })];
  const wave = [
    flow(null, 800, WAVE_S, 9000, { p95Ms: 42800, serviceMeanMs: 20000, serviceScv: 1.5, scheduled: 802 }),
    flow('create', 3758, WAVE_S, 900, { serviceMeanMs: 2000, serviceScv: 3 }),
  ];
  const summary = summaryWith(
    [
      { name: 'quiet', startS: 0, endS: QUIET_S, stats: quiet },
      { name: 'wave', startS: QUIET_S, endS: QUIET_S + WAVE_S, stats: wave },
    ],
    {
      name: 'all',
      startS: 0,
      endS: 600,
      stats: [flow(null, 820, 600, 8000, { serviceMeanMs: 19500, serviceScv: 1.6 }), flow('create', 3854, 600, 850, { serviceMeanMs: 1950, serviceScv: 3 })],
    },
  );
  summary.durationS = 600;
  summary.scale = 20;
  summary.startedAt = new Date(DEMO_START_MS).toISOString();
  summary.target = { url: 'http://127.0.0.1:8069', db: 'lab' };
  summary.meta = {
    tool: { name: 'odoo-capacity', version: '0.0.0' }, engine: 'embedded', windowMs: 1000, seed: 1, plannedDurationS: 600,
    host: { hostname: 'lab', cpus: 2, platform: 'linux', node: 'v20.20.0' }, collectors: [],
  };
  const odoo = odooEvidence(demoOdooLog(), DEMO_START_MS, 600);
  if (odoo !== undefined) summary.odoo = odoo;
  return summary;
}
