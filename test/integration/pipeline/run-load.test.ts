/**
 * The walking skeleton end to end: a short, real morning wave against the lab (embedded
 * PostgreSQL + lab server), then the effect checked inside the lab's database and the report built.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { Lab } from '../../../src/lab/lab.js';
import { compileProfile } from '../../../src/engine/compile.js';
import { getProfile } from '../../../scenarios/profiles/index.js';
import { journeys } from '../../../scenarios/journeys/index.js';
import { runLoad, type RunLoadResult } from '../../../src/pipeline/run-load.js';
import { buildReport } from '../../../src/pipeline/build-report.js';
import { planTotals } from '../../../src/engine/compile.js';
import { runTag } from '../../../scenarios/journeys/common.js';
import { startTestLab, stopTestLab } from '../../helpers/lab-fixture.js';

let dir: string;
let lab: Lab;
let result: RunLoadResult;

beforeAll(async () => {
  ({ dir, lab } = await startTestLab());
}, 120_000);

afterAll(() => stopTestLab(lab, dir));

describe('a short morning wave against the lab', () => {
  it('creates, confirms and delivers every order it records as successful', async () => {
    // scale 4: each order is keyed through the web client; two lines an order (not the profile's
    // lognormal median of 6, ~70 requests) keep the test short — every order is still created,
    // confirmed and delivered
    const wave = compileProfile(getProfile('morning-order-wave'), { scale: 4, compress: { durationS: 12, keep: 'peak-rates' }, seed: 7 });
    const plan = { ...wave, scenarios: wave.scenarios.map((s) => ({ ...s, params: { ...s.params, linesPerOrder: 2 } })) };
    const expected = planTotals(plan);
    result = await runLoad({
      plan,
      journeys,
      target: { url: lab.odoo.url, db: lab.odoo.db, login: lab.odoo.login, password: lab.odoo.password },
      pgUrl: lab.pgUrl,
      runsDir: path.join(dir, 'runs'),
    });
    expect(result.status).toBe('completed');

    const client = new pg.Client({ connectionString: lab.pgUrl });
    await client.connect();
    try {
      const orders = await client.query<{ state: string; n: string }>(
        'SELECT state, count(*) AS n FROM sale_order WHERE client_order_ref = $1 GROUP BY state',
        [runTag(result.runId)],
      );
      const byState = Object.fromEntries(orders.rows.map((r) => [r.state, Number(r.n)]));
      const total = Object.values(byState).reduce((a, b) => a + b, 0);
      // Every arrival of the plan became an order (± the rounding of the last arrival).
      const planned = expected['order-to-delivery']?.iterations ?? 0;
      expect(total).toBeGreaterThanOrEqual(Math.floor(planned) - 1);
      expect(total).toBeLessThanOrEqual(Math.ceil(planned) + 1);
      expect(byState.sale).toBe(total);
      const pickings = await client.query<{ state: string; n: string }>(
        `SELECT p.state, count(*) AS n FROM stock_picking p JOIN sale_order o ON o.id = p.sale_id
          WHERE o.client_order_ref = $1 GROUP BY p.state`,
        [runTag(result.runId)],
      );
      const pickingStates = Object.fromEntries(pickings.rows.map((r) => [r.state, Number(r.n)]));
      expect(pickingStates.done).toBe(total);
    } finally {
      await client.end();
    }
  }, 120_000);

  it('writes a run directory that reports the same number of iterations, with database evidence', async () => {
    const report = await buildReport(result.runDir);
    expect(existsSync(report.html)).toBe(true);
    const summary = JSON.parse(readFileSync(report.json, 'utf8')) as { summary: { overall: { stats: Array<{ journey: string; step: string | null; count: number }> }; waits?: { samples: number } } };
    const whole = summary.summary.overall.stats.find((s) => s.journey === 'order-to-delivery' && s.step === null);
    const client = new pg.Client({ connectionString: lab.pgUrl });
    await client.connect();
    const orders = await client.query<{ n: string }>('SELECT count(*) AS n FROM sale_order WHERE client_order_ref = $1', [runTag(result.runId)]);
    await client.end();
    expect(whole?.count).toBe(Number(orders.rows[0]?.n));
    expect(summary.summary.waits?.samples ?? 0).toBeGreaterThanOrEqual(8);
    const html = readFileSync(report.html, 'utf8');
    expect(html).not.toContain(lab.odoo.password);
    expect(html).not.toContain(lab.pg.password);
  }, 60_000);
});
