/**
 * The Odoo log parser on a real Odoo 17 log (test/fixtures/odoo17-log, see its README) and on
 * lines built from the format strings of Odoo 17's odoo/service/server.py and model.py.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  OdooLogParser,
  concurrencyClassOf,
  parseOdooLog,
  parseOdooLogHeader,
  parsePgLogLine,
  parseRequest,
} from '../../../src/collect/odoo-log-parse.js';
import type { OdooErrorRecord, OdooLogRecord, OdooRequestRecord, OdooRetryRecord, OdooWorkerRecord } from '../../../src/run/records.js';

const FIXTURE = new URL('../../fixtures/odoo17-log/odoo.log', import.meta.url);
const text = readFileSync(FIXTURE, 'utf8');
const records = parseOdooLog(text);
const ofType = <T extends OdooLogRecord['type']>(type: T) => records.filter((r): r is Extract<OdooLogRecord, { type: T }> => r.type === type);

/**
 * Independent count, grep-style: a line is a request line when it contains ` werkzeug: ` and
 * `HTTP/1.1" `; its figures are the last five space-separated fields.
 */
function grepRequests(log: string) {
  return log
    .split('\n')
    .filter((line) => line.includes(' werkzeug: ') && line.includes('HTTP/1.1" '))
    .map((line) => {
      const fields = line.trim().split(' ');
      const [status, , queries, sqlS, otherS] = fields.slice(-5);
      const request = line.slice(line.indexOf('"') + 1, line.lastIndexOf('"')).split(' ');
      return {
        pid: Number(fields[2]),
        method: request[0],
        path: request[1]!.split('?')[0],
        status: Number(status),
        queries: Number(queries),
        sqlS: Number(sqlS),
        otherS: Number(otherS),
      };
    });
}

describe('parseOdooLog on the Odoo 17 fixture', () => {
  it('extracts every request line with its figures', () => {
    const expected = grepRequests(text);
    expect(expected.length).toBe(538);
    const requests = ofType('odoo_request');
    expect(requests.map((r) => ({ pid: r.pid, method: r.method, path: r.path, status: r.status, queries: r.queries, sqlS: r.sqlS, otherS: r.otherS }))).toEqual(
      expected,
    );
    // Sums as a second check of the figures (computed from the grep above, in integers of ms).
    const sum = (f: (x: { queries: number; sqlS: number }) => number) => expected.reduce((s, x) => s + f(x), 0);
    expect(requests.reduce((s, r) => s + (r.queries ?? 0), 0)).toBe(sum((x) => x.queries));
    expect(Math.round(requests.reduce((s, r) => s + (r.sqlS ?? 0), 0) * 1000)).toBe(Math.round(sum((x) => x.sqlS) * 1000));
  });

  it('reads the model and method of /web/dataset/call_kw paths', () => {
    const kw = ofType('odoo_request').filter((r) => r.path.startsWith('/web/dataset/call_kw/'));
    expect(kw.length).toBe(grepRequests(text).filter((r) => r.path!.startsWith('/web/dataset/call_kw/')).length);
    for (const r of kw) expect(r.path).toBe(`/web/dataset/call_kw/${r.model}/${r.rpcMethod}`);
    expect(kw.filter((r) => r.model === 'sale.order' && r.rpcMethod === 'create').length).toBe(3);
    expect(ofType('odoo_request').filter((r) => r.path === '/xmlrpc/2/object').every((r) => r.model === undefined)).toBe(true);
  });

  it('reads the three SERIALIZATION_FAILURE retries and the errors that caused them', () => {
    expect(ofType('odoo_retry')).toEqual<OdooRetryRecord[]>([
      { v: 1, type: 'odoo_retry', t: Date.UTC(2026, 10, 23, 8, 31, 38, 60), pid: 13880, db: 'distri', code: 'SERIALIZATION_FAILURE', triesLeft: 4, waitS: 0.0298, exhausted: false },
      { v: 1, type: 'odoo_retry', t: Date.UTC(2026, 10, 23, 8, 32, 9, 937), pid: 13880, db: 'distri', code: 'SERIALIZATION_FAILURE', triesLeft: 4, waitS: 1.4677, exhausted: false },
      { v: 1, type: 'odoo_retry', t: Date.UTC(2026, 10, 23, 8, 33, 16, 448), pid: 13874, db: 'distri', code: 'SERIALIZATION_FAILURE', triesLeft: 4, waitS: 1.0445, exhausted: false },
    ]);
    const errors = ofType('odoo_error');
    expect(errors.length).toBe(3);
    expect(errors.every((e) => e.level === 'ERROR' && e.logger === 'odoo.sql_db' && e.concurrencyClass === 'serialization_failure')).toBe(true);
    expect(errors[0]!.message).toBe('bad query: SELECT id FROM stock_quant WHERE id IN (14) ORDER BY lot_id LIMIT 1 FOR NO KEY UPDATE SKIP LOCKED');
    expect(errors[0]!.detail).toBe('ERROR: could not serialize access due to concurrent update');
  });

  it('reads the restart: 5 workers exiting, 2 server starts, 5 workers alive', () => {
    const workers = ofType('odoo_worker');
    const count = (event: string) => workers.filter((w) => w.event === event).length;
    expect(count('server-stop')).toBe(1);
    expect(count('exiting')).toBe(5);
    expect(count('server-start')).toBe(2);
    expect(count('spawned')).toBe(5);
    expect(workers.find((w) => w.event === 'spawned' && w.workerKind === 'WorkerCron')?.workerPid).toBe(15734);
  });

  it('reads `?` and `None` as no database', () => {
    expect(ofType('odoo_worker').every((w) => w.type === 'odoo_worker')).toBe(true);
    const header = parseOdooLogHeader('2026-11-23 10:47:05,937 16026 INFO None werkzeug: 127.0.0.1 - - [23/Nov/2026 10:47:05] "POST /xmlrpc/2/common HTTP/1.1" 200 - 2 0.005 0.019');
    expect(header?.db).toBeNull();
  });
});

describe('parser details', () => {
  const line = (message: string, level = 'INFO', logger = 'odoo.service.server') => `2026-11-23 08:35:04,662 15731 ${level} distri ${logger}: ${message} `;
  const one = (input: string[]): OdooLogRecord[] => {
    const out: OdooLogRecord[] = [];
    const parser = new OdooLogParser((r) => out.push(r));
    input.forEach((l) => parser.push(l));
    parser.flush();
    return out;
  };

  it('reads the example line of the brief, and a `- - -` line without figures', () => {
    const header = parseOdooLogHeader(
      '2026-11-23 08:35:04,662 15731 INFO distri werkzeug: 127.0.0.1 - - [23/Nov/2026 08:35:04] "POST /web/dataset/call_kw/sale.order/action_confirm?x=1 HTTP/1.1" 200 - 79 0.054 0.095',
    )!;
    expect(parseRequest(header)).toEqual<OdooRequestRecord>({
      v: 1, type: 'odoo_request', t: Date.UTC(2026, 10, 23, 8, 35, 4, 662), pid: 15731, db: 'distri', method: 'POST',
      path: '/web/dataset/call_kw/sale.order/action_confirm', status: 200, queries: 79, sqlS: 0.054, otherS: 0.095,
      model: 'sale.order', rpcMethod: 'action_confirm',
    });
    const bare = parseRequest(parseOdooLogHeader('2026-11-23 08:35:04,662 15731 INFO ? werkzeug: 127.0.0.1 - - [23/Nov/2026 08:35:04] "GET /web/health HTTP/1.1" 200 - - - -')!);
    expect(bare).toMatchObject({ path: '/web/health', queries: null, sqlS: null, otherS: null, db: null });
  });

  it('strips terminal colours (ColoredPerfFilter)', () => {
    const colored = '2026-11-23 08:35:04,662 15731 \u001b[1;32m\u001b[1;49mINFO\u001b[0m distri werkzeug: 127.0.0.1 - - [23/Nov/2026 08:35:04] "POST /jsonrpc HTTP/1.1" 200 - \u001b[1;33m\u001b[1;49m79\u001b[0m 0.054 0.095';
    expect(parseRequest(parseOdooLogHeader(colored)!)).toMatchObject({ path: '/jsonrpc', queries: 79, sqlS: 0.054, otherS: 0.095 });
  });

  it('recognises the worker limits and kills of odoo/service/server.py', () => {
    const workers = one([
      line('Worker (4242) max request (8192) reached.'),
      line('Worker (4242) virtual memory limit (2684354560) reached.'),
      line('Worker (4242) CPU time limit (60) reached.'),
      line('WorkerHTTP (4242) timeout after 120s', 'ERROR'),
      line("Thread <Thread(odoo.service.http.request.1, started)> virtual real time limit (130/120s) reached.", 'WARNING'),
      line('Critial worker error (4242)', 'CRITICAL'),
    ]).filter((r): r is OdooWorkerRecord => r.type === 'odoo_worker');
    expect(workers.map((w) => [w.event, w.workerPid ?? null])).toEqual([
      ['max-requests', 4242],
      ['memory-limit', 4242],
      ['cpu-limit', 4242],
      ['timeout-killed', 4242],
      ['real-time-limit', null],
      ['critical-error', 4242],
    ]);
  });

  it('keeps an ERROR entry until its traceback is over, and classes deadlocks', () => {
    const out = one([
      line('bad query: UPDATE stock_quant SET quantity = 1 WHERE id = 3', 'ERROR', 'odoo.sql_db'),
      'ERROR: deadlock detected',
      'DETAIL:  Process 1 waits for ShareLock on transaction 2; blocked by process 3.',
      line('DEADLOCK_DETECTED, maximum number of tries reached!', 'INFO', 'odoo.service.model'),
    ]);
    expect(out.map((r) => r.type)).toEqual(['odoo_error', 'odoo_retry']);
    expect((out[0] as OdooErrorRecord).concurrencyClass).toBe('deadlock');
    expect((out[0] as OdooErrorRecord).detail.split('\n').length).toBe(2);
    expect(out[1]).toMatchObject({ code: 'DEADLOCK_DETECTED', exhausted: true, triesLeft: null });
  });

  it('classes PostgreSQL messages by SQLSTATE family', () => {
    expect(concurrencyClassOf('could not serialize access due to read/write dependencies among transactions')).toBe('serialization_failure');
    expect(concurrencyClassOf('could not obtain lock on row in relation "stock_quant"')).toBe('lock_not_available');
    expect(concurrencyClassOf('duplicate key value violates unique constraint')).toBeNull();
    expect(parsePgLogLine('2026-11-23 08:31:38.058 UTC [4242] ERROR:  could not serialize access due to concurrent update')).toEqual({
      concurrencyClass: 'serialization_failure',
      message: 'could not serialize access due to concurrent update',
    });
    expect(parsePgLogLine('2026-11-23 08:31:38.058 UTC [4242] ERROR:  deadlock detected')?.concurrencyClass).toBe('deadlock');
    expect(parsePgLogLine('2026-11-23 08:31:38.058 UTC [4242] STATEMENT:  UPDATE t SET x = 1')).toBeUndefined();
  });
});
