/**
 * Entry point of one lab worker process (Odoo's WorkerHTTP): receives its settings, opens its
 * own connection pool (application_name `odoo-<pid>`, at most db_maxconn connections), then serves
 * the requests the master hands it, one at a time.
 */
import pg from 'pg';
import { runCronLoop } from './cron.js';
import { LabWorkerApp } from './dispatch.js';
import { OdooLog } from './log.js';
import type { MasterToWorker, WorkerConfig, WorkerToMaster } from './protocol.js';

function send(message: WorkerToMaster): void {
  process.send?.(message);
}

/** `ODOO_PGAPPNAME` with `{pid}` (Odoo's override), else `odoo-<pid>`. */
export function applicationName(pid: number, override = process.env.ODOO_PGAPPNAME): string {
  return (override ?? 'odoo-{pid}').replace('{pid}', String(pid)).slice(0, 63);
}

async function start(config: WorkerConfig): Promise<LabWorkerApp> {
  const pool = new pg.Pool({
    ...config.pg,
    database: config.db,
    max: config.dbMaxConn,
    application_name: applicationName(process.pid),
    idleTimeoutMillis: 0,
  });
  pool.on('error', () => undefined); // an idle connection dropped by the server is simply replaced
  const client = await pool.connect(); // fail fast when the database is unreachable
  client.release();
  const cron = config.role === 'cron';
  new OdooLog(config.logFile).info('?', 'odoo.service.server', `Worker ${cron ? 'WorkerCron' : 'WorkerHTTP'} (${process.pid}) alive`);
  if (cron) {
    // starts after 'ready' is sent (the loop never returns)
    setImmediate(() => void runCronLoop(config, pool, send));
  }
  return new LabWorkerApp(config, pool);
}

let app: LabWorkerApp | undefined;
process.on('message', (message: MasterToWorker) => {
  if (message.type === 'init') {
    start(message.config).then(
      (started) => {
        app = started;
        send({ type: 'ready', pid: process.pid });
      },
      (error: unknown) => {
        send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
        process.exit(1);
      },
    );
  } else if (message.type === 'request' && app) {
    void app.handle(message).then(send);
  }
});
process.on('disconnect', () => process.exit(0));
