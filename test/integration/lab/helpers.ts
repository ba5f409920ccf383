/**
 * Test helpers for the lab server: one embedded PostgreSQL + small lab database + lab server per
 * test file, and minimal raw XML-RPC / JSON-RPC clients (fetch + the xmlrpc package's codec) so
 * that tests see the exact bytes-level behaviour (faults, missing `result` keys, cookies).
 */
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Readable } from 'node:stream';
import { startPostgres, temporaryLabDirectory, type LabPostgres } from '../../../src/lab/postgres.js';
import { createLabDatabase } from '../../../src/lab/seed.js';
import { startLabServer, type LabServer } from '../../../src/lab/server/index.js';

const require = createRequire(import.meta.url);
const serializer = require('xmlrpc/lib/serializer.js') as { serializeMethodCall(method: string, params: unknown[]): string };
type ResponseDeserializer = new () => {
  deserializeMethodResponse(stream: Readable, callback: (error: (Error & { faultCode?: number; faultString?: string }) | undefined, value?: unknown) => void): void;
};
const Deserializer = require('xmlrpc/lib/deserializer.js') as ResponseDeserializer;

export const DB = 'distri';
export const ADMIN_PASSWORD = 'lab-admin-secret';

export interface LabFixture {
  pg: LabPostgres;
  server: LabServer;
  dir: string;
  logFile: string;
  stop(): Promise<void>;
}

export interface FixtureOptions {
  workers?: number;
  timeScale?: number;
  maxCronThreads?: number;
  cronIntervalS?: number;
  limitTimeReal?: number;
}

export async function startFixture(options: FixtureOptions = {}): Promise<LabFixture> {
  const dir = await temporaryLabDirectory('lab-server-test-');
  const pg = await startPostgres({ dataDir: path.join(dir, 'pgdata') });
  const connection = { host: pg.host, port: pg.port, user: pg.user, password: pg.password };
  await createLabDatabase(connection, DB, { dataset: 'small', adminPassword: ADMIN_PASSWORD });
  const logFile = path.join(dir, 'odoo.log');
  const server = await startLabServer({
    pg: connection, db: DB, workers: options.workers ?? 2, logFile, timeScale: options.timeScale ?? 0.1,
    maxCronThreads: options.maxCronThreads, cronIntervalS: options.cronIntervalS, limitTimeReal: options.limitTimeReal,
  });
  return {
    pg,
    server,
    dir,
    logFile,
    async stop() {
      await server.stop().catch(() => undefined);
      await pg.stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface XmlRpcFault {
  faultCode: number;
  faultString: string;
}

/** One XML-RPC call; resolves `{ value }` or `{ fault }`. */
export async function xmlrpc(url: string, service: string, method: string, params: unknown[]): Promise<{ value?: unknown; fault?: XmlRpcFault }> {
  const response = await fetch(`${url}/xmlrpc/2/${service}`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/xml' },
    body: serializer.serializeMethodCall(method, params),
  });
  const text = await response.text();
  return new Promise((resolve, reject) => {
    new Deserializer().deserializeMethodResponse(Readable.from([text]), (error, value) => {
      if (error && typeof error.faultCode === 'number') resolve({ fault: { faultCode: error.faultCode, faultString: error.faultString ?? '' } });
      else if (error) reject(error);
      else resolve({ value });
    });
  });
}

/** `execute_kw` as admin (uid 2). */
export async function executeKw(url: string, model: string, method: string, args: unknown[], kwargs: Record<string, unknown> = {}) {
  return xmlrpc(url, 'object', 'execute_kw', [DB, 2, ADMIN_PASSWORD, model, method, args, kwargs]);
}

/** A JSON-RPC POST; returns the parsed body, the response and its headers. */
export async function jsonCall(url: string, route: string, params: Record<string, unknown>, cookie?: string) {
  const response = await fetch(`${url}${route}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(cookie ? { Cookie: cookie } : {}) },
    body: JSON.stringify({ jsonrpc: '2.0', method: 'call', params, id: 7 }),
  });
  const body = (await response.json()) as Record<string, unknown>;
  return { status: response.status, headers: response.headers, body };
}
