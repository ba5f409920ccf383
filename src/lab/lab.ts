/**
 * The whole lab: embedded PostgreSQL + an Odoo-compatible lab server on top of it.
 * `startLab` is used in-process by `demo` and the tests, and by the `lab start` daemon.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { startPostgres, type LabPostgres } from './postgres.js';
import { LAB_MAIL_SQL } from './schema.js';
import { createLabDatabase } from './seed.js';
import { startLabServer, type LabServer } from './server/index.js';

export type Dataset = 'small' | 'medium' | 'large';

export interface LabOptions {
  /** Lab directory: holds the cluster, the admin password file, the Odoo log and lab.json. */
  dir: string;
  /** Odoo HTTP workers (prefork processes). */
  workers: number;
  dataset: Dataset;
  /** HTTP port of the lab server (default: a free one). */
  port?: number;
  /** Drop and re-create the lab database first. */
  fresh?: boolean;
  /** `database.is_neutralized` (default true: the lab is a staging copy). */
  neutralized?: boolean;
  /** Service-time multiplier (tests use < 1 to stay fast). */
  timeScale?: number;
  /** Cron worker processes (Odoo's max_cron_threads; default 1). */
  maxCronThreads?: number;
  /** Cron poll period and job interval, seconds (default 60). */
  cronIntervalS?: number;
  /** Odoo's limit_time_real, seconds (default 120). */
  limitTimeReal?: number;
  /** Odoo's db_maxconn: connections per worker process (default 64). */
  dbMaxConn?: number;
}

export interface Lab {
  odoo: { url: string; db: string; login: string; password: string; passwordFile: string };
  pg: LabPostgres;
  /** Connection URL of the lab's Odoo database (contains the password: never log it). */
  pgUrl: string;
  /** Odoo-format request log of the lab server. */
  logFile: string;
  server: LabServer;
  stop(): Promise<void>;
}

export const LAB_DB = 'distri';
export const LAB_LOGIN = 'admin';

/** The lab admin's password, generated once and kept in `<dir>/admin-password` (mode 0600). */
export function labPasswordFile(dir: string): string {
  return path.join(dir, 'admin-password');
}

function adminPassword(dir: string): string {
  const file = labPasswordFile(dir);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const password = randomBytes(12).toString('base64url');
  writeFileSync(file, password + '\n', { mode: 0o600 });
  return password;
}

async function databaseExists(lab: LabPostgres, db: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: lab.url('postgres') });
  await client.connect();
  try {
    const result = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [db]);
    return result.rowCount === 1;
  } finally {
    await client.end();
  }
}

/** Adds what a lab database made by an older version lacks (the chatter tables of the web-client journeys). */
async function upgradeLabDatabase(lab: LabPostgres, db: string): Promise<void> {
  const client = new pg.Client({ connectionString: lab.url(db) });
  await client.connect();
  try {
    await client.query(LAB_MAIL_SQL);
  } finally {
    await client.end();
  }
}

async function dropDatabase(lab: LabPostgres, db: string): Promise<void> {
  const client = new pg.Client({ connectionString: lab.url('postgres') });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(db)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

export async function startLab(options: LabOptions): Promise<Lab> {
  const dir = path.resolve(options.dir);
  mkdirSync(dir, { recursive: true });
  const password = adminPassword(dir);
  const postgres = await startPostgres({ dataDir: path.join(dir, 'pgdata') });
  try {
    if (options.fresh) await dropDatabase(postgres, LAB_DB);
    if (!(await databaseExists(postgres, LAB_DB))) {
      await createLabDatabase(postgres, LAB_DB, {
        dataset: options.dataset,
        adminPassword: password,
        neutralized: options.neutralized ?? true,
      });
    } else {
      await upgradeLabDatabase(postgres, LAB_DB);
    }
    const logFile = path.join(dir, 'odoo.log');
    const server = await startLabServer({
      pg: { host: postgres.host, port: postgres.port, user: postgres.user, password: postgres.password },
      db: LAB_DB,
      workers: options.workers,
      port: options.port ?? 0,
      logFile,
      timeScale: options.timeScale ?? 1,
      maxCronThreads: options.maxCronThreads ?? 1,
      cronIntervalS: options.cronIntervalS,
      limitTimeReal: options.limitTimeReal,
      dbMaxConn: options.dbMaxConn,
    });
    return {
      odoo: { url: server.url, db: LAB_DB, login: LAB_LOGIN, password, passwordFile: labPasswordFile(dir) },
      pg: postgres,
      pgUrl: postgres.url(LAB_DB),
      logFile,
      server,
      async stop() {
        await server.stop().catch(() => undefined);
        await postgres.stop();
      },
    };
  } catch (error) {
    await postgres.stop().catch(() => undefined);
    throw error;
  }
}
