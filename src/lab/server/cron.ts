/**
 * The lab's cron worker (Odoo's WorkerCron, odoo/service/server.py + base/models/ir_cron.py 17.0):
 * a separate process, niced by 10, with its own pool (`odoo-<pid>`), that wakes every interval,
 * takes each due `ir_cron` row with `FOR NO KEY UPDATE SKIP LOCKED` (so two cron workers never run
 * one job twice), runs it in its own REPEATABLE READ transaction with the request retry loop, and
 * logs as Odoo does:
 *   `INFO distri odoo.addons.base.models.ir_cron: Starting job `Procurement: run scheduler`.`
 *   `INFO distri odoo.addons.base.models.ir_cron: Job done: `Procurement: run scheduler` (0.412s).`
 * Jobs: procurement.group.run_scheduler (reserve waiting moves, order 'auto' rules, drop empty
 * quants) and ir.autovacuum (delete wizard records older than an hour, as TransientModel vacuum).
 */
import { setPriority } from 'node:os';
import type { Pool } from 'pg';
import { getModel } from '../models/registry.js';
import { runScheduler } from '../models/replenish.js';
import type { Env } from '../models/types.js';
import { OdooLog } from './log.js';
import { retrying } from './retrying.js';
import { CALIBRATION, ServiceBudget, methodCpuMs } from './service-time.js';
import type { WorkerConfig, WorkerToMaster } from './protocol.js';

const LOGGER = 'odoo.addons.base.models.ir_cron';

type Job = (env: Env) => Promise<unknown>;

/** The jobs the lab knows, by `model.method` as in ir_cron. */
const JOBS: Record<string, Job> = {
  'procurement.group.run_scheduler': (env) => runScheduler(env),
  'ir.autovacuum._run_vacuum_cleaner': async (env) => {
    for (const table of ['sale_advance_payment_inv', 'account_payment_register', 'stock_backorder_confirmation']) {
      await env.cr.query(`DELETE FROM ${table} WHERE create_date < (now() at time zone 'UTC') - interval '1 hour'`);
    }
  },
};

/** Runs the due jobs once; returns how many ran. */
export async function processJobs(config: WorkerConfig, pool: Pool, log: OdooLog, send: (m: WorkerToMaster) => void): Promise<number> {
  const interval = config.cronIntervalS ?? 60;
  let ran = 0;
  for (;;) {
    const client = await pool.connect();
    let job: { id: number; cron_name: string; model: string; method: string } | undefined;
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
      // ir_cron.py _acquire_one_job
      const due = await client.query<{ id: number; cron_name: string; model: string; method: string }>(
        `SELECT id, cron_name, model, method FROM ir_cron WHERE active AND nextcall <= (now() at time zone 'UTC')
         ORDER BY priority, nextcall LIMIT 1 FOR NO KEY UPDATE SKIP LOCKED`,
      );
      job = due.rows[0];
      if (!job) {
        await client.query('COMMIT');
        return ran;
      }
      send({ type: 'busy' });
      log.info(config.db, LOGGER, `Starting job \`${job.cron_name}\`.`);
      const started = performance.now();
      const fn = JOBS[`${job.model}.${job.method}`];
      const stats = { count: 0, seconds: 0 };
      if (fn) {
        const ms = methodCpuMs(CALIBRATION, job.model, job.method) * config.timeScale;
        await retrying({ pool, log, db: config.db, stats }, async (cr) => {
          const budget = new ServiceBudget(ms);
          const env: Env = { cr, uid: 1, context: {}, spend: (f) => budget.spend(f), model: (name) => getModel(name) };
          await fn(env);
          budget.finish();
        });
      }
      await client.query(
        `UPDATE ir_cron SET lastcall = (now() at time zone 'UTC'), nextcall = (now() at time zone 'UTC') + make_interval(secs => $2) WHERE id = $1`,
        [job.id, interval],
      );
      await client.query('COMMIT');
      log.info(config.db, LOGGER, `Job done: \`${job.cron_name}\` (${((performance.now() - started) / 1000).toFixed(3)}s).`);
      ran += 1;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      log.write('ERROR', config.db, LOGGER, `Call from cron ${job?.cron_name ?? '?'} for server action failed\n${error instanceof Error ? error.message : String(error)}`);
      return ran;
    } finally {
      send({ type: 'idle' });
      client.release();
    }
  }
}

/** The cron loop: poll, run due jobs, sleep `cronIntervalS`; never returns. */
export async function runCronLoop(config: WorkerConfig, pool: Pool, send: (m: WorkerToMaster) => void): Promise<never> {
  const log = new OdooLog(config.logFile);
  try {
    setPriority(10); // WorkerCron.start: os.nice(10)
  } catch {
    // not permitted: run at normal priority
  }
  const interval = (config.cronIntervalS ?? 60) * 1000;
  for (;;) {
    await processJobs(config, pool, log, send);
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}
