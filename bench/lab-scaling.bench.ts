/**
 * The lab under sustained load, as docs/ODOO-PROTOCOL.md "Under sustained load" measured a real
 * Odoo 17: closed loop over XML-RPC, 3-line orders (create → confirm → find picking → validate),
 * for 1, 2, 4 and 8 HTTP workers at several client counts. Prints, per (workers, clients):
 * flows/s, mean / p50 / p95 flow latency, serialization-failure retries per minute (from the log),
 * and the lab's CPU use. A faithful lab saturates near min(workers, CPU) and, beyond that, its
 * latency grows as clients ÷ throughput.
 *
 * Env: BENCH_LAB_SECONDS (per level, default 10), BENCH_LAB_CLIENTS (default "1,2,4,8,12"),
 * BENCH_LAB_WORKERS (default "1,2,4,8"), BENCH_LAB_PRODUCTS (hot product pool, default 20),
 * BENCH_LAB_TIMESCALE (default 1: calibrated Odoo timings).
 * Run: npm run build && node dist/bench/run-all.js lab-scaling
 */
import { readFileSync, rmSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import { startPostgres, temporaryLabDirectory } from '../src/lab/postgres.js';
import { createLabDatabase } from '../src/lab/seed.js';
import { startLabServer } from '../src/lab/server/index.js';
import { createClient } from '../src/odoo/connect.js';
import type { OdooClient } from '../src/odoo/types.js';

const list = (value: string | undefined, fallback: number[]) => (value ? value.split(',').map(Number).filter((n) => n > 0) : fallback);
const SECONDS = Number(process.env.BENCH_LAB_SECONDS ?? 10);
const CLIENTS = list(process.env.BENCH_LAB_CLIENTS, [1, 2, 4, 8, 12]);
const WORKERS = list(process.env.BENCH_LAB_WORKERS, [1, 2, 4, 8]);
const PRODUCTS = Number(process.env.BENCH_LAB_PRODUCTS ?? 20);
const TIME_SCALE = Number(process.env.BENCH_LAB_TIMESCALE ?? 1);
const PASSWORD = 'bench-admin';
const DB = 'distri';

export interface LevelResult {
  workers: number;
  clients: number;
  flows: number;
  errors: number;
  flowsPerS: number;
  meanS: number;
  p50S: number;
  p95S: number;
  retriesPerMin: number;
}

function quantile(sorted: number[], q: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

/** One order-to-delivery flow as the sustained-load measurement ran it. */
async function flow(client: OdooClient, random: () => number): Promise<void> {
  const lines = [0, 1, 2].map(() => [0, 0, { product_id: 1 + Math.floor(random() * PRODUCTS), product_uom_qty: 1 }]);
  const order = await client.call<number>('sale.order', 'create', [{ partner_id: 10 + Math.floor(random() * 100), client_order_ref: 'oc-bench', order_line: lines }]);
  await client.call('sale.order', 'action_confirm', [[order]]);
  const [picking] = await client.call<Array<{ id: number }>>('stock.picking', 'search_read', [[['sale_id', '=', order], ['picking_type_code', '=', 'outgoing'], ['state', 'not in', ['done', 'cancel']]]], { fields: ['id'] });
  if (picking) await client.call('stock.picking', 'button_validate', [[picking.id]]);
}

async function level(url: string, workers: number, clients: number, logFile: string): Promise<LevelResult> {
  const target = { url, db: DB, login: 'admin', password: PASSWORD, timeoutMs: 120_000 };
  const sessions = await Promise.all(Array.from({ length: clients }, async () => {
    const c = createClient(target, 'xmlrpc');
    await c.authenticate();
    return c;
  }));
  const retriesBefore = (readFileSync(logFile, 'utf8').match(/SERIALIZATION_FAILURE, \d tries left/g) ?? []).length;
  const latencies: number[] = [];
  let errors = 0;
  const startedAt = performance.now();
  const deadline = startedAt + SECONDS * 1000;
  let seed = workers * 1000 + clients;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  await Promise.all(sessions.map(async (client) => {
    while (performance.now() < deadline) {
      const started = performance.now();
      try {
        await flow(client, random);
        latencies.push((performance.now() - started) / 1000);
      } catch {
        errors += 1;
      }
    }
  }));
  await Promise.all(sessions.map((c) => c.close()));
  const retries = (readFileSync(logFile, 'utf8').match(/SERIALIZATION_FAILURE, \d tries left/g) ?? []).length - retriesBefore;
  latencies.sort((a, b) => a - b);
  const elapsed = (performance.now() - startedAt) / 1000;
  return {
    workers, clients, flows: latencies.length, errors,
    flowsPerS: latencies.length / elapsed,
    meanS: latencies.reduce((s, x) => s + x, 0) / Math.max(1, latencies.length),
    p50S: quantile(latencies, 0.5), p95S: quantile(latencies, 0.95),
    retriesPerMin: (retries * 60) / elapsed,
  };
}

export async function run(): Promise<LevelResult[]> {
  const dir = await temporaryLabDirectory('lab-bench-');
  const pg = await startPostgres({ dataDir: path.join(dir, 'pgdata') });
  const connection = { host: pg.host, port: pg.port, user: pg.user, password: pg.password };
  const results: LevelResult[] = [];
  try {
    await createLabDatabase(connection, DB, { dataset: 'small', adminPassword: PASSWORD });
    process.stdout.write(`lab scaling: ${cpus().length} CPUs, ${SECONDS} s per level, 3-line orders over ${PRODUCTS} products, XML-RPC closed loop, timeScale ${TIME_SCALE}\n`);
    process.stdout.write('workers clients  flows/s  mean_s  p50_s  p95_s  retries/min errors\n');
    for (const workers of WORKERS) {
      const logFile = path.join(dir, `odoo-${workers}.log`);
      const server = await startLabServer({ pg: connection, db: DB, workers, logFile, timeScale: TIME_SCALE });
      try {
        // warm-up: the first request of each worker loads the registry (~3.5 s)
        const warm = createClient({ url: server.url, db: DB, login: 'admin', password: PASSWORD, timeoutMs: 120_000 }, 'jsonrpc');
        await warm.authenticate();
        await Promise.all(Array.from({ length: workers * 2 }, () => warm.call('res.partner', 'search_count', [[]])));
        await warm.close();
        for (const clients of CLIENTS) {
          const r = await level(server.url, workers, clients, logFile);
          results.push(r);
          process.stdout.write(
            `${String(workers).padStart(7)} ${String(clients).padStart(7)} ${r.flowsPerS.toFixed(2).padStart(8)} ${r.meanS.toFixed(2).padStart(7)} ` +
              `${r.p50S.toFixed(2).padStart(6)} ${r.p95S.toFixed(2).padStart(6)} ${r.retriesPerMin.toFixed(0).padStart(12)} ${String(r.errors).padStart(6)}\n`,
          );
        }
      } finally {
        await server.stop();
      }
    }
  } finally {
    await pg.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}
