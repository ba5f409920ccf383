/**
 * What each interactive journey costs the server per iteration, measured, against what `plan`
 * prices it at (models/calibration-defaults.ts): requests and server seconds (SQL + Python) from the
 * server's own request log, one journey at a time, one session (page state kept between iterations,
 * as a person's browser keeps it), the first iteration a warm-up (views, caches). Prints measured /
 * priced — the figure docs/CALIBRATION.md reports for each journey.
 *
 * Target: a real Odoo when ODOO_URL, ODOO_DB, ODOO_LOGIN, ODOO_PASSWORD and ODOO_LOG (its log file,
 * log_level info) are set — nothing else may use that server meanwhile, and `prepare` must have run;
 * else the lab (its calibration). BENCH_JOURNEYS: comma-separated names; BENCH_JOURNEY_ITERATIONS
 * (default 3). Run: npm run build && node dist/bench/run-all.js journey-costs
 */
import { median } from 'simple-statistics';
import { CALIBRATION_DEFAULTS } from '../models/calibration-defaults.js';
import { journeys } from '../scenarios/journeys/index.js';
import { createClient } from '../src/odoo/connect.js';
import { detectVersion } from '../src/odoo/version.js';
import { measured, measuredServer, type Cost } from './server-log-cost.js';

const ITERATIONS = Number(process.env.BENCH_JOURNEY_ITERATIONS ?? 3);
const NAMES = (process.env.BENCH_JOURNEYS ?? 'order-lookup,stock-inquiry,browse,invoicing,month-end-reports').split(',');

export async function run(): Promise<void> {
  const server = await measuredServer();
  const { target, logFile, real } = server;
  try {
    const { major } = await detectVersion(target.url, 30_000);
    process.stdout.write(`target: ${real ? `${target.url} (real Odoo ${major}, log ${logFile})` : 'the lab (calibrated)'}; ${ITERATIONS} iterations after a warm-up, medians\n`);
    process.stdout.write(`${'journey'.padEnd(18)} ${'requests'.padStart(8)} ${'priced'.padStart(7)} ${'SQL s'.padStart(7)} ${'other s'.padStart(8)} ${'server s'.padStart(9)} ${'priced s'.padStart(9)} ${'measured/priced'.padStart(16)}\n`);
    for (const name of NAMES) {
      const journey = journeys[name];
      if (journey === undefined) throw new Error(`no journey ${name}`);
      const client = createClient(target, 'web');
      await client.authenticate();
      const shared = await journey.setup?.(client);
      const session: Record<string, unknown> = {};
      let seed = 7;
      const costs: Cost[] = [];
      for (let i = 0; i <= ITERATIONS; i++) {
        const random = (): number => (seed = (seed * 48271) % 2147483647) / 2147483647;
        const cost = await measured(logFile, () =>
          journey.run({ client, shared, random, tag: 'oc-bench-journey-costs', vu: 0, iteration: i, session, serverMajor: major, step: (_n, fn) => fn() }),
        );
        if (i > 0) costs.push(cost);
      }
      await client.close();
      const priced = CALIBRATION_DEFAULTS[name];
      const med = (key: keyof Cost): number => median(costs.map((c) => c[key]));
      const ratio = priced ? med('serverS') / priced.workerS : NaN;
      process.stdout.write(
        `${name.padEnd(18)} ${String(med('requests')).padStart(8)} ${String(priced?.callsPerIteration ?? '–').padStart(7)} ${med('sqlS').toFixed(3).padStart(7)} ${med('otherS').toFixed(3).padStart(8)} ${med('serverS').toFixed(3).padStart(9)} ${(priced?.workerS ?? NaN).toFixed(2).padStart(9)} ${ratio.toFixed(2).padStart(15)}×   each ${costs.map((c) => c.serverS.toFixed(2)).join(' ')}\n`,
      );
    }
  } finally {
    await server.stop();
  }
}
