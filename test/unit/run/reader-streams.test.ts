import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readRun } from '../../../src/run/reader.js';
import { RunWriter } from '../../../src/run/writer.js';
import { plan } from './fixtures.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'run-reader-streams-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function emptyRun(): Promise<string> {
  const writer = await RunWriter.create({ root, id: 'r1', manifest: { engine: 'embedded', target: { url: 'http://x', db: 'd', login: 'l' }, plan } });
  await writer.close('completed');
  return writer.dir;
}

const snapshot = (t: number) =>
  JSON.stringify({ v: 1, type: 'pg_stats', t, serverVersionNum: 160000, database: { xact_commit: t }, bgwriter: null, checkpointer: null, wal: null, connections: { inUse: 3, database: 2, max: 100, reservedSuperuser: 3 } });
const request = (t: number) =>
  JSON.stringify({ v: 1, type: 'odoo_request', t, pid: 42, db: 'd', method: 'POST', path: '/jsonrpc', status: 200, queries: 4, sqlS: 0.01, otherS: 0.02 });

describe('readRun: the collector and engine streams', () => {
  it('reads pg_stats, odoo_log, pg_log, pg_wait_sampling and engine records; absent files are empty', async () => {
    const dir = await emptyRun();
    await writeFile(path.join(dir, 'pg_stats.ndjson'), `${snapshot(1)}\n${JSON.stringify({ v: 1, type: 'pg_lock_waits', t: 2, waits: [] })}\n`);
    await writeFile(path.join(dir, 'odoo_log.ndjson'), `${request(5)}\n`);
    await writeFile(path.join(dir, 'pg_log.ndjson'), `${JSON.stringify({ v: 1, type: 'pg_log_error', t: 3, concurrencyClass: 'deadlock', message: 'deadlock detected' })}\n`);
    const run = await readRun(dir);
    expect(run.pgStats.map((r) => r.type)).toEqual(['pg_stats', 'pg_lock_waits']);
    expect(run.odooLog).toHaveLength(1);
    expect(run.pgLog[0]?.concurrencyClass).toBe('deadlock');
    expect(run.pgWaitSampling).toEqual([]);
    expect(run.engine).toEqual([]);
    expect(run.warnings).toEqual([]);
  });

  it('skips a torn last line of a collector stream with a warning naming the file and line', async () => {
    const dir = await emptyRun();
    await writeFile(path.join(dir, 'odoo_log.ndjson'), `${request(5)}\n${request(6)}\n{"v":1,"type":"odoo_req`);
    await writeFile(path.join(dir, 'pg_stats.ndjson'), `${snapshot(1)}\n{"v":1,"ty`);
    const run = await readRun(dir);
    expect(run.odooLog.map((r) => r.t)).toEqual([5, 6]);
    expect(run.pgStats).toHaveLength(1);
    expect(run.warnings.sort()).toEqual([
      expect.stringMatching(/odoo_log\.ndjson:3: truncated last line skipped/),
      expect.stringMatching(/pg_stats\.ndjson:2: truncated last line skipped/),
    ].sort());
  });

  it('rejects a record of the wrong type in the middle of a stream', async () => {
    const dir = await emptyRun();
    await writeFile(path.join(dir, 'odoo_log.ndjson'), `${JSON.stringify({ v: 1, type: 'window', t: 1 })}\n${request(2)}\n`);
    await expect(readRun(dir)).rejects.toMatchObject({ code: 'RUN_CORRUPT', message: expect.stringMatching(/odoo_log\.ndjson:1: expected an OdooLogRecord/) });
  });
});
