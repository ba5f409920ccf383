/**
 * The Odoo log collector on real files: lines appended while it runs, a rotation (rename +
 * new file), a truncation in place, an ERROR entry whose traceback arrives later, and the
 * fixture read after the fact.
 */
import { appendFileSync, readFileSync, renameSync, truncateSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollectors } from '../../../src/collect/index.js';
import { readOdooLogFile, startOdooLogCollector } from '../../../src/collect/odoo-log.js';
import type { OdooLogRecord } from '../../../src/run/records.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'odoo-capacity-log-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const request = (n: number) =>
  `2026-11-23 08:35:0${n % 10},662 15731 INFO distri werkzeug: 127.0.0.1 - - [23/Nov/2026 08:35:04] "POST /web/dataset/call_kw/sale.order/read HTTP/1.1" 200 - ${n} 0.0${n} 0.095\n`;

describe('startOdooLogCollector', () => {
  it('follows appends from the current end, across rotation and truncation', async () => {
    const file = path.join(dir, 'odoo.log');
    writeFileSync(file, request(0) + request(1)); // before the run: not collected
    const records: OdooLogRecord[] = [];
    const collector = await startOdooLogCollector({ file, sink: (r) => records.push(r), pollMs: 20 });
    appendFileSync(file, request(2));
    appendFileSync(file, request(3).slice(0, 40)); // a torn line: completed by the next write
    await sleep(80);
    appendFileSync(file, request(3).slice(40));
    await sleep(80);
    // logrotate: rename, then Odoo reopens a new file.
    appendFileSync(file, request(4));
    renameSync(file, `${file}.1`);
    writeFileSync(file, request(5));
    await sleep(100);
    // copytruncate: same inode, size back to zero.
    truncateSync(file, 0);
    appendFileSync(file, request(6));
    await sleep(100);
    // An ERROR whose traceback arrives in a later write: emitted once the file is quiet.
    appendFileSync(file, '2026-11-23 08:36:00,001 15731 ERROR distri odoo.sql_db: bad query: UPDATE x\n');
    await sleep(10);
    appendFileSync(file, 'ERROR: could not serialize access due to concurrent update\n');
    await sleep(100);
    await collector.stop();
    const queries = records.filter((r) => r.type === 'odoo_request').map((r) => r.queries);
    expect(queries).toEqual([2, 3, 4, 5, 6]);
    const errors = records.filter((r) => r.type === 'odoo_error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ concurrencyClass: 'serialization_failure', detail: 'ERROR: could not serialize access due to concurrent update' });
  });

  it('waits for a file that does not exist yet, then reads it from its start', async () => {
    const file = path.join(dir, 'later.log');
    const records: OdooLogRecord[] = [];
    const warnings: string[] = [];
    const collector = await startOdooLogCollector({ file, sink: (r) => records.push(r), onWarning: (w) => warnings.push(w), pollMs: 20 });
    await sleep(50);
    writeFileSync(file, request(7));
    await sleep(80);
    await collector.stop();
    expect(records.map((r) => r.type === 'odoo_request' && r.queries)).toEqual([7]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('cannot open');
  });
});

describe('readOdooLogFile', () => {
  it('reads the fixture after the fact, within a time window', async () => {
    const fixture = new URL('../../fixtures/odoo17-log/odoo.log', import.meta.url).pathname;
    const all = await readOdooLogFile(fixture);
    expect(all.filter((r) => r.type === 'odoo_request')).toHaveLength(readFileSync(fixture, 'utf8').split('\n').filter((l) => / werkzeug: .*HTTP\/1\.1" /.test(l)).length);
    const window = await readOdooLogFile(fixture, { fromMs: Date.UTC(2026, 10, 23, 8, 33, 28), toMs: Date.UTC(2026, 10, 23, 9) });
    expect(window.filter((r) => r.type === 'odoo_retry')).toHaveLength(0);
    expect(window.filter((r) => r.type === 'odoo_worker' && r.event === 'spawned')).toHaveLength(5);
  });
});

describe('startCollectors without a PostgreSQL', () => {
  it('starts the Odoo log collector alone and lists it in the manifest entries', async () => {
    const file = path.join(dir, 'only.log');
    writeFileSync(file, '');
    const records: OdooLogRecord[] = [];
    const running = await startCollectors({
      database: 'distri',
      odooLogFile: file,
      logPollMs: 20,
      sinks: {
        pgActivity: () => undefined,
        pgStats: () => undefined,
        odooLog: (r) => records.push(r),
        gap: () => undefined,
        warning: () => undefined,
      },
    });
    expect(running.collectors).toEqual([{ name: 'odoo_log', intervalMs: 20, source: 'odoo-log-file' }]);
    expect(running.privileges).toBeUndefined();
    appendFileSync(file, request(8));
    await sleep(60);
    await running.stop();
    expect(records.map((r) => r.type)).toEqual(['odoo_request']);
  });
});
