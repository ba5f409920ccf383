/**
 * Size budget: the report of a synthetic ONE-HOUR run directory (two journeys with two steps each,
 * one-second windows, pg_activity every second, counter snapshots every 5 s, Odoo request lines)
 * stays under 1.5 MB, with every chart drawn. The directory is written as the collectors would.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getProfile } from '../../../scenarios/profiles/index.js';
import { compileProfile } from '../../../src/engine/compile.js';
import { buildReport, type BuiltReport } from '../../../src/pipeline/build-report.js';
import { encodeHistogram, newHistogram } from '../../../src/run/histogram.js';
import { RunWriter } from '../../../src/run/writer.js';

const HOUR_S = 3600;
const T0 = Date.parse('2026-03-02T06:00:00.000Z');
const JOURNEYS = ['order-to-delivery', 'barcode-pick'];
const STEPS = ['create', 'validate'];

let root: string;
let report: BuiltReport;

/** An encoded histogram of `n` latencies around `ms` (µs values). */
function histogram(ms: number, n: number): string {
  const h = newHistogram();
  for (let i = 0; i < n; i++) h.recordValue(Math.round(ms * 1000 * (0.6 + (0.8 * i) / Math.max(1, n - 1))));
  const encoded = encodeHistogram(h);
  h.destroy();
  return encoded;
}

async function writeLines(file: string, lines: () => Generator<string>): Promise<void> {
  const out = createWriteStream(file);
  for (const line of lines()) if (!out.write(`${line}\n`)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'one-hour-'));
  const plan = compileProfile(getProfile('morning-order-wave'), { scale: 1, compress: { durationS: HOUR_S, keep: 'peak-rates' }, seed: 3 });
  const writer = await RunWriter.create({ root, id: 'one-hour', manifest: { engine: 'embedded', target: { url: 'http://staging.example', db: 'staging', login: 'admin' }, pg: { url: 'postgres://odoo@db/staging' }, plan } });
  await writer.close('completed');
  const manifestFile = path.join(writer.dir, 'manifest.json');
  const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as Record<string, unknown>;
  await writeFile(manifestFile, JSON.stringify({ ...manifest, startedAt: new Date(T0).toISOString(), endedAt: new Date(T0 + HOUR_S * 1000).toISOString() }));

  // A few distinct histograms reused: encoding 14 400 different ones would only slow the test.
  const encoded = [200, 300, 450, 700].map((ms) => histogram(ms, 4));
  await writeLines(path.join(writer.dir, 'metrics.ndjson'), function* () {
    for (let s = 0; s < HOUR_S; s++) {
      const level = Math.floor(s / 600) % 4;
      for (const journey of JOURNEYS) {
        yield JSON.stringify({ v: 1, type: 'window', t: T0 + s * 1000, journey, step: null, ok: 2 + level, errors: s % 300 === 0 ? { timeout: 1 } : {}, latency: encoded[level], service: encoded[level], dropped: 0, scheduled: 2 + level });
        for (const step of STEPS) yield JSON.stringify({ v: 1, type: 'window', t: T0 + s * 1000, journey, step, ok: 2 + level, errors: {}, latency: encoded[0] });
      }
    }
  });
  await writeLines(path.join(writer.dir, 'pg_activity.ndjson'), function* () {
    for (let s = 0; s < HOUR_S; s++) {
      const sessions = [0, 1, 2].map((i) => ({ pid: 100 + i, state: i === 0 ? 'active' : 'idle in transaction', waitEventType: i === 0 ? null : 'Client', waitEvent: i === 0 ? null : 'ClientRead', applicationName: 'odoo', backendType: 'client backend', xactAgeS: 0.1, queryAgeS: 0.1, waitClass: i === 0 ? 'cpu' : 'odoo-python' }));
      yield JSON.stringify({ v: 1, type: 'pg_activity', t: T0 + s * 1000, total: 8, sessions });
    }
  });
  await writeLines(path.join(writer.dir, 'pg_stats.ndjson'), function* () {
    for (let s = 0; s <= HOUR_S; s += 5) {
      const statements = Array.from({ length: 20 }, (_, i) => ({ queryId: String(i), query: `SELECT ${i} FROM stock_quant WHERE product_id = $1`, calls: s * (i + 1), totalExecTimeMs: s * (20 - i), meanExecTimeMs: 1, rows: s, sharedBlksHit: s * 10, sharedBlksRead: s }));
      yield JSON.stringify({ v: 1, type: 'pg_stats', t: T0 + s * 1000, edge: s === 0 ? 'start' : s === HOUR_S ? 'end' : undefined, serverVersionNum: 160000, database: { xact_commit: s * 20, xact_rollback: s * 9, deadlocks: 0, conflicts: 0, temp_files: 0, temp_bytes: 0, blks_hit: s * 1000, blks_read: s }, bgwriter: { buffers_clean: s, checkpoints_timed: Math.floor(s / 300), checkpoints_req: 0, checkpoint_write_time: s, checkpoint_sync_time: 1, buffers_checkpoint: s, buffers_backend: 0 }, checkpointer: null, wal: { wal_bytes: s * 50_000 }, connections: { inUse: 8, database: 6, max: 100, reservedSuperuser: 3 }, statements });
    }
  });
  await writeLines(path.join(writer.dir, 'odoo_log.ndjson'), function* () {
    for (let s = 0; s < HOUR_S; s++) {
      for (const [i, model] of ['sale.order', 'stock.picking'].entries()) {
        yield JSON.stringify({ v: 1, type: 'odoo_request', t: T0 + s * 1000 + i, pid: 200 + i, db: 'staging', method: 'POST', path: `/web/dataset/call_kw/${model}/write`, status: 200, queries: 12, sqlS: 0.02, otherS: 0.05, model, rpcMethod: 'write' });
      }
    }
  });
  report = await buildReport(writer.dir, { generatedAt: '2026-03-02T07:05:00.000Z' });
}, 120_000);

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe('the report of a one-hour run', () => {
  it('stays under 1.5 MB with every chart drawn', async () => {
    const html = await readFile(report.html, 'utf8');
    expect((await stat(report.html)).size).toBeLessThan(1.5 * 1024 * 1024);
    expect(html.match(/<figure class="chart /g)).toHaveLength(8);
    // 3600 one-second windows → 15-second buckets (at most 240 per series).
    expect(html).toContain('Points are 15-second buckets showing the worst window in each bucket.');
    expect(report.summary.durationS).toBe(HOUR_S);
    expect(report.summary.odoo?.workers.map((w) => w.utilization)).toEqual([0.07, 0.07]);
  });
});
