/** Messages between the lab master (HTTP front) and its worker processes, over the fork IPC channel. */

/** Worker start-up settings (sent once, right after fork). */
export interface WorkerConfig {
  pg: { host: string; port: number; user: string; password: string };
  db: string;
  /** HMAC secret shared by all workers, for session ids. */
  sessionSecret: string;
  logFile?: string;
  /** Service-time multiplier (1 = calibrated Odoo timings). */
  timeScale: number;
  /** Per-process pool limit (Odoo's db_maxconn, default 64). */
  dbMaxConn: number;
  /** `http` serves requests (WorkerHTTP); `cron` runs the scheduled jobs (WorkerCron). */
  role?: 'http' | 'cron';
  /** Cron: seconds between two polls for due jobs, and the lab's job interval (Odoo: SLEEP_INTERVAL 60 s). */
  cronIntervalS?: number;
}

export interface HttpRequestMessage {
  type: 'request';
  id: number;
  method: string;
  /** Path with query string, as sent. */
  url: string;
  headers: Record<string, string>;
  body: string;
  remoteAddress: string;
}

export interface HttpResponseMessage {
  type: 'response';
  id: number;
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type MasterToWorker = { type: 'init'; config: WorkerConfig } | HttpRequestMessage;
/** A cron worker reports when it starts and ends a job, for the master's limit_time_real watchdog. */
export type CronActivityMessage = { type: 'busy' } | { type: 'idle' };

export type WorkerToMaster = { type: 'ready'; pid: number } | { type: 'failed'; message: string } | HttpResponseMessage | CronActivityMessage;
