/**
 * The lab's process and concurrency model against real PostgreSQL: concurrent picks of one product
 * fail with real serialization failures that the worker retries (Odoo's log line, pg_stat_database
 * rollbacks); the cron worker runs the procurement scheduler on its own connections; a worker stuck
 * past limit_time_real is killed and replaced while the other keeps serving.
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB, executeKw, startFixture, type LabFixture } from './helpers.js';

let lab: LabFixture;
let db: pg.Client;

/** A lab for the describe block that calls it (the limit test needs a short limit_time_real, the others Odoo's default). */
function useLab(options: Parameters<typeof startFixture>[0]): void {
  beforeAll(async () => {
    lab = await startFixture(options);
    db = new pg.Client({ connectionString: lab.pg.url(DB) });
    await db.connect();
  }, 60_000);
  afterAll(async () => {
    await db?.end();
    await lab?.stop();
  });
}

const log = () => readFileSync(lab.logFile, 'utf8');
const RETRY = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} (\d+) INFO distri odoo\.service\.model: SERIALIZATION_FAILURE, \d tries left, try again in \d+\.\d{4} sec\.\.\. $/gm;

async function rollbacks(): Promise<number> {
  const { rows } = await db.query<{ n: string }>('SELECT xact_rollback AS n FROM pg_stat_database WHERE datname = $1', [DB]);
  return Number(rows[0]?.n);
}

describe('concurrency and cron', () => {
  useLab({ workers: 4, timeScale: 0.05, maxCronThreads: 1, cronIntervalS: 1 });

  it('concurrent picks of one product hit serialization failures, retried in the workers (log and pg_stat_database)', async () => {
    const url = lab.server.url;
    const product = 11;
    const orders: number[] = [];
    for (let i = 0; i < 6; i++) {
      orders.push((await executeKw(url, 'sale.order', 'create', [{ partner_id: 20 + i, order_line: [[0, 0, { product_id: product, product_uom_qty: 1 }]] }])).value as number);
    }
    const retriesBefore = [...log().matchAll(RETRY)].length;
    const rollbacksBefore = await rollbacks();
    // six confirmations at once reserve the same quant (SKIP LOCKED, then UPDATE under REPEATABLE READ)
    const confirmed = await Promise.all(orders.map((id) => executeKw(url, 'sale.order', 'action_confirm', [[id]])));
    for (const reply of confirmed) expect(reply).toEqual({ value: true });
    const pickings = (await executeKw(url, 'stock.picking', 'search_read', [[['sale_id', 'in', orders]]], { fields: ['id', 'state'] })).value as Array<{ id: number; state: string }>;
    expect(pickings.map((p) => p.state)).toEqual(Array(6).fill('assigned'));
    // six validations at once consume the product's one FIFO layer
    const validated = await Promise.all(pickings.map((p) => executeKw(url, 'stock.picking', 'button_validate', [[p.id]])));
    for (const reply of validated) expect(reply).toEqual({ value: true });

    const retries = [...log().matchAll(RETRY)].length - retriesBefore;
    expect(retries).toBeGreaterThan(0);
    // each failed try rolls back; so do the read-only cursors of every request (1 per request).
    // A backend reports its counters to pg_stat_database when it goes idle, up to ~10 s later: wait for them.
    let rolledBack = (await rollbacks()) - rollbacksBefore;
    for (let i = 0; i < 60 && rolledBack < retries + 12; i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      rolledBack = (await rollbacks()) - rollbacksBefore;
    }
    expect(rolledBack, `${rolledBack} rollbacks for ${retries} retries`).toBeGreaterThanOrEqual(retries + 12);
    expect(log()).toContain('ERROR: could not serialize access due to concurrent update');
    const { rows } = await db.query<{ reserved: string; quantity: string; layer: string }>(
      `SELECT (SELECT sum(reserved_quantity)::float8::text FROM stock_quant WHERE product_id = $1 AND location_id = 8) AS reserved,
              (SELECT sum(quantity)::float8::text FROM stock_quant WHERE product_id = $1 AND location_id = 5) AS quantity,
              (SELECT sum(quantity)::float8::text FROM stock_valuation_layer WHERE product_id = $1 AND quantity < 0) AS layer`,
      [product],
    );
    // no lost update: six units reserved, then six delivered and valued
    expect(rows[0]).toEqual({ reserved: '0', quantity: '6', layer: '-6' });
  });

  it('runs the procurement scheduler on its own odoo-<pid> connections and orders an automatic rule below its minimum', async () => {
    const [cronPid] = lab.server.cronPids();
    expect(cronPid).toEqual(expect.any(Number));
    await db.query(`UPDATE stock_warehouse_orderpoint SET product_min_qty = 100000, product_max_qty = 100000 WHERE name = 'OP/00005'`);
    let line: { product_qty: string } | undefined;
    for (let i = 0; i < 60 && !line; i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      line = (await db.query<{ product_qty: string }>(
        `SELECT l.product_qty FROM purchase_order_line l JOIN stock_warehouse_orderpoint o ON o.id = l.orderpoint_id WHERE o.name = 'OP/00005'`)).rows[0];
    }
    expect(line).toBeDefined();
    const text = log();
    expect(text).toMatch(new RegExp(`^\\S+ \\S+ ${cronPid} INFO \\? odoo\\.service\\.server: Worker WorkerCron \\(${cronPid}\\) alive $`, 'm'));
    expect(text).toMatch(new RegExp(`^\\S+ \\S+ ${cronPid} INFO distri odoo\\.addons\\.base\\.models\\.ir_cron: Starting job \`Procurement: run scheduler\`\\. $`, 'm'));
    expect(text).toMatch(new RegExp(`^\\S+ \\S+ ${cronPid} INFO distri odoo\\.addons\\.base\\.models\\.ir_cron: Job done: \`Procurement: run scheduler\` \\(\\d+\\.\\d{3}s\\)\\. $`, 'm'));
    const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1', [`odoo-${cronPid}`]);
    expect(Number(rows[0]?.n)).toBeGreaterThanOrEqual(1);
  });
});

describe('limit_time_real', () => {
  // 4 s leaves room for a busy machine: the request served meanwhile must finish long before the kill.
  useLab({ workers: 4, timeScale: 0.05, limitTimeReal: 4 });

  it('kills a worker stuck on a lock past the limit, replaces it, and the others keep serving', async () => {
    const url = lab.server.url;
    const before = lab.server.workerPids();
    const locker = new pg.Client({ connectionString: lab.pg.url(DB) });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('SELECT id FROM res_partner WHERE id = 30 FOR UPDATE');
    try {
      const started = Date.now();
      const stuck = fetch(`${url}/jsonrpc`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', method: 'call', id: 1, params: { service: 'object', method: 'execute_kw', args: [DB, 2, 'lab-admin-secret', 'res.partner', 'write', [[30], { phone: '+1 555 0100' }], {}] } }),
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      // meanwhile the other workers answer: before the stuck one is killed, not after it
      expect(await executeKw(url, 'res.partner', 'search_count', [[['id', '=', 31]]])).toEqual({ value: 1 });
      const servedAt = Date.now();
      const response = await stuck;
      const stuckAt = Date.now();
      expect(response.status).toBe(502);
      expect(servedAt).toBeLessThan(stuckAt);
      expect(stuckAt - started).toBeGreaterThanOrEqual(4000);
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
    for (let i = 0; i < 50 && lab.server.workerPids().length < 4; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    const after = lab.server.workerPids();
    expect(after).toHaveLength(4);
    const killed = before.filter((pid) => !after.includes(pid));
    expect(killed).toHaveLength(1);
    expect(log()).toMatch(new RegExp(`^\\S+ \\S+ \\d+ ERROR \\? odoo\\.service\\.server: WorkerHTTP \\(${killed[0]}\\) timeout after 4s $`, 'm'));
    expect(await executeKw(url, 'res.partner', 'search_count', [[['id', '=', 30]]])).toEqual({ value: 1 });
  });
});
