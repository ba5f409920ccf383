/**
 * What the activity sampler costs the PostgreSQL it watches, at 1 Hz and at 10 Hz.
 *
 *   npx tsx bench/collector-cost.bench.ts [seconds per rate, default 5] [sessions, default 40]
 *
 * An embedded PostgreSQL gets `sessions` Odoo-like backends (a third idle in transaction, the rest
 * idle); the sampler then runs for the given time at each rate. Measured per rate:
 * - server side: pg_stat_statements calls and total_exec_time of the sampler's query (reset
 *   before each rate), i.e. PostgreSQL CPU spent executing it;
 * - client side: milliseconds per tick (query round trip; sessions are stored raw), mean and max;
 * - server ms per second of wall time: the load the sampler adds (1 core = 1000 ms/s).
 * The last line gives the 10 Hz / 1 Hz ratio of the server load (≈ 10 when the cost per tick is flat).
 */
import { rm } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { startActivityCollector } from '../src/collect/pg-activity.js';
import { startPostgres, temporaryLabDirectory } from '../src/lab/postgres.js';

const DB = 'odoo_bench';

interface RateResult {
  hz: number;
  ticks: number;
  serverCalls: number;
  serverTotalMs: number;
  serverMsPerTick: number;
  clientMeanMs: number;
  clientMaxMs: number;
  serverMsPerS: number;
}

export async function run(seconds = 5, sessions = 40): Promise<void> {
  const dir = await temporaryLabDirectory('odoo-capacity-bench-');
  const server = await startPostgres({ dataDir: `${dir}/pg` });
  const clients: pg.Client[] = [];
  try {
    const admin = new pg.Client({ connectionString: server.url('postgres') });
    await admin.connect();
    clients.push(admin);
    await admin.query(`CREATE DATABASE ${DB}`);
    const db = new pg.Client({ connectionString: server.url(DB) });
    await db.connect();
    clients.push(db);
    await db.query('CREATE EXTENSION pg_stat_statements');
    for (let i = 0; i < sessions; i++) {
      const c = new pg.Client({ connectionString: server.url(DB), application_name: `odoo-worker-${i}` });
      await c.connect();
      clients.push(c);
      if (i % 3 === 0) {
        await c.query('BEGIN');
        await c.query('SELECT 1');
      }
    }

    const results: RateResult[] = [];
    for (const hz of [1, 10]) {
      await db.query('SELECT pg_stat_statements_reset()');
      const durations: number[] = [];
      const collector = await startActivityCollector({
        pgUrl: server.url(DB),
        database: DB,
        intervalMs: 1000 / hz,
        sink: () => undefined,
        onTick: (tick) => durations.push(tick.durationMs),
      });
      const started = Date.now();
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
      await collector.stop();
      const wallS = (Date.now() - started) / 1000;
      const stats = await db.query<{ calls: number; total: number }>(
        `SELECT coalesce(sum(calls), 0)::float8 AS calls, coalesce(sum(total_exec_time), 0)::float8 AS total
           FROM pg_stat_statements WHERE query LIKE '%FROM pg_stat_activity%' AND query LIKE '%pg_backend_pid()%'`,
      );
      const { calls, total } = stats.rows[0]!;
      results.push({
        hz,
        ticks: durations.length,
        serverCalls: calls,
        serverTotalMs: total,
        serverMsPerTick: calls > 0 ? total / calls : 0,
        clientMeanMs: durations.reduce((s, d) => s + d, 0) / Math.max(1, durations.length),
        clientMaxMs: Math.max(0, ...durations),
        serverMsPerS: total / wallS,
      });
    }

    const f = (x: number, digits = 3) => x.toFixed(digits).padStart(10);
    console.log(`activity sampler cost, ${sessions} backends, ${seconds} s per rate (embedded PostgreSQL)`);
    console.log('  rate  ticks  server calls  server ms  ms/tick(srv)  ms/tick(client)  max(client)  server ms/s');
    for (const r of results) {
      console.log(
        `${String(r.hz).padStart(4)} Hz ${String(r.ticks).padStart(6)} ${String(r.serverCalls).padStart(13)} ${f(r.serverTotalMs)} ${f(r.serverMsPerTick, 4)}   ${f(r.clientMeanMs)}       ${f(r.clientMaxMs)}  ${f(r.serverMsPerS, 4)}`,
      );
    }
    const [one, ten] = results;
    if (one && ten && one.serverMsPerS > 0) {
      console.log(`ratio 10 Hz / 1 Hz: server load × ${(ten.serverMsPerS / one.serverMsPerS).toFixed(1)}, per-tick server cost × ${(ten.serverMsPerTick / Math.max(1e-9, one.serverMsPerTick)).toFixed(2)}`);
    }
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

// Run directly (npx tsx bench/collector-cost.bench.ts); `npm run bench` calls run().
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  run(Number(process.argv[2] ?? 5), Number(process.argv[3] ?? 40)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
}
