import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeHistogram, newHistogram } from '../../../src/run/histogram.js';
import { readRun } from '../../../src/run/reader.js';
import type { MetricWindow, RunManifest, RunStream } from '../../../src/run/records.js';
import { RunWriter } from '../../../src/run/writer.js';
import { plan } from './fixtures.js';


function window(t: number, ok: number): MetricWindow {
  const h = newHistogram();
  for (let i = 0; i < ok; i += 1) h.recordValue(1000 * (i + 1));
  return { v: 1, type: 'window', t, journey: 'order-entry', step: null, ok, errors: {}, latency: encodeHistogram(h), scheduled: ok, dropped: 0 };
}

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'run-writer-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('RunWriter', () => {
  it('writes a manifest without the password and records that read back in order', async () => {
    const target = { url: 'http://admin:secret@127.0.0.1:8069', db: 'stage', login: 'admin', password: 'secret' };
    const writer = await RunWriter.create({
      root,
      id: '20261123-103512-morning-order-wave-ab12',
      manifest: { engine: 'embedded', target, pg: { url: 'postgres://odoo:pgsecret@db/stage' }, plan },
      now: () => Date.UTC(2026, 10, 23, 9, 35, 12),
    });
    const first = JSON.parse(await readFile(path.join(writer.dir, 'manifest.json'), 'utf8')) as RunManifest;
    expect(first.status).toBe('running');
    expect(first.startedAt).toBe('2026-11-23T09:35:12.000Z');

    for (let i = 0; i < 150; i += 1) writer.window(window(1000 * i, i % 5));
    writer.event({ v: 1, type: 'phase', t: 0, phase: 'wave', edge: 'start' });
    writer.pgActivity({ v: 1, type: 'pg_activity', t: 5, total: 3, sessions: [] });
    writer.append('custom' as RunStream, { v: 1, type: 'note' });
    await writer.close('completed');

    const text = await readFile(path.join(writer.dir, 'manifest.json'), 'utf8');
    expect(text).not.toContain('secret');
    const run = await readRun(writer.dir);
    expect(run.manifest).toMatchObject({ id: writer.id, status: 'completed', target: { url: 'http://admin@127.0.0.1:8069', db: 'stage', login: 'admin' } });
    expect(run.manifest.target).not.toHaveProperty('password');
    expect(run.manifest.pg?.url).toBe('postgres://odoo@db/stage');
    expect(run.manifest.endedAt).toBe('2026-11-23T09:35:12.000Z');
    expect(run.windows.map((w) => w.t)).toEqual(Array.from({ length: 150 }, (_, i) => 1000 * i));
    expect(run.windows[7]?.ok).toBe(2);
    expect(run.events.map((e) => e.type)).toEqual(['phase', 'status']);
    expect(run.pgActivity).toHaveLength(1);
    expect(run.warnings).toEqual([]);
    expect((await readdir(writer.dir)).sort()).toEqual(['custom.ndjson', 'events.ndjson', 'manifest.json', 'metrics.ndjson', 'pg_activity.ndjson']);
  });

  it('redacts every string it writes: failure reasons, event messages, any stream', async () => {
    const writer = await RunWriter.create({ root, id: 'redacted', manifest: { engine: 'embedded', target: { url: 'http://x', db: 'd', login: 'l' }, plan } });
    writer.event({ v: 1, type: 'warning', t: 1, source: 'collector', message: 'lost postgres://monitor:hunter2@db:5432/stage, retrying' });
    const note = { v: 1 as const, type: 'note', detail: { nested: ['host=db password=hunter2 dbname=stage'] } };
    writer.append('custom' as RunStream, note);
    await writer.close('failed', 'collector could not connect to postgres://monitor:hunter2@db:5432/stage');
    for (const name of await readdir(writer.dir)) {
      expect(await readFile(path.join(writer.dir, name), 'utf8'), name).not.toContain('hunter2');
    }
    const run = await readRun(writer.dir);
    expect(run.manifest.statusReason).toBe('collector could not connect to postgres://monitor@db:5432/stage');
    expect(run.events.map((e) => (e.type === 'warning' ? e.message : e.type))).toEqual(['lost postgres://monitor@db:5432/stage, retrying', 'status']);
  });

  it('records the writing process (host and pid) for liveness', async () => {
    const writer = await RunWriter.create({ root, id: 'pid', manifest: { engine: 'embedded', target: { url: 'http://x', db: 'd', login: 'l' }, plan } });
    await writer.close('completed');
    expect(writer.manifest.host).toMatchObject({ pid: process.pid });
  });

  it('flushes a full batch (64 records) without waiting for the timer or close', async () => {
    const writer = await RunWriter.create({ root, manifest: { engine: 'embedded', target: { url: 'http://x', db: 'd', login: 'l' }, plan }, flushIntervalMs: 60_000 });
    for (let i = 0; i < 64; i += 1) writer.window(window(i, 1));
    await writer.flush();
    const lines = (await readFile(path.join(writer.dir, 'metrics.ndjson'), 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(64);
    writer.window(window(64, 1));
    await new Promise((r) => setTimeout(r, 50));
    expect((await readFile(path.join(writer.dir, 'metrics.ndjson'), 'utf8')).trim().split('\n')).toHaveLength(64); // 65th still buffered
    await writer.close('interrupted', 'Ctrl-C');
    const run = await readRun(writer.dir);
    expect(run.windows).toHaveLength(65);
    expect(run.manifest).toMatchObject({ status: 'interrupted', statusReason: 'Ctrl-C' });
    expect(run.events.at(-1)).toMatchObject({ type: 'status', status: 'interrupted', reason: 'Ctrl-C' });
  });

  it('flushes on the interval', async () => {
    const writer = await RunWriter.create({ root, manifest: { engine: 'embedded', target: { url: 'http://x', db: 'd', login: 'l' }, plan }, flushIntervalMs: 20 });
    writer.event({ v: 1, type: 'warning', t: 1, source: 'test', message: 'm' });
    await new Promise((r) => setTimeout(r, 120));
    expect(await readFile(path.join(writer.dir, 'events.ndjson'), 'utf8')).toContain('"warning"');
    await writer.close('completed');
  });

  it('refuses to reuse an existing run directory', async () => {
    const options = { root, id: 'same', manifest: { engine: 'embedded' as const, target: { url: 'http://x', db: 'd', login: 'l' }, plan } };
    const w = await RunWriter.create(options);
    await w.close('completed');
    await expect(RunWriter.create(options)).rejects.toThrow(/EEXIST/);
  });
});

describe('RunWriter failures', () => {
  it('reports a failed append through onError and close()', async () => {
    const errors: Error[] = [];
    const writer = await RunWriter.create({ root, manifest: { engine: 'embedded', target: { url: 'http://x', db: 'd', login: 'l' }, plan }, onError: (e) => errors.push(e) });
    await rm(writer.dir, { recursive: true });
    writer.window(window(0, 1));
    await expect(writer.close('completed')).rejects.toThrow(/ENOENT/);
    expect(errors).toHaveLength(1);
  });
});
