/**
 * The lab server's master (Odoo's prefork PreforkServer): accepts HTTP on one port, queues
 * complete requests FIFO and hands each to an idle worker process; a fixed pool of `workers`
 * children (child_process.fork of worker.ts/js) each serve ONE request at a time, so requests
 * beyond the worker count wait — as they wait in Odoo's listen backlog. Every response carries
 * `Connection: close` (Odoo's workers close the connection after each response).
 *
 * A worker that dies is replaced; the request it was serving gets HTTP 502 (what a proxy in
 * front of Odoo answers when a worker is killed mid-request).
 *
 * `maxCronThreads` cron worker processes (WorkerCron, server/cron.ts) run the scheduled jobs.
 * The watchdog is PreforkServer.process_timeout: a worker busy for `limitTimeReal` seconds on one
 * request (or job) is killed with SIGKILL and logged as
 * `ERROR ? odoo.service.server: WorkerHTTP (<pid>) timeout after <limit>s`; process_spawn forks a
 * replacement while the other workers keep serving.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OdooLog } from './log.js';
import type { HttpRequestMessage, WorkerConfig, WorkerToMaster } from './protocol.js';
import { workerScript } from './worker-path.js';

export interface LabServerOptions {
  pg: { host: string; port: number; user: string; password: string };
  db: string;
  /** HTTP worker processes (Odoo's `workers`). */
  workers: number;
  /** Listen address (default 127.0.0.1). */
  host?: string;
  /** Port (default 0: a free one). */
  port?: number;
  /** Odoo-format log file (appended). */
  logFile?: string;
  /** Service-time multiplier (default 1; tests use e.g. 0.1). */
  timeScale?: number;
  /** Connections per worker pool (Odoo's db_maxconn, default 64). */
  dbMaxConn?: number;
  /** Cron worker processes (Odoo's max_cron_threads; lab default 0). */
  maxCronThreads?: number;
  /** Cron poll period and job interval, seconds (default 60). */
  cronIntervalS?: number;
  /** Seconds a worker may spend on one request before it is killed (Odoo's limit_time_real, default 120). */
  limitTimeReal?: number;
}

export interface LabServer {
  url: string;
  port: number;
  /** Pids of the live workers. */
  workerPids(): number[];
  /** HTTP workers serving a request right now (for fault tests that kill a busy worker). */
  busyWorkerPids(): number[];
  /** Pids of the live cron workers. */
  cronPids(): number[];
  stop(): Promise<void>;
}

export class LabServerError extends Error {
  readonly code = 'LAB_SERVER';
}

interface PendingRequest {
  message: HttpRequestMessage;
  res: ServerResponse;
}

interface WorkerSlot {
  child: ChildProcess;
  pid: number;
  kind: 'http' | 'cron';
  ready: boolean;
  current?: PendingRequest;
  /** When the current request (or cron job) started (ms since epoch); undefined when idle. */
  busySince?: number;
  /** Killed by the watchdog (its replacement is not logged as an unexpected exit). */
  killed?: boolean;
}

/** Largest request body accepted (bytes). */
const MAX_BODY = 64 * 1024 * 1024;

export async function startLabServer(options: LabServerOptions): Promise<LabServer> {
  const master = new PreforkMaster(checkedConfig(options), options.limitTimeReal ?? 120, new OdooLog(options.logFile), await workerScript());
  const server = createServer((req, res) => master.receive(req, res));
  server.keepAliveTimeout = 0;
  const host = options.host ?? '127.0.0.1';
  try {
    await Promise.all([
      ...Array.from({ length: options.workers }, () => master.spawn('http')),
      ...Array.from({ length: options.maxCronThreads ?? 0 }, () => master.spawn('cron')),
    ]);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => resolve());
    });
  } catch (error) {
    await master.stopWorkers();
    server.close();
    throw error instanceof LabServerError ? error : new LabServerError(`lab server could not start: ${error instanceof Error ? error.message : String(error)}`);
  }
  const address = server.address() as AddressInfo;
  master.log.info('?', 'odoo.service.server', `HTTP service (werkzeug) running on ${host}:${address.port}`);
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    workerPids: () => master.pids((s) => s.kind === 'http'),
    busyWorkerPids: () => master.pids((s) => s.kind === 'http' && s.current !== undefined),
    cronPids: () => master.pids((s) => s.kind === 'cron'),
    async stop() {
      await master.stopWorkers();
      master.refuseQueued();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The workers' configuration from the options. @throws LabServerError for a bad worker count or time limit */
function checkedConfig(options: LabServerOptions): WorkerConfig {
  if (!Number.isInteger(options.workers) || options.workers < 1) {
    throw new LabServerError(`workers: expected a whole number ≥ 1, got ${options.workers}; pass --workers 1 or more.`);
  }
  const limitTimeReal = options.limitTimeReal ?? 120;
  if (!(limitTimeReal > 0)) throw new LabServerError(`limitTimeReal: expected seconds > 0, got ${limitTimeReal}; pass --limit-time-real 120 or another positive number.`);
  return {
    pg: options.pg,
    db: options.db,
    sessionSecret: randomBytes(32).toString('base64url'),
    logFile: options.logFile,
    timeScale: options.timeScale ?? 1,
    dbMaxConn: options.dbMaxConn ?? 64,
    cronIntervalS: options.cronIntervalS ?? 60,
  };
}

/** One HTTP answer, closing the connection (as Odoo's werkzeug does under prefork). */
function reply(res: ServerResponse, status: number, headers: Record<string, string>, body: string): void {
  if (res.headersSent || res.destroyed) return;
  res.shouldKeepAlive = false;
  res.writeHead(status, { ...headers, 'Content-Length': Buffer.byteLength(body), Connection: 'close', Server: 'Werkzeug/2.0.2 Python/3.10.12' });
  res.end(body);
}

/**
 * The master of the prefork server (Odoo's PreforkServer): a FIFO queue of requests, worker
 * processes that take one at a time, replacements for workers that die, and the watchdog that
 * kills a worker past limit_time_real.
 */
class PreforkMaster {
  private readonly queue: PendingRequest[] = [];
  private readonly slots = new Set<WorkerSlot>();
  private stopping = false;
  private nextId = 1;
  private readonly watchdog: NodeJS.Timeout;

  constructor(
    private readonly config: WorkerConfig,
    private readonly limitTimeReal: number,
    readonly log: OdooLog,
    private readonly script: string,
  ) {
    // PreforkServer.process_timeout, checked about 4 times per limit (at least once a second)
    this.watchdog = setInterval(() => this.killTimedOut(), Math.min(1000, Math.max(50, (limitTimeReal * 1000) / 4)));
    this.watchdog.unref();
  }

  /** Pids of the ready workers that `which` selects. */
  pids(which: (slot: WorkerSlot) => boolean): number[] {
    return [...this.slots].filter((s) => s.ready && which(s)).map((s) => s.pid);
  }

  /** Hands queued requests to idle HTTP workers, in order. */
  private dispatch(): void {
    for (const slot of this.slots) {
      if (!this.queue.length) return;
      // A worker killed a moment ago is disconnected before its 'exit' arrives: leave it to be replaced.
      if (slot.kind !== 'http' || !slot.ready || slot.current || !slot.child.connected) continue;
      // Requests whose client gave up while queued are dropped without taking the worker's turn:
      // skipping the worker instead could leave live requests queued behind idle workers for good.
      let pending = this.queue.shift();
      while (pending !== undefined && pending.res.destroyed) pending = this.queue.shift();
      if (pending === undefined) return;
      slot.current = pending;
      slot.busySince = Date.now();
      // If the channel closes under us, the worker's 'exit' handler answers this request with 502.
      slot.child.send(pending.message, (error) => {
        if (error) slot.busySince = undefined;
      });
    }
  }

  /** Forks a worker; resolves once it is ready. A worker that dies later is replaced (unless stopping). */
  spawn(kind: 'http' | 'cron' = 'http'): Promise<WorkerSlot> {
    return new Promise((resolve, reject) => {
      const child = fork(this.script, [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], serialization: 'json' });
      const slot: WorkerSlot = { child, pid: child.pid ?? 0, kind, ready: false };
      this.slots.add(slot);
      child.on('message', (message: WorkerToMaster) => {
        if (message.type === 'ready') {
          slot.ready = true;
          resolve(slot);
          this.dispatch();
        } else if (message.type === 'failed') {
          reject(new LabServerError(`lab worker ${slot.pid} could not start: ${message.message}`));
        } else this.onWorkerMessage(slot, message);
      });
      // A send racing a worker's death reports through the send callback; never let it go uncaught.
      child.on('error', () => undefined);
      child.on('exit', (code, signal) => {
        this.slots.delete(slot);
        if (!slot.ready) reject(new LabServerError(`lab worker ${slot.pid} exited during start-up (${signal ?? code})`));
        if (slot.current) reply(slot.current.res, 502, { 'Content-Type': 'text/plain' }, 'Bad Gateway');
        slot.current = undefined;
        if (!this.stopping) {
          if (!slot.killed) this.log.write('WARNING', '?', 'odoo.service.server', `Worker (${slot.pid}) exited (${signal ?? code}), forking a replacement`);
          this.spawn(kind).catch(() => undefined);
        }
      });
      child.send({ type: 'init', config: { ...this.config, role: kind } });
    });
  }

  /** A running worker's news: busy, idle, or the answer to its request. */
  private onWorkerMessage(slot: WorkerSlot, message: WorkerToMaster): void {
    if (message.type === 'busy') {
      slot.busySince = Date.now();
    } else if (message.type === 'idle') {
      slot.busySince = undefined;
    } else if (message.type === 'response' && slot.current?.message.id === message.id) {
      const { res } = slot.current;
      slot.current = undefined;
      slot.busySince = undefined;
      reply(res, message.status, message.headers, message.body);
      this.dispatch();
    }
  }

  private killTimedOut(): void {
    const now = Date.now();
    for (const slot of this.slots) {
      if (slot.busySince === undefined || slot.killed || now - slot.busySince < this.limitTimeReal * 1000) continue;
      this.log.write('ERROR', '?', 'odoo.service.server', `${slot.kind === 'cron' ? 'WorkerCron' : 'WorkerHTTP'} (${slot.pid}) timeout after ${this.limitTimeReal}s`);
      slot.killed = true;
      slot.child.kill('SIGKILL');
    }
  }

  /** The HTTP server's handler: reads the body (up to MAX_BODY) and queues the request. */
  receive(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reply(res, 413, { 'Content-Type': 'text/plain' }, 'Request Entity Too Large');
        req.destroy();
      } else {
        chunks.push(chunk);
      }
    });
    req.on('end', () => {
      if (this.stopping) return reply(res, 503, { 'Content-Type': 'text/plain' }, 'Service Unavailable');
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      this.queue.push({
        res,
        message: {
          type: 'request',
          id: this.nextId++,
          method: req.method ?? 'GET',
          url: req.url ?? '/',
          headers,
          body: Buffer.concat(chunks).toString('utf8'),
          remoteAddress: (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
        },
      });
      this.dispatch();
    });
  }

  /** SIGTERM to every worker (SIGKILL after 3 s); no replacements from now on. */
  async stopWorkers(): Promise<void> {
    this.stopping = true;
    clearInterval(this.watchdog);
    await Promise.all(
      [...this.slots].map(
        (slot) =>
          new Promise<void>((resolve) => {
            if (slot.child.exitCode !== null || slot.child.signalCode !== null) return resolve();
            slot.child.once('exit', () => resolve());
            slot.child.kill('SIGTERM');
            setTimeout(() => slot.child.kill('SIGKILL'), 3000).unref();
          }),
      ),
    );
  }

  /** Requests still queued when the server stops get a 503. */
  refuseQueued(): void {
    for (const pending of this.queue.splice(0)) reply(pending.res, 503, { 'Content-Type': 'text/plain' }, 'Service Unavailable');
  }
}
