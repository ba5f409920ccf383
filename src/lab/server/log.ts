/**
 * Odoo's log format (odoo/netsvc.py, 17.0):
 * `%(asctime)s %(pid)s %(levelname)s %(dbname)s %(name)s: %(message)s %(perf_info)s`
 * with asctime `YYYY-MM-DD HH:MM:SS,mmm` (local time), dbname `?` outside a request, and perf_info
 * `<query count> <SQL seconds %.3f> <other seconds %.3f>` on werkzeug request lines ('' elsewhere,
 * hence the trailing space on every other line). werkzeug's message is
 * `<ip> - - [DD/Mon/YYYY HH:MM:SS] "<METHOD> <path> HTTP/1.1" <status> -`.
 */
import { appendFileSync } from 'node:fs';

export type LogLevel = 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR' | 'CRITICAL';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `2026-11-23 08:35:04,662` (Python logging's asctime, local time). */
export function asctime(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())},${pad(date.getMilliseconds(), 3)}`;
}

/** `23/Nov/2026 08:35:04` (werkzeug's request-line date, local time). */
export function werkzeugDate(date: Date): string {
  return `${pad(date.getDate())}/${MONTHS[date.getMonth()]}/${date.getFullYear()} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** One formatted log record (may span lines when the message does), newline-terminated. */
export function formatLogRecord(date: Date, pid: number, level: LogLevel, db: string, logger: string, message: string, perfInfo = ''): string {
  return `${asctime(date)} ${pid} ${level} ${db} ${logger}: ${message} ${perfInfo}\n`;
}

/** perf_info of a request: `79 0.054 0.095`. */
export function perfInfo(queryCount: number, sqlSeconds: number, otherSeconds: number): string {
  return `${queryCount} ${sqlSeconds.toFixed(3)} ${Math.max(0, otherSeconds).toFixed(3)}`;
}

/** werkzeug's request message (without perf_info). */
export function requestMessage(ip: string, date: Date, method: string, path: string, status: number): string {
  return `${ip} - - [${werkzeugDate(date)}] "${method} ${path} HTTP/1.1" ${status} -`;
}

/** Appends Odoo-format records to a file (or drops them when no file is set). */
export class OdooLog {
  constructor(
    private readonly file: string | undefined,
    private readonly pid: number = process.pid,
  ) {}

  write(level: LogLevel, db: string, logger: string, message: string, perf = ''): void {
    if (!this.file) return;
    // appendFileSync opens with O_APPEND: records of concurrent workers do not interleave within a line
    appendFileSync(this.file, formatLogRecord(new Date(), this.pid, level, db, logger, message, perf));
  }

  info(db: string, logger: string, message: string, perf = ''): void {
    this.write('INFO', db, logger, message, perf);
  }
}
