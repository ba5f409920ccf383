/**
 * What a stretch of work cost a server, from its own request log (Odoo's, or the lab's in the same
 * format: per request `<queries> <SQL s> <other s>`). Shared by the fidelity benchmarks, which must
 * be the only clients of that server while they measure.
 */
import { readFileSync, rmSync } from 'node:fs';
import { parseOdooLog } from '../src/collect/odoo-log-parse.js';
import { startLab } from '../src/lab/lab.js';
import { temporaryLabDirectory } from '../src/lab/postgres.js';
import type { OdooTarget } from '../src/odoo/types.js';
import type { OdooRequestRecord } from '../src/run/records.js';

export interface Cost {
  requests: number;
  sqlS: number;
  otherS: number;
  serverS: number;
}

/** Requests the server logged between two instants (its own clock is this machine's). */
export function costBetween(logFile: string, fromMs: number, toMs: number): Cost {
  const requests = parseOdooLog(readFileSync(logFile, 'utf8')).filter(
    (r): r is OdooRequestRecord => r.type === 'odoo_request' && r.t >= fromMs && r.t <= toMs && r.sqlS !== null && r.otherS !== null,
  );
  const sqlS = requests.reduce((s, r) => s + (r.sqlS ?? 0), 0);
  const otherS = requests.reduce((s, r) => s + (r.otherS ?? 0), 0);
  return { requests: requests.length, sqlS, otherS, serverS: sqlS + otherS };
}

/** The cost of `fn` on the server: the log lines written while it ran. */
export async function measured(logFile: string, fn: () => Promise<void>): Promise<Cost> {
  await new Promise((r) => setTimeout(r, 300)); // the previous work's last log line is written
  const from = Date.now();
  await fn();
  await new Promise((r) => setTimeout(r, 500));
  return costBetween(logFile, from, Date.now());
}

/** The server a fidelity bench measures: a real Odoo (ODOO_URL … and ODOO_LOG set), else a lab started for it. */
export interface MeasuredServer {
  target: OdooTarget;
  logFile: string;
  real: boolean;
  stop: () => Promise<void>;
}

export async function measuredServer(): Promise<MeasuredServer> {
  if (process.env.ODOO_URL !== undefined && process.env.ODOO_LOG !== undefined) {
    const target = { url: process.env.ODOO_URL, db: process.env.ODOO_DB ?? '', login: process.env.ODOO_LOGIN ?? 'admin', password: process.env.ODOO_PASSWORD ?? '', timeoutMs: 120_000 };
    return { target, logFile: process.env.ODOO_LOG, real: true, stop: async () => undefined };
  }
  const dir = await temporaryLabDirectory();
  const lab = await startLab({ dir, workers: 2, dataset: 'small', timeScale: 1 });
  return {
    target: { url: lab.odoo.url, db: lab.odoo.db, login: lab.odoo.login, password: lab.odoo.password, timeoutMs: 120_000 },
    logFile: lab.logFile,
    real: false,
    stop: async () => {
      await lab.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
